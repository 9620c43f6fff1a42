import { graphql } from '../../gql';
import type { Classification, OrganisationKind, PlaceCategory, Trend } from '../../gql/graphql';

export const Pictures = graphql(`
  query Pictures {
    situationPictureCount
    situationPictures(first: 50) {
      edges {
        node {
          id
          area
          periodStart
          periodEnd
          classification
          author {
            name
          }
        }
      }
    }
    me {
      affiliations {
        organisation {
          id
        }
      }
    }
    councils(first: 50) {
      edges {
        node {
          id
          name
          memberships {
            organisation {
              id
              name
              kind
            }
          }
        }
      }
    }
    places(first: 100) {
      edges {
        node {
          id
          name
          district
        }
      }
    }
  }
`);

export const CreatePicture = graphql(`
  mutation CreatePicture($input: CreateSituationPictureInput!) {
    createSituationPicture(input: $input) {
      id
    }
  }
`);

export const PublishPicture = graphql(`
  mutation PublishPicture($id: ID!) {
    publishSituationPicture(id: $id) {
      id
    }
  }
`);

export const Picture = graphql(`
  query Picture($id: ID!) {
    situationPicture(id: $id) {
      id
      area
      periodStart
      periodEnd
      classification
      summary
      author {
        name
      }
      recipients {
        name
      }
      entries {
        category
        trend
        perceivedSafety
        place {
          id
          name
          district
          latitude
          longitude
        }
      }
    }
  }
`);

export const CATEGORIES: PlaceCategory[] = [
  'DRUG_DEALING',
  'VIOLENCE',
  'VANDALISM',
  'GANG_RELATED',
  'PUBLIC_DISORDER',
  'UNSAFE_ENVIRONMENT',
  'OTHER',
];
export const TRENDS: Trend[] = ['RISING', 'STABLE', 'FALLING'];
export const CLASSES: Classification[] = ['OPEN', 'COUNCIL', 'RESTRICTED'];
/** Advisory bodies: never named on a restricted picture (the API refuses it). */
export const ADVISORY: OrganisationKind[] = ['YOUTH_COUNCIL', 'ADVISORY_COUNCIL', 'STUDENT_FORUM'];

export const PictureGeojson = graphql(`
  query PictureGeojson($id: ID!) {
    situationPicture(id: $id) {
      id
      geojson
    }
  }
`);
