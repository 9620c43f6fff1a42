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
    types::{ActionStatus, MeetingStatus, NotificationKind, PromiseStatus, SeatRole},
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
    sent += promises_behind(db, today).await?;
    Ok(sent)
}

/// Activities of running citizen promises that are behind: the representatives of the
/// organisations that answer for them, once per activity and year.
async fn promises_behind(db: &DatabaseConnection, today: chrono::NaiveDate) -> AppResult<usize> {
    use crate::domain::promises::{compliance::Standing, plan, standing};
    use chrono::Datelike;
    use entity::promise;
    let mut sent = 0;
    let running = promise::Entity::find()
        .filter(promise::Column::Status.is_in([PromiseStatus::Signed, PromiseStatus::InProgress]))
        .order_by_asc(promise::Column::Id)
        .all(db)
        .await?;
    for p in running {
        let plan = plan::plan_of_running(db, p.id).await?;
        let counted = standing::standing(db, &p, &plan, standing::Audience::Public, today).await?;
        for (activity, status) in plan.activities.iter().zip(&counted.activities) {
            if status.standing != Standing::Behind {
                continue;
            }
            let responsible = plan.responsible_for(activity.id);
            let reps = seat_holders(db, p.council_id, |s| {
                s.organisation_id.is_some_and(|o| responsible.contains(&o))
            });
            for user in enabled(db, reps.await?).await? {
                let actor = sessions::actor_for_user(db, &user, Uuid::nil()).await?;
                if unless_refused(plan::get(db, &actor, p.id).await)?.is_none() {
                    continue;
                }
                let notice = Notice {
                    user_id: user.id,
                    kind: NotificationKind::PromiseBehind,
                    input_id: None,
                    message: format!(
                        "Aktiviteten ”{}” i ”{}” ligger efter det som utlovats.",
                        shorten(&activity.text, 80),
                        p.title
                    ),
                    link: Some(format!("/medborgarloften/{}", p.id)),
                    dedupe_key: Some(format!("promise_behind:{}:{}", activity.id, today.year())),
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

/// The first `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>().trim_end())
    }
}
