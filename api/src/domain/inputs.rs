//! Inputs from members, youth councils and advisory bodies, and the feedback that comes
//! back to them (återkoppling).
//!
//! Rules: an input moves draft → submitted → acknowledged → on agenda → discussed →
//! answered, or is declined (with a reason) or withdrawn (by its organisation, before it
//! is discussed); every step is recorded with who and when. Inputs after the meeting's
//! deadline are refused unless the secretariat accepted a late input. Advisory bodies
//! without accounts submit through a signed, expiring, revocable invitation scoped to
//! one meeting and organisation, and follow their input through a receipt secret. Who
//! sees what of an input is [`policy::input_access`].

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, Utc};
use entity::{
    agenda_item, council_priority_group, council_theme, input, input_event, invitation, meeting,
    membership, organisation,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationDef, SelectTwo,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    auth::{Actor, tokens},
    domain::{
        audit, batch,
        councils::CouncilView,
        labels,
        meetings::{self, MeetingView},
        notifications::{self, Notice},
        pagination::{Cursor, Page, PageRequest},
        policy::{self, CouncilAccess, InputAccess},
        sessions::AuthKit,
        types::{
            GatheredBy, InputStatus, MeetingStatus, MembershipRole, TargetGroup, parse_name,
            parse_optional_text,
        },
    },
    error::{AppError, AppResult},
};

/// Longest input text.
pub const MAX_BODY: usize = 20_000;
/// Inputs with no answer this long after their meeting count as left without feedback.
pub const FEEDBACK_DAYS: i64 = 30;

/// An input as one reader may see it.
#[derive(Debug, Clone)]
pub struct InputView {
    pub model: input::Model,
    pub access: InputAccess,
}

impl InputView {
    /// The input's status.
    pub fn status(&self) -> AppResult<InputStatus> {
        InputStatus::parse(&self.model.status)
    }

    /// Whether author and organisation are shown.
    pub fn shows_submitter(&self) -> bool {
        self.access != InputAccess::Member || !self.model.anonymous
    }

    /// The text this reader sees: the redacted text for other members.
    pub fn body(&self) -> &str {
        match (&self.access, &self.model.redacted_body) {
            (InputAccess::Member, Some(redacted)) => redacted,
            _ => &self.model.body,
        }
    }

    /// Why the input was hidden: for the secretariat only.
    pub fn hidden_reason(&self) -> Option<&str> {
        match self.access {
            InputAccess::Secretariat => self.model.hidden_reason.as_deref(),
            _ => None,
        }
    }

    /// Secretariat or submitting organisation.
    pub fn is_privileged(&self) -> bool {
        self.access != InputAccess::Member
    }

    /// The history this reader sees: the reasons for hiding or redacting are the
    /// secretariat's own (the schema promises so); the submitter sees the step, not why.
    pub fn visible_history(&self, mut events: Vec<input_event::Model>) -> Vec<input_event::Model> {
        if self.access != InputAccess::Secretariat {
            for event in &mut events {
                if matches!(event.action.as_str(), "hide" | "redact") {
                    event.note = None;
                }
            }
        }
        events
    }
}

/// What an input is about.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Meeting(Uuid),
    AgendaItem(Uuid),
    Theme(Uuid),
}

/// The content of an input.
#[derive(Debug, Clone)]
pub struct InputContent {
    pub title: String,
    pub body: String,
    pub target_groups: Vec<TargetGroup>,
    pub district: Option<String>,
    pub gathered_by: GatheredBy,
    pub anonymous: bool,
}

/// A new input from a signed-in representative.
#[derive(Debug, Clone)]
pub struct NewInput {
    pub target: Target,
    /// Needed only when the actor sits for more than one organisation.
    pub organisation_id: Option<Uuid>,
    pub content: InputContent,
    /// Submit at once instead of keeping a draft.
    pub submit: bool,
}

/// Feedback figures for a council or an advisory body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackFigures {
    pub organisation_id: Option<Uuid>,
    pub inputs: u64,
    /// Answered or declined with a reason: the submitter got feedback.
    pub answered: u64,
    pub median_days_to_answer: Option<f64>,
    /// Inputs to meetings that ended over 30 days ago and still have no feedback.
    pub unanswered_after_30_days: u64,
}

impl FeedbackFigures {
    /// Share of inputs answered, 0–1.
    pub fn share_answered(&self) -> Option<f64> {
        (self.inputs > 0).then(|| self.answered as f64 / self.inputs as f64)
    }
}

/// Which target groups gave input in a year, and which priority groups did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Representation {
    pub heard: Vec<(TargetGroup, u64)>,
    pub priority_groups: Vec<TargetGroup>,
    pub missing: Vec<TargetGroup>,
}

/// A meeting's inputs grouped for triage.
#[derive(Debug, Clone, Default)]
pub struct Triage {
    pub by_status: Vec<(InputStatus, u64)>,
    pub by_agenda_item: Vec<(Option<Uuid>, u64)>,
    pub by_theme: Vec<(Option<Uuid>, u64)>,
}

// ---------------------------------------------------------------------------------
// Reading

/// Whether the actor may see the input at all (the same rule as [`view`], without a copy).
fn visible_to(actor: &Actor, model: &input::Model) -> bool {
    InputStatus::parse(&model.status).is_ok_and(|status| {
        policy::input_access(
            actor,
            model.council_id,
            model.organisation_id,
            status,
            model.hidden_reason.is_some(),
        )
        .is_some()
    })
}

fn view(actor: &Actor, model: input::Model) -> Option<InputView> {
    let status = InputStatus::parse(&model.status).ok()?;
    let access = policy::input_access(
        actor,
        model.council_id,
        model.organisation_id,
        status,
        model.hidden_reason.is_some(),
    )?;
    Some(InputView { model, access })
}

/// One input; NOT_FOUND when the actor may not see it.
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<InputView> {
    let model = input::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("input"))?;
    view(actor, model).ok_or(AppError::NotFound("input"))
}

/// A meeting's inputs the actor may see, oldest first, optionally of one status.
pub async fn for_meeting(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting: &MeetingView,
    page: &PageRequest,
    status: Option<InputStatus>,
) -> AppResult<InputPage> {
    let mut query = with_organisation().filter(input::Column::MeetingId.eq(meeting.model.id));
    if let Some(after) = &page.after {
        query = query.filter(input::Column::Id.gt(after.id));
    }
    if let Some(status) = status {
        query = query.filter(input::Column::Status.eq(status.as_str()));
    }
    if meeting.access != CouncilAccess::Manage {
        let mine = policy::input_organisations(actor, meeting.model.council_id);
        if meeting.details_visible() {
            // Members: their own, plus others' shared and unhidden inputs.
            query = query.filter(
                sea_orm::Condition::any()
                    .add(input::Column::OrganisationId.is_in(mine))
                    .add(
                        sea_orm::Condition::all()
                            .add(input::Column::Status.is_not_in([
                                InputStatus::Draft.as_str(),
                                InputStatus::Withdrawn.as_str(),
                            ]))
                            .add(input::Column::HiddenReason.is_null()),
                    ),
            );
        } else {
            query = query.filter(input::Column::OrganisationId.is_in(mine));
        }
    }
    let rows = query
        .order_by_asc(input::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(input_page(actor, page, rows))
}

/// The inputs the actor's organisations gave in a council, newest first.
pub async fn mine(
    db: &DatabaseConnection,
    actor: &Actor,
    page: &PageRequest,
) -> AppResult<InputPage> {
    let mut orgs: Vec<Uuid> = actor
        .seats
        .iter()
        .filter(|s| s.membership_role.is_some())
        .filter_map(|s| s.organisation_id)
        .collect();
    // One seat per council names the same organisation many times; with one value the
    // filter is an equality the (organisation_id, id) index serves in keyset order.
    orgs.sort_unstable();
    orgs.dedup();
    if orgs.is_empty() {
        return Ok(input_page(actor, page, vec![]));
    }
    let mut query = with_organisation().filter(input::Column::OrganisationId.is_in(orgs));
    if let Some(after) = &page.after {
        query = query.filter(input::Column::Id.lt(after.id));
    }
    let rows = query
        .order_by_desc(input::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(input_page(actor, page, rows))
}

/// A page of inputs with the organisations that submitted them, read in the same
/// statement so that `Input.organisation` costs nothing more.
pub struct InputPage {
    pub page: Page<InputView>,
    pub organisations: Vec<organisation::Model>,
}

/// Inputs joined with their submitting organisation.
fn with_organisation() -> SelectTwo<input::Entity, organisation::Entity> {
    let submitter: RelationDef = input::Entity::belongs_to(organisation::Entity)
        .from(input::Column::OrganisationId)
        .to(organisation::Column::Id)
        .into();
    input::Entity::find()
        .select_also(organisation::Entity)
        .join(JoinType::LeftJoin, submitter)
}

fn input_page(
    actor: &Actor,
    page: &PageRequest,
    rows: Vec<(input::Model, Option<organisation::Model>)>,
) -> InputPage {
    let mut organisations: Vec<organisation::Model> = vec![];
    let mut views = vec![];
    for (model, organisation) in rows {
        if let Some(view) = view(actor, model) {
            if let Some(org) = organisation.filter(|o| !organisations.iter().any(|k| k.id == o.id))
            {
                organisations.push(org);
            }
            views.push(view);
        }
    }
    InputPage {
        page: Page::from_rows(page, views, |v: &InputView| Cursor {
            key: String::new(),
            id: v.model.id,
        }),
        organisations,
    }
}

/// History of inputs, for batch loading behind a checked input.
pub async fn events_of(
    db: &DatabaseConnection,
    input_ids: &[Uuid],
) -> AppResult<Vec<input_event::Model>> {
    batch::rows_in::<input_event::Entity>(
        db,
        input_event::Column::InputId,
        input_ids,
        &[input_event::Column::Id],
    )
    .await
}

/// A meeting's inputs grouped by status, agenda item and theme (secretariat).
pub async fn triage(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting: &MeetingView,
) -> AppResult<Triage> {
    policy::require_manage_to_read(actor, meeting.model.council_id)?;
    let rows = input::Entity::find()
        .filter(input::Column::MeetingId.eq(meeting.model.id))
        .filter(input::Column::Status.ne(InputStatus::Draft.as_str()))
        .all(db)
        .await?;
    let mut by_status: BTreeMap<&str, u64> = BTreeMap::new();
    let mut by_item: BTreeMap<Option<Uuid>, u64> = BTreeMap::new();
    let mut by_theme: BTreeMap<Option<Uuid>, u64> = BTreeMap::new();
    for r in &rows {
        *by_status.entry(r.status.as_str()).or_default() += 1;
        *by_item.entry(r.agenda_item_id).or_default() += 1;
        *by_theme
            .entry(r.theme_id.or(meeting.model.theme_id))
            .or_default() += 1;
    }
    Ok(Triage {
        by_status: InputStatus::ALL
            .iter()
            .filter_map(|s| by_status.get(s.as_str()).map(|n| (*s, *n)))
            .collect(),
        by_agenda_item: by_item.into_iter().collect(),
        by_theme: by_theme.into_iter().collect(),
    })
}

// ---------------------------------------------------------------------------------
// Writing

async fn record(
    txn: &DatabaseTransaction,
    input_id: Uuid,
    actor: Option<&Actor>,
    action: &str,
    from: Option<InputStatus>,
    to: InputStatus,
    note: Option<String>,
) -> AppResult<()> {
    input_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        input_id: Set(input_id),
        at: Set(Utc::now()),
        actor_user_id: Set(actor.map(|a| a.user_id)),
        action: Set(action.to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        note: Set(note),
    }
    .insert(txn)
    .await?;
    Ok(())
}

fn check_content(c: &InputContent) -> AppResult<(String, String, String, Option<String>)> {
    let title = parse_name("title", &c.title, meetings::MAX_TITLE)?;
    let body = parse_optional_text("body", Some(&c.body), MAX_BODY)?
        .ok_or_else(|| AppError::bad_input("body", "the input is empty"))?;
    if c.target_groups.len() > TargetGroup::ALL.len() {
        return Err(AppError::bad_input(
            "targetGroups",
            "too many target groups",
        ));
    }
    let mut groups: Vec<&str> = c.target_groups.iter().map(|g| g.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let district = parse_optional_text("district", c.district.as_deref(), 200)?;
    Ok((title, body, json!(groups).to_string(), district))
}

/// Refuses a submission outside the meeting's input window unless a late input was
/// accepted.
fn check_window(meeting: &meeting::Model, late_allowed: bool, now: DateTime<Utc>) -> AppResult<()> {
    if meeting.status != MeetingStatus::Scheduled.as_str() {
        return Err(AppError::conflict(
            "meetingId",
            "the meeting does not take input",
        ));
    }
    if meeting.input_opens_at.is_some_and(|t| now < t) {
        return Err(AppError::bad_input(
            "meetingId",
            "the input window has not opened yet",
        ));
    }
    if !late_allowed && meeting.input_deadline.is_some_and(|t| now > t) {
        return Err(AppError::bad_input(
            "meetingId",
            "the input deadline has passed; ask the secretariat to accept a late input",
        ));
    }
    Ok(())
}

/// Resolves the target to (council, meeting, agenda item, theme), checking the actor may
/// see it.
async fn resolve_target(
    db: &DatabaseConnection,
    actor: &Actor,
    target: Target,
) -> AppResult<(Uuid, Option<meeting::Model>, Option<Uuid>, Option<Uuid>)> {
    match target {
        Target::Meeting(id) => {
            let m = meetings::get(db, actor, id).await?;
            Ok((m.model.council_id, Some(m.model), None, None))
        }
        Target::AgendaItem(id) => {
            let item = agenda_item::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound("agenda item"))?;
            let m = meetings::get(db, actor, item.meeting_id)
                .await
                .map_err(|_| AppError::NotFound("agenda item"))?;
            m.require_details()
                .map_err(|_| AppError::NotFound("agenda item"))?;
            Ok((m.model.council_id, Some(m.model), Some(id), None))
        }
        Target::Theme(id) => {
            let theme = council_theme::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound("theme"))?;
            policy::require_council(actor, theme.council_id)
                .map_err(|_| AppError::NotFound("theme"))?;
            Ok((theme.council_id, None, None, Some(id)))
        }
    }
}

/// A representative gives input for their organisation (member or advisory body).
pub async fn create(db: &DatabaseConnection, actor: &Actor, cmd: NewInput) -> AppResult<InputView> {
    let (council_id, meeting, item, theme) = resolve_target(db, actor, cmd.target).await?;
    let mine = policy::input_organisations(actor, council_id);
    let organisation_id = match (cmd.organisation_id, mine.as_slice()) {
        (_, []) => return Err(AppError::NotFound("meeting")),
        (Some(org), orgs) if orgs.contains(&org) => org,
        (Some(_), _) => return Err(AppError::NotFound("organisation")),
        (None, [only]) => *only,
        (None, _) => {
            return Err(AppError::bad_input(
                "organisationId",
                "say which organisation gives the input",
            ));
        }
    };
    let (title, body, groups, district) = check_content(&cmd.content)?;
    let now = Utc::now();
    if cmd.submit
        && let Some(m) = &meeting
    {
        check_window(m, false, now)?;
    }
    let status = if cmd.submit {
        InputStatus::Submitted
    } else {
        InputStatus::Draft
    };
    let txn = crate::db::begin_write(db).await?;
    let model = input::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(council_id),
        meeting_id: Set(meeting.as_ref().map(|m| m.id)),
        agenda_item_id: Set(item),
        theme_id: Set(theme),
        organisation_id: Set(organisation_id),
        author_user_id: Set(Some(actor.user_id)),
        author_name: Set(None),
        invitation_id: Set(None),
        title: Set(title),
        body: Set(body),
        target_groups: Set(groups),
        district: Set(district),
        gathered_by: Set(cmd.content.gathered_by.as_str().to_owned()),
        status: Set(status.as_str().to_owned()),
        anonymous: Set(cmd.content.anonymous),
        late_allowed: Set(false),
        hidden_reason: Set(None),
        redacted_body: Set(None),
        answer: Set(None),
        decline_reason: Set(None),
        submitted_at: Set(cmd.submit.then_some(now)),
        answered_at: Set(None),
        receipt_hash: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    record(&txn, model.id, Some(actor), "create", None, status, None).await?;
    txn.commit().await?;
    view(actor, model).ok_or(AppError::NotFound("input"))
}

/// Which step is allowed from which status.
fn allowed(action: &str, from: InputStatus) -> bool {
    use InputStatus::*;
    match action {
        "submit" => from == Draft,
        "acknowledge" => from == Submitted,
        "link" => matches!(from, Submitted | Acknowledged | OnAgenda),
        "discuss" => matches!(from, Acknowledged | OnAgenda),
        "answer" => matches!(from, Submitted | Acknowledged | OnAgenda | Discussed),
        "decline" => matches!(from, Submitted | Acknowledged | OnAgenda),
        "withdraw" => matches!(from, Draft | Submitted | Acknowledged | OnAgenda),
        _ => false,
    }
}

async fn load_for_step(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: Uuid,
    action: &str,
    secretariat_only: bool,
) -> AppResult<(input::Model, InputStatus)> {
    let current = get(txn, actor, id).await?;
    match (secretariat_only, current.access) {
        (true, InputAccess::Secretariat)
        | (false, InputAccess::Secretariat | InputAccess::Owner) => {}
        _ => return Err(AppError::NotFound("input")),
    }
    let from = current.status()?;
    if !allowed(action, from) {
        return Err(AppError::conflict(
            "id",
            format!("a {} input cannot take the step '{action}'", from.as_str()),
        ));
    }
    Ok((current.model, from))
}

async fn set_status(
    txn: &DatabaseTransaction,
    model: input::Model,
    to: InputStatus,
    edit: impl FnOnce(&mut input::ActiveModel),
) -> AppResult<input::Model> {
    let mut active: input::ActiveModel = model.into();
    active.status = Set(to.as_str().to_owned());
    active.updated_at = Set(Utc::now());
    edit(&mut active);
    Ok(active.update(txn).await?)
}

/// Submits a draft (its organisation's representatives only), within the input window.
pub async fn submit(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    // A draft is its organisation's: only its representatives submit it.
    if get(&txn, actor, id).await?.access != InputAccess::Owner {
        return Err(AppError::NotFound("input"));
    }
    let (model, from) = load_for_step(&txn, actor, id, "submit", false).await?;
    if let Some(meeting_id) = model.meeting_id {
        let m = meeting::Entity::find_by_id(meeting_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound("meeting"))?;
        check_window(&m, model.late_allowed, Utc::now())?;
    }
    let updated = set_status(&txn, model, InputStatus::Submitted, |a| {
        a.submitted_at = Set(Some(Utc::now()))
    })
    .await?;
    record(
        &txn,
        id,
        Some(actor),
        "submit",
        Some(from),
        InputStatus::Submitted,
        None,
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

/// The secretariat accepts a late submission of a draft.
pub async fn allow_late(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    let current = get(&txn, actor, id).await?;
    if current.access != InputAccess::Secretariat {
        return Err(AppError::NotFound("input"));
    }
    let from = current.status()?;
    let mut active: input::ActiveModel = current.model.into();
    active.late_allowed = Set(true);
    let updated = active.update(&txn).await?;
    record(&txn, id, Some(actor), "allow_late", Some(from), from, None).await?;
    audit_input(&txn, actor, "input.allow_late", &updated, json!({})).await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

async fn audit_input(
    txn: &DatabaseTransaction,
    actor: &Actor,
    action: &'static str,
    model: &input::Model,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::record(
        txn,
        audit::Event {
            action,
            subject_type: "input",
            subject_id: model.id,
            council_id: Some(model.council_id),
            detail,
            actor: Some(actor),
        },
    )
    .await
}

/// Acknowledges submitted inputs in one go (secretariat); all or none.
pub async fn acknowledge(
    db: &DatabaseConnection,
    actor: &Actor,
    ids: &[Uuid],
) -> AppResult<Vec<InputView>> {
    if ids.is_empty() || ids.len() > 100 {
        return Err(AppError::bad_input(
            "ids",
            "acknowledge 1 to 100 inputs at a time",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut done = vec![];
    for id in ids {
        let (model, from) = load_for_step(&txn, actor, *id, "acknowledge", true).await?;
        let updated = set_status(&txn, model, InputStatus::Acknowledged, |_| {}).await?;
        record(
            &txn,
            *id,
            Some(actor),
            "acknowledge",
            Some(from),
            InputStatus::Acknowledged,
            None,
        )
        .await?;
        done.push(updated);
    }
    txn.commit().await?;
    Ok(done.into_iter().filter_map(|m| view(actor, m)).collect())
}

/// Puts an input on an agenda item of its meeting (secretariat).
pub async fn link_to_agenda(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    item_id: Uuid,
) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    let (model, from) = load_for_step(&txn, actor, id, "link", true).await?;
    let item = agenda_item::Entity::find_by_id(item_id).one(&txn).await?;
    if item.as_ref().map(|i| i.meeting_id) != model.meeting_id || model.meeting_id.is_none() {
        return Err(AppError::bad_input(
            "agendaItemId",
            "not an item of this input's meeting",
        ));
    }
    let updated = set_status(&txn, model, InputStatus::OnAgenda, |a| {
        a.agenda_item_id = Set(Some(item_id))
    })
    .await?;
    record(
        &txn,
        id,
        Some(actor),
        "link",
        Some(from),
        InputStatus::OnAgenda,
        None,
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

/// Records that the meeting discussed an input (secretariat).
pub async fn mark_discussed(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    let (model, from) = load_for_step(&txn, actor, id, "discuss", true).await?;
    // An input is discussed at its meeting: not before that meeting has been held.
    if let Some(meeting_id) = model.meeting_id {
        let held = meeting::Entity::find_by_id(meeting_id)
            .one(&txn)
            .await?
            .map(|m| MeetingStatus::parse(&m.status))
            .transpose()?;
        if !matches!(
            held,
            Some(MeetingStatus::Held | MeetingStatus::MinutesApproved)
        ) {
            return Err(AppError::conflict(
                "id",
                "the input's meeting has not been held yet",
            ));
        }
    }
    let updated = set_status(&txn, model, InputStatus::Discussed, |_| {}).await?;
    record(
        &txn,
        id,
        Some(actor),
        "discuss",
        Some(from),
        InputStatus::Discussed,
        None,
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

async fn notify_submitter(
    txn: &DatabaseTransaction,
    model: &input::Model,
    message: String,
) -> AppResult<()> {
    if let Some(user_id) = model.author_user_id {
        notifications::send(
            txn,
            Notice {
                user_id,
                kind: "input.feedback",
                input_id: Some(model.id),
                message,
            },
        )
        .await?;
    }
    Ok(())
}

/// Answers an input (secretariat); the submitter is notified.
pub async fn answer(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    text: &str,
) -> AppResult<InputView> {
    let text = parse_optional_text("answer", Some(text), MAX_BODY)?
        .ok_or_else(|| AppError::bad_input("answer", "the answer is empty"))?;
    let txn = crate::db::begin_write(db).await?;
    let (model, from) = load_for_step(&txn, actor, id, "answer", true).await?;
    let now = Utc::now();
    let updated = set_status(&txn, model, InputStatus::Answered, |a| {
        a.answer = Set(Some(text.clone()));
        a.answered_at = Set(Some(now));
    })
    .await?;
    record(
        &txn,
        id,
        Some(actor),
        "answer",
        Some(from),
        InputStatus::Answered,
        None,
    )
    .await?;
    notify_submitter(
        &txn,
        &updated,
        format!("Ditt inspel \"{}\" har fått svar.", updated.title),
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

/// Declines an input with a reason (secretariat); the submitter is notified.
pub async fn decline(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    reason: &str,
) -> AppResult<InputView> {
    let reason = parse_optional_text("reason", Some(reason), 4000)?
        .ok_or_else(|| AppError::bad_input("reason", "say why the input is declined"))?;
    let txn = crate::db::begin_write(db).await?;
    let (model, from) = load_for_step(&txn, actor, id, "decline", true).await?;
    let now = Utc::now();
    let updated = set_status(&txn, model, InputStatus::Declined, |a| {
        a.decline_reason = Set(Some(reason.clone()));
        a.answered_at = Set(Some(now));
    })
    .await?;
    record(
        &txn,
        id,
        Some(actor),
        "decline",
        Some(from),
        InputStatus::Declined,
        Some(reason),
    )
    .await?;
    notify_submitter(
        &txn,
        &updated,
        format!(
            "Ditt inspel \"{}\" har inte tagits upp. Se motiveringen.",
            updated.title
        ),
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

/// Withdraws an input before it is discussed (its organisation's representatives).
pub async fn withdraw(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    let current = get(&txn, actor, id).await?;
    if current.access != InputAccess::Owner {
        return Err(AppError::NotFound("input"));
    }
    let (model, from) = load_for_step(&txn, actor, id, "withdraw", false).await?;
    let updated = set_status(&txn, model, InputStatus::Withdrawn, |_| {}).await?;
    record(
        &txn,
        id,
        Some(actor),
        "withdraw",
        Some(from),
        InputStatus::Withdrawn,
        None,
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

/// Hides an input from other members (secretariat), with a reason; logged.
pub async fn hide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    reason: &str,
) -> AppResult<InputView> {
    protect(db, actor, id, reason, None).await
}

/// Replaces the text other members see (secretariat), with a reason; logged. The
/// original stays for the secretariat and the submitting organisation.
pub async fn redact(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    redacted_body: &str,
    reason: &str,
) -> AppResult<InputView> {
    let redacted = parse_optional_text("redactedBody", Some(redacted_body), MAX_BODY)?
        .ok_or_else(|| AppError::bad_input("redactedBody", "give the text others should see"))?;
    protect(db, actor, id, reason, Some(redacted)).await
}

async fn protect(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    reason: &str,
    redacted: Option<String>,
) -> AppResult<InputView> {
    let reason = parse_optional_text("reason", Some(reason), 4000)?
        .ok_or_else(|| AppError::bad_input("reason", "give a reason"))?;
    let txn = crate::db::begin_write(db).await?;
    let current = get(&txn, actor, id).await?;
    if current.access != InputAccess::Secretariat {
        return Err(AppError::NotFound("input"));
    }
    let status = current.status()?;
    let action = if redacted.is_some() { "redact" } else { "hide" };
    let mut active: input::ActiveModel = current.model.into();
    match &redacted {
        Some(text) => active.redacted_body = Set(Some(text.clone())),
        None => active.hidden_reason = Set(Some(reason.clone())),
    }
    active.updated_at = Set(Utc::now());
    let updated = active.update(&txn).await?;
    record(
        &txn,
        id,
        Some(actor),
        action,
        Some(status),
        status,
        Some(reason.clone()),
    )
    .await?;
    audit_input(
        &txn,
        actor,
        if redacted.is_some() {
            "input.redact"
        } else {
            "input.hide"
        },
        &updated,
        json!({ "reason": reason }),
    )
    .await?;
    txn.commit().await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

// ---------------------------------------------------------------------------------
// Invitations: input without an account

/// A new invitation with its link secret (shown once).
#[derive(Debug, Clone)]
pub struct IssuedInvitation {
    pub invitation: invitation::Model,
    pub token: String,
}

/// The secretariat invites a member or advisory organisation to give input to a meeting.
pub async fn invite(
    db: &DatabaseConnection,
    kit: &AuthKit,
    actor: &Actor,
    meeting_id: Uuid,
    organisation_id: Uuid,
    expires_at: Option<DateTime<Utc>>,
    accept_late: bool,
) -> AppResult<IssuedInvitation> {
    let m = meetings::get(db, actor, meeting_id).await?;
    policy::require_manage(actor, m.model.council_id)?;
    let member = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(m.model.council_id))
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::LeftOn.is_null())
        .one(db)
        .await?;
    if member.is_none() {
        return Err(AppError::bad_input(
            "organisationId",
            "the organisation is not a member or advisory body of this council",
        ));
    }
    let now = Utc::now();
    let expires_at = expires_at.unwrap_or(m.model.ends_at);
    if expires_at <= now || expires_at > now + Duration::days(366) {
        return Err(AppError::bad_input(
            "expiresAt",
            "an invitation expires within a year from now",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let invitation = invitation::ActiveModel {
        id: Set(Uuid::now_v7()),
        meeting_id: Set(meeting_id),
        organisation_id: Set(organisation_id),
        accept_late: Set(accept_late),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Event {
            action: "invitation.create",
            subject_type: "meeting",
            subject_id: meeting_id,
            council_id: Some(m.model.council_id),
            detail: json!({ "invitationId": invitation.id, "organisationId": organisation_id }),
            actor: Some(actor),
        },
    )
    .await?;
    txn.commit().await?;
    let token =
        kit.tokens
            .issue_invitation(invitation.id, meeting_id, organisation_id, expires_at)?;
    Ok(IssuedInvitation { invitation, token })
}

/// A meeting's invitations (secretariat).
pub async fn invitations_of(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting: &MeetingView,
) -> AppResult<Vec<invitation::Model>> {
    policy::require_manage_to_read(actor, meeting.model.council_id)?;
    Ok(invitation::Entity::find()
        .filter(invitation::Column::MeetingId.eq(meeting.model.id))
        .order_by_asc(invitation::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

/// Revokes an invitation (secretariat): its link stops working at once.
pub async fn revoke_invitation(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> AppResult<invitation::Model> {
    let current = invitation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    let m = meetings::get(db, actor, current.meeting_id)
        .await
        .map_err(|_| AppError::NotFound("invitation"))?;
    policy::require_manage(actor, m.model.council_id)?;
    let mut active: invitation::ActiveModel = current.into();
    active.revoked_at = Set(Some(Utc::now()));
    Ok(active.update(db).await?)
}

/// A live invitation behind a link, with its meeting; NOT_FOUND for a bad, expired or
/// revoked link (all told apart only in the log).
pub async fn open_invitation(
    db: &impl ConnectionTrait,
    kit: &AuthKit,
    token: &str,
) -> AppResult<(invitation::Model, meeting::Model)> {
    let claims = kit.tokens.verify_invitation(token)?;
    let inv = invitation::Entity::find_by_id(claims.sub)
        .one(db)
        .await?
        .filter(|i| i.meeting_id == claims.mid && i.organisation_id == claims.org)
        .filter(|i| i.revoked_at.is_none() && i.expires_at > Utc::now())
        .ok_or(AppError::NotFound("invitation"))?;
    let m = meeting::Entity::find_by_id(inv.meeting_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    Ok((inv, m))
}

/// Most recent submissions an invitation page lists.
pub const INVITATION_RECENT: u64 = 10;

/// What has already come in through an invitation: how many inputs, and the newest
/// few (title and time only), so that whoever holds the link sees it before sending
/// the same thing again.
pub async fn invitation_submissions(
    db: &impl ConnectionTrait,
    invitation_id: Uuid,
) -> AppResult<(u64, Vec<input::Model>)> {
    let through = || input::Entity::find().filter(input::Column::InvitationId.eq(invitation_id));
    let count = through().count(db).await?;
    let recent = through()
        .order_by_desc(input::Column::Id)
        .limit(INVITATION_RECENT)
        .all(db)
        .await?;
    Ok((count, recent))
}

/// An input submitted through an invitation, and the receipt secret to follow it.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub input: input::Model,
    pub token: String,
}

/// Submits through an invitation link, without an account; rate-limited per invitation
/// and per client address. `meeting_id`, when given, must be the invitation's meeting.
pub async fn submit_with_invitation(
    db: &DatabaseConnection,
    kit: &AuthKit,
    client: &str,
    token: &str,
    meeting_id: Option<Uuid>,
    author_name: Option<&str>,
    content: InputContent,
) -> AppResult<Receipt> {
    let (inv, m) = open_invitation(db, kit, token).await?;
    kit.invitation_throttle
        .attempt(db, &inv.id.to_string(), client)
        .await?;
    if meeting_id.is_some_and(|id| id != inv.meeting_id) {
        return Err(AppError::bad_input(
            "meetingId",
            "this invitation is for another meeting",
        ));
    }
    let (title, body, groups, district) = check_content(&content)?;
    let author_name = parse_optional_text("authorName", author_name, 200)?;
    let now = Utc::now();
    check_window(&m, inv.accept_late, now)?;
    let receipt = tokens::new_refresh_token();
    let txn = crate::db::begin_write(db).await?;
    let model = input::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(m.council_id),
        meeting_id: Set(Some(m.id)),
        agenda_item_id: Set(None),
        theme_id: Set(None),
        organisation_id: Set(inv.organisation_id),
        author_user_id: Set(None),
        author_name: Set(author_name),
        invitation_id: Set(Some(inv.id)),
        title: Set(title),
        body: Set(body),
        target_groups: Set(groups),
        district: Set(district),
        gathered_by: Set(content.gathered_by.as_str().to_owned()),
        status: Set(InputStatus::Submitted.as_str().to_owned()),
        anonymous: Set(content.anonymous),
        late_allowed: Set(inv.accept_late),
        hidden_reason: Set(None),
        redacted_body: Set(None),
        answer: Set(None),
        decline_reason: Set(None),
        submitted_at: Set(Some(now)),
        answered_at: Set(None),
        receipt_hash: Set(Some(tokens::hash_refresh_token(&receipt))),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        model.id,
        None,
        "submit",
        None,
        InputStatus::Submitted,
        Some("via inbjudan".to_owned()),
    )
    .await?;
    txn.commit().await?;
    Ok(Receipt {
        input: model,
        token: receipt,
    })
}

/// The one input behind a receipt secret, or NOT_FOUND.
pub async fn by_receipt(db: &DatabaseConnection, token: &str) -> AppResult<input::Model> {
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::NotFound("receipt"));
    }
    input::Entity::find()
        .filter(input::Column::ReceiptHash.eq(tokens::hash_refresh_token(token)))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("receipt"))
}

// ---------------------------------------------------------------------------------
// Feedback figures and representation

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// Computes feedback figures over inputs (with their meetings' end times), as of `now`.
pub fn figures(
    rows: &[input::Model],
    meeting_ends: &HashMap<Uuid, DateTime<Utc>>,
    now: DateTime<Utc>,
) -> FeedbackFigures {
    let given: Vec<&input::Model> = rows
        .iter()
        .filter(|r| {
            !matches!(
                InputStatus::parse(&r.status),
                Ok(InputStatus::Draft | InputStatus::Withdrawn)
            )
        })
        .collect();
    let feedback = |r: &input::Model| {
        matches!(
            InputStatus::parse(&r.status),
            Ok(InputStatus::Answered | InputStatus::Declined)
        )
    };
    let days: Vec<f64> = given
        .iter()
        .filter(|r| feedback(r))
        .filter_map(|r| Some((r.answered_at? - r.submitted_at?).num_seconds() as f64 / 86_400.0))
        .collect();
    FeedbackFigures {
        organisation_id: None,
        inputs: given.len() as u64,
        answered: given.iter().filter(|r| feedback(r)).count() as u64,
        median_days_to_answer: median(days),
        unanswered_after_30_days: given
            .iter()
            .filter(|r| !feedback(r))
            .filter(|r| {
                r.meeting_id
                    .and_then(|m| meeting_ends.get(&m))
                    .is_some_and(|end| *end + Duration::days(FEEDBACK_DAYS) < now)
            })
            .count() as u64,
    }
}

async fn council_year_inputs(
    db: &DatabaseConnection,
    council_id: Uuid,
    year: i32,
) -> AppResult<(Vec<input::Model>, HashMap<Uuid, DateTime<Utc>>)> {
    let start = crate::domain::time::to_utc(
        "year",
        chrono::NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or_else(|| AppError::bad_input("year", "not a year"))?,
    )?;
    let end = crate::domain::time::to_utc(
        "year",
        chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or_else(|| AppError::bad_input("year", "not a year"))?,
    )?;
    let rows = input::Entity::find()
        .filter(input::Column::CouncilId.eq(council_id))
        .filter(input::Column::SubmittedAt.gte(start))
        .filter(input::Column::SubmittedAt.lt(end))
        .all(db)
        .await?;
    let meeting_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.meeting_id).collect();
    let ends = if meeting_ids.is_empty() {
        HashMap::new()
    } else {
        meeting::Entity::find()
            .filter(meeting::Column::Id.is_in(meeting_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.ends_at))
            .collect()
    };
    Ok((rows, ends))
}

fn check_year(year: i32) -> AppResult<()> {
    let now = crate::domain::time::today().year();
    if (2000..=now + 1).contains(&year) {
        Ok(())
    } else {
        Err(AppError::bad_input(
            "year",
            "not a year Samråd has data for",
        ))
    }
}

/// Feedback figures for a council's year, overall and per advisory body (members and
/// secretariat).
pub async fn feedback(
    db: &DatabaseConnection,
    actor: &Actor,
    council: &CouncilView,
    year: i32,
) -> AppResult<(FeedbackFigures, Vec<FeedbackFigures>)> {
    if !policy::can_see_meeting_details(policy::require_council(actor, council.model.id)?) {
        return Err(AppError::Forbidden);
    }
    check_year(year)?;
    let (mut rows, ends) = council_year_inputs(db, council.model.id, year).await?;
    // Figures are computed over what this reader may see: a hidden input must not show
    // in a member's counts, or the counts would tell it is there.
    rows.retain(|r| visible_to(actor, r));
    let now = Utc::now();
    let overall = figures(&rows, &ends, now);
    let advisory = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council.model.id))
        .filter(membership::Column::Role.eq(MembershipRole::Advisory.as_str()))
        .all(db)
        .await?;
    let mut orgs: Vec<Uuid> = advisory.into_iter().map(|m| m.organisation_id).collect();
    orgs.sort_unstable();
    orgs.dedup();
    let per_body = orgs
        .into_iter()
        .map(|org| {
            let theirs: Vec<input::Model> = rows
                .iter()
                .filter(|r| r.organisation_id == org)
                .cloned()
                .collect();
            FeedbackFigures {
                organisation_id: Some(org),
                ..figures(&theirs, &ends, now)
            }
        })
        .collect();
    Ok((overall, per_body))
}

/// Which target groups gave input to a council in a year and which of its priority
/// groups did not (members and secretariat).
pub async fn representation(
    db: &DatabaseConnection,
    actor: &Actor,
    council: &CouncilView,
    year: i32,
) -> AppResult<Representation> {
    if !policy::can_see_meeting_details(policy::require_council(actor, council.model.id)?) {
        return Err(AppError::Forbidden);
    }
    check_year(year)?;
    let (mut rows, _) = council_year_inputs(db, council.model.id, year).await?;
    rows.retain(|r| visible_to(actor, r));
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    for r in rows.iter().filter(|r| {
        r.status != InputStatus::Withdrawn.as_str() && r.status != InputStatus::Draft.as_str()
    }) {
        let groups: Vec<String> = serde_json::from_str(&r.target_groups).unwrap_or_default();
        for g in groups {
            if let Ok(group) = TargetGroup::parse(&g) {
                *counts.entry(group.as_str()).or_default() += 1;
            }
        }
    }
    let priority = priority_groups(db, council.model.id).await?;
    Ok(Representation {
        heard: TargetGroup::ALL
            .iter()
            .filter_map(|g| counts.get(g.as_str()).map(|n| (*g, *n)))
            .collect(),
        missing: priority
            .iter()
            .copied()
            .filter(|g| !counts.contains_key(g.as_str()))
            .collect(),
        priority_groups: priority,
    })
}

/// A council's priority target groups.
pub async fn priority_groups(
    db: &impl ConnectionTrait,
    council_id: Uuid,
) -> AppResult<Vec<TargetGroup>> {
    let rows = council_priority_group::Entity::find()
        .filter(council_priority_group::Column::CouncilId.eq(council_id))
        .all(db)
        .await?;
    let mut groups: Vec<TargetGroup> = rows
        .iter()
        .filter_map(|r| TargetGroup::parse(&r.target_group).ok())
        .collect();
    groups.sort_by_key(|g| TargetGroup::ALL.iter().position(|x| x == g));
    Ok(groups)
}

/// Sets a council's priority target groups (secretariat).
pub async fn set_priority_groups(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: Uuid,
    groups: &[TargetGroup],
) -> AppResult<Vec<TargetGroup>> {
    policy::require_manage(actor, council_id)?;
    let txn = crate::db::begin_write(db).await?;
    council_priority_group::Entity::delete_many()
        .filter(council_priority_group::Column::CouncilId.eq(council_id))
        .exec(&txn)
        .await?;
    let mut unique = groups.to_vec();
    unique.sort_by_key(|g| g.as_str());
    unique.dedup();
    for g in &unique {
        council_priority_group::ActiveModel {
            id: Set(Uuid::now_v7()),
            council_id: Set(council_id),
            target_group: Set(g.as_str().to_owned()),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        audit::Event {
            action: "council.priority_groups",
            subject_type: "council",
            subject_id: council_id,
            council_id: Some(council_id),
            detail: json!({ "groups": unique.iter().map(|g| g.as_str()).collect::<Vec<_>>() }),
            actor: Some(actor),
        },
    )
    .await?;
    let saved = priority_groups(&txn, council_id).await?;
    txn.commit().await?;
    Ok(saved)
}

// ---------------------------------------------------------------------------------
// Export

/// Neutralises spreadsheet formulas: a cell starting with `=`, `+`, `-`, `@`, tab or
/// carriage return gets a leading apostrophe (OWASP's CSV-injection advice).
pub fn csv_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

/// A meeting's inputs and answers as CSV, UTF-8 with a byte-order mark so spreadsheet
/// programs keep å, ä and ö (secretariat).
pub async fn export_csv(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting: &MeetingView,
) -> AppResult<String> {
    policy::require_manage_to_read(actor, meeting.model.council_id)?;
    let rows = input::Entity::find()
        .filter(input::Column::MeetingId.eq(meeting.model.id))
        .filter(input::Column::Status.ne(InputStatus::Draft.as_str()))
        .order_by_asc(input::Column::Id)
        .all(db)
        .await?;
    let org_ids: Vec<Uuid> = rows.iter().map(|r| r.organisation_id).collect();
    let org_names: HashMap<Uuid, String> = crate::domain::organisations::by_ids(db, &org_ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    // The export leaves the secretariat (it is what gets mailed to a council): it carries
    // what a member would be shown, and says on every row what was withheld.
    let mut writer = csv::Writer::from_writer(vec![]);
    let header = [
        "Titel",
        "Organisation",
        "Status",
        "Målgrupper",
        "Insamlat genom",
        "Stadsdel",
        "Inspel",
        "Svar",
        "Inlämnat",
        "Besvarat",
        "Anonymt",
        "Redigerat",
        "Dolt",
    ];
    writer
        .write_record(header)
        .map_err(|e| AppError::Internal(e.into()))?;
    let yes_no = |flag: bool| if flag { "ja" } else { "nej" }.to_owned();
    for r in rows {
        let hidden = r.hidden_reason.is_some();
        let groups: Vec<String> = serde_json::from_str(&r.target_groups).map_err(|e| {
            AppError::Internal(anyhow::anyhow!(
                "input {} has corrupt target groups: {e}",
                r.id
            ))
        })?;
        let groups: Vec<String> = groups.iter().map(|g| labels::sv("group", g)).collect();
        let answer = r
            .answer
            .clone()
            .or(r.decline_reason.clone())
            .unwrap_or_default();
        // A hidden input is listed so the register is complete, but nothing of it that
        // could say who or what: members do not see it at all.
        let organisation = if hidden {
            String::new()
        } else if r.anonymous {
            "Anonymt".to_owned()
        } else {
            org_names
                .get(&r.organisation_id)
                .cloned()
                .unwrap_or_default()
        };
        let body = match (&r.redacted_body, hidden) {
            (_, true) => "[dolt av sekretariatet]".to_owned(),
            (Some(redacted), false) => redacted.clone(),
            (None, false) => r.body.clone(),
        };
        let title = if hidden {
            "[dolt]".to_owned()
        } else {
            r.title.clone()
        };
        let answer = if hidden { String::new() } else { answer };
        let record = [
            title,
            organisation,
            labels::sv("status", &r.status),
            groups.join(", "),
            labels::sv("gathered", &r.gathered_by),
            if hidden {
                String::new()
            } else {
                r.district.clone().unwrap_or_default()
            },
            body,
            answer,
            r.submitted_at
                .map(|t| crate::domain::time::to_local(t).to_string())
                .unwrap_or_default(),
            r.answered_at
                .map(|t| crate::domain::time::to_local(t).to_string())
                .unwrap_or_default(),
            yes_no(r.anonymous),
            yes_no(r.redacted_body.is_some()),
            yes_no(hidden),
        ];
        writer
            .write_record(record.iter().map(|v| csv_cell(v)))
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| AppError::Internal(e.into()))?;
    Ok(format!("\u{feff}{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+46"), "'+46");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Trygghet i Gävle"), "Trygghet i Gävle");
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn transitions() {
        assert!(allowed("answer", InputStatus::Discussed));
        assert!(!allowed("answer", InputStatus::Withdrawn));
        assert!(!allowed("withdraw", InputStatus::Discussed));
        assert!(!allowed("acknowledge", InputStatus::Draft));
    }
}
