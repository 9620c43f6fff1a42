//! Follow-up actions: what a meeting sends back to the member organisations. The
//! secretariat assigns them; the assigned organisation's representatives update the
//! status themselves; overdue actions are listed per council and per organisation.

use crate::domain::access::MeetingDetails;
use crate::domain::batch;
use crate::domain::prelude::*;
use crate::domain::{
    audit,
    councils::CouncilView,
    meetings,
    pagination::keyset_after,
    policy::{self, CouncilAccess},
    time,
    types::{ActionStatus, MeetingStatus, parse_name, parse_optional_text},
};
use crate::live::Change;
use chrono::NaiveDate;
use entity::{follow_up_action, meeting};
use sea_orm::ActiveEnum as _;
use sea_orm::sea_query::Query;

/// Input for a new action.
#[derive(Debug, Clone)]
pub struct NewAction {
    pub meeting_id: Uuid,
    pub organisation_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_on: NaiveDate,
}

/// Which actions to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActionFilter {
    /// Only open or in-progress actions past their due date.
    pub overdue_only: bool,
}

fn overdue_condition() -> Condition {
    Condition::all().add(follow_up_action::Column::DueOn.lt(time::today())).add(
        follow_up_action::Column::Status
            .is_in([ActionStatus::Open.to_value(), ActionStatus::InProgress.to_value()]),
    )
}

async fn page_of(
    db: &DatabaseConnection, page: &PageRequest, scope: Condition, filter: ActionFilter,
) -> AppResult<Page<follow_up_action::Model>> {
    let after = page.after_typed(|k| NaiveDate::parse_from_str(k, "%Y-%m-%d").ok())?;
    let mut query = follow_up_action::Entity::find().filter(scope).filter(keyset_after(
        follow_up_action::Column::DueOn,
        follow_up_action::Column::Id,
        after,
    ));
    if filter.overdue_only {
        query = query.filter(overdue_condition());
    }
    let rows =
        page.rows(db, query, follow_up_action::Column::DueOn, follow_up_action::Column::Id).await?;
    Ok(Page::from_rows(page, rows, |a| Cursor {
        key: a.due_on.format("%Y-%m-%d").to_string(),
        id: a.id,
    }))
}

/// A council's actions by due date (members and secretariat; not advisory bodies).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn for_council(
    db: &DatabaseConnection, actor: &Actor, council: &CouncilView, page: &PageRequest,
    filter: ActionFilter,
) -> AppResult<Page<follow_up_action::Model>> {
    let access = policy::require_council(actor, council.model().id)?;
    if !policy::can_see_meeting_details(access) {
        return Err(AppError::Forbidden);
    }
    let mut scope =
        Condition::all().add(follow_up_action::Column::CouncilId.eq(council.model().id));
    if access != CouncilAccess::Manage {
        scope = scope.add(of_published_meetings());
    }
    page_of(db, page, scope, filter).await
}

/// An organisation's actions, in the councils where the actor sees actions.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, organisation_id = %organisation_id))]
pub async fn for_organisation(
    db: &DatabaseConnection, actor: &Actor, organisation_id: Uuid, page: &PageRequest,
    filter: ActionFilter,
) -> AppResult<Page<follow_up_action::Model>> {
    let mut scope =
        Condition::all().add(follow_up_action::Column::OrganisationId.eq(organisation_id));
    if let Some(ids) = policy::visible_council_ids(actor) {
        let (managed, member): (Vec<Uuid>, Vec<Uuid>) = ids
            .into_iter()
            .filter(|c| {
                policy::council_access(actor, *c).is_some_and(policy::can_see_meeting_details)
            })
            .partition(|c| policy::council_access(actor, *c) == Some(CouncilAccess::Manage));
        // Members see actions of meetings they can see: not those of draft meetings.
        scope = scope.add(
            Condition::any().add(follow_up_action::Column::CouncilId.is_in(managed)).add(
                Condition::all()
                    .add(follow_up_action::Column::CouncilId.is_in(member))
                    .add(of_published_meetings()),
            ),
        );
    }
    page_of(db, page, scope, filter).await
}

/// Actions whose meeting is no longer a draft (a draft is the secretariat's alone).
fn of_published_meetings() -> Condition {
    Condition::all().add(
        follow_up_action::Column::MeetingId.in_subquery(
            Query::select()
                .column(meeting::Column::Id)
                .from(meeting::Entity)
                .and_where(meeting::Column::Status.ne(MeetingStatus::Draft))
                .to_owned(),
        ),
    )
}

batch::rows_of! {
    /// Actions of meetings, for batch loading behind a checked meeting.
    pub fn of_meetings(MeetingDetails) -> follow_up_action by MeetingId order DueOn, Id;
}

/// Whether an action is overdue today.
pub fn is_overdue(action: &follow_up_action::Model) -> bool {
    action.due_on < time::today()
        && (action.status == ActionStatus::Open || action.status == ActionStatus::InProgress)
}

/// Assigns an action to a member organisation (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create(
    db: &DatabaseConnection, actor: &Actor, input: NewAction,
) -> AppResult<follow_up_action::Model> {
    let view = meetings::get(db, actor, input.meeting_id).await?;
    policy::require_manage(actor, view.model().council_id)?;
    let title = parse_name("title", &input.title, meetings::MAX_TITLE)?;
    if input.due_on < time::today() {
        return Err(AppError::bad_input("dueOn", "the due date has already passed"));
    }
    let description =
        parse_optional_text("description", input.description.as_deref(), meetings::MAX_TEXT)?
            .unwrap_or_default();
    let txn = crate::db::begin_write(db).await?;
    crate::domain::councils::require_member(&txn, view.model().council_id, input.organisation_id)
        .await?;
    let now = Utc::now();
    let action = follow_up_action::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(view.model().council_id),
        meeting_id: Set(view.model().id),
        organisation_id: Set(input.organisation_id),
        title: Set(title),
        description: Set(description),
        due_on: Set(input.due_on),
        status: Set(ActionStatus::Open),
        status_note: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(actor.user_id),
    }
    .insert(&txn)
    .await?;
    audit::Event::new(actor, "action.create", ("action", action.id))
        .in_council(action.council_id)
        .detail(json!({ "organisationId": action.organisation_id, "dueOn": action.due_on }))
        .record(&txn)
        .await?;
    let assigned = Change::Action {
        id: action.id,
        council: action.council_id,
        organisation: action.organisation_id,
    };
    crate::domain::events::happened(&txn, Some(actor), assigned).await?;
    crate::live::commit(txn, action).await
}

/// An action assigned to one of the actor's organisations, as its representatives see it
/// (for a live event); anything else is NOT_FOUND.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn assigned(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
) -> AppResult<follow_up_action::Model> {
    match reach(db, actor, id).await? {
        (action, _, true) => Ok(action),
        _ => Err(AppError::NotFound("action")),
    }
}

/// An action of a meeting whose details the actor sees, with the actor's access and
/// whether it is assigned to an organisation the actor represents there. An action of a
/// draft meeting is the secretariat's alone, as in the lists.
async fn reach(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
) -> AppResult<(follow_up_action::Model, CouncilAccess, bool)> {
    let current = follow_up_action::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("action"))?;
    let access = policy::council_access(actor, current.council_id)
        .filter(|a| policy::can_see_meeting_details(*a))
        .ok_or(AppError::NotFound("action"))?;
    let own =
        policy::member_organisations(actor, current.council_id).contains(&current.organisation_id);
    if access != CouncilAccess::Manage {
        let draft = meeting::Entity::find_by_id(current.meeting_id)
            .one(db)
            .await?
            .is_none_or(|m| m.status == MeetingStatus::Draft);
        if draft {
            return Err(AppError::NotFound("action"));
        }
    }
    Ok((current, access, own))
}

/// Updates an action's status: the secretariat, or a representative of the organisation
/// the action is assigned to.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn update_status(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, status: ActionStatus, note: Option<&str>,
) -> AppResult<follow_up_action::Model> {
    let (current, access, own) = reach(db, actor, id).await?;
    if access != CouncilAccess::Manage && !own {
        return Err(AppError::NotFound("action"));
    }
    let note = parse_optional_text("note", note, 4000)?;
    let txn = crate::db::begin_write(db).await?;
    let mut model: follow_up_action::ActiveModel = current.clone().into();
    model.status = Set(status);
    model.status_note = Set(note);
    model.updated_at = Set(Utc::now());
    model.updated_by = Set(actor.user_id);
    let updated = model.update(&txn).await?;
    audit::Event::new(actor, "action.status", ("action", id))
        .in_council(current.council_id)
        .detail(json!({ "from": current.status.to_value(), "to": updated.status.to_value() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, updated).await
}
