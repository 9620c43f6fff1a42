//! Proofs of access checks, as types.
//!
//! Data that needs more than "the actor sees the object" — a meeting's agenda,
//! attendance, minutes and actions, a council's seats, an input's history, a picture's
//! entries, a user's affiliations — is loaded only with a [`Checked`] key. A `Checked` is made only in `domain`,
//! by the view whose check it proves (for example [`MeetingView::details`]), so a
//! resolver that forgets the check does not compile:
//!
//! ```compile_fail,E0451
//! use samrad::domain::access::{Checked, MeetingDetails};
//! // Outside `domain` the proof cannot be forged…
//! let proof: Checked<MeetingDetails> = Checked { id: uuid::Uuid::nil(), tag: std::marker::PhantomData };
//! ```
//!
//! ```compile_fail,E0624
//! use samrad::domain::access::{Checked, MeetingDetails};
//! // …nor made from a bare id.
//! let proof: Checked<MeetingDetails> = Checked::new(uuid::Uuid::nil());
//! ```
//!
//! [`MeetingView::details`]: crate::domain::meetings::MeetingView::details

use std::{fmt, hash::Hash, marker::PhantomData};

use uuid::Uuid;

/// Proof that the policy let the actor read the `Tag` data of the object `id`.
pub struct Checked<Tag> {
    id: Uuid,
    tag: PhantomData<fn() -> Tag>,
}

impl<Tag> Checked<Tag> {
    /// Only services make proofs, right after the check they stand for.
    pub(in crate::domain) fn new(id: Uuid) -> Self {
        Self { id, tag: PhantomData }
    }

    /// The object the check was made for.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The ids of several proofs, for one statement.
    pub fn ids(proofs: &[Self]) -> Vec<Uuid> {
        proofs.iter().map(Self::id).collect()
    }
}

// Derives would ask the tag for the same traits; a tag is only a name.
impl<Tag> Clone for Checked<Tag> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Tag> Copy for Checked<Tag> {}
impl<Tag> PartialEq for Checked<Tag> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl<Tag> Eq for Checked<Tag> {}
impl<Tag> Hash for Checked<Tag> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}
impl<Tag> fmt::Debug for Checked<Tag> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Checked<{}>({})", std::any::type_name::<Tag>(), self.id)
    }
}

/// A meeting's agenda, proposals, attendance, minutes and actions (members, not
/// advisory bodies).
#[derive(Debug)]
pub enum MeetingDetails {}

/// A set of minutes of a meeting whose details the actor reads.
#[derive(Debug)]
pub enum MinutesRead {}

/// Who holds which seat in a council (members, not advisory bodies).
#[derive(Debug)]
pub enum CouncilSeats {}

/// A user's own data: their e-mail address and affiliations (the user and admins).
#[derive(Debug)]
pub enum UserPrivate {}

/// The history and attachments of an input the actor sees.
#[derive(Debug)]
pub enum InputRecord {}

/// The content (entries, recipients) of a picture the actor reads.
#[derive(Debug)]
pub enum PictureRead {}

/// A place in the register that the actor sees, with its follow-ups.
#[derive(Debug)]
pub enum PlaceRead {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proof_is_its_object_id() {
        let id = Uuid::now_v7();
        let a: Checked<MeetingDetails> = Checked::new(id);
        let b = a;
        assert_eq!(a, b);
        assert_eq!(Checked::ids(&[a, b]), vec![id, id]);
        assert!(format!("{a:?}").contains(&id.to_string()));
    }
}
