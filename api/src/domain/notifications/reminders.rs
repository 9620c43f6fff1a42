//! Reminders, from a sweep that any instance may run as often as it likes: each reminder
//! goes once per user and subject (the notification's dedupe key), to those the same
//! policy as a read lets see the subject.

use chrono::{DateTime, Duration, Utc};
use entity::{app_user, follow_up_action, meeting, seat};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{Notice, send};
use crate::{
    domain::{
        actions, meetings, sessions,
        time::to_local,
        types::{ActionStatus, MeetingStatus, NotificationKind, SeatRole},
    },
    error::{AppError, AppResult},
};

/// Sends the reminders due at `now`; returns how many notifications it wrote.
#[tracing::instrument(skip_all)]
pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let mut sent = 0;
    // Input windows that close within three days: the representatives who give input.
    let closing = meeting::Entity::find()
        .filter(meeting::Column::Status.eq(MeetingStatus::Scheduled))
        .filter(meeting::Column::InputDeadline.gt(now))
        .filter(meeting::Column::InputDeadline.lte(now + Duration::days(3)))
        .order_by_asc(meeting::Column::Id)
        .all(db)
        .await?;
    for m in closing {
        let Some(deadline) = m.input_deadline else { continue };
        let reps = holders(db, m.council_id, |s| s.role == SeatRole::Representative).await?;
        let message = format!(
            "Sista dag för inspel till ”{}” är {}.",
            m.title,
            to_local(deadline).format("%Y-%m-%d %H:%M")
        );
        for user in reps {
            let actor = sessions::actor_for_user(db, &user, Uuid::nil()).await?;
            if visible(meetings::get(db, &actor, m.id).await)? {
                let notice = Notice {
                    user_id: user.id,
                    kind: NotificationKind::InputWindowClosing,
                    input_id: None,
                    message: message.clone(),
                    link: Some(format!("/moten/{}", m.id)),
                    dedupe_key: Some(format!("input_window:{}", m.id)),
                };
                sent += usize::from(write(db, notice).await?);
            }
        }
    }
    // Actions due within seven days, and past due: their organisation's representatives.
    let today = to_local(now).date();
    let open = follow_up_action::Entity::find()
        .filter(
            follow_up_action::Column::Status.is_in([ActionStatus::Open, ActionStatus::InProgress]),
        )
        .filter(follow_up_action::Column::DueOn.lte(today + Duration::days(7)))
        .order_by_asc(follow_up_action::Column::Id)
        .all(db)
        .await?;
    for a in open {
        let (kind, key, message) = if a.due_on < today {
            (
                NotificationKind::ActionOverdue,
                format!("action_overdue:{}", a.id),
                format!("Åtgärden ”{}” skulle ha varit klar {}.", a.title, a.due_on),
            )
        } else {
            (
                NotificationKind::ActionDueSoon,
                format!("action_due:{}", a.id),
                format!("Åtgärden ”{}” ska vara klar {}.", a.title, a.due_on),
            )
        };
        for user in
            holders(db, a.council_id, |s| s.organisation_id == Some(a.organisation_id)).await?
        {
            let actor = sessions::actor_for_user(db, &user, Uuid::nil()).await?;
            if visible(actions::assigned(db, &actor, a.id).await)? {
                let notice = Notice {
                    user_id: user.id,
                    kind,
                    input_id: None,
                    message: message.clone(),
                    link: Some(format!("/moten/{}", a.meeting_id)),
                    dedupe_key: Some(key.clone()),
                };
                sent += usize::from(write(db, notice).await?);
            }
        }
    }
    Ok(sent)
}

async fn write(db: &DatabaseConnection, notice: Notice) -> AppResult<bool> {
    let txn = crate::db::begin_write(db).await?;
    let written = send(&txn, notice).await?;
    crate::live::commit(txn).await?;
    Ok(written)
}

/// Whether a read succeeded; refusals are `false`, other errors stay errors.
fn visible<T>(read: AppResult<T>) -> AppResult<bool> {
    match read {
        Ok(_) => Ok(true),
        Err(AppError::NotFound(_) | AppError::Forbidden) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Enabled users with an open seat in a council that `keep` keeps.
async fn holders(
    db: &DatabaseConnection,
    council_id: Uuid,
    keep: impl Fn(&seat::Model) -> bool,
) -> AppResult<Vec<app_user::Model>> {
    let seats = seat::Entity::find()
        .filter(seat::Column::CouncilId.eq(council_id))
        .filter(seat::Column::EndedOn.is_null())
        .all(db)
        .await?;
    let ids: Vec<Uuid> = seats.iter().filter(|s| keep(s)).map(|s| s.user_id).collect();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::DisabledAt.is_null())
        .order_by_asc(app_user::Column::Id)
        .all(db)
        .await?)
}
