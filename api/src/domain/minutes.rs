//! Minutes: the secretariat drafts them with a decision per decision item, attendees
//! comment, the secretariat approves. Approved minutes are locked: a later change needs
//! a reason and becomes a new, visible revision.

use crate::domain::access::{Checked, MeetingDetails, MinutesRead};
use crate::domain::prelude::*;
use crate::domain::{batch, versions};
use crate::{
    domain::{
        audit,
        meetings::{self, MeetingView},
        policy::{self, CouncilAccess},
        types::{AgendaItemKind, MeetingStatus, MinutesStatus, parse_optional_text},
    },
    live::{Change, MeetingChange},
};
use entity::{agenda_item, minutes, minutes_comment, minutes_revision};
use sea_orm::UpdateMany;

/// Longest minutes text.
pub const MAX_BODY: usize = 200_000;

/// A decision recorded for a decision item.
#[derive(Debug, Clone)]
pub struct Decision {
    pub agenda_item_id: Uuid,
    pub text: String,
}

/// Minutes as a reader of the meeting's details sees them, with the proof that their
/// comments and revisions may be read.
#[derive(Debug, Clone)]
pub struct MinutesView {
    model: minutes::Model,
}

impl MinutesView {
    /// The minutes of a meeting whose details the actor reads.
    pub fn of(details: Checked<MeetingDetails>, model: minutes::Model) -> Option<Self> {
        (model.meeting_id == details.id()).then_some(Self { model })
    }

    /// The minutes' row.
    pub fn model(&self) -> &minutes::Model {
        &self.model
    }

    /// The proof for loading comments and revisions.
    pub fn read(&self) -> Checked<MinutesRead> {
        Checked::new(self.model.id)
    }
}

batch::rows_of! {
    /// Minutes of meetings, for batch loading behind a checked meeting.
    pub fn of_meetings(MeetingDetails) -> minutes by MeetingId;
}

batch::rows_of! {
    /// Comments on minutes, for batch loading.
    pub fn comments_of(MinutesRead) -> minutes_comment by MinutesId order Id;
}

batch::rows_of! {
    /// Revisions of minutes, for batch loading.
    pub fn revisions_of(MinutesRead) -> minutes_revision by MinutesId order Revision;
}

async fn record_revision(
    txn: &DatabaseTransaction, actor: &Actor, minutes: &minutes::Model, reason: Option<String>,
) -> AppResult<()> {
    let decisions: Vec<serde_json::Value> = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(minutes.meeting_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|i| {
            i.decision.map(|d| json!({ "agendaItemId": i.id, "title": i.title, "decision": d }))
        })
        .collect();
    minutes_revision::ActiveModel {
        id: Set(Uuid::now_v7()),
        minutes_id: Set(minutes.id),
        revision: Set(minutes.revision),
        body: Set(minutes.body.clone()),
        decisions: Set(serde_json::Value::Array(decisions).to_string()),
        reason: Set(reason),
        created_at: Set(Utc::now()),
        created_by: Set(actor.user_id),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Writes the minutes and decisions (secretariat or admin). `expected_version` is the
/// minutes' version (`None` for the first save). After approval a `reason` is required
/// and the change becomes revision n+1.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id))]
pub async fn save(
    db: &DatabaseConnection, actor: &Actor, meeting_id: Uuid, expected_version: Option<i32>,
    body: &str, decisions: &[Decision], reason: Option<&str>,
) -> AppResult<MinutesView> {
    let view = meetings::get(db, actor, meeting_id).await?;
    policy::require_manage(actor, view.model().council_id)?;
    let status = view.status();
    if !matches!(
        status,
        MeetingStatus::Scheduled | MeetingStatus::Held | MeetingStatus::MinutesApproved
    ) {
        return Err(AppError::conflict(
            "meetingId",
            "minutes are written for scheduled or held meetings",
        ));
    }
    let body = parse_optional_text("body", Some(body), MAX_BODY)?.unwrap_or_default();
    let txn = crate::db::begin_write(db).await?;
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .all(&txn)
        .await?;
    for d in decisions {
        let item = items.iter().find(|i| i.id == d.agenda_item_id).ok_or_else(|| {
            AppError::bad_input("decisions", "not an item of this meeting's agenda")
        })?;
        if item.kind != AgendaItemKind::Decision {
            return Err(AppError::bad_input(
                "decisions",
                "decisions are recorded for decision items only",
            ));
        }
        parse_optional_text("decisions", Some(&d.text), 20_000)?;
    }
    let now = Utc::now();
    let existing =
        minutes::Entity::find().filter(minutes::Column::MeetingId.eq(meeting_id)).one(&txn).await?;
    let first = existing.is_none();
    let saved = match existing {
        None => {
            if expected_version.is_some() {
                return Err(AppError::conflict("expectedVersion", "there are no minutes yet"));
            }
            minutes::ActiveModel {
                id: Set(Uuid::now_v7()),
                meeting_id: Set(meeting_id),
                body: Set(body),
                status: Set(MinutesStatus::Draft),
                revision: Set(0),
                version: Set(1),
                approved_at: Set(None),
                approved_by: Set(None),
                updated_at: Set(now),
                updated_by: Set(actor.user_id),
            }
            .insert(&txn)
            .await
            .map_err(|e| AppError::from_write(e, "meetingId", "minutes for this meeting"))?
        }
        Some(current) => {
            let expected = expected_version.ok_or_else(|| {
                AppError::conflict(
                    "expectedVersion",
                    "the minutes exist; give the version you edited",
                )
            })?;
            let approved = current.status == MinutesStatus::Approved;
            let reason = if approved {
                Some(parse_optional_text("reason", reason, 2000)?.ok_or_else(|| {
                    AppError::bad_input(
                        "reason",
                        "approved minutes change only as a new revision with a reason",
                    )
                })?)
            } else {
                None
            };
            let update = minutes::Entity::update_many()
                .col_expr(minutes::Column::Body, Expr::value(body.clone()))
                .col_expr(minutes::Column::UpdatedAt, Expr::value(now))
                .col_expr(minutes::Column::UpdatedBy, Expr::value(actor.user_id))
                .col_expr(
                    minutes::Column::Revision,
                    Expr::value(if approved { current.revision + 1 } else { current.revision }),
                );
            let updated = claim(&txn, current.id, expected, update).await?;
            if approved {
                apply_decisions(&txn, decisions).await?;
                record_revision(&txn, actor, &updated, reason).await?;
            }
            updated
        }
    };
    if saved.status == MinutesStatus::Draft {
        apply_decisions(&txn, decisions).await?;
    }
    audit::Event::new(actor, "minutes.save", ("meeting", meeting_id))
        .in_council(view.model().council_id)
        .detail(json!({ "revision": saved.revision, "version": saved.version }))
        .record(&txn)
        .await?;
    if first {
        let council = view.model().council_id;
        let ready = Change::Meeting { id: meeting_id, council, what: MeetingChange::Minutes };
        crate::domain::events::happened(&txn, Some(actor), ready).await?;
    }
    crate::live::commit(txn, MinutesView { model: saved }).await
}

async fn apply_decisions(txn: &DatabaseTransaction, decisions: &[Decision]) -> AppResult<()> {
    for d in decisions {
        agenda_item::Entity::update_many()
            .col_expr(agenda_item::Column::Decision, Expr::value(d.text.trim().to_owned()))
            .filter(agenda_item::Column::Id.eq(d.agenda_item_id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// An attendee (any seat holder of the council) comments on draft minutes.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id))]
pub async fn comment(
    db: &DatabaseConnection, actor: &Actor, meeting_id: Uuid, body: &str,
) -> AppResult<minutes_comment::Model> {
    let view = meetings::get(db, actor, meeting_id).await?;
    if !view.details_visible()
        || (!policy::has_member_seat(actor, view.model().council_id)
            && view.access() != CouncilAccess::Manage)
    {
        return Err(AppError::NotFound("meeting"));
    }
    let body = parse_optional_text("body", Some(body), 10_000)?
        .ok_or_else(|| AppError::bad_input("body", "the comment is empty"))?;
    let minutes = minutes::Entity::find()
        .filter(minutes::Column::MeetingId.eq(meeting_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::conflict("meetingId", "there are no minutes to comment on yet"))?;
    if minutes.status == MinutesStatus::Approved {
        return Err(AppError::conflict("meetingId", "approved minutes are locked"));
    }
    Ok(minutes_comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        minutes_id: Set(minutes.id),
        user_id: Set(actor.user_id),
        body: Set(body),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

/// Approves the minutes of a held meeting and locks them (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id))]
pub async fn approve(
    db: &DatabaseConnection, actor: &Actor, meeting_id: Uuid, expected_version: i32,
) -> AppResult<MinutesView> {
    let view: MeetingView = meetings::get(db, actor, meeting_id).await?;
    policy::require_manage(actor, view.model().council_id)?;
    if view.status() != MeetingStatus::Held {
        return Err(AppError::conflict(
            "meetingId",
            "minutes are approved after the meeting is held",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let current = minutes::Entity::find()
        .filter(minutes::Column::MeetingId.eq(meeting_id))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::conflict("meetingId", "there are no minutes to approve"))?;
    if current.status == MinutesStatus::Approved {
        return Err(AppError::conflict("meetingId", "the minutes are already approved"));
    }
    let now = Utc::now();
    let update = minutes::Entity::update_many()
        .col_expr(minutes::Column::Status, Expr::value(MinutesStatus::Approved))
        .col_expr(minutes::Column::Revision, Expr::value(1))
        .col_expr(minutes::Column::ApprovedAt, Expr::value(now))
        .col_expr(minutes::Column::ApprovedBy, Expr::value(actor.user_id));
    let approved = claim(&txn, current.id, expected_version, update).await?;
    record_revision(&txn, actor, &approved, None).await?;
    meetings::mark_minutes_approved(&txn, view.model()).await?;
    audit::Event::new(actor, "minutes.approve", ("meeting", meeting_id))
        .in_council(view.model().council_id)
        .record(&txn)
        .await?;
    crate::live::commit(txn, MinutesView { model: approved }).await
}

/// Applies `update` to the minutes if they are still at version `expected` (CONFLICT if
/// someone else changed them meanwhile), bumps the version and reads them back.
async fn claim(
    txn: &DatabaseTransaction, id: Uuid, expected: i32, update: UpdateMany<minutes::Entity>,
) -> AppResult<minutes::Model> {
    let columns = (minutes::Column::Id, minutes::Column::Version);
    let changed = "the minutes were changed by someone else; reload and try again";
    versions::claim(txn, update, columns, id, expected, changed).await?;
    minutes::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("minutes"))
}
