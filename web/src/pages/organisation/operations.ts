import { graphql } from '../../gql';

/** How many actions or inputs a page of the lists holds. */
export const PAGE_SIZE = 20;

export const OurOrganisations = graphql(`
  query OurOrganisations {
    me {
      affiliations {
        title
        organisation {
          id
          name
          kind
        }
      }
    }
  }
`);

export const OurActions = graphql(`
  query OurActions($id: ID!, $first: Int!, $after: String) {
    organisation(id: $id) {
      actions(first: $first, after: $after) {
        edges {
          node {
            ...OurAction
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

export const OurActionFields = graphql(`
  fragment OurAction on FollowUpAction {
    id
    title
    description
    dueOn
    status
    statusNote
    overdue
    meeting {
      id
      title
    }
  }
`);

export const ReportProgress = graphql(`
  mutation ReportProgress($id: ID!, $status: ActionStatus!, $note: String) {
    updateActionStatus(id: $id, status: $status, note: $note) {
      ...OurAction
    }
  }
`);

export const OurInputs = graphql(`
  query OurInputs($first: Int!, $after: String) {
    myInputs(first: $first, after: $after) {
      edges {
        node {
          id
          title
          status
          submittedAt
          meeting {
            id
            title
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

/** How many areas a page of a municipality's list holds. */
export const AREA_PAGE = 50;

/** An area as the municipality's list shows it. */
export const AreaFields = graphql(`
  fragment AreaRow on Area {
    id
    name
    kind
    boundary
  }
`);

export const MunicipalityAreas = graphql(`
  query MunicipalityAreas($municipalityId: ID!, $first: Int!, $after: String) {
    areas(municipalityId: $municipalityId, first: $first, after: $after) {
      edges {
        node {
          ...AreaRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateArea = graphql(`
  mutation CreateArea($input: CreateAreaInput!) {
    createArea(input: $input) {
      ...AreaRow
    }
  }
`);

export const ImportAreas = graphql(`
  mutation ImportAreas($municipalityId: ID!, $geojson: String!) {
    importAreas(municipalityId: $municipalityId, geojson: $geojson) {
      ...AreaRow
    }
  }
`);
