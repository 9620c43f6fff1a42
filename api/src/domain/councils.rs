//! Councils, the organisations that are members of them and the users who hold seats.
//!
//! A platform admin creates councils; the secretariat manages memberships and seats of
//! its own council. Ending a membership or seat keeps the row as history. Which parts of
//! a council an actor sees is decided by [`policy::council_access`] and carried in
//! [`CouncilView`], so nested data can only be reached through a checked council.

use crate::domain::batch;
use crate::domain::prelude::*;
use crate::domain::{
    access::{Checked, CouncilSeats},
    audit, organisations,
    policy::{self, CouncilAccess},
    time::today,
    types::{CouncilKind, MembershipRole, SeatRole, parse_name, parse_optional_text},
};
use chrono::NaiveDate;
use entity::{affiliation, app_user, audit_event, council, membership, seat};
use sea_orm::ActiveEnum as _;

/// Longest council name.
pub const MAX_NAME: usize = 200;
/// Longest description.
pub const MAX_DESCRIPTION: usize = 4000;
/// A council has at most this many open memberships, which keeps nested lists bounded.
pub const MAX_OPEN_MEMBERSHIPS: u64 = 200;

/// A council as seen by one actor: the row and what the actor may see of it. Made only
/// by the policy, in the services.
#[derive(Debug, Clone)]
pub struct CouncilView {
    model: council::Model,
    access: CouncilAccess,
}

impl CouncilView {
    /// The council's row, which everyone who sees the council reads.
    pub fn model(&self) -> &council::Model {
        &self.model
    }

    /// What the actor may see and do in the council.
    pub fn access(&self) -> CouncilAccess {
        self.access
    }

    /// The proof that the actor may see who holds which seat, if they may.
    pub fn seats(&self) -> Option<Checked<CouncilSeats>> {
        self.access.can_see_seats().then_some(Checked::new(self.model.id))
    }
}

/// Input for a new council.
#[derive(Debug, Clone)]
pub struct NewCouncil {
    pub name: String,
    pub kind: CouncilKind,
    pub host_organisation_id: Uuid,
    pub meetings_per_year: i32,
    pub description: Option<String>,
}

/// Changes to a council; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CouncilPatch {
    pub name: Option<String>,
    pub kind: Option<CouncilKind>,
    pub meetings_per_year: Option<i32>,
    pub description: Option<String>,
}

/// Input for a membership.
#[derive(Debug, Clone)]
pub struct NewMembership {
    pub council_id: Uuid,
    pub organisation_id: Uuid,
    pub role: MembershipRole,
    pub joined_on: Option<NaiveDate>,
}

/// Input for a seat.
#[derive(Debug, Clone)]
pub struct NewSeat {
    pub council_id: Uuid,
    pub user_id: Uuid,
    pub role: SeatRole,
    pub organisation_id: Option<Uuid>,
    pub started_on: Option<NaiveDate>,
}

/// The councils the actor may see, by name.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn list(
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest,
) -> AppResult<Page<CouncilView>> {
    let mut query = council::Entity::find();
    if let Some(ids) = policy::visible_council_ids(actor) {
        if ids.is_empty() {
            return Ok(Page::from_rows(page, vec![], |_: &CouncilView| Cursor {
                key: String::new(),
                id: Uuid::nil(),
            }));
        }
        query = query.filter(council::Column::Id.is_in(ids));
    }
    let rows = page.rows_after(db, query, council::Column::Name, council::Column::Id).await?;
    let views = rows
        .into_iter()
        .filter_map(|model| {
            policy::council_access(actor, model.id).map(|access| CouncilView { model, access })
        })
        .collect();
    Ok(Page::from_rows(page, views, |c| Cursor { key: c.model.name.clone(), id: c.model.id }))
}

/// The council row `id`, or NOT_FOUND: for a service that has checked access already.
pub(crate) async fn row(db: &impl ConnectionTrait, id: Uuid) -> AppResult<council::Model> {
    council::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("council"))
}

/// One council, or NOT_FOUND when it does not exist or the actor may not see it.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<CouncilView> {
    let access = policy::require_council(actor, id)?;
    let model = row(db, id).await?;
    Ok(CouncilView { model, access })
}

/// Council rows by id, for batch loading; callers pass each through [`view_of`].
#[tracing::instrument(skip_all)]
pub async fn rows_by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<council::Model>> {
    batch::rows_in::<council::Entity>(db, council::Column::Id, ids, &[]).await
}

/// The council as the actor may see it, or `None`.
pub fn view_of(actor: &Actor, model: council::Model) -> Option<CouncilView> {
    policy::council_access(actor, model.id).map(|access| CouncilView { model, access })
}

/// Memberships of councils, for batch loading behind a [`CouncilView`].
#[tracing::instrument(skip_all)]
pub async fn memberships_of(
    db: &DatabaseConnection, council_ids: &[Uuid],
) -> AppResult<Vec<membership::Model>> {
    batch::rows_in::<membership::Entity>(
        db,
        membership::Column::CouncilId,
        council_ids,
        &[membership::Column::JoinedOn, membership::Column::Id],
    )
    .await
}

batch::rows_of! {
    /// Seats of councils, for batch loading with the proof that they may be seen.
    pub fn seats_of(CouncilSeats) -> seat by CouncilId order StartedOn, Id;
}

/// A user's seats, open and ended: shown to the user themself only (`None` otherwise).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, user_id = %user_id))]
pub async fn seats_of_user(
    db: &DatabaseConnection, actor: &Actor, user_id: Uuid,
) -> AppResult<Option<Vec<seat::Model>>> {
    if actor.user_id != user_id {
        return Ok(None);
    }
    my_seats(db, actor).await.map(Some)
}

/// The actor's own seats, open and ended.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn my_seats(db: &DatabaseConnection, actor: &Actor) -> AppResult<Vec<seat::Model>> {
    Ok(seat::Entity::find()
        .filter(seat::Column::UserId.eq(actor.user_id))
        .order_by_asc(seat::Column::StartedOn)
        .order_by_asc(seat::Column::Id)
        .all(db)
        .await?)
}

/// The council's change history, oldest first (secretariat and admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn history(
    db: &DatabaseConnection, actor: &Actor, view: &CouncilView, page: &PageRequest,
) -> AppResult<Page<audit_event::Model>> {
    // The view's access was computed by the policy for this actor.
    let _ = actor;
    if !view.access.can_see_history() {
        return Err(AppError::Forbidden);
    }
    let mut query =
        audit_event::Entity::find().filter(audit_event::Column::CouncilId.eq(view.model.id));
    if let Some(after) = &page.after {
        query = query.filter(audit_event::Column::Id.gt(after.id));
    }
    let rows = query.order_by_asc(audit_event::Column::Id).limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(page, rows, |e| Cursor { key: String::new(), id: e.id }))
}

fn check_meetings_per_year(n: i32) -> AppResult<i32> {
    if (1..=52).contains(&n) {
        Ok(n)
    } else {
        Err(AppError::bad_input("meetingsPerYear", "meetings per year must be between 1 and 52"))
    }
}

/// Creates a council (platform admin); its host organisation becomes its first member.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create(
    db: &DatabaseConnection, actor: &Actor, input: NewCouncil,
) -> AppResult<CouncilView> {
    policy::require_admin(actor)?;
    let name = parse_name("name", &input.name, MAX_NAME)?;
    let meetings = check_meetings_per_year(input.meetings_per_year)?;
    let description =
        parse_optional_text("description", input.description.as_deref(), MAX_DESCRIPTION)?;
    let txn = crate::db::begin_write(db).await?;
    organisations::require_exists(&txn, input.host_organisation_id, "hostOrganisationId").await?;
    let now = Utc::now();
    let model = council::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name),
        kind: Set(input.kind),
        host_organisation_id: Set(input.host_organisation_id),
        meetings_per_year: Set(meetings),
        description: Set(description.unwrap_or_default()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "name", "a council with this name"))?;
    membership::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(model.id),
        organisation_id: Set(input.host_organisation_id),
        role: Set(MembershipRole::Host),
        joined_on: Set(today()),
        left_on: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::Event::new(actor, "council.create", ("council", model.id))
        .in_council(model.id)
        .detail(json!({ "name": model.name, "kind": model.kind.to_value() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, CouncilView { model, access: CouncilAccess::Manage }).await
}

/// Changes a council (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn update(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, patch: CouncilPatch,
) -> AppResult<CouncilView> {
    policy::require_manage(actor, id)?;
    let txn = crate::db::begin_write(db).await?;
    let current = row(&txn, id).await?;
    let mut model: council::ActiveModel = current.clone().into();
    if let Some(name) = &patch.name {
        model.name = Set(parse_name("name", name, MAX_NAME)?);
    }
    if let Some(kind) = patch.kind {
        model.kind = Set(kind);
    }
    if let Some(n) = patch.meetings_per_year {
        model.meetings_per_year = Set(check_meetings_per_year(n)?);
    }
    if let Some(description) = &patch.description {
        model.description =
            Set(parse_optional_text("description", Some(description), MAX_DESCRIPTION)?
                .unwrap_or_default());
    }
    model.updated_at = Set(Utc::now());
    let updated = model
        .update(&txn)
        .await
        .map_err(|e| AppError::from_write(e, "name", "a council with this name"))?;
    audit::Event::new(actor, "council.update", ("council", id)).in_council(id).detail(json!({
                "before": { "name": current.name, "kind": current.kind.to_value(), "meetingsPerYear": current.meetings_per_year },
                "after": { "name": updated.name, "kind": updated.kind.to_value(), "meetingsPerYear": updated.meetings_per_year },
            })).record(&txn)
    .await?;
    crate::live::commit(txn, ()).await?;
    let access = policy::require_council(actor, id)?;
    Ok(CouncilView { model: updated, access })
}

fn check_date(field: &'static str, date: Option<NaiveDate>) -> AppResult<NaiveDate> {
    let date = date.unwrap_or_else(today);
    if date > today() {
        return Err(AppError::bad_input(field, "the date cannot be in the future"));
    }
    Ok(date)
}

/// Adds an organisation to a council (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn add_membership(
    db: &DatabaseConnection, actor: &Actor, input: NewMembership,
) -> AppResult<membership::Model> {
    policy::require_manage(actor, input.council_id)?;
    let joined_on = check_date("joinedOn", input.joined_on)?;
    let txn = crate::db::begin_write(db).await?;
    let council = row(&txn, input.council_id).await?;
    organisations::require_exists(&txn, input.organisation_id, "organisationId").await?;
    if input.role == MembershipRole::Host && input.organisation_id != council.host_organisation_id {
        return Err(AppError::bad_input(
            "role",
            "only the council's host organisation can be its host",
        ));
    }
    let open = open_memberships(&txn, input.council_id).await?;
    if open >= MAX_OPEN_MEMBERSHIPS {
        return Err(AppError::conflict(
            "councilId",
            format!("a council has at most {MAX_OPEN_MEMBERSHIPS} member organisations"),
        ));
    }
    let model = membership::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(input.council_id),
        organisation_id: Set(input.organisation_id),
        role: Set(input.role),
        joined_on: Set(joined_on),
        left_on: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| {
        AppError::from_write(e, "organisationId", "an open membership for this organisation")
    })?;
    audit::Event::new(actor, "membership.add", ("membership", model.id))
        .in_council(model.council_id)
        .detail(json!({ "organisationId": model.organisation_id, "role": model.role.to_value() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// BAD_USER_INPUT on `organisationId` unless the organisation is a member of the council
/// now.
pub(crate) async fn require_member(
    db: &impl ConnectionTrait, council_id: Uuid, organisation_id: Uuid,
) -> AppResult<()> {
    let member = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::LeftOn.is_null())
        .count(db)
        .await?;
    if member == 0 {
        return Err(AppError::bad_input(
            "organisationId",
            "the organisation is not a member of this council",
        ));
    }
    Ok(())
}

async fn open_memberships(db: &impl ConnectionTrait, council_id: Uuid) -> AppResult<u64> {
    Ok(membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .count(db)
        .await?)
}

/// Ends a membership (secretariat or admin); the organisation's representatives lose
/// their seats in the council on the same day. The host cannot leave its own council.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn end_membership(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, left_on: Option<NaiveDate>,
) -> AppResult<membership::Model> {
    let txn = crate::db::begin_write(db).await?;
    let current = membership::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("membership"))?;
    // Invisible councils and their memberships are NOT_FOUND; members get FORBIDDEN.
    policy::require_manage(actor, current.council_id).map_err(|e| match e {
        AppError::NotFound(_) => AppError::NotFound("membership"),
        other => other,
    })?;
    if current.left_on.is_some() {
        return Err(AppError::conflict("id", "the membership has already ended"));
    }
    if current.role == MembershipRole::Host {
        return Err(AppError::bad_input(
            "id",
            "the host organisation cannot leave its own council",
        ));
    }
    let left_on = check_date("leftOn", left_on)?;
    if left_on < current.joined_on {
        return Err(AppError::bad_input("leftOn", "an organisation cannot leave before it joined"));
    }
    let mut model: membership::ActiveModel = current.clone().into();
    model.left_on = Set(Some(left_on));
    let updated = model.update(&txn).await?;
    seat::Entity::update_many()
        .col_expr(seat::Column::EndedOn, Expr::value(left_on))
        .filter(seat::Column::CouncilId.eq(current.council_id))
        .filter(seat::Column::OrganisationId.eq(current.organisation_id))
        .filter(seat::Column::Role.eq(SeatRole::Representative))
        .filter(seat::Column::EndedOn.is_null())
        .exec(&txn)
        .await?;
    audit::Event::new(actor, "membership.end", ("membership", id))
        .in_council(current.council_id)
        .detail(json!({ "organisationId": current.organisation_id, "leftOn": left_on }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, updated).await
}

/// Gives a user a seat (secretariat or admin). A representative sits for an
/// organisation the user is affiliated with and that is a current member.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn assign_seat(
    db: &DatabaseConnection, actor: &Actor, input: NewSeat,
) -> AppResult<seat::Model> {
    policy::require_manage(actor, input.council_id)?;
    let started_on = check_date("startedOn", input.started_on)?;
    let txn = crate::db::begin_write(db).await?;
    row(&txn, input.council_id).await?;
    app_user::Entity::find_by_id(input.user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::bad_input("userId", "unknown user"))?;
    match (input.role, input.organisation_id) {
        (SeatRole::Representative, None) => {
            return Err(AppError::bad_input(
                "organisationId",
                "a representative sits for an organisation",
            ));
        }
        (_, Some(org)) => {
            organisations::require_exists(&txn, org, "organisationId").await?;
            let affiliated = affiliation::Entity::find()
                .filter(affiliation::Column::UserId.eq(input.user_id))
                .filter(affiliation::Column::OrganisationId.eq(org))
                .count(&txn)
                .await?;
            if affiliated == 0 {
                return Err(AppError::bad_input(
                    "organisationId",
                    "the user does not act for this organisation",
                ));
            }
            require_member(&txn, input.council_id, org).await?;
        }
        (_, None) => {}
    }
    let model = seat::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(input.council_id),
        user_id: Set(input.user_id),
        organisation_id: Set(input.organisation_id),
        role: Set(input.role),
        started_on: Set(started_on),
        ended_on: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "role", "an open seat with this role for this user"))?;
    audit::Event::new(actor, "seat.assign", ("seat", model.id)).in_council(model.council_id).detail(json!({ "userId": model.user_id, "role": model.role.to_value(), "organisationId": model.organisation_id })).record(&txn)
    .await?;
    crate::live::commit(txn, model).await
}

/// Ends a seat (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn end_seat(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, ended_on: Option<NaiveDate>,
) -> AppResult<seat::Model> {
    let txn = crate::db::begin_write(db).await?;
    let current =
        seat::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("seat"))?;
    policy::require_manage(actor, current.council_id).map_err(|e| match e {
        AppError::NotFound(_) => AppError::NotFound("seat"),
        other => other,
    })?;
    if current.ended_on.is_some() {
        return Err(AppError::conflict("id", "the seat has already ended"));
    }
    let ended_on = check_date("endedOn", ended_on)?;
    if ended_on < current.started_on {
        return Err(AppError::bad_input("endedOn", "a seat cannot end before it started"));
    }
    let mut model: seat::ActiveModel = current.clone().into();
    model.ended_on = Set(Some(ended_on));
    let updated = model.update(&txn).await?;
    audit::Event::new(actor, "seat.end", ("seat", id))
        .in_council(current.council_id)
        .detail(json!({ "userId": current.user_id, "endedOn": ended_on }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, updated).await
}
