//! Writing inputs and moving them through their workflow.

use super::*;
use sea_orm::Iterable as _;

use entity::{agenda_item, council_theme, meeting};
use serde_json::json;

use crate::domain::types::NotificationKind;
use crate::domain::{
    audit,
    meetings::{self},
    notifications::{self, Notice},
    policy::{self},
    types::{MeetingStatus, parse_name, parse_optional_text},
};
use crate::live::{Change, InputChange};

pub(super) async fn record(
    txn: &DatabaseTransaction, input: &input::Model, actor: Option<&Actor>, action: &str,
    from: Option<InputStatus>, to: InputStatus, note: Option<String>,
) -> AppResult<()> {
    input_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        input_id: Set(input.id),
        at: Set(Utc::now()),
        actor_user_id: Set(actor.map(|a| a.user_id)),
        action: Set(action.to_owned()),
        from_status: Set(from),
        to_status: Set(to),
        note: Set(note),
    }
    .insert(txn)
    .await?;
    // Every step of an input passes here, and so reaches those watching it; a draft is
    // its organisation's own business until submitted.
    if to != InputStatus::Draft {
        let what = match from {
            None | Some(InputStatus::Draft) => InputChange::Submitted,
            Some(_) => InputChange::Status,
        };
        let change = Change::Input { id: input.id, council: input.council_id, what };
        crate::domain::events::happened(txn, actor, change).await?;
    }
    Ok(())
}

pub(super) fn check_content(
    c: &InputContent,
) -> AppResult<(String, String, String, Option<String>)> {
    let title = parse_name("title", &c.title, meetings::MAX_TITLE)?;
    let body = parse_optional_text("body", Some(&c.body), MAX_BODY)?
        .ok_or_else(|| AppError::bad_input("body", "the input is empty"))?;
    if c.target_groups.len() > TargetGroup::iter().count() {
        return Err(AppError::bad_input("targetGroups", "too many target groups"));
    }
    let mut groups: Vec<String> = c.target_groups.iter().map(|g| g.to_value()).collect();
    groups.sort_unstable();
    groups.dedup();
    let district = parse_optional_text("district", c.district.as_deref(), 200)?;
    Ok((title, body, json!(groups).to_string(), district))
}

/// Refuses a submission outside the meeting's input window unless a late input was
/// accepted.
pub(super) fn check_window(
    meeting: &meeting::Model, late_allowed: bool, now: DateTime<Utc>,
) -> AppResult<()> {
    if meeting.status != MeetingStatus::Scheduled {
        return Err(AppError::conflict("meetingId", "the meeting does not take input"));
    }
    if meeting.input_opens_at.is_some_and(|t| now < t) {
        return Err(AppError::bad_input("meetingId", "the input window has not opened yet"));
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
    db: &DatabaseConnection, actor: &Actor, target: Target,
) -> AppResult<(Uuid, Option<meeting::Model>, Option<Uuid>, Option<Uuid>)> {
    match target {
        Target::Meeting(id) => {
            let m = meetings::get(db, actor, id).await?;
            Ok((m.model().council_id, Some(m.model().clone()), None, None))
        }
        Target::AgendaItem(id) => {
            let item = agenda_item::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound("agenda item"))?;
            let m = meetings::get(db, actor, item.meeting_id)
                .await
                .map_err(|_| AppError::NotFound("agenda item"))?;
            m.details().map_err(|_| AppError::NotFound("agenda item"))?;
            Ok((m.model().council_id, Some(m.model().clone()), Some(id), None))
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
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create(db: &DatabaseConnection, actor: &Actor, cmd: NewInput) -> AppResult<InputView> {
    let (council_id, meeting, item, theme) = resolve_target(db, actor, cmd.target).await?;
    let mine = policy::input_organisations(actor, council_id);
    let organisation_id = policy::acting_for(
        cmd.organisation_id,
        &mine,
        "organisation",
        "say which organisation gives the input",
    )?;
    let (title, body, groups, district) = check_content(&cmd.content)?;
    let now = Utc::now();
    if cmd.submit
        && let Some(m) = &meeting
    {
        check_window(m, false, now)?;
    }
    let status = if cmd.submit { InputStatus::Submitted } else { InputStatus::Draft };
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
        gathered_by: Set(cmd.content.gathered_by),
        status: Set(status),
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
    record(&txn, &model, Some(actor), "create", None, status, None).await?;
    crate::live::commit(txn, ()).await?;
    view(actor, model).ok_or(AppError::NotFound("input"))
}

/// The secretariat accepts a late submission of a draft.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn allow_late(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    let current = get(&txn, actor, id).await?;
    if current.access != InputAccess::Secretariat {
        return Err(AppError::NotFound("input"));
    }
    let from = current.status();
    let mut active: input::ActiveModel = current.model.into();
    active.late_allowed = Set(true);
    let updated = active.update(&txn).await?;
    record(&txn, &updated, Some(actor), "allow_late", Some(from), from, None).await?;
    audit_input(&txn, actor, "input.allow_late", &updated, json!({})).await?;
    crate::live::commit(txn, ()).await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

async fn audit_input(
    txn: &DatabaseTransaction, actor: &Actor, action: &'static str, model: &input::Model,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::Event::new(actor, action, ("input", model.id))
        .in_council(model.council_id)
        .detail(detail)
        .record(txn)
        .await
}

pub(super) async fn notify_submitter(
    txn: &DatabaseTransaction, model: &input::Model, message: String,
) -> AppResult<()> {
    if let Some(user_id) = model.author_user_id {
        notifications::send(
            txn,
            Notice {
                user_id,
                kind: NotificationKind::InputAnswered,
                input_id: Some(model.id),
                message,
                link: model.meeting_id.map(|m| format!("/moten/{m}")),
                dedupe_key: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// Hides an input from other members (secretariat), with a reason; logged.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn hide(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, reason: &str,
) -> AppResult<InputView> {
    protect(db, actor, id, reason, None).await
}

/// Replaces the text other members see (secretariat), with a reason; logged. The
/// original stays for the secretariat and the submitting organisation.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn redact(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, redacted_body: &str, reason: &str,
) -> AppResult<InputView> {
    let redacted = parse_optional_text("redactedBody", Some(redacted_body), MAX_BODY)?
        .ok_or_else(|| AppError::bad_input("redactedBody", "give the text others should see"))?;
    protect(db, actor, id, reason, Some(redacted)).await
}

async fn protect(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, reason: &str, redacted: Option<String>,
) -> AppResult<InputView> {
    let reason = parse_optional_text("reason", Some(reason), 4000)?
        .ok_or_else(|| AppError::bad_input("reason", "give a reason"))?;
    let txn = crate::db::begin_write(db).await?;
    let current = get(&txn, actor, id).await?;
    if current.access != InputAccess::Secretariat {
        return Err(AppError::NotFound("input"));
    }
    let status = current.status();
    let action = if redacted.is_some() { "redact" } else { "hide" };
    let mut active: input::ActiveModel = current.model.into();
    match &redacted {
        Some(text) => active.redacted_body = Set(Some(text.clone())),
        None => active.hidden_reason = Set(Some(reason.clone())),
    }
    active.updated_at = Set(Utc::now());
    let updated = active.update(&txn).await?;
    record(&txn, &updated, Some(actor), action, Some(status), status, Some(reason.clone())).await?;
    audit_input(
        &txn,
        actor,
        if redacted.is_some() { "input.redact" } else { "input.hide" },
        &updated,
        json!({ "reason": reason }),
    )
    .await?;
    crate::live::commit(txn, ()).await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

// ---------------------------------------------------------------------------------
