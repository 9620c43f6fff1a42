//! What a live change shows one subscriber: the object read again, through the same
//! policy and functions as a query, at the moment the change arrives — or nothing; and
//! one subscriber's watch over the changes ([`Watch`]).

use crate::domain::prelude::*;
use std::sync::Arc;

use entity::{follow_up_action, notification};
use tokio::sync::broadcast::{Receiver, error::RecvError};

use crate::{
    domain::{
        actions,
        inputs::{self, InputView},
        meetings::{self, MeetingView},
        notifications, policy,
        sessions::{self, AuthKit},
        situation::{self, PictureView},
    },
    live::{Change, InputChange, MeetingChange, PictureChange},
};

/// A change as one subscriber may see it.
pub enum Seen {
    Meeting(MeetingView, MeetingChange),
    Input(InputView, InputChange),
    /// An action assigned to one of the subscriber's organisations.
    Action(follow_up_action::Model),
    Picture(PictureView, PictureChange),
    Notification(notification::Model),
}

/// Why a change is read for someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// To deliver it to a subscriber, with the object: a restricted read is logged.
    Deliver,
    /// To decide whether to notify them (the notice shows no content): nothing is logged.
    Notify,
}

/// The change as `actor` may see it now, or `None` when they may not (an object they
/// cannot read answers exactly as one that does not exist: with nothing).
#[tracing::instrument(skip_all)]
pub async fn seen(
    db: &DatabaseConnection, actor: &Actor, change: Change, purpose: Purpose,
) -> AppResult<Option<Seen>> {
    let found = match change {
        // Minutes are read by those who read the meeting's details.
        Change::Meeting { id, what: MeetingChange::Minutes, .. } => {
            match meetings::get(db, actor, id).await {
                Ok(view) if !view.details_visible() => return Ok(None),
                other => other.map(|v| Seen::Meeting(v, MeetingChange::Minutes)),
            }
        }
        Change::Meeting { id, what, .. } => {
            meetings::get(db, actor, id).await.map(|v| Seen::Meeting(v, what))
        }
        Change::Input { id, what, .. } => {
            inputs::get(db, actor, id).await.map(|v| Seen::Input(v, what))
        }
        Change::Action { id, organisation, .. } => {
            if !actor.organisation_ids.contains(&organisation) {
                return Ok(None);
            }
            actions::assigned(db, actor, id).await.map(Seen::Action)
        }
        // A restricted picture delivered is logged like any other read.
        Change::Picture { id, what } => match purpose {
            Purpose::Deliver => situation::get(db, actor, id, "live event").await,
            Purpose::Notify => situation::unread_view(db, actor, id).await,
        }
        .map(|v| Seen::Picture(v, what)),
        Change::Notification { id, user } => {
            if user != actor.user_id {
                return Ok(None);
            }
            notifications::mine_by_id(db, actor, id).await.map(Seen::Notification)
        }
        Change::SessionEnded { .. } => return Ok(None),
    };
    unless_refused(found)
}

/// A read's answer, with a refusal (NOT_FOUND, FORBIDDEN) as `None`: for deciding whom
/// to tell, where a refusal is an answer and not an error.
pub fn unless_refused<T>(read: AppResult<T>) -> AppResult<Option<T>> {
    match read {
        Ok(value) => Ok(Some(value)),
        Err(AppError::NotFound(_) | AppError::Forbidden) => Ok(None),
        Err(other) => Err(other),
    }
}

/// One subscriber's view of the changes: what it may see of each, as its session and
/// access stand when the change arrives.
pub struct Watch {
    db: DatabaseConnection,
    kit: Arc<AuthKit>,
    token: String,
    actor: Actor,
    changes: Receiver<Change>,
}

impl Watch {
    /// A watch for the holder of `token`, as `actor` (who the token named when the
    /// connection opened).
    pub fn new(
        db: DatabaseConnection, kit: Arc<AuthKit>, token: String, actor: Actor,
        changes: Receiver<Change>,
    ) -> Self {
        Self { db, kit, token, actor, changes }
    }

    /// The next change this subscriber may see; `None` ends the subscription: the
    /// session or token ended, or the subscriber's access changed (subscribing again
    /// sees with the new access).
    pub async fn next(&mut self) -> Option<Seen> {
        loop {
            let change = match self.changes.recv().await {
                Ok(change) => change,
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "live subscriber fell behind; changes skipped");
                    continue;
                }
                Err(RecvError::Closed) => return None,
            };
            if change == (Change::SessionEnded { id: self.actor.session_id }) {
                return None;
            }
            if !may_concern(&self.actor, change) {
                continue;
            }
            // The session, the token and the actor's grants as they are now.
            let now = match sessions::authenticate(&self.db, &self.kit, &self.token).await {
                Ok(actor) => actor,
                Err(AppError::Internal(err)) => {
                    tracing::warn!(error = %err, "live subscriber cannot check its session");
                    continue;
                }
                Err(_) => return None,
            };
            if !same_grants(&now, &self.actor) {
                return None;
            }
            match seen(&self.db, &now, change, Purpose::Deliver).await {
                Ok(Some(seen)) => return Some(seen),
                Ok(None) => continue,
                Err(err) => {
                    tracing::warn!(error = %err, "live change could not be read");
                    continue;
                }
            }
        }
    }
}

/// Whether a change can concern this actor at all, decided in memory from the actor's
/// grants (the same policy functions) before anything is read: changes in councils where
/// the actor has no access, notifications of others and actions of other organisations
/// cost a subscriber nothing. Pictures are shared in ways only the database knows.
fn may_concern(actor: &Actor, change: Change) -> bool {
    match change {
        Change::Meeting { council, .. } | Change::Input { council, .. } => {
            policy::council_access(actor, council).is_some()
        }
        Change::Action { council, organisation, .. } => {
            policy::council_access(actor, council).is_some()
                && actor.organisation_ids.contains(&organisation)
        }
        Change::Notification { user, .. } => user == actor.user_id,
        Change::Picture { .. } => true,
        Change::SessionEnded { .. } => false,
    }
}

/// Whether two actors of one session hold the same access (in any order).
fn same_grants(a: &Actor, b: &Actor) -> bool {
    let same = |x: &[_], y: &[_]| x.len() == y.len() && x.iter().all(|e| y.contains(e));
    a.is_platform_admin == b.is_platform_admin
        && same(&a.organisation_ids, &b.organisation_ids)
        && a.seats.len() == b.seats.len()
        && a.seats.iter().all(|s| b.seats.contains(s))
}
