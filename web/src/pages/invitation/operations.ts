import { graphql } from '../../gql';

export const Invitation = graphql(`
  query Invitation($token: String!) {
    invitation(token: $token) {
      councilName
      organisationName
      meetingTitle
      theme
      meetingStartsAtLocal
      inputDeadlineLocal
      submittedCount
      recentSubmissions {
        title
        submittedAt
      }
    }
  }
`);

export const SubmitWithInvitation = graphql(`
  mutation SubmitWithInvitation($token: String!, $name: String, $content: InputContentInput!, $receiptEmail: String) {
    submitInputWithInvitation(token: $token, authorName: $name, content: $content, receiptEmail: $receiptEmail) {
      receiptPath
    }
  }
`);
