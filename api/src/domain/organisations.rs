//! Organisations: the directory of municipalities, police, agencies and partners.
//!
//! Any signed-in user may read the directory (which organisations exist is public
//! knowledge); only a platform admin changes it.

use crate::domain::batch;
use crate::domain::prelude::*;
use crate::domain::{
    audit, policy,
    types::{MunicipalityCode, OrganisationKind, parse_name},
};
use entity::organisation;
use sea_orm::ActiveEnum as _;

/// Longest organisation name.
pub const MAX_NAME: usize = 200;
/// Deepest parent chain (a local police area in a police region is depth 2).
const MAX_DEPTH: usize = 8;

/// Input for a new organisation.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub parent_id: Option<Uuid>,
    pub municipality_code: Option<String>,
}

/// Changes to an organisation; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub kind: Option<OrganisationKind>,
    /// `Some(None)` removes the parent.
    pub parent_id: Option<Option<Uuid>>,
    /// `Some(None)` removes the code.
    pub municipality_code: Option<Option<String>>,
}

/// A page of the directory, ordered by name.
#[tracing::instrument(skip_all)]
pub async fn list(
    db: &DatabaseConnection, _actor: &Actor, page: &PageRequest, kind: Option<OrganisationKind>,
) -> AppResult<Page<organisation::Model>> {
    let mut query = organisation::Entity::find();
    if let Some(kind) = kind {
        query = query.filter(organisation::Column::Kind.eq(kind.to_value()));
    }
    let rows =
        page.rows_after(db, query, organisation::Column::Name, organisation::Column::Id).await?;
    Ok(Page::from_rows(page, rows, |o| Cursor { key: o.name.clone(), id: o.id }))
}

/// One organisation.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn get(
    db: &DatabaseConnection, _actor: &Actor, id: Uuid,
) -> AppResult<organisation::Model> {
    organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("organisation"))
}

/// Organisations by id, for batch loading (the directory is readable by every actor).
#[tracing::instrument(skip_all)]
pub async fn by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<organisation::Model>> {
    batch::rows_in::<organisation::Entity>(db, organisation::Column::Id, ids, &[]).await
}

/// Adds an organisation (platform admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create(
    db: &DatabaseConnection, actor: &Actor, input: NewOrganisation,
) -> AppResult<organisation::Model> {
    policy::require_admin(actor)?;
    let name = parse_name("name", &input.name, MAX_NAME)?;
    let code = check_code(input.kind, input.municipality_code.as_deref())?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(parent) = input.parent_id {
        require_exists(&txn, parent, "parentId").await?;
    }
    let now = Utc::now();
    let model = organisation::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name),
        kind: Set(input.kind),
        parent_id: Set(input.parent_id),
        municipality_code: Set(code),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "name", "an organisation with this name"))?;
    audit::Event::new(actor, "organisation.create", ("organisation", model.id))
        .detail(json!({ "name": model.name, "kind": model.kind.to_value() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// Changes an organisation (platform admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn update(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, patch: OrganisationPatch,
) -> AppResult<organisation::Model> {
    policy::require_admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let current = organisation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("organisation"))?;
    let kind = match patch.kind {
        Some(kind) => kind,
        None => current.kind,
    };
    let code = match &patch.municipality_code {
        Some(code) => code.clone(),
        None => current.municipality_code.clone(),
    };
    let code = check_code(kind, code.as_deref())?;
    let mut model: organisation::ActiveModel = current.clone().into();
    if let Some(name) = &patch.name {
        model.name = Set(parse_name("name", name, MAX_NAME)?);
    }
    if let Some(parent) = patch.parent_id {
        if let Some(parent) = parent {
            require_exists(&txn, parent, "parentId").await?;
            check_no_cycle(&txn, id, parent).await?;
        }
        model.parent_id = Set(parent);
    }
    model.kind = Set(kind);
    model.municipality_code = Set(code);
    model.updated_at = Set(Utc::now());
    let updated = model
        .update(&txn)
        .await
        .map_err(|e| AppError::from_write(e, "name", "an organisation with this name"))?;
    audit::Event::new(actor, "organisation.update", ("organisation", id)).detail(json!({
                "before": { "name": current.name, "kind": current.kind.to_value(), "parentId": current.parent_id },
                "after": { "name": updated.name, "kind": updated.kind.to_value(), "parentId": updated.parent_id },
            })).record(&txn)
    .await?;
    crate::live::commit(txn, updated).await
}

/// Only municipalities carry an SCB code.
fn check_code(kind: OrganisationKind, code: Option<&str>) -> AppResult<Option<String>> {
    match code {
        None => Ok(None),
        Some(_) if kind != OrganisationKind::Municipality => Err(AppError::bad_input(
            "municipalityCode",
            "only municipalities have a municipality code",
        )),
        Some(code) => Ok(Some(MunicipalityCode::parse(code)?.into_inner())),
    }
}

/// An organisation referenced by input must exist.
pub(crate) async fn require_exists(
    db: &impl ConnectionTrait, id: Uuid, field: &'static str,
) -> AppResult<organisation::Model> {
    organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::bad_input(field, "unknown organisation"))
}

/// Refuses a parent that is the organisation itself or one of its descendants.
async fn check_no_cycle(db: &impl ConnectionTrait, id: Uuid, parent: Uuid) -> AppResult<()> {
    let mut next = Some(parent);
    for _ in 0..MAX_DEPTH {
        let Some(current) = next else { return Ok(()) };
        if current == id {
            return Err(AppError::bad_input(
                "parentId",
                "an organisation cannot be its own ancestor",
            ));
        }
        next = organisation::Entity::find_by_id(current).one(db).await?.and_then(|o| o.parent_id);
    }
    Err(AppError::bad_input("parentId", "the organisation hierarchy is too deep"))
}
