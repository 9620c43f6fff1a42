import { graphql } from '../../../gql';

/** A scope as the words describe it (the report and the public page share it). */
export const ScopeFields = graphql(`
  fragment ScopeWords on Scope {
    id
    rule
    n
    weeks
    areaKind
    source
  }
`);

/** What was done against what was required, per scope and cell (the report and the public page). */
export const ComplianceFields = graphql(`
  fragment ComplianceFigures on Compliance {
    today
    standing
    activities {
      activityId
      standing
      counted
      notCounted
      scopes {
        scopeId
        standing
        done
        required
        behind
        cells {
          unit
          label
          year
          from
          to
          done
          required
          missing
          status
        }
      }
    }
  }
`);

/** The follow-up report of a promise, for the partners and the secretariat. */
export const PromiseReport = graphql(`
  query PromiseReport($id: ID!) {
    promise(id: $id) {
      id
      title
      municipality {
        id
        name
      }
      periodFrom
      periodTo
      followUpOn
      status
      publishedAt
      canManage
      pledges {
        id
        text
        activities {
          id
          text
          internal
          responsibleOrganisations {
            id
            name
          }
          responsibleUnit
          periodFrom
          periodTo
          followUpOn
          scopes {
            ...ScopeWords
          }
        }
      }
      compliance {
        ...ComplianceFigures
      }
      narratives {
        activityId
        organisation {
          id
          name
        }
        narrative
        nextSteps
        internal
      }
    }
  }
`);

/** The report as CSV, fetched only when asked for. */
export const PromiseReportCsv = graphql(`
  query PromiseReportCsv($id: ID!) {
    promise(id: $id) {
      id
      title
      reportCsv
    }
  }
`);
