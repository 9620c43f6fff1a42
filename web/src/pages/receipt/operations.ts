import { graphql } from '../../gql';

export const Receipt = graphql(`
  query Receipt($token: String!) {
    inputReceipt(token: $token) {
      title
      body
      status
      answer
      declineReason
      history {
        at
        status
      }
    }
  }
`);
