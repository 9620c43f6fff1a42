import { graphql } from '../../gql';

export const PAGE_SIZE = 20;

export const Places = graphql(`
  query Places($first: Int, $after: String) {
    places(first: $first, after: $after) {
      edges {
        node {
          id
          name
          district
          latitude
          longitude
          followUpsPerYear
          nextFollowUpDue
          owner {
            id
            name
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

export const OverduePlaces = graphql(`
  query OverduePlaces {
    overduePlaces {
      dueOn
      place {
        id
        name
        district
        owner {
          id
          name
        }
      }
    }
  }
`);

export const MyOrganisations = graphql(`
  query MyOrganisations {
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
  }
`);

export const Place = graphql(`
  query Place($id: ID!) {
    place(id: $id) {
      id
      name
      district
      municipalityCode
      latitude
      longitude
      followUpsPerYear
      nextFollowUpDue
      owner {
        id
        name
      }
      followUps {
        followedUpOn
        note
      }
    }
    me {
      id
      affiliations {
        id
        organisation {
          id
        }
      }
    }
  }
`);

export const CreatePlace = graphql(`
  mutation CreatePlace($input: CreatePlaceInput!) {
    createPlace(input: $input) {
      id
      name
    }
  }
`);

export const RecordPlaceFollowUp = graphql(`
  mutation RecordPlaceFollowUp($placeId: ID!, $followedUpOn: NaiveDate!, $note: String) {
    recordPlaceFollowUp(placeId: $placeId, followedUpOn: $followedUpOn, note: $note) {
      followedUpOn
      note
    }
  }
`);
