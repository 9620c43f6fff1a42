import { request } from '../../api';
import { graphql } from '../../gql';
import type { CouncilKind, MembershipRole, OrganisationKind, SeatRole, TargetGroup } from '../../gql/graphql';

export const PAGE_SIZE = 20;

export const AdminUsers = graphql(`
  query AdminUsers($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      edges {
        node {
          id
          displayName
          email
          disabled
          isPlatformAdmin
          affiliations {
            id
            organisation {
              id
              name
            }
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

export const AdminUser = graphql(`
  query AdminUser($id: ID!) {
    user(id: $id) {
      id
      displayName
      email
      locale
      isPlatformAdmin
      disabled
      affiliations {
        id
        title
        organisation {
          id
          name
        }
      }
    }
    me {
      id
    }
  }
`);

export const CreateUser = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      displayName
    }
  }
`);

export const UpdateUser = graphql(`
  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      displayName
      locale
      isPlatformAdmin
      disabled
    }
  }
`);

export const AddAffiliation = graphql(`
  mutation AdminAddAffiliation($userId: ID!, $organisationId: ID!, $title: String) {
    addAffiliation(userId: $userId, organisationId: $organisationId, title: $title) {
      id
      title
      organisation {
        id
        name
      }
    }
  }
`);

export const RemoveAffiliation = graphql(`
  mutation AdminRemoveAffiliation($id: ID!) {
    removeAffiliation(id: $id)
  }
`);

export const AdminOrganisations = graphql(`
  query AdminOrganisations($first: Int!, $after: String) {
    organisations(first: $first, after: $after) {
      edges {
        node {
          id
          name
          kind
          municipalityCode
          parent {
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

export const AdminOrganisation = graphql(`
  query AdminOrganisation($id: ID!) {
    organisation(id: $id) {
      id
      name
      kind
      municipalityCode
      parent {
        id
        name
      }
    }
  }
`);

export const CreateOrganisation = graphql(`
  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
    }
  }
`);

export const UpdateOrganisation = graphql(`
  mutation AdminUpdateOrganisation($id: ID!, $input: UpdateOrganisationInput!) {
    updateOrganisation(id: $id, input: $input) {
      id
      name
      kind
      municipalityCode
      parent {
        id
        name
      }
    }
  }
`);

export const AdminCouncils = graphql(`
  query AdminCouncils($first: Int!, $after: String) {
    councils(first: $first, after: $after) {
      edges {
        node {
          id
          name
          kind
          meetingsPerYear
          host {
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

export const CreateCouncil = graphql(`
  mutation AdminCreateCouncil($input: CreateCouncilInput!) {
    createCouncil(input: $input) {
      id
      name
    }
  }
`);

export const CouncilSettings = graphql(`
  query CouncilSettings($id: ID!) {
    council(id: $id) {
      id
      name
      kind
      meetingsPerYear
      description
      myAccess
      host {
        id
        name
      }
      memberships(includeEnded: true) {
        id
        role
        joinedOn
        leftOn
        organisation {
          id
          name
        }
      }
      seats(includeEnded: true) {
        id
        role
        startedOn
        endedOn
        user {
          id
          displayName
        }
        organisation {
          id
          name
        }
      }
    }
    me {
      id
      isPlatformAdmin
    }
  }
`);

export const UpdateCouncil = graphql(`
  mutation AdminUpdateCouncil($id: ID!, $input: UpdateCouncilInput!) {
    updateCouncil(id: $id, input: $input) {
      id
      name
      kind
      meetingsPerYear
      description
    }
  }
`);

export const AddMembership = graphql(`
  mutation AdminAddMembership($input: AddMembershipInput!) {
    addMembership(input: $input) {
      id
      organisation {
        id
        name
      }
    }
  }
`);

export const EndMembership = graphql(`
  mutation AdminEndMembership($id: ID!, $leftOn: NaiveDate) {
    endMembership(id: $id, leftOn: $leftOn) {
      id
      leftOn
    }
  }
`);

export const AssignSeat = graphql(`
  mutation AdminAssignSeat($input: AssignSeatInput!) {
    assignSeat(input: $input) {
      id
      user {
        id
        displayName
      }
    }
  }
`);

export const EndSeat = graphql(`
  mutation AdminEndSeat($id: ID!, $endedOn: NaiveDate) {
    endSeat(id: $id, endedOn: $endedOn) {
      id
      endedOn
    }
  }
`);

/** Every organisation in the directory, by name (for choosing one), a page at a time. */
export async function allOrganisations(): Promise<{ id: string; name: string; kind: OrganisationKind }[]> {
  const all: { id: string; name: string; kind: OrganisationKind }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof loadOrganisations>> = await loadOrganisations(after);
    all.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
    after = page.pageInfo.endCursor;
  }
}

async function loadOrganisations(after: string | null) {
  return (await request(AdminOrganisations, { first: 100, after })).organisations;
}

/** Every user, by name (platform admin), for choosing who takes a seat. */
export async function allUsers(): Promise<{ id: string; displayName: string; disabled: boolean }[]> {
  const all: { id: string; displayName: string; disabled: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof loadUsers>> = await loadUsers(after);
    all.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
    after = page.pageInfo.endCursor;
  }
}

async function loadUsers(after: string | null) {
  return (await request(AdminUsers, { first: 100, after })).users;
}

// Every value, in the order shown: a value added to the schema fails the build here until it
// has a place (and its words in the i18n files).
const ORGANISATION_KINDS: Record<OrganisationKind, number> = {
  MUNICIPALITY: 0,
  POLICE_REGION: 1,
  LOCAL_POLICE_AREA: 2,
  COUNTY_ADMINISTRATIVE_BOARD: 3,
  REGION: 4,
  ARMED_FORCES: 5,
  RESCUE_SERVICE: 6,
  BUSINESS: 7,
  ACADEMIA: 8,
  CIVIL_SOCIETY: 9,
  YOUTH_COUNCIL: 10,
  ADVISORY_COUNCIL: 11,
  STUDENT_FORUM: 12,
  SCHOOL: 13,
  HOUSING_COMPANY: 14,
};
const COUNCIL_KINDS: Record<CouncilKind, number> = { SAFETY_COUNCIL: 0, LOCAL_PARTNERSHIP: 1, REGIONAL_NETWORK: 2 };
const MEMBERSHIP_ROLES: Record<MembershipRole, number> = { HOST: 0, MEMBER: 1, ADVISORY: 2, OBSERVER: 3 };
const SEAT_ROLES: Record<SeatRole, number> = { SECRETARIAT: 0, CHAIR: 1, REPRESENTATIVE: 2 };

const inOrder = <K extends string>(order: Record<K, number>): K[] =>
  (Object.keys(order) as K[]).sort((a, b) => order[a] - order[b]);

export const organisationKinds = inOrder(ORGANISATION_KINDS);
export const councilKinds = inOrder(COUNCIL_KINDS);
/** The host joins when the council is made; an organisation is added as one of the others. */
export const joiningRoles = inOrder(MEMBERSHIP_ROLES).filter((r) => r !== 'HOST');
export const seatRoles = inOrder(SEAT_ROLES);

export const CouncilSituationSettings = graphql(`
  query CouncilSituationSettings($id: ID!, $year: Int!) {
    council(id: $id) {
      id
      representation(year: $year) {
        priorityGroups
      }
    }
    pictureCadence(councilId: $id) {
      intervalDays
      startsOn
      missedPeriods {
        start
        end
      }
    }
  }
`);

export const SetCouncilPriorityGroups = graphql(`
  mutation SetCouncilPriorityGroups($councilId: ID!, $groups: [TargetGroup!]!) {
    setCouncilPriorityGroups(councilId: $councilId, groups: $groups)
  }
`);

export const SetPictureCadence = graphql(`
  mutation SetPictureCadence($councilId: ID!, $intervalDays: Int!, $startsOn: NaiveDate!) {
    setPictureCadence(councilId: $councilId, intervalDays: $intervalDays, startsOn: $startsOn)
  }
`);

// Every target group, in the order shown: a group added to the schema fails the build here.
const GROUPS: Record<TargetGroup, number> = {
  YOUTH: 0,
  CHILDREN: 1,
  GIRLS_AND_YOUNG_WOMEN: 2,
  WOMEN: 3,
  ELDERLY: 4,
  PEOPLE_WITH_DISABILITIES: 5,
  DISTRICT_RESIDENTS: 6,
  LGBTQ: 7,
  NEW_ARRIVALS: 8,
  BUSINESS_OWNERS: 9,
  STUDENTS: 10,
};
export const targetGroups = (Object.keys(GROUPS) as TargetGroup[]).sort((a, b) => GROUPS[a] - GROUPS[b]);
