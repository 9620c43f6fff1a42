//! Changes become notifications after they commit.
//!
//! A change is written to `change_outbox` in the transaction that makes it
//! ([`crate::domain::events::happened`]). This pass takes one row at a time, finds who
//! may be told — candidates by seat, affiliation or share, each checked by the same
//! policy as a read ([`live_events::seen`]) — and in one transaction deletes the row and
//! writes their notifications as they prefer: each change is told once, by one instance.

use crate::domain::prelude::*;
use entity::{
    affiliation, app_user, change_outbox, follow_up_action, input, meeting, membership,
    picture_share, seat,
};

use super::{Notice, send};
use crate::{
    domain::{
        live_events::{self, Purpose, Seen},
        sessions,
        types::{NotificationKind, SeatRole},
    },
    live::{self, Change, InputChange, MeetingChange, PictureChange},
};

/// Works through up to `limit` pending changes; returns how many it handled.
///
/// Who to tell is worked out first, outside any transaction (no write lock is held while
/// the candidates are read, which on SQLite would keep every writer waiting); then one
/// transaction deletes the change and writes the notices. Of two instances that took the
/// same change, only the one whose delete found the row writes anything.
#[tracing::instrument(skip_all)]
pub async fn pending(db: &DatabaseConnection, limit: usize) -> AppResult<usize> {
    let mut done = 0;
    let mut after: Option<Uuid> = None;
    while done < limit {
        let mut query = change_outbox::Entity::find().order_by_asc(change_outbox::Column::Id);
        if let Some(after) = after {
            query = query.filter(change_outbox::Column::Id.gt(after));
        }
        let Some(row) = query.one(db).await? else { break };
        after = Some(row.id);
        let notices = match serde_json::from_str::<Change>(&row.payload) {
            Ok(change) => match notices(db, change, row.actor_user_id).await {
                Ok(notices) => notices,
                Err(err) => {
                    // Left for the next pass; the changes after it go on meanwhile.
                    tracing::warn!(error = %err, id = %row.id, "change not told yet");
                    done += 1;
                    continue;
                }
            },
            Err(err) => {
                tracing::warn!(%err, id = %row.id, "unreadable change skipped");
                vec![]
            }
        };
        let txn = crate::db::begin_write(db).await?;
        let claimed = change_outbox::Entity::delete_by_id(row.id).exec(&txn).await?;
        if claimed.rows_affected == 1 {
            for notice in notices {
                send(&txn, notice).await?;
            }
            live::commit(txn, ()).await?;
        }
        done += 1;
    }
    Ok(done)
}

/// The notices a change gives: one per person who may see it, the one who made it aside.
async fn notices(
    db: &DatabaseConnection, change: Change, actor_user_id: Option<Uuid>,
) -> AppResult<Vec<Notice>> {
    let candidates = match change {
        Change::Meeting { id, .. } => match meeting::Entity::find_by_id(id).one(db).await? {
            Some(m) => seat_holders(db, m.council_id, |_| true).await?,
            None => vec![],
        },
        Change::Input { id, .. } => match input::Entity::find_by_id(id).one(db).await? {
            Some(i) => seat_holders(db, i.council_id, |s| s.role == SeatRole::Secretariat).await?,
            None => vec![],
        },
        Change::Action { id, organisation, .. } => {
            match follow_up_action::Entity::find_by_id(id).one(db).await? {
                Some(a) => {
                    seat_holders(db, a.council_id, |s| s.organisation_id == Some(organisation))
                        .await?
                }
                None => vec![],
            }
        }
        Change::Picture { id, .. } => picture_readers(db, id).await?,
        _ => vec![],
    };
    let users = enabled(db, candidates).await?;
    let mut notices = vec![];
    for user in users.iter().filter(|u| Some(u.id) != actor_user_id) {
        let actor = sessions::actor_for_user(db, user, Uuid::nil()).await?;
        if let Some(seen) = live_events::seen(db, &actor, change, Purpose::Notify).await? {
            notices.push(notice(user.id, seen));
        }
    }
    Ok(notices)
}

fn notice(user_id: Uuid, seen: Seen) -> Notice {
    let (kind, input_id, message, link) = match seen {
        Seen::Meeting(view, what) => {
            let m = view.model();
            let (kind, message) = match what {
                MeetingChange::Changed => {
                    (NotificationKind::MeetingChanged, format!("Mötet ”{}” har ändrats.", m.title))
                }
                MeetingChange::Cancelled => (
                    NotificationKind::MeetingCancelled,
                    format!("Mötet ”{}” är inställt.", m.title),
                ),
                MeetingChange::Agenda => (
                    NotificationKind::AgendaChanged,
                    format!("Dagordningen för ”{}” har ändrats.", m.title),
                ),
                MeetingChange::Minutes => (
                    NotificationKind::MinutesForComment,
                    format!("Protokollet från ”{}” är klart för synpunkter.", m.title),
                ),
            };
            (kind, None, message, format!("/moten/{}", m.id))
        }
        Seen::Input(view, what) => {
            let link = match view.meeting_id() {
                Some(meeting) => format!("/moten/{meeting}"),
                None => format!("/rad/{}", view.council_id()),
            };
            let (kind, message) = match what {
                InputChange::Submitted => {
                    (NotificationKind::InputSubmitted, format!("Nytt inspel: ”{}”.", view.title()))
                }
                InputChange::Status => (
                    NotificationKind::InputStatusChanged,
                    format!("Inspelet ”{}” har ändrat status.", view.title()),
                ),
            };
            (kind, Some(view.id()), message, link)
        }
        Seen::Action(action) => {
            let message = format!("Ny åtgärd för er organisation: ”{}”.", action.title);
            (
                NotificationKind::ActionAssigned,
                None,
                message,
                format!("/moten/{}", action.meeting_id),
            )
        }
        Seen::Picture(view, what) => {
            let (kind, message) = match what {
                PictureChange::Published => {
                    (NotificationKind::PicturePublished, "En ny lägesbild har delats med dig.")
                }
                PictureChange::Superseded => (
                    NotificationKind::PictureSuperseded,
                    "En lägesbild som delats med dig har ersatts av en nyare.",
                ),
            };
            (kind, None, message.to_owned(), format!("/lagesbilder/{}", view.model().id))
        }
        // Notifications are not notified again.
        Seen::Notification(n) => (n.kind, n.input_id, n.message, n.link.unwrap_or_default()),
    };
    Notice { user_id, kind, input_id, message, link: Some(link), dedupe_key: None }
}

/// The enabled users among `ids`, in id order.
pub(super) async fn enabled(
    db: &DatabaseConnection, ids: Vec<Uuid>,
) -> AppResult<Vec<app_user::Model>> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::DisabledAt.is_null())
        .order_by_asc(app_user::Column::Id)
        .all(db)
        .await?)
}

/// Users with an open seat in a council that `keep` keeps.
pub(super) async fn seat_holders(
    db: &DatabaseConnection, council_id: Uuid, keep: impl Fn(&seat::Model) -> bool,
) -> AppResult<Vec<Uuid>> {
    let seats = seat::Entity::find()
        .filter(seat::Column::CouncilId.eq(council_id))
        .filter(seat::Column::EndedOn.is_null())
        .all(db)
        .await?;
    Ok(seats.iter().filter(|s| keep(s)).map(|s| s.user_id).collect())
}

/// Everyone who might read a picture: people of the organisations it is shared with, and
/// of the councils it is shared with (by seat or by their organisation's membership).
async fn picture_readers(db: &DatabaseConnection, picture_id: Uuid) -> AppResult<Vec<Uuid>> {
    let shares = picture_share::Entity::find()
        .filter(picture_share::Column::PictureId.eq(picture_id))
        .all(db)
        .await?;
    let councils: Vec<Uuid> = shares.iter().filter_map(|s| s.council_id).collect();
    let mut orgs: Vec<Uuid> = shares.iter().filter_map(|s| s.organisation_id).collect();
    let members: Vec<Uuid> = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .filter(membership::Column::CouncilId.is_in(councils.clone()))
        .filter(membership::Column::LeftOn.is_null())
        .into_tuple()
        .all(db)
        .await?;
    orgs.extend(members);
    let mut users: Vec<Uuid> = affiliation::Entity::find()
        .select_only()
        .column(affiliation::Column::UserId)
        .filter(affiliation::Column::OrganisationId.is_in(orgs))
        .into_tuple()
        .all(db)
        .await?;
    let seated: Vec<Uuid> = seat::Entity::find()
        .select_only()
        .column(seat::Column::UserId)
        .filter(seat::Column::CouncilId.is_in(councils))
        .filter(seat::Column::EndedOn.is_null())
        .into_tuple()
        .all(db)
        .await?;
    users.extend(seated);
    users.sort_unstable();
    users.dedup();
    Ok(users)
}
