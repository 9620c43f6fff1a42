//! The agenda and members' proposals for it.

use super::*;
use crate::domain::batch;
use crate::domain::prelude::*;
use crate::domain::{
    organisations,
    types::{ProposalStatus, parse_name, parse_optional_text},
};
use entity::{agenda_item, agenda_proposal};
use sea_orm::ActiveEnum as _;

batch::rows_of! {
    /// Agenda items of meetings in order, for batch loading. Only the proof that the actor
    /// may read a meeting's details opens it:
    ///
    /// ```no_run
    /// # use samrad::domain::meetings::{self, MeetingView};
    /// # async fn f(db: &sea_orm::DatabaseConnection, view: &MeetingView) -> samrad::error::AppResult<()> {
    /// let items = meetings::agenda_of(db, &[view.details()?]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// Loading them by the meeting's id alone, without the check, does not compile:
    ///
    /// ```compile_fail,E0308
    /// # use samrad::domain::meetings::{self, MeetingView};
    /// # async fn f(db: &sea_orm::DatabaseConnection, view: &MeetingView) -> samrad::error::AppResult<()> {
    /// let items = meetings::agenda_of(db, &[view.model().id]).await?;
    /// # Ok(()) }
    /// ```
    pub fn agenda_of(MeetingDetails) -> agenda_item by MeetingId order Position, Id;
}

fn check_minutes(field: &'static str, minutes: i32) -> AppResult<i32> {
    if (1..=600).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(AppError::bad_input(field, "between 1 and 600 minutes"))
    }
}

/// Adds an item at the end of the agenda (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id))]
pub async fn add_agenda_item(
    db: &DatabaseConnection, actor: &Actor, meeting_id: Uuid, expected_version: i32,
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
    crate::live::commit(txn, item).await
}

async fn insert_agenda_item(
    txn: &DatabaseTransaction, meeting: &meeting::Model, fields: AgendaItemFields,
) -> AppResult<agenda_item::Model> {
    let title = parse_name("title", fields.title.as_deref().unwrap_or_default(), MAX_TITLE)?;
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
        kind: Set(fields.kind.unwrap_or(AgendaItemKind::Discussion)),
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
    txn: &DatabaseTransaction, actor: &Actor, item_id: Uuid, expected_version: i32,
) -> AppResult<(meeting::Model, agenda_item::Model)> {
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound("agenda item"))?;
    let meeting =
        claim(txn, actor, item.meeting_id, expected_version).await.map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("agenda item"),
            other => other,
        })?;
    require_editable(&meeting)?;
    Ok((meeting, item))
}

/// Changes an agenda item (secretariat or admin); `expected_version` is the meeting's.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, item_id = %item_id))]
pub async fn update_agenda_item(
    db: &DatabaseConnection, actor: &Actor, item_id: Uuid, expected_version: i32,
    fields: AgendaItemFields,
) -> AppResult<agenda_item::Model> {
    let txn = crate::db::begin_write(db).await?;
    let (meeting, item) = claim_item(&txn, actor, item_id, expected_version).await?;
    let mut model: agenda_item::ActiveModel = item.clone().into();
    if let Some(title) = &fields.title {
        model.title = Set(parse_name("title", title, MAX_TITLE)?);
    }
    if let Some(kind) = fields.kind {
        model.kind = Set(kind);
    }
    if let Some(description) = &fields.description {
        model.description =
            Set(parse_optional_text("description", Some(description), MAX_TEXT)?
                .unwrap_or_default());
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
    audit_meeting(&txn, actor, "agenda.update", &meeting, json!({ "itemId": item_id })).await?;
    crate::live::commit(txn, updated).await
}

/// Removes an agenda item (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, item_id = %item_id))]
pub async fn remove_agenda_item(
    db: &DatabaseConnection, actor: &Actor, item_id: Uuid, expected_version: i32,
) -> AppResult<Uuid> {
    let txn = crate::db::begin_write(db).await?;
    let (meeting, item) = claim_item(&txn, actor, item_id, expected_version).await?;
    agenda_item::Entity::delete_by_id(item_id).exec(&txn).await?;
    audit_meeting(
        &txn,
        actor,
        "agenda.remove",
        &meeting,
        json!({ "itemId": item_id, "title": item.title }),
    )
    .await?;
    crate::live::commit(txn, item_id).await
}

/// Puts the agenda in the given order; `item_ids` must name every item once.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id))]
pub async fn reorder_agenda(
    db: &DatabaseConnection, actor: &Actor, meeting_id: Uuid, expected_version: i32,
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
        return Err(AppError::bad_input("itemIds", "list every item of the agenda exactly once"));
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
    audit_meeting(&txn, actor, "agenda.reorder", &meeting, json!({ "itemIds": item_ids })).await?;
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(&txn)
        .await?;
    crate::live::commit(txn, items).await
}

// ---------------------------------------------------------------------------------
// Proposals

batch::rows_of! {
    /// Proposals of meetings, for batch loading; [`visible_proposals`] filters them.
    pub fn proposals_of(MeetingDetails) -> agenda_proposal by MeetingId order Id;
}

/// The secretariat sees every proposal; a member only their own organisations'.
pub fn visible_proposals(
    actor: &Actor, view: &MeetingView, rows: Vec<agenda_proposal::Model>,
) -> AppResult<Vec<agenda_proposal::Model>> {
    view.details()?;
    if view.access() == CouncilAccess::Manage {
        return Ok(rows);
    }
    let mine = policy::member_organisations(actor, view.model.council_id);
    Ok(rows.into_iter().filter(|p| mine.contains(&p.organisation_id)).collect())
}

/// A member representative proposes an agenda item before the input deadline.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn propose(
    db: &DatabaseConnection, actor: &Actor, input: NewProposal,
) -> AppResult<agenda_proposal::Model> {
    let view = get(db, actor, input.meeting_id).await?;
    let mine = policy::member_organisations(actor, view.model.council_id);
    let organisation_id = policy::acting_for(
        input.organisation_id,
        &mine,
        "meeting",
        "say which organisation proposes",
    )?;
    if view.status() != MeetingStatus::Scheduled {
        return Err(AppError::conflict("meetingId", "proposals are taken for scheduled meetings"));
    }
    if view.model.input_deadline.is_some_and(|d| d < Utc::now()) {
        return Err(AppError::bad_input("meetingId", "the deadline for proposals has passed"));
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
        kind: Set(input.kind),
        title: Set(title),
        description: Set(description),
        minutes_allotted: Set(minutes),
        status: Set(ProposalStatus::Proposed),
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
    crate::live::commit(txn, proposal).await
}

/// Accepts (adding it to the end of the agenda) or declines a proposal, with a reason
/// for a decline (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, proposal_id = %proposal_id))]
pub async fn decide_proposal(
    db: &DatabaseConnection, actor: &Actor, proposal_id: Uuid, expected_version: i32, accept: bool,
    reason: Option<&str>,
) -> AppResult<agenda_proposal::Model> {
    let txn = crate::db::begin_write(db).await?;
    let proposal = agenda_proposal::Entity::find_by_id(proposal_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    let meeting =
        claim(&txn, actor, proposal.meeting_id, expected_version).await.map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("proposal"),
            other => other,
        })?;
    require_editable(&meeting)?;
    if proposal.status != ProposalStatus::Proposed {
        return Err(AppError::conflict("id", "the proposal has already been decided"));
    }
    let mut model: agenda_proposal::ActiveModel = proposal.clone().into();
    if accept {
        let item = insert_agenda_item(
            &txn,
            &meeting,
            AgendaItemFields {
                kind: Some(proposal.kind),
                title: Some(proposal.title.clone()),
                description: Some(proposal.description.clone()),
                presenter_organisation_id: Some(Some(proposal.organisation_id)),
                minutes_allotted: Some(proposal.minutes_allotted),
            },
        )
        .await?;
        model.status = Set(ProposalStatus::Accepted);
        model.agenda_item_id = Set(Some(item.id));
    } else {
        let reason = parse_optional_text("reason", reason, 2000)?
            .ok_or_else(|| AppError::bad_input("reason", "say why the proposal is declined"))?;
        model.status = Set(ProposalStatus::Declined);
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
        json!({ "proposalId": proposal_id, "status": updated.status.to_value() }),
    )
    .await?;
    crate::live::commit(txn, updated).await
}
