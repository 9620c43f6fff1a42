//! The access policy: the one place that decides who may see and change what.
//!
//! Rules (DESIGN.md, "Who may see what"):
//! - a platform admin may do everything;
//! - a council's secretariat manages that council;
//! - a chair, and a representative of a host/member/observer organisation, read the
//!   whole council (memberships and seats);
//! - a representative of an advisory body reads the council and its memberships, not
//!   its seats (who sits for whom) nor its history;
//! - anyone else sees nothing of the council: it answers NOT_FOUND, exactly as a
//!   council that does not exist.

use uuid::Uuid;

use crate::{
    auth::Actor,
    domain::types::{InputStatus, MeetingStatus, MembershipRole, PromiseStatus, SeatRole},
    error::{AppError, AppResult},
};

/// How much of a council an actor may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CouncilAccess {
    /// Advisory body: council facts and memberships.
    Advisory,
    /// Chair or member representative: everything except management.
    Member,
    /// Secretariat or platform admin: manage the council.
    Manage,
}

impl CouncilAccess {
    /// May see who holds which seat.
    pub fn can_see_seats(self) -> bool {
        self >= Self::Member
    }

    /// May read the council's change history.
    pub fn can_see_history(self) -> bool {
        self == Self::Manage
    }
}

/// The actor's access to a council, or `None` when it must stay invisible.
pub fn council_access(actor: &Actor, council_id: Uuid) -> Option<CouncilAccess> {
    if actor.is_platform_admin {
        return Some(CouncilAccess::Manage);
    }
    actor
        .seats
        .iter()
        .filter(|s| s.council_id == council_id)
        .filter_map(|s| match (s.role, s.membership_role) {
            (SeatRole::Secretariat, _) => Some(CouncilAccess::Manage),
            (SeatRole::Chair, _) => Some(CouncilAccess::Member),
            (SeatRole::Representative, Some(MembershipRole::Advisory)) => {
                Some(CouncilAccess::Advisory)
            }
            (SeatRole::Representative, Some(_)) => Some(CouncilAccess::Member),
            // A representative whose organisation has left the council keeps no access.
            (SeatRole::Representative, None) => None,
        })
        .max()
}

/// Access to a council, or NOT_FOUND.
pub fn require_council(actor: &Actor, council_id: Uuid) -> AppResult<CouncilAccess> {
    council_access(actor, council_id).ok_or(AppError::NotFound("council"))
}

/// Management of a council: NOT_FOUND when invisible, FORBIDDEN when visible only.
pub fn require_manage(actor: &Actor, council_id: Uuid) -> AppResult<()> {
    match require_council(actor, council_id)? {
        CouncilAccess::Manage => Ok(()),
        // A member asking to change the council gets the answer an unknown id gets.
        _ => Err(AppError::NotFound("council")),
    }
}

/// Reading what only the secretariat reads (triage, the CSV export, invitations,
/// conflicts) of a council the actor sees: NOT_FOUND when invisible, FORBIDDEN when the
/// council is visible (a read tells nothing the actor does not know already).
pub fn require_manage_to_read(actor: &Actor, council_id: Uuid) -> AppResult<()> {
    match require_council(actor, council_id)? {
        CouncilAccess::Manage => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Platform administration (organisations, users, new councils).
pub fn require_admin(actor: &Actor) -> AppResult<()> {
    if actor.is_platform_admin { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Councils the actor may list: `None` means all (admin).
pub fn visible_council_ids(actor: &Actor) -> Option<Vec<Uuid>> {
    if actor.is_platform_admin {
        return None;
    }
    let mut ids: Vec<Uuid> = actor
        .seats
        .iter()
        .map(|s| s.council_id)
        .filter(|id| council_access(actor, *id).is_some())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// A meeting in this status is visible at this access level: drafts only to the
/// secretariat.
pub fn meeting_visible(access: CouncilAccess, status: MeetingStatus) -> bool {
    access == CouncilAccess::Manage || status != MeetingStatus::Draft
}

/// The actor's access to a citizen promise of a partnership, or `None` when it must stay
/// invisible: the secretariat manages it, drafts included; chairs and member
/// representatives read it once signed; advisory bodies and everyone else see only what its
/// public page shows, once published.
pub fn promise_access(
    actor: &Actor, council_id: Uuid, status: PromiseStatus,
) -> Option<CouncilAccess> {
    match council_access(actor, council_id)? {
        CouncilAccess::Manage => Some(CouncilAccess::Manage),
        CouncilAccess::Member if status != PromiseStatus::Draft => Some(CouncilAccess::Member),
        _ => None,
    }
}

/// May read agendas, proposals, attendance, minutes and actions: not advisory bodies,
/// which see themes and dates only.
pub fn can_see_meeting_details(access: CouncilAccess) -> bool {
    access >= CouncilAccess::Member
}

/// The organisation the actor acts for among `mine` (what they sit for here): the one
/// they name, or their only one. NOT_FOUND (the meeting) when they sit for none, NOT_FOUND
/// (`named_what`) when the named one is not theirs, BAD_USER_INPUT (`ask`) when they sit
/// for several and name none.
pub fn acting_for(
    named: Option<Uuid>, mine: &[Uuid], named_what: &'static str, ask: &'static str,
) -> AppResult<Uuid> {
    match (named, mine) {
        (_, []) => Err(AppError::NotFound("meeting")),
        (Some(org), orgs) if orgs.contains(&org) => Ok(org),
        (Some(_), _) => Err(AppError::NotFound(named_what)),
        (None, [only]) => Ok(*only),
        (None, _) => Err(AppError::bad_input("organisationId", ask)),
    }
}

/// The organisations the actor sits for in a council as a member (not advisory).
pub fn member_organisations(actor: &Actor, council_id: Uuid) -> Vec<Uuid> {
    let mut orgs: Vec<Uuid> = actor
        .seats
        .iter()
        .filter(|s| s.council_id == council_id)
        .filter(|s| matches!(s.membership_role, Some(r) if r != MembershipRole::Advisory))
        .filter_map(|s| s.organisation_id)
        .collect();
    orgs.sort_unstable();
    orgs.dedup();
    orgs
}

/// The organisations the actor may give input for in a council: any organisation they
/// sit for there, members and advisory bodies alike.
pub fn input_organisations(actor: &Actor, council_id: Uuid) -> Vec<Uuid> {
    let mut orgs: Vec<Uuid> = actor
        .seats
        .iter()
        .filter(|s| s.council_id == council_id && s.membership_role.is_some())
        .filter_map(|s| s.organisation_id)
        .collect();
    orgs.sort_unstable();
    orgs.dedup();
    orgs
}

/// How much of an input an actor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputAccess {
    /// The council's secretariat: everything, including hidden inputs and who wrote them.
    Secretariat,
    /// The submitting organisation's representatives: their own input in full.
    Owner,
    /// Other members: submitted, unhidden inputs; anonymous ones without author or
    /// organisation; redacted ones with the redacted text.
    Member,
}

/// The actor's view of an input, or `None` when it must stay invisible.
pub fn input_access(
    actor: &Actor, council_id: Uuid, organisation_id: Uuid, status: InputStatus, hidden: bool,
) -> Option<InputAccess> {
    let access = council_access(actor, council_id)?;
    if access == CouncilAccess::Manage {
        return Some(InputAccess::Secretariat);
    }
    if input_organisations(actor, council_id).contains(&organisation_id) {
        return Some(InputAccess::Owner);
    }
    let shared = !matches!(status, InputStatus::Draft | InputStatus::Withdrawn);
    (access >= CouncilAccess::Member && shared && !hidden).then_some(InputAccess::Member)
}

/// Holds any seat in the council (secretariat, chair or a member representative).
pub fn has_member_seat(actor: &Actor, council_id: Uuid) -> bool {
    actor.seats.iter().any(|s| {
        s.council_id == council_id
            && (s.role != SeatRole::Representative
                || matches!(s.membership_role, Some(r) if r != MembershipRole::Advisory))
    })
}

/// May see a user's email address: the user, or an admin.
pub fn can_see_email(actor: &Actor, user_id: Uuid) -> bool {
    actor.is_platform_admin || actor.user_id == user_id
}

/// May change a user's own profile fields (name, language).
pub fn require_profile_edit(actor: &Actor, user_id: Uuid) -> AppResult<()> {
    if actor.is_platform_admin || actor.user_id == user_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::SeatGrant;

    fn actor(seats: Vec<SeatGrant>) -> Actor {
        Actor {
            user_id: Uuid::now_v7(),
            session_id: Uuid::now_v7(),
            is_platform_admin: false,
            organisation_ids: vec![],
            seats,
        }
    }

    fn seat(council: Uuid, role: SeatRole, membership: Option<MembershipRole>) -> SeatGrant {
        SeatGrant {
            council_id: council,
            role,
            organisation_id: Some(Uuid::now_v7()),
            membership_role: membership,
        }
    }

    #[test]
    fn roles_map_to_access_levels() {
        let c = Uuid::now_v7();
        let cases = [
            (SeatRole::Secretariat, None, Some(CouncilAccess::Manage)),
            (SeatRole::Chair, Some(MembershipRole::Host), Some(CouncilAccess::Member)),
            (SeatRole::Representative, Some(MembershipRole::Member), Some(CouncilAccess::Member)),
            (SeatRole::Representative, Some(MembershipRole::Observer), Some(CouncilAccess::Member)),
            (
                SeatRole::Representative,
                Some(MembershipRole::Advisory),
                Some(CouncilAccess::Advisory),
            ),
            (SeatRole::Representative, None, None),
        ];
        for (role, membership, expected) in cases {
            assert_eq!(
                council_access(&actor(vec![seat(c, role, membership)]), c),
                expected,
                "{role:?} {membership:?}"
            );
        }
    }

    #[test]
    fn a_seat_in_one_council_gives_nothing_in_another() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let member = actor(vec![seat(a, SeatRole::Secretariat, None)]);
        assert_eq!(council_access(&member, b), None);
        assert!(matches!(require_manage(&member, b), Err(AppError::NotFound(_))));
        assert_eq!(visible_council_ids(&member), Some(vec![a]));
    }

    #[test]
    fn visible_but_not_managed_is_forbidden() {
        let c = Uuid::now_v7();
        let member = actor(vec![seat(c, SeatRole::Representative, Some(MembershipRole::Member))]);
        assert!(matches!(require_manage(&member, c), Err(AppError::NotFound(_))));
    }
}
