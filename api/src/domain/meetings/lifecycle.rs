//! A meeting's life: reading, creating, editing, scheduling, holding and cancelling.

use super::*;
use crate::domain::prelude::*;
use crate::domain::{
    audit,
    councils::CouncilView,
    pagination::keyset_after,
    time,
    types::{parse_name, parse_optional_text},
};
use crate::domain::{batch, versions};
use crate::live::{Change, MeetingChange};
use chrono::{DateTime, Duration};
use entity::council_theme;
use sea_orm::ActiveEnum as _;
use sea_orm::sea_query::ExprTrait;

/// One meeting; NOT_FOUND when its council is invisible or it is a draft the actor may
/// not see.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<MeetingView> {
    let model =
        meeting::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("meeting"))?;
    view_of(actor, model).ok_or(AppError::NotFound("meeting"))
}

/// The meeting as the actor may see it, or `None`.
pub fn view_of(actor: &Actor, model: meeting::Model) -> Option<MeetingView> {
    let access = policy::council_access(actor, model.council_id)?;
    let status = model.status;
    policy::meeting_visible(access, status).then_some(MeetingView { model, access })
}

/// Meeting rows by id, for batch loading; callers pass each through [`view_of`].
#[tracing::instrument(skip_all)]
pub async fn rows_by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<meeting::Model>> {
    batch::rows_in::<meeting::Entity>(db, meeting::Column::Id, ids, &[]).await
}

/// A council's meetings by start time, optionally from a point in time.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn list(
    db: &DatabaseConnection, actor: &Actor, council: &CouncilView, page: &PageRequest,
    from: Option<DateTime<Utc>>,
) -> AppResult<Page<MeetingView>> {
    policy::require_council(actor, council.model().id)?;
    let after =
        page.after_typed(|k| DateTime::parse_from_rfc3339(k).ok().map(|t| t.with_timezone(&Utc)))?;
    let mut query = meeting::Entity::find()
        .filter(meeting::Column::CouncilId.eq(council.model().id))
        .filter(keyset_after(meeting::Column::StartsAt, meeting::Column::Id, after));
    if council.access() != CouncilAccess::Manage {
        query = query.filter(meeting::Column::Status.ne(MeetingStatus::Draft));
    }
    if let Some(from) = from {
        query = query.filter(meeting::Column::EndsAt.gte(from));
    }
    let rows = page.rows(db, query, meeting::Column::StartsAt, meeting::Column::Id).await?;
    let views =
        rows.into_iter().map(|model| MeetingView { model, access: council.access() }).collect();
    Ok(Page::from_rows(page, views, |m| Cursor {
        key: m.model.starts_at.to_rfc3339(),
        id: m.model.id,
    }))
}

// ---------------------------------------------------------------------------------
// Changing meetings

/// Resolved and validated meeting fields.
pub(super) struct Resolved {
    pub(super) title: String,
    pub(super) theme_id: Option<Uuid>,
    pub(super) description: String,
    pub(super) starts_at: DateTime<Utc>,
    pub(super) ends_at: DateTime<Utc>,
    pub(super) location: Option<String>,
    pub(super) online_url: Option<String>,
    pub(super) input_opens_at: Option<DateTime<Utc>>,
    pub(super) input_deadline: Option<DateTime<Utc>>,
}

fn opt_utc(field: &'static str, value: Option<NaiveDateTime>) -> AppResult<Option<DateTime<Utc>>> {
    value.map(|v| time::to_utc(field, v)).transpose()
}

/// Merges `fields` over `current` (or requires them for a new meeting) and checks every
/// rule, before anything is written.
async fn resolve(
    db: &impl ConnectionTrait, council_id: Uuid, current: Option<&meeting::Model>,
    fields: MeetingFields,
) -> AppResult<Resolved> {
    let title = match (&fields.title, current) {
        (Some(t), _) => parse_name("title", t, MAX_TITLE)?,
        (None, Some(m)) => m.title.clone(),
        (None, None) => return Err(AppError::bad_input("title", "a meeting needs a title")),
    };
    let starts_at = match (fields.starts_at, current) {
        (Some(t), _) => time::to_utc("startsAt", t)?,
        (None, Some(m)) => m.starts_at,
        (None, None) => {
            return Err(AppError::bad_input("startsAt", "a meeting needs a start time"));
        }
    };
    let ends_at = match (fields.ends_at, current) {
        (Some(t), _) => time::to_utc("endsAt", t)?,
        (None, Some(m)) => m.ends_at,
        (None, None) => return Err(AppError::bad_input("endsAt", "a meeting needs an end time")),
    };
    if ends_at <= starts_at {
        return Err(AppError::bad_input("endsAt", "the meeting must end after it starts"));
    }
    if ends_at - starts_at > Duration::hours(24) {
        return Err(AppError::bad_input("endsAt", "a meeting lasts at most 24 hours"));
    }
    let description = match (&fields.description, current) {
        (Some(d), _) => parse_optional_text("description", Some(d), MAX_TEXT)?.unwrap_or_default(),
        (None, Some(m)) => m.description.clone(),
        (None, None) => String::new(),
    };
    let location = match &fields.location {
        Some(l) => parse_optional_text("location", l.as_deref(), 300)?,
        None => current.and_then(|m| m.location.clone()),
    };
    let online_url = match &fields.online_url {
        Some(u) => parse_optional_text("onlineUrl", u.as_deref(), 500)?,
        None => current.and_then(|m| m.online_url.clone()),
    };
    if let Some(url) = &online_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(AppError::bad_input("onlineUrl", "the online link must start with https://"));
    }
    let input_opens_at = match fields.input_opens_at {
        Some(t) => opt_utc("inputOpensAt", t)?,
        None => current.and_then(|m| m.input_opens_at),
    };
    let input_deadline = match fields.input_deadline {
        Some(t) => opt_utc("inputDeadline", t)?,
        None => current.and_then(|m| m.input_deadline),
    };
    if let Some(deadline) = input_deadline
        && deadline > starts_at
    {
        return Err(AppError::bad_input(
            "inputDeadline",
            "the input deadline must be before the meeting starts",
        ));
    }
    if let (Some(opens), Some(deadline)) = (input_opens_at, input_deadline)
        && opens >= deadline
    {
        return Err(AppError::bad_input(
            "inputOpensAt",
            "the input window must open before its deadline",
        ));
    }
    let theme_id = match fields.theme_id {
        Some(t) => t,
        None => current.and_then(|m| m.theme_id),
    };
    if let Some(theme) = theme_id {
        let known = council_theme::Entity::find_by_id(theme)
            .one(db)
            .await?
            .is_some_and(|t| t.council_id == council_id);
        if !known {
            return Err(AppError::bad_input("themeId", "not one of the council's themes"));
        }
    }
    Ok(Resolved {
        title,
        theme_id,
        description,
        starts_at,
        ends_at,
        location,
        online_url,
        input_opens_at,
        input_deadline,
    })
}

/// Creates a draft meeting (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn create(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid, fields: MeetingFields,
) -> AppResult<MeetingView> {
    policy::require_manage(actor, council_id)?;
    let txn = crate::db::begin_write(db).await?;
    let r = resolve(&txn, council_id, None, fields).await?;
    let model = insert_draft(&txn, council_id, r).await?;
    audit_meeting(&txn, actor, "meeting.create", &model, json!({ "title": model.title })).await?;
    crate::live::commit(txn, MeetingView { model, access: CouncilAccess::Manage }).await
}

pub(super) async fn insert_draft(
    txn: &DatabaseTransaction, council_id: Uuid, r: Resolved,
) -> AppResult<meeting::Model> {
    let now = Utc::now();
    Ok(meeting::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(council_id),
        theme_id: Set(r.theme_id),
        title: Set(r.title),
        description: Set(r.description),
        starts_at: Set(r.starts_at),
        ends_at: Set(r.ends_at),
        location: Set(r.location),
        online_url: Set(r.online_url),
        input_opens_at: Set(r.input_opens_at),
        input_deadline: Set(r.input_deadline),
        status: Set(MeetingStatus::Draft),
        cancel_reason: Set(None),
        version: Set(1),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?)
}

pub(super) async fn audit_meeting(
    txn: &DatabaseTransaction, actor: &Actor, action: &'static str, model: &meeting::Model,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::Event::new(actor, action, ("meeting", model.id))
        .in_council(model.council_id)
        .detail(detail)
        .record(txn)
        .await?;
    // Every change of a meeting passes here, and so reaches those watching it.
    let what = if action.starts_with("agenda.") || action == "proposal.decide" {
        MeetingChange::Agenda
    } else if model.status == MeetingStatus::Cancelled {
        MeetingChange::Cancelled
    } else {
        MeetingChange::Changed
    };
    let change = Change::Meeting { id: model.id, council: model.council_id, what };
    if model.status == MeetingStatus::Draft {
        // A draft is the secretariat's own work: shown live to it, news for no one.
        crate::live::announce(txn, change).await
    } else {
        crate::domain::events::happened(txn, Some(actor), change).await
    }
}

/// Loads a meeting for a change by the secretariat and claims its version: fails with
/// CONFLICT when someone else changed it since `expected_version`.
pub(super) async fn claim(
    txn: &DatabaseTransaction, actor: &Actor, meeting_id: Uuid, expected_version: i32,
) -> AppResult<meeting::Model> {
    let current = get(txn, actor, meeting_id).await?;
    policy::require_manage(actor, current.model.council_id)?;
    let update = meeting::Entity::update_many()
        .col_expr(meeting::Column::UpdatedAt, Expr::value(Utc::now()));
    let columns = (meeting::Column::Id, meeting::Column::Version);
    let changed = "the meeting was changed by someone else; reload and try again";
    versions::claim(txn, update, columns, meeting_id, expected_version, changed).await?;
    let mut model = current.model;
    model.version = expected_version + 1;
    Ok(model)
}

pub(super) fn require_editable(model: &meeting::Model) -> AppResult<MeetingStatus> {
    let status = model.status;
    match status {
        MeetingStatus::Draft | MeetingStatus::Scheduled | MeetingStatus::Held => Ok(status),
        _ => Err(AppError::conflict("id", "the meeting can no longer be changed")),
    }
}

/// Changes a meeting (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn update(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, expected_version: i32, fields: MeetingFields,
) -> AppResult<MeetingView> {
    let txn = crate::db::begin_write(db).await?;
    let current = claim(&txn, actor, id, expected_version).await?;
    require_editable(&current)?;
    let r = resolve(&txn, current.council_id, Some(&current), fields).await?;
    let calendar_changed = r.starts_at != current.starts_at
        || r.ends_at != current.ends_at
        || r.location != current.location
        || r.title != current.title
        || r.input_deadline != current.input_deadline;
    let mut model: meeting::ActiveModel = current.clone().into();
    model.title = Set(r.title);
    model.theme_id = Set(r.theme_id);
    model.description = Set(r.description);
    model.starts_at = Set(r.starts_at);
    model.ends_at = Set(r.ends_at);
    model.location = Set(r.location);
    model.online_url = Set(r.online_url);
    model.input_opens_at = Set(r.input_opens_at);
    model.input_deadline = Set(r.input_deadline);
    if calendar_changed {
        model.sequence = Set(current.sequence + 1);
    }
    let updated = model.update(&txn).await?;
    audit_meeting(&txn, actor, "meeting.update", &updated, json!({ "version": updated.version }))
        .await?;
    crate::live::commit(txn, MeetingView { model: updated, access: CouncilAccess::Manage }).await
}

/// Moves a meeting along its lifecycle: draft → scheduled → held; cancelled from draft
/// or scheduled with a reason. (Approving minutes moves held → minutes approved.)
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn transition(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, expected_version: i32, to: MeetingStatus,
    reason: Option<&str>,
) -> AppResult<MeetingView> {
    let txn = crate::db::begin_write(db).await?;
    let current = claim(&txn, actor, id, expected_version).await?;
    let from = current.status;
    let allowed = matches!(
        (from, to),
        (MeetingStatus::Draft, MeetingStatus::Scheduled)
            | (MeetingStatus::Scheduled, MeetingStatus::Held)
            | (MeetingStatus::Draft | MeetingStatus::Scheduled, MeetingStatus::Cancelled)
    );
    if !allowed {
        return Err(AppError::conflict(
            "id",
            format!("a {} meeting cannot become {}", from.to_value(), to.to_value()),
        ));
    }
    let reason = match to {
        MeetingStatus::Cancelled => Some(
            parse_optional_text("reason", reason, 2000)?
                .ok_or_else(|| AppError::bad_input("reason", "say why the meeting is cancelled"))?,
        ),
        _ => None,
    };
    if to == MeetingStatus::Held && current.starts_at > Utc::now() {
        return Err(AppError::bad_input("id", "the meeting has not started yet"));
    }
    let mut model: meeting::ActiveModel = current.clone().into();
    model.status = Set(to);
    model.cancel_reason = Set(reason.clone());
    model.sequence = Set(current.sequence + 1);
    let updated = model.update(&txn).await?;
    audit_meeting(
        &txn,
        actor,
        "meeting.status",
        &updated,
        json!({ "from": from.to_value(), "to": to.to_value(), "reason": reason }),
    )
    .await?;
    crate::live::commit(txn, MeetingView { model: updated, access: CouncilAccess::Manage }).await
}

/// Sets the meeting to minutes-approved inside the minutes' transaction.
pub(crate) async fn mark_minutes_approved(
    txn: &DatabaseTransaction, meeting: &meeting::Model,
) -> AppResult<()> {
    meeting::Entity::update_many()
        .col_expr(meeting::Column::Status, Expr::value(MeetingStatus::MinutesApproved))
        .col_expr(meeting::Column::Version, Expr::col(meeting::Column::Version).add(1))
        .filter(meeting::Column::Id.eq(meeting.id))
        .exec(txn)
        .await?;
    Ok(())
}
