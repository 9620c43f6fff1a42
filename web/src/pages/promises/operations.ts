// The citizen promises (medborgarlöften): a partnership's list, one promise with its plan,
// compliance, signatories, narratives and occasions, and the changes its secretariat and its
// partners make.
import { graphql } from '../../gql';

export const PAGE_SIZE = 10;

/** A council's promises, a page at a time (newest first), with how each stands today. */
export const CouncilPromises = graphql(`
  query CouncilPromises($councilId: ID!, $first: Int!, $after: String) {
    promises(councilId: $councilId, first: $first, after: $after) {
      edges {
        node {
          id
          title
          periodFrom
          periodTo
          status
          publishedAt
          compliance {
            standing
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The council's member organisations: the municipalities a promise can count areas in. */
export const CouncilOrganisations = graphql(`
  query CouncilOrganisations($id: ID!) {
    council(id: $id) {
      id
      memberships {
        id
        organisation {
          id
          name
          kind
        }
      }
    }
  }
`);

export const CreatePromise = graphql(`
  mutation CreatePromise($input: CreatePromiseInput!) {
    createPromise(input: $input) {
      id
      title
    }
  }
`);

/** Everything the promise page shows but the occasions (a page at a time, below). */
export const PromiseDetail = graphql(`
  query PromiseDetail($id: ID!) {
    me {
      id
      affiliations {
        id
        organisation {
          id
          name
        }
      }
    }
    promise(id: $id) {
      id
      title
      periodFrom
      periodTo
      followUpOn
      status
      publishedAt
      canManage
      council {
        id
        name
        memberships {
          id
          organisation {
            id
            name
            kind
          }
        }
      }
      municipality {
        id
        name
      }
      pledges {
        id
        text
      }
      activities {
        id
        pledgeId
        text
        responsibleOrganisations {
          id
          name
        }
        responsibleUnit
        periodFrom
        periodTo
        followUpOn
        internal
        scopes {
          id
          rule
          n
          weeks
          areaKind
          source
        }
      }
      signatories {
        id
        name
        title
        organisation {
          id
          name
        }
        signedOn
      }
      compliance {
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
              unitKey
              areaId
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
      narratives {
        activityId
        organisation {
          id
          name
        }
        narrative
        nextSteps
        internal
        updatedAt
      }
    }
  }
`);

/** The occasions reported, newest first, a page at a time. */
export const PromiseOccasions = graphql(`
  query PromiseOccasions($id: ID!, $first: Int!, $after: String) {
    promise(id: $id) {
      id
      occasions(first: $first, after: $after) {
        edges {
          node {
            id
            activityId
            occurredOn
            area {
              id
              name
            }
            organisation {
              id
              name
            }
            peopleReached
            targetGroups
            present {
              id
              name
            }
            notes
            inputIds
            counted
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** What the report page needs: the activities, the council's members and who reports. */
export const ReportChoices = graphql(`
  query ReportChoices($id: ID!) {
    me {
      id
      affiliations {
        id
        organisation {
          id
          name
        }
      }
    }
    promise(id: $id) {
      id
      title
      status
      municipality {
        id
        name
      }
      council {
        id
        memberships {
          id
          organisation {
            id
            name
          }
        }
      }
      activities {
        id
        text
        responsibleOrganisations {
          id
        }
      }
    }
  }
`);

/** The inputs the reader's organisations gave, newest first: what a dialogue produced. */
export const MyInputsToLink = graphql(`
  query MyInputsToLink($first: Int!, $after: String) {
    myInputs(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          submittedAt
          meeting {
            id
            title
          }
        }
      }
    }
  }
`);

/** A municipality's districts and outer areas, by name, a page at a time. */
export const Areas = graphql(`
  query PromiseAreas($municipalityId: ID!, $first: Int!, $after: String) {
    areas(municipalityId: $municipalityId, first: $first, after: $after) {
      edges {
        node {
          id
          name
          kind
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ReportOccasion = graphql(`
  mutation ReportOccasion($input: ReportOccasionInput!) {
    reportOccasion(input: $input) {
      id
      occurredOn
      counted
      area {
        id
        name
      }
    }
  }
`);

export const AddPledge = graphql(`
  mutation AddPledge($promiseId: ID!, $text: String!) {
    addPledge(promiseId: $promiseId, text: $text) {
      id
      pledges {
        id
        text
      }
    }
  }
`);

export const AddActivity = graphql(`
  mutation AddActivity($input: AddActivityInput!) {
    addActivity(input: $input) {
      id
      activities {
        id
        text
      }
    }
  }
`);

export const RemoveActivity = graphql(`
  mutation RemoveActivity($id: ID!) {
    removeActivity(id: $id) {
      id
      activities {
        id
      }
    }
  }
`);

export const AddSignatory = graphql(`
  mutation AddSignatory($input: AddSignatoryInput!) {
    addSignatory(input: $input) {
      id
      signatories {
        id
        name
      }
    }
  }
`);

export const SetPromiseStatus = graphql(`
  mutation SetPromiseStatus($id: ID!, $status: PromiseStatus!) {
    setPromiseStatus(id: $id, status: $status) {
      id
      status
    }
  }
`);

export const PublishPromise = graphql(`
  mutation PublishPromise($id: ID!, $published: Boolean!) {
    publishPromise(id: $id, published: $published) {
      id
      publishedAt
    }
  }
`);

export const SetActivityNarrative = graphql(`
  mutation SetActivityNarrative($input: ActivityNarrativeInput!) {
    setActivityNarrative(input: $input) {
      activityId
      narrative
      nextSteps
      internal
    }
  }
`);

export const UpdatePromise = graphql(`
  mutation UpdatePromise($id: ID!, $input: UpdatePromiseInput!) {
    updatePromise(id: $id, input: $input) {
      id
      title
      periodFrom
      periodTo
      followUpOn
    }
  }
`);
