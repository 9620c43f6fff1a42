//! Themed meetings: themes, the meeting lifecycle, the year planner, the agenda and
//! members' proposals, attendance, and conflicts with other councils' meetings.
//!
//! Rules: only the secretariat changes a meeting or its agenda; members see meetings
//! once scheduled (drafts stay with the secretariat); advisory bodies see themes and
//! dates but not agendas. Every change to a meeting or its agenda names the version it
//! was based on and bumps it, so the second of two concurrent edits gets CONFLICT.

use crate::domain::batch;
use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use entity::{
    agenda_item, agenda_proposal, attendance, council, council_theme, meeting, membership, seat,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    auth::Actor,
    domain::{
        audit,
        councils::CouncilView,
        holidays, organisations,
        pagination::{Cursor, Page, PageRequest, keyset_after},
        policy::{self, CouncilAccess},
        time,
        types::{
            AgendaItemKind, AttendanceResponse, MeetingStatus, MembershipRole, ProposalStatus,
            parse_name, parse_optional_text,
        },
    },
    error::{AppError, AppResult},
};

/// Longest meeting or agenda title.
pub const MAX_TITLE: usize = 200;
/// Longest free text.
pub const MAX_TEXT: usize = 10_000;
/// At most this many agenda items per meeting (keeps nested lists bounded).
pub const MAX_AGENDA_ITEMS: u64 = 60;

/// A meeting as seen by one actor.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub model: meeting::Model,
    pub access: CouncilAccess,
}

impl MeetingView {
    /// The meeting's status.
    pub fn status(&self) -> AppResult<MeetingStatus> {
        MeetingStatus::parse(&self.model.status)
    }

    /// May see agenda, proposals, attendance, minutes and actions.
    pub fn details_visible(&self) -> bool {
        policy::can_see_meeting_details(self.access)
    }

    /// Fails with FORBIDDEN unless details are visible.
    pub fn require_details(&self) -> AppResult<()> {
        if self.details_visible() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The editable fields of a meeting; local times are Europe/Stockholm.
#[derive(Debug, Clone, Default)]
pub struct MeetingFields {
    pub title: Option<String>,
    /// `Some(None)` removes the theme.
    pub theme_id: Option<Option<Uuid>>,
    pub description: Option<String>,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub location: Option<Option<String>>,
    pub online_url: Option<Option<String>>,
    pub input_opens_at: Option<Option<NaiveDateTime>>,
    pub input_deadline: Option<Option<NaiveDateTime>>,
}

/// Input for an agenda item.
#[derive(Debug, Clone, Default)]
pub struct AgendaItemFields {
    pub kind: Option<AgendaItemKind>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `Some(None)` removes the presenter.
    pub presenter_organisation_id: Option<Option<Uuid>>,
    pub minutes_allotted: Option<i32>,
}

/// A member's proposal for the agenda.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub meeting_id: Uuid,
    /// Needed only when the actor sits for more than one organisation.
    pub organisation_id: Option<Uuid>,
    pub kind: AgendaItemKind,
    pub title: String,
    pub description: Option<String>,
    pub minutes_allotted: i32,
}

/// What the year planner is asked for.
#[derive(Debug, Clone)]
pub struct YearPlanRequest {
    pub council_id: Uuid,
    pub year: i32,
    /// Theme names, one per meeting in order; fewer themes than meetings leaves the rest
    /// without a theme.
    pub themes: Vec<String>,
    pub weekday: Weekday,
    pub start_time: NaiveTime,
    pub duration_minutes: i64,
    /// The input window opens this many days before the meeting…
    pub input_opens_days_before: i64,
    /// …and closes this many days before it.
    pub input_deadline_days_before: i64,
}

/// Another council's meeting at an overlapping time, with organisations in both.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub other: meeting::Model,
    pub shared_organisation_ids: Vec<Uuid>,
}

/// The attendance of one member organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationAttendance {
    pub organisation_id: Uuid,
    pub attending: Vec<Uuid>,
    pub apologies: Vec<Uuid>,
    /// Representatives who send a substitute, with the substitute's name.
    pub substitutes: Vec<(Uuid, String)>,
    pub no_answer: Vec<Uuid>,
}

// ---------------------------------------------------------------------------------
// Themes

/// Themes of councils, for batch loading behind a checked council.
pub async fn themes_of(
    db: &DatabaseConnection,
    council_ids: &[Uuid],
) -> AppResult<Vec<council_theme::Model>> {
    batch::rows_in::<council_theme::Entity>(
        db,
        council_theme::Column::CouncilId,
        council_ids,
        &[council_theme::Column::Position, council_theme::Column::Id],
    )
    .await
}

/// Adds a theme to a council's list (secretariat or admin).
pub async fn add_theme(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: Uuid,
    name: &str,
) -> AppResult<council_theme::Model> {
    policy::require_manage(actor, council_id)?;
    let name = parse_name("name", name, MAX_TITLE)?;
    let txn = crate::db::begin_write(db).await?;
    let position = council_theme::Entity::find()
        .filter(council_theme::Column::CouncilId.eq(council_id))
        .count(&txn)
        .await?;
    let theme = council_theme::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(council_id),
        name: Set(name),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "name", "a theme with this name"))?;
    audit::record(
        &txn,
        audit::Event {
            action: "theme.add",
            subject_type: "council",
            subject_id: council_id,
            council_id: Some(council_id),
            detail: json!({ "name": theme.name }),
            actor: Some(actor),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(theme)
}

// ---------------------------------------------------------------------------------
// Reading meetings

/// One meeting; NOT_FOUND when its council is invisible or it is a draft the actor may
/// not see.
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<MeetingView> {
    let model = meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("meeting"))?;
    view_of(actor, model).ok_or(AppError::NotFound("meeting"))
}

/// The meeting as the actor may see it, or `None`.
pub fn view_of(actor: &Actor, model: meeting::Model) -> Option<MeetingView> {
    let access = policy::council_access(actor, model.council_id)?;
    let status = MeetingStatus::parse(&model.status).ok()?;
    policy::meeting_visible(access, status).then_some(MeetingView { model, access })
}

/// Meeting rows by id, for batch loading; callers pass each through [`view_of`].
pub async fn rows_by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<meeting::Model>> {
    batch::rows_in::<meeting::Entity>(db, meeting::Column::Id, ids, &[]).await
}

/// A council's meetings by start time, optionally from a point in time.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    council: &CouncilView,
    page: &PageRequest,
    from: Option<DateTime<Utc>>,
) -> AppResult<Page<MeetingView>> {
    policy::require_council(actor, council.model.id)?;
    let after = page.after_typed(|k| {
        DateTime::parse_from_rfc3339(k)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    })?;
    let mut query = meeting::Entity::find()
        .filter(meeting::Column::CouncilId.eq(council.model.id))
        .filter(keyset_after(
            meeting::Column::StartsAt,
            meeting::Column::Id,
            after,
        ));
    if council.access != CouncilAccess::Manage {
        query = query.filter(meeting::Column::Status.ne(MeetingStatus::Draft.as_str()));
    }
    if let Some(from) = from {
        query = query.filter(meeting::Column::EndsAt.gte(from));
    }
    let rows = query
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    let views = rows
        .into_iter()
        .map(|model| MeetingView {
            model,
            access: council.access,
        })
        .collect();
    Ok(Page::from_rows(page, views, |m| Cursor {
        key: m.model.starts_at.to_rfc3339(),
        id: m.model.id,
    }))
}

// ---------------------------------------------------------------------------------
// Changing meetings

/// Resolved and validated meeting fields.
struct Resolved {
    title: String,
    theme_id: Option<Uuid>,
    description: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    location: Option<String>,
    online_url: Option<String>,
    input_opens_at: Option<DateTime<Utc>>,
    input_deadline: Option<DateTime<Utc>>,
}

fn opt_utc(field: &'static str, value: Option<NaiveDateTime>) -> AppResult<Option<DateTime<Utc>>> {
    value.map(|v| time::to_utc(field, v)).transpose()
}

/// Merges `fields` over `current` (or requires them for a new meeting) and checks every
/// rule, before anything is written.
async fn resolve(
    db: &impl ConnectionTrait,
    council_id: Uuid,
    current: Option<&meeting::Model>,
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
            return Err(AppError::bad_input(
                "startsAt",
                "a meeting needs a start time",
            ));
        }
    };
    let ends_at = match (fields.ends_at, current) {
        (Some(t), _) => time::to_utc("endsAt", t)?,
        (None, Some(m)) => m.ends_at,
        (None, None) => return Err(AppError::bad_input("endsAt", "a meeting needs an end time")),
    };
    if ends_at <= starts_at {
        return Err(AppError::bad_input(
            "endsAt",
            "the meeting must end after it starts",
        ));
    }
    if ends_at - starts_at > Duration::hours(24) {
        return Err(AppError::bad_input(
            "endsAt",
            "a meeting lasts at most 24 hours",
        ));
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
        return Err(AppError::bad_input(
            "onlineUrl",
            "the online link must start with https://",
        ));
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
            return Err(AppError::bad_input(
                "themeId",
                "not one of the council's themes",
            ));
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
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: Uuid,
    fields: MeetingFields,
) -> AppResult<MeetingView> {
    policy::require_manage(actor, council_id)?;
    let txn = crate::db::begin_write(db).await?;
    let r = resolve(&txn, council_id, None, fields).await?;
    let model = insert_draft(&txn, council_id, r).await?;
    audit_meeting(
        &txn,
        actor,
        "meeting.create",
        &model,
        json!({ "title": model.title }),
    )
    .await?;
    txn.commit().await?;
    Ok(MeetingView {
        model,
        access: CouncilAccess::Manage,
    })
}

async fn insert_draft(
    txn: &DatabaseTransaction,
    council_id: Uuid,
    r: Resolved,
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
        status: Set(MeetingStatus::Draft.as_str().to_owned()),
        cancel_reason: Set(None),
        version: Set(1),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?)
}

async fn audit_meeting(
    txn: &DatabaseTransaction,
    actor: &Actor,
    action: &'static str,
    model: &meeting::Model,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::record(
        txn,
        audit::Event {
            action,
            subject_type: "meeting",
            subject_id: model.id,
            council_id: Some(model.council_id),
            detail,
            actor: Some(actor),
        },
    )
    .await
}

/// Loads a meeting for a change by the secretariat and claims its version: fails with
/// CONFLICT when someone else changed it since `expected_version`.
async fn claim(
    txn: &DatabaseTransaction,
    actor: &Actor,
    meeting_id: Uuid,
    expected_version: i32,
) -> AppResult<meeting::Model> {
    let current = get(txn, actor, meeting_id).await?;
    policy::require_manage(actor, current.model.council_id)?;
    let claimed = meeting::Entity::update_many()
        .col_expr(
            meeting::Column::Version,
            Expr::col(meeting::Column::Version).add(1),
        )
        .col_expr(meeting::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(meeting::Column::Id.eq(meeting_id))
        .filter(meeting::Column::Version.eq(expected_version))
        .exec(txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::conflict(
            "expectedVersion",
            "the meeting was changed by someone else; reload and try again",
        ));
    }
    let mut model = current.model;
    model.version = expected_version + 1;
    Ok(model)
}

fn require_editable(model: &meeting::Model) -> AppResult<MeetingStatus> {
    let status = MeetingStatus::parse(&model.status)?;
    match status {
        MeetingStatus::Draft | MeetingStatus::Scheduled | MeetingStatus::Held => Ok(status),
        _ => Err(AppError::conflict(
            "id",
            "the meeting can no longer be changed",
        )),
    }
}

/// Changes a meeting (secretariat or admin).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    expected_version: i32,
    fields: MeetingFields,
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
    audit_meeting(
        &txn,
        actor,
        "meeting.update",
        &updated,
        json!({ "version": updated.version }),
    )
    .await?;
    txn.commit().await?;
    Ok(MeetingView {
        model: updated,
        access: CouncilAccess::Manage,
    })
}

/// Moves a meeting along its lifecycle: draft → scheduled → held; cancelled from draft
/// or scheduled with a reason. (Approving minutes moves held → minutes approved.)
pub async fn transition(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    expected_version: i32,
    to: MeetingStatus,
    reason: Option<&str>,
) -> AppResult<MeetingView> {
    let txn = crate::db::begin_write(db).await?;
    let current = claim(&txn, actor, id, expected_version).await?;
    let from = MeetingStatus::parse(&current.status)?;
    let allowed = matches!(
        (from, to),
        (MeetingStatus::Draft, MeetingStatus::Scheduled)
            | (MeetingStatus::Scheduled, MeetingStatus::Held)
            | (
                MeetingStatus::Draft | MeetingStatus::Scheduled,
                MeetingStatus::Cancelled
            )
    );
    if !allowed {
        return Err(AppError::conflict(
            "id",
            format!("a {} meeting cannot become {}", from.as_str(), to.as_str()),
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
    model.status = Set(to.as_str().to_owned());
    model.cancel_reason = Set(reason.clone());
    model.sequence = Set(current.sequence + 1);
    let updated = model.update(&txn).await?;
    audit_meeting(
        &txn,
        actor,
        "meeting.status",
        &updated,
        json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason }),
    )
    .await?;
    txn.commit().await?;
    Ok(MeetingView {
        model: updated,
        access: CouncilAccess::Manage,
    })
}

/// Sets the meeting to minutes-approved inside the minutes' transaction.
pub(crate) async fn mark_minutes_approved(
    txn: &DatabaseTransaction,
    meeting: &meeting::Model,
) -> AppResult<()> {
    meeting::Entity::update_many()
        .col_expr(
            meeting::Column::Status,
            Expr::value(MeetingStatus::MinutesApproved.as_str()),
        )
        .col_expr(
            meeting::Column::Version,
            Expr::col(meeting::Column::Version).add(1),
        )
        .filter(meeting::Column::Id.eq(meeting.id))
        .exec(txn)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// Year planner

/// Dates for `count` meetings in `year` on `weekday`, spread evenly: of the year's W
/// weeks that have that weekday, meeting i falls in week ⌊(i + ½)·W / count⌋, so a
/// fortnightly council meets every other week and a quarterly one once a quarter. A
/// holiday moves a meeting to the nearest working day of its own week, else (or when its
/// week is taken) to the same weekday of the nearest free week. A meeting whose date falls
/// before `earliest` is not placed. Either every meeting of the cadence gets a date, or
/// the answer says which could not be placed and why.
pub fn propose_dates(
    year: i32,
    count: u32,
    weekday: Weekday,
    earliest: NaiveDate,
) -> Result<Vec<NaiveDate>, Vec<String>> {
    let (Some(jan1), Some(dec31)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(vec![format!("{year} is not a year the planner knows")]);
    };
    let first = jan1
        + Duration::days(i64::from(
            (7 + weekday.num_days_from_monday() - jan1.weekday().num_days_from_monday()) % 7,
        ));
    let weeks: Vec<NaiveDate> = (0..)
        .map(|w| first + Duration::days(7 * w))
        .take_while(|d| *d <= dec31)
        .collect();
    let total = u32::try_from(weeks.len()).unwrap_or(u32::MAX);
    if count > total {
        return Err(vec![format!(
            "{count} meetings do not fit in the {total} weeks of {year}"
        )]);
    }
    let usable = |d: NaiveDate| d.year() == year && d >= earliest && holidays::is_working_day(d);
    let mut taken_weeks = HashSet::new();
    let mut dates = vec![];
    let mut unplaced = vec![];
    for i in 0..count {
        let week = ((2 * u64::from(i) + 1) * u64::from(total) / (2 * u64::from(count))) as usize;
        let ideal = weeks[week.min(weeks.len() - 1)];
        if ideal < earliest {
            unplaced.push(format!(
                "meeting {} of {count} would fall on {ideal}, before {earliest}",
                i + 1
            ));
            continue;
        }
        // The nearest free week, later ones first.
        let other_week = (1..weeks.len())
            .flat_map(|d| [week + d, week.wrapping_sub(d)])
            .filter(|w| *w < weeks.len() && !taken_weeks.contains(w))
            .find(|w| usable(weeks[*w]));
        let same_week = [1i64, -1, 2, -2]
            .into_iter()
            .map(|d| ideal + Duration::days(d))
            .find(|d| d.weekday().num_days_from_monday() < 5 && usable(*d) && !dates.contains(d));
        let placed = if usable(ideal) && !taken_weeks.contains(&week) {
            Some((week, ideal))
        } else if let Some(d) = same_week.filter(|_| !taken_weeks.contains(&week)) {
            Some((week, d))
        } else {
            other_week.map(|w| (w, weeks[w]))
        };
        match placed {
            Some((w, date)) => {
                taken_weeks.insert(w);
                dates.push(date);
            }
            None => unplaced.push(format!(
                "meeting {} of {count} ({ideal}): no free working day is left for it",
                i + 1
            )),
        }
    }
    if !unplaced.is_empty() {
        return Err(unplaced);
    }
    dates.sort();
    Ok(dates)
}

/// Proposes a year of draft meetings from the council's cadence and the given themes,
/// with the conflicts of each (secretariat or admin). The secretariat then adjusts and
/// schedules them.
pub async fn plan_year(
    db: &DatabaseConnection,
    actor: &Actor,
    req: YearPlanRequest,
) -> AppResult<Vec<(MeetingView, Vec<Conflict>)>> {
    policy::require_manage(actor, req.council_id)?;
    let this_year = time::today().year();
    if !(this_year..=this_year + 5).contains(&req.year) {
        return Err(AppError::bad_input(
            "year",
            format!("plan a year from {this_year} to {}", this_year + 5),
        ));
    }
    if !(15..=8 * 60).contains(&req.duration_minutes) {
        return Err(AppError::bad_input(
            "durationMinutes",
            "a meeting lasts 15 minutes to 8 hours",
        ));
    }
    if !(0..=90).contains(&req.input_deadline_days_before)
        || req.input_opens_days_before <= req.input_deadline_days_before
        || req.input_opens_days_before > 180
    {
        return Err(AppError::bad_input(
            "inputDeadlineDaysBefore",
            "the input window must open before its deadline, within 180 days",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let council = council::Entity::find_by_id(req.council_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("council"))?;
    let count = u32::try_from(council.meetings_per_year).unwrap_or(0);
    if req.themes.len() > count as usize {
        return Err(AppError::bad_input(
            "themes",
            format!("the council meets {count} times a year"),
        ));
    }
    let known: BTreeMap<String, Uuid> = council_theme::Entity::find()
        .filter(council_theme::Column::CouncilId.eq(council.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.name, t.id))
        .collect();
    let mut theme_ids = vec![];
    for name in &req.themes {
        let id = known.get(name.trim()).copied().ok_or_else(|| {
            AppError::bad_input(
                "themes",
                format!("{name:?} is not one of the council's themes"),
            )
        })?;
        theme_ids.push((name.trim().to_owned(), id));
    }
    let dates = propose_dates(
        req.year,
        count,
        req.weekday,
        time::today() + Duration::days(1),
    )
    .map_err(|unplaced| {
        AppError::bad_input(
            "year",
            format!("could not place every meeting: {}", unplaced.join("; ")),
        )
    })?;
    let mut planned = vec![];
    for (i, date) in dates.into_iter().enumerate() {
        let starts = time::to_utc("startTime", date.and_time(req.start_time))?;
        let ends = starts + Duration::minutes(req.duration_minutes);
        let theme = theme_ids.get(i);
        let title = match theme {
            Some((name, _)) => format!("{} – {}", council.name, name),
            None => format!("{} – möte {}", council.name, i + 1),
        };
        let r = Resolved {
            title: title.chars().take(MAX_TITLE).collect(),
            theme_id: theme.map(|(_, id)| *id),
            description: String::new(),
            starts_at: starts,
            ends_at: ends,
            location: None,
            online_url: None,
            input_opens_at: Some(starts - Duration::days(req.input_opens_days_before)),
            input_deadline: Some(starts - Duration::days(req.input_deadline_days_before)),
        };
        planned.push(insert_draft(&txn, council.id, r).await?);
    }
    let ranges: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        planned.iter().map(|m| (m.starts_at, m.ends_at)).collect();
    let conflicts = conflicts_for(&txn, council.id, &ranges).await?;
    audit::record(
        &txn,
        audit::Event {
            action: "meeting.plan_year",
            subject_type: "council",
            subject_id: council.id,
            council_id: Some(council.id),
            detail: json!({ "year": req.year, "meetings": planned.len() }),
            actor: Some(actor),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(planned
        .into_iter()
        .zip(conflicts)
        .map(|(model, c)| {
            (
                MeetingView {
                    model,
                    access: CouncilAccess::Manage,
                },
                c,
            )
        })
        .collect())
}

/// For each time range, the meetings of *other* councils that overlap it and share an
/// open member organisation with `council_id`. Three statements whatever the input.
pub async fn conflicts_for(
    db: &impl ConnectionTrait,
    council_id: Uuid,
    ranges: &[(DateTime<Utc>, DateTime<Utc>)],
) -> AppResult<Vec<Vec<Conflict>>> {
    let (Some(min), Some(max)) = (
        ranges.iter().map(|r| r.0).min(),
        ranges.iter().map(|r| r.1).max(),
    ) else {
        return Ok(vec![]);
    };
    let ours: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    if ours.is_empty() {
        return Ok(ranges.iter().map(|_| vec![]).collect());
    }
    let theirs = membership::Entity::find()
        .filter(membership::Column::OrganisationId.is_in(ours))
        .filter(membership::Column::CouncilId.ne(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory.as_str()))
        .all(db)
        .await?;
    if theirs.is_empty() {
        return Ok(ranges.iter().map(|_| vec![]).collect());
    }
    let councils: HashSet<Uuid> = theirs.iter().map(|m| m.council_id).collect();
    let others = meeting::Entity::find()
        .filter(meeting::Column::CouncilId.is_in(councils))
        .filter(meeting::Column::Status.ne(MeetingStatus::Cancelled.as_str()))
        .filter(meeting::Column::StartsAt.lt(max))
        .filter(meeting::Column::EndsAt.gt(min))
        .all(db)
        .await?;
    Ok(ranges
        .iter()
        .map(|(start, end)| {
            others
                .iter()
                .filter(|o| o.starts_at < *end && o.ends_at > *start)
                .map(|o| Conflict {
                    other: o.clone(),
                    shared_organisation_ids: theirs
                        .iter()
                        .filter(|m| m.council_id == o.council_id)
                        .map(|m| m.organisation_id)
                        .collect(),
                })
                .collect()
        })
        .collect())
}

/// Conflicts of one meeting (secretariat or admin).
pub async fn conflicts_of(
    db: &DatabaseConnection,
    actor: &Actor,
    view: &MeetingView,
) -> AppResult<Vec<Conflict>> {
    policy::require_manage_to_read(actor, view.model.council_id)?;
    let mut all = conflicts_for(
        db,
        view.model.council_id,
        &[(view.model.starts_at, view.model.ends_at)],
    )
    .await?;
    Ok(all.pop().unwrap_or_default())
}

// ---------------------------------------------------------------------------------
// Agenda

/// Agenda items of meetings in order, for batch loading behind a checked meeting.
pub async fn agenda_of(
    db: &DatabaseConnection,
    meeting_ids: &[Uuid],
) -> AppResult<Vec<agenda_item::Model>> {
    batch::rows_in::<agenda_item::Entity>(
        db,
        agenda_item::Column::MeetingId,
        meeting_ids,
        &[agenda_item::Column::Position, agenda_item::Column::Id],
    )
    .await
}

fn check_minutes(field: &'static str, minutes: i32) -> AppResult<i32> {
    if (1..=600).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(AppError::bad_input(field, "between 1 and 600 minutes"))
    }
}

/// Adds an item at the end of the agenda (secretariat or admin).
pub async fn add_agenda_item(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting_id: Uuid,
    expected_version: i32,
    fields: AgendaItemFields,
) -> AppResult<agenda_item::Model> {
    let txn = crate::db::begin_write(db).await?;
    let meeting = claim(&txn, actor, meeting_id, expected_version).await?;
    require_editable(&meeting)?;
    let item = insert_agenda_item(&txn, &meeting, fields).await?;
    audit_meeting(
        &txn,
        actor,
        "agenda.add",
        &meeting,
        json!({ "itemId": item.id, "title": item.title }),
    )
    .await?;
    txn.commit().await?;
    Ok(item)
}

async fn insert_agenda_item(
    txn: &DatabaseTransaction,
    meeting: &meeting::Model,
    fields: AgendaItemFields,
) -> AppResult<agenda_item::Model> {
    let title = parse_name(
        "title",
        fields.title.as_deref().unwrap_or_default(),
        MAX_TITLE,
    )?;
    let minutes = check_minutes("minutesAllotted", fields.minutes_allotted.unwrap_or(15))?;
    let description = parse_optional_text("description", fields.description.as_deref(), MAX_TEXT)?
        .unwrap_or_default();
    let presenter = fields.presenter_organisation_id.flatten();
    if let Some(org) = presenter {
        organisations::require_exists(txn, org, "presenterOrganisationId").await?;
    }
    let existing = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting.id))
        .order_by_desc(agenda_item::Column::Position)
        .all(txn)
        .await?;
    if existing.len() as u64 >= MAX_AGENDA_ITEMS {
        return Err(AppError::conflict(
            "meetingId",
            format!("an agenda has at most {MAX_AGENDA_ITEMS} items"),
        ));
    }
    let position = existing.first().map_or(0, |i| i.position + 1);
    Ok(agenda_item::ActiveModel {
        id: Set(Uuid::now_v7()),
        meeting_id: Set(meeting.id),
        position: Set(position),
        kind: Set(fields
            .kind
            .unwrap_or(AgendaItemKind::Discussion)
            .as_str()
            .to_owned()),
        title: Set(title),
        description: Set(description),
        presenter_organisation_id: Set(presenter),
        minutes_allotted: Set(minutes),
        decision: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(txn)
    .await?)
}

async fn claim_item(
    txn: &DatabaseTransaction,
    actor: &Actor,
    item_id: Uuid,
    expected_version: i32,
) -> AppResult<(meeting::Model, agenda_item::Model)> {
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound("agenda item"))?;
    let meeting = claim(txn, actor, item.meeting_id, expected_version)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("agenda item"),
            other => other,
        })?;
    require_editable(&meeting)?;
    Ok((meeting, item))
}

/// Changes an agenda item (secretariat or admin); `expected_version` is the meeting's.
pub async fn update_agenda_item(
    db: &DatabaseConnection,
    actor: &Actor,
    item_id: Uuid,
    expected_version: i32,
    fields: AgendaItemFields,
) -> AppResult<agenda_item::Model> {
    let txn = crate::db::begin_write(db).await?;
    let (meeting, item) = claim_item(&txn, actor, item_id, expected_version).await?;
    let mut model: agenda_item::ActiveModel = item.clone().into();
    if let Some(title) = &fields.title {
        model.title = Set(parse_name("title", title, MAX_TITLE)?);
    }
    if let Some(kind) = fields.kind {
        model.kind = Set(kind.as_str().to_owned());
    }
    if let Some(description) = &fields.description {
        model.description = Set(
            parse_optional_text("description", Some(description), MAX_TEXT)?.unwrap_or_default(),
        );
    }
    if let Some(minutes) = fields.minutes_allotted {
        model.minutes_allotted = Set(check_minutes("minutesAllotted", minutes)?);
    }
    if let Some(presenter) = fields.presenter_organisation_id {
        if let Some(org) = presenter {
            organisations::require_exists(&txn, org, "presenterOrganisationId").await?;
        }
        model.presenter_organisation_id = Set(presenter);
    }
    let updated = model.update(&txn).await?;
    audit_meeting(
        &txn,
        actor,
        "agenda.update",
        &meeting,
        json!({ "itemId": item_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Removes an agenda item (secretariat or admin).
pub async fn remove_agenda_item(
    db: &DatabaseConnection,
    actor: &Actor,
    item_id: Uuid,
    expected_version: i32,
) -> AppResult<Uuid> {
    let txn = crate::db::begin_write(db).await?;
    let (meeting, item) = claim_item(&txn, actor, item_id, expected_version).await?;
    agenda_item::Entity::delete_by_id(item_id)
        .exec(&txn)
        .await?;
    audit_meeting(
        &txn,
        actor,
        "agenda.remove",
        &meeting,
        json!({ "itemId": item_id, "title": item.title }),
    )
    .await?;
    txn.commit().await?;
    Ok(item_id)
}

/// Puts the agenda in the given order; `item_ids` must name every item once.
pub async fn reorder_agenda(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting_id: Uuid,
    expected_version: i32,
    item_ids: &[Uuid],
) -> AppResult<Vec<agenda_item::Model>> {
    let txn = crate::db::begin_write(db).await?;
    let meeting = claim(&txn, actor, meeting_id, expected_version).await?;
    require_editable(&meeting)?;
    let current = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .all(&txn)
        .await?;
    let mut expected: Vec<Uuid> = current.iter().map(|i| i.id).collect();
    let mut given = item_ids.to_vec();
    expected.sort_unstable();
    given.sort_unstable();
    if expected != given {
        return Err(AppError::bad_input(
            "itemIds",
            "list every item of the agenda exactly once",
        ));
    }
    for (position, id) in item_ids.iter().enumerate() {
        agenda_item::Entity::update_many()
            .col_expr(
                agenda_item::Column::Position,
                Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
            )
            .filter(agenda_item::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    audit_meeting(
        &txn,
        actor,
        "agenda.reorder",
        &meeting,
        json!({ "itemIds": item_ids }),
    )
    .await?;
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(items)
}

// ---------------------------------------------------------------------------------
// Proposals

/// Proposals of meetings, for batch loading; [`visible_proposals`] filters them.
pub async fn proposals_of(
    db: &DatabaseConnection,
    meeting_ids: &[Uuid],
) -> AppResult<Vec<agenda_proposal::Model>> {
    batch::rows_in::<agenda_proposal::Entity>(
        db,
        agenda_proposal::Column::MeetingId,
        meeting_ids,
        &[agenda_proposal::Column::Id],
    )
    .await
}

/// The secretariat sees every proposal; a member only their own organisations'.
pub fn visible_proposals(
    actor: &Actor,
    view: &MeetingView,
    rows: Vec<agenda_proposal::Model>,
) -> AppResult<Vec<agenda_proposal::Model>> {
    view.require_details()?;
    if view.access == CouncilAccess::Manage {
        return Ok(rows);
    }
    let mine = policy::member_organisations(actor, view.model.council_id);
    Ok(rows
        .into_iter()
        .filter(|p| mine.contains(&p.organisation_id))
        .collect())
}

/// A member representative proposes an agenda item before the input deadline.
pub async fn propose(
    db: &DatabaseConnection,
    actor: &Actor,
    input: NewProposal,
) -> AppResult<agenda_proposal::Model> {
    let view = get(db, actor, input.meeting_id).await?;
    let mine = policy::member_organisations(actor, view.model.council_id);
    let organisation_id = match (input.organisation_id, mine.as_slice()) {
        (_, []) => return Err(AppError::NotFound("meeting")),
        (Some(org), orgs) if orgs.contains(&org) => org,
        (Some(_), _) => return Err(AppError::NotFound("meeting")),
        (None, [only]) => *only,
        (None, _) => {
            return Err(AppError::bad_input(
                "organisationId",
                "say which organisation proposes",
            ));
        }
    };
    if view.status()? != MeetingStatus::Scheduled {
        return Err(AppError::conflict(
            "meetingId",
            "proposals are taken for scheduled meetings",
        ));
    }
    if view.model.input_deadline.is_some_and(|d| d < Utc::now()) {
        return Err(AppError::bad_input(
            "meetingId",
            "the deadline for proposals has passed",
        ));
    }
    let title = parse_name("title", &input.title, MAX_TITLE)?;
    let description = parse_optional_text("description", input.description.as_deref(), MAX_TEXT)?
        .unwrap_or_default();
    let minutes = check_minutes("minutesAllotted", input.minutes_allotted)?;
    let txn = crate::db::begin_write(db).await?;
    let proposal = agenda_proposal::ActiveModel {
        id: Set(Uuid::now_v7()),
        meeting_id: Set(view.model.id),
        organisation_id: Set(organisation_id),
        proposed_by: Set(actor.user_id),
        kind: Set(input.kind.as_str().to_owned()),
        title: Set(title),
        description: Set(description),
        minutes_allotted: Set(minutes),
        status: Set(ProposalStatus::Proposed.as_str().to_owned()),
        decline_reason: Set(None),
        agenda_item_id: Set(None),
        created_at: Set(Utc::now()),
        decided_at: Set(None),
        decided_by: Set(None),
    }
    .insert(&txn)
    .await?;
    audit_meeting(
        &txn,
        actor,
        "proposal.create",
        &view.model,
        json!({ "proposalId": proposal.id }),
    )
    .await?;
    txn.commit().await?;
    Ok(proposal)
}

/// Accepts (adding it to the end of the agenda) or declines a proposal, with a reason
/// for a decline (secretariat or admin).
pub async fn decide_proposal(
    db: &DatabaseConnection,
    actor: &Actor,
    proposal_id: Uuid,
    expected_version: i32,
    accept: bool,
    reason: Option<&str>,
) -> AppResult<agenda_proposal::Model> {
    let txn = crate::db::begin_write(db).await?;
    let proposal = agenda_proposal::Entity::find_by_id(proposal_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    let meeting = claim(&txn, actor, proposal.meeting_id, expected_version)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("proposal"),
            other => other,
        })?;
    require_editable(&meeting)?;
    if proposal.status != ProposalStatus::Proposed.as_str() {
        return Err(AppError::conflict(
            "id",
            "the proposal has already been decided",
        ));
    }
    let mut model: agenda_proposal::ActiveModel = proposal.clone().into();
    if accept {
        let item = insert_agenda_item(
            &txn,
            &meeting,
            AgendaItemFields {
                kind: Some(AgendaItemKind::parse(&proposal.kind)?),
                title: Some(proposal.title.clone()),
                description: Some(proposal.description.clone()),
                presenter_organisation_id: Some(Some(proposal.organisation_id)),
                minutes_allotted: Some(proposal.minutes_allotted),
            },
        )
        .await?;
        model.status = Set(ProposalStatus::Accepted.as_str().to_owned());
        model.agenda_item_id = Set(Some(item.id));
    } else {
        let reason = parse_optional_text("reason", reason, 2000)?
            .ok_or_else(|| AppError::bad_input("reason", "say why the proposal is declined"))?;
        model.status = Set(ProposalStatus::Declined.as_str().to_owned());
        model.decline_reason = Set(Some(reason));
    }
    model.decided_at = Set(Some(Utc::now()));
    model.decided_by = Set(Some(actor.user_id));
    let updated = model.update(&txn).await?;
    audit_meeting(
        &txn,
        actor,
        "proposal.decide",
        &meeting,
        json!({ "proposalId": proposal_id, "status": updated.status }),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

// ---------------------------------------------------------------------------------
// Attendance

/// Attendance answers of meetings, for batch loading behind a checked meeting.
pub async fn attendance_of(
    db: &DatabaseConnection,
    meeting_ids: &[Uuid],
) -> AppResult<Vec<attendance::Model>> {
    batch::rows_in::<attendance::Entity>(
        db,
        attendance::Column::MeetingId,
        meeting_ids,
        &[attendance::Column::Id],
    )
    .await
}

/// A seat holder answers for themself: attending, apologies, or sending a substitute.
pub async fn respond(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting_id: Uuid,
    response: AttendanceResponse,
    substitute_name: Option<&str>,
) -> AppResult<attendance::Model> {
    let view = get(db, actor, meeting_id).await?;
    if !policy::has_member_seat(actor, view.model.council_id) {
        return Err(AppError::NotFound("meeting"));
    }
    if view.status()? != MeetingStatus::Scheduled {
        return Err(AppError::conflict(
            "meetingId",
            "answers are taken for scheduled meetings",
        ));
    }
    let substitute = match response {
        AttendanceResponse::Substitute => Some(
            parse_optional_text("substituteName", substitute_name, 200)?
                .ok_or_else(|| AppError::bad_input("substituteName", "name the substitute"))?,
        ),
        _ => None,
    };
    let organisation_id = policy::member_organisations(actor, view.model.council_id)
        .first()
        .copied();
    let txn = crate::db::begin_write(db).await?;
    let existing = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.eq(meeting_id))
        .filter(attendance::Column::UserId.eq(actor.user_id))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(row) => {
            let mut model: attendance::ActiveModel = row.into();
            model.response = Set(response.as_str().to_owned());
            model.substitute_name = Set(substitute);
            model.organisation_id = Set(organisation_id);
            model.updated_at = Set(Utc::now());
            model.update(&txn).await?
        }
        None => attendance::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(meeting_id),
            user_id: Set(actor.user_id),
            organisation_id: Set(organisation_id),
            response: Set(response.as_str().to_owned()),
            substitute_name: Set(substitute),
            updated_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await
        .map_err(|e| AppError::from_write(e, "meetingId", "an answer for this meeting"))?,
    };
    txn.commit().await?;
    Ok(saved)
}

/// Who is coming, per open member organisation: from the council's memberships and seats
/// and the meeting's answers (rows the caller loaded in batches).
pub fn summarise_attendance(
    memberships: &[membership::Model],
    seats: &[seat::Model],
    answers: &[attendance::Model],
) -> Vec<OrganisationAttendance> {
    memberships
        .iter()
        .filter(|m| m.left_on.is_none() && m.role != MembershipRole::Advisory.as_str())
        .map(|m| {
            let mut org = OrganisationAttendance {
                organisation_id: m.organisation_id,
                ..Default::default()
            };
            let reps = seats
                .iter()
                .filter(|s| s.ended_on.is_none() && s.organisation_id == Some(m.organisation_id));
            for rep in reps {
                match answers.iter().find(|a| a.user_id == rep.user_id) {
                    Some(a) if a.response == AttendanceResponse::Attending.as_str() => {
                        org.attending.push(rep.user_id)
                    }
                    Some(a) if a.response == AttendanceResponse::Apologies.as_str() => {
                        org.apologies.push(rep.user_id)
                    }
                    Some(a) => org
                        .substitutes
                        .push((rep.user_id, a.substitute_name.clone().unwrap_or_default())),
                    None => org.no_answer.push(rep.user_id),
                }
            }
            org.attending.dedup();
            org.apologies.dedup();
            org.no_answer.dedup();
            org
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn dates(year: i32, count: u32, weekday: Weekday) -> Vec<NaiveDate> {
        propose_dates(year, count, weekday, ymd(2026, 12, 2)).unwrap_or_default()
    }

    #[test]
    fn four_meetings_a_year_fall_on_the_weekday_spread_over_the_year() {
        let dates = dates(2027, 4, Weekday::Tue);
        assert_eq!(dates.len(), 4);
        assert!(dates.iter().all(|d| d.weekday() == Weekday::Tue));
        assert!(dates.windows(2).all(|w| (w[1] - w[0]).num_days() > 60));
    }

    #[test]
    fn a_fortnightly_council_gets_all_26_dates_two_weeks_apart() {
        for weekday in [Weekday::Mon, Weekday::Wed, Weekday::Thu] {
            let dates = dates(2027, 26, weekday);
            assert_eq!(dates.len(), 26, "{weekday}");
            assert!(dates.iter().all(|d| d.year() == 2027), "{weekday}");
            assert!(
                dates
                    .windows(2)
                    .all(|w| (12..=16).contains(&(w[1] - w[0]).num_days())),
                "{weekday}: {dates:?}"
            );
        }
    }

    #[test]
    fn weekly_meetings_skip_holidays() {
        let thursdays = dates(2027, 52, Weekday::Thu);
        assert_eq!(
            thursdays.len(),
            52,
            "{:?}",
            propose_dates(2027, 52, Weekday::Thu, ymd(2026, 12, 2))
        );
        assert!(
            !thursdays.contains(&ymd(2027, 5, 6)),
            "Kristi himmelsfärdsdag"
        );
        let fridays = dates(2027, 52, Weekday::Fri);
        assert_eq!(
            fridays.len(),
            52,
            "{:?}",
            propose_dates(2027, 52, Weekday::Fri, ymd(2026, 12, 2))
        );
        assert!(!fridays.contains(&ymd(2027, 6, 25)), "Midsommarafton");
        assert!(
            fridays
                .iter()
                .chain(&thursdays)
                .all(|d| holidays::is_working_day(*d))
        );
        let unique: HashSet<_> = fridays.iter().collect();
        assert_eq!(unique.len(), fridays.len());
    }

    #[test]
    fn meetings_that_would_fall_in_the_past_or_do_not_fit_are_named() {
        let past = propose_dates(2026, 4, Weekday::Wed, ymd(2026, 12, 2));
        assert!(
            past.as_ref()
                .is_err_and(|why| why.len() == 4 && why.iter().all(|w| w.contains("before"))),
            "{past:?}"
        );
        let too_many = propose_dates(2027, 60, Weekday::Wed, ymd(2026, 12, 2));
        assert!(
            too_many
                .as_ref()
                .is_err_and(|why| why[0].contains("do not fit")),
            "{too_many:?}"
        );
    }
}
