//! Reminders, from a sweep that any instance may run as often as it likes: each reminder
//! goes once per user and subject (the notification's dedupe key), to those the same
//! policy as a read lets see the subject.

use crate::domain::prelude::*;
use chrono::{DateTime, Duration};
use entity::{follow_up_action, meeting};

use super::{
    Notice,
    fan_out::{enabled, seat_holders},
    send,
};
use crate::domain::{
    actions,
    live_events::unless_refused,
    meetings, sessions,
    time::to_local,
    types::{ActionStatus, MeetingStatus, NotificationKind, SeatRole},
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
        let reps = seat_holders(db, m.council_id, |s| s.role == SeatRole::Representative).await?;
        let reps = enabled(db, reps).await?;
        let message = format!(
            "Sista dag för inspel till ”{}” är {}.",
            m.title,
            to_local(deadline).format("%Y-%m-%d %H:%M")
        );
        for user in reps {
            let actor = sessions::actor_for_user(db, &user, Uuid::nil()).await?;
            if unless_refused(meetings::get(db, &actor, m.id).await)?.is_some() {
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
        let reps = seat_holders(db, a.council_id, |s| s.organisation_id == Some(a.organisation_id));
        for user in enabled(db, reps.await?).await? {
            let actor = sessions::actor_for_user(db, &user, Uuid::nil()).await?;
            if unless_refused(actions::assigned(db, &actor, a.id).await)?.is_some() {
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
    crate::live::commit(txn, written).await
}
