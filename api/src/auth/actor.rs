//! The actor of a request: who is calling, in which session, with which seats.
//!
//! Built from the database on every request (the token only names the session), so a
//! revoked session, a disabled user or a seat that ended takes effect at once.

use uuid::Uuid;

// The vocabulary lives with the entities, below both `auth` and `domain`.
use entity::enums::{MembershipRole, SeatRole};

/// A seat the actor currently holds, with the role of the organisation it sits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatGrant {
    pub council_id: Uuid,
    pub role: SeatRole,
    pub organisation_id: Option<Uuid>,
    /// The open membership role of `organisation_id` in the council, if any.
    pub membership_role: Option<MembershipRole>,
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub is_platform_admin: bool,
    /// Organisations the user acts for.
    pub organisation_ids: Vec<Uuid>,
    /// Open seats.
    pub seats: Vec<SeatGrant>,
}

impl Actor {
    /// The platform itself, for work no person asks for (the demo data): a platform
    /// admin with no seats and no organisation, audited as the nil user.
    pub fn system() -> Self {
        Self {
            user_id: Uuid::nil(),
            session_id: Uuid::nil(),
            is_platform_admin: true,
            organisation_ids: vec![],
            seats: vec![],
        }
    }
}
