//! What a live change shows one subscriber: the object read again, through the same
//! policy and functions as a query, at the moment the change arrives — or nothing.

use entity::{follow_up_action, notification};
use sea_orm::DatabaseConnection;

use crate::{
    auth::Actor,
    domain::{
        actions,
        inputs::{self, InputView},
        meetings::{self, MeetingView},
        notifications,
        situation::{self, PictureView},
    },
    error::{AppError, AppResult},
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
    db: &DatabaseConnection,
    actor: &Actor,
    change: Change,
    purpose: Purpose,
) -> AppResult<Option<Seen>> {
    let found = match change {
        Change::Meeting { id, what } => {
            meetings::get(db, actor, id).await.map(|v| Seen::Meeting(v, what))
        }
        Change::Input { id, what } => {
            inputs::get(db, actor, id).await.map(|v| Seen::Input(v, what))
        }
        Change::Action { id, organisation } => {
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
    match found {
        Ok(seen) => Ok(Some(seen)),
        Err(AppError::NotFound(_) | AppError::Forbidden) => Ok(None),
        Err(other) => Err(other),
    }
}
