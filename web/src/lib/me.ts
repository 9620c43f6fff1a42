// Who is signed in, as far as the header and the administration need to know.
import { graphql } from '../gql';

export const WhoAmI = graphql(`
  query WhoAmI {
    me {
      id
      displayName
      isPlatformAdmin
    }
  }
`);
