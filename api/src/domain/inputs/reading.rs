//! Reading inputs: single, per meeting, the actor's own, history and triage.

use super::*;
use crate::domain::{
    batch,
    meetings::MeetingView,
    policy::{self, CouncilAccess},
};
use entity::organisation;
use sea_orm::Iterable as _;
use sea_orm::{JoinType, RelationDef, SelectTwo};
use std::collections::BTreeMap;

/// Whether the actor may see the input at all (the same rule as [`view`], without a copy).
pub(super) fn visible_to(actor: &Actor, model: &input::Model) -> bool {
    policy::input_access(
        actor,
        model.council_id,
        model.organisation_id,
        model.status,
        model.hidden_reason.is_some(),
    )
    .is_some()
}

pub(super) fn view(actor: &Actor, model: input::Model) -> Option<InputView> {
    let status = model.status;
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
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<InputView> {
    let model = input::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("input"))?;
    view(actor, model).ok_or(AppError::NotFound("input"))
}

/// A meeting's inputs the actor may see, oldest first, optionally of one status.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn for_meeting(
    db: &DatabaseConnection, actor: &Actor, meeting: &MeetingView, page: &PageRequest,
    status: Option<InputStatus>,
) -> AppResult<InputPage> {
    let mut query = with_organisation().filter(input::Column::MeetingId.eq(meeting.model().id));
    if let Some(after) = &page.after {
        query = query.filter(input::Column::Id.gt(after.id));
    }
    if let Some(status) = status {
        query = query.filter(input::Column::Status.eq(status.to_value()));
    }
    if meeting.access() != CouncilAccess::Manage {
        let mine = policy::input_organisations(actor, meeting.model().council_id);
        if meeting.details_visible() {
            // Members: their own, plus others' shared and unhidden inputs.
            query = query.filter(
                sea_orm::Condition::any().add(input::Column::OrganisationId.is_in(mine)).add(
                    sea_orm::Condition::all()
                        .add(input::Column::Status.is_not_in([
                            InputStatus::Draft.to_value(),
                            InputStatus::Withdrawn.to_value(),
                        ]))
                        .add(input::Column::HiddenReason.is_null()),
                ),
            );
        } else {
            query = query.filter(input::Column::OrganisationId.is_in(mine));
        }
    }
    let rows = query.order_by_asc(input::Column::Id).limit(page.limit()).all(db).await?;
    Ok(input_page(actor, page, rows))
}

/// The inputs the actor's organisations gave in a council, newest first.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn mine(
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest,
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
    let rows = query.order_by_desc(input::Column::Id).limit(page.limit()).all(db).await?;
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
    input::Entity::find().select_also(organisation::Entity).join(JoinType::LeftJoin, submitter)
}

fn input_page(
    actor: &Actor, page: &PageRequest, rows: Vec<(input::Model, Option<organisation::Model>)>,
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

batch::rows_of! {
    /// History of inputs, for batch loading behind a checked input.
    pub fn events_of(InputRecord) -> input_event by InputId order Id;
}

/// A meeting's sent inputs (not drafts), oldest first: for its secretariat only, whose
/// triage and export see every one of them.
pub(super) async fn sent_for_secretariat(
    db: &DatabaseConnection, actor: &Actor, meeting: &MeetingView,
) -> AppResult<Vec<input::Model>> {
    policy::require_manage_to_read(actor, meeting.model().council_id)?;
    Ok(input::Entity::find()
        .filter(input::Column::MeetingId.eq(meeting.model().id))
        .filter(input::Column::Status.ne(InputStatus::Draft))
        .order_by_asc(input::Column::Id)
        .all(db)
        .await?)
}

/// A meeting's inputs grouped by status, agenda item and theme (secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn triage(
    db: &DatabaseConnection, actor: &Actor, meeting: &MeetingView,
) -> AppResult<Triage> {
    let rows = sent_for_secretariat(db, actor, meeting).await?;
    let mut by_status: std::collections::HashMap<InputStatus, u64> =
        std::collections::HashMap::new();
    let mut by_item: BTreeMap<Option<Uuid>, u64> = BTreeMap::new();
    let mut by_theme: BTreeMap<Option<Uuid>, u64> = BTreeMap::new();
    for r in &rows {
        *by_status.entry(r.status).or_default() += 1;
        *by_item.entry(r.agenda_item_id).or_default() += 1;
        *by_theme.entry(r.theme_id.or(meeting.model().theme_id)).or_default() += 1;
    }
    Ok(Triage {
        by_status: InputStatus::iter().filter_map(|s| by_status.get(&s).map(|n| (s, *n))).collect(),
        by_agenda_item: by_item.into_iter().collect(),
        by_theme: by_theme.into_iter().collect(),
    })
}

// ---------------------------------------------------------------------------------
