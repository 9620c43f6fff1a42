//! DataLoaders: related rows fetched in one statement per kind and request.
//!
//! Loaders fetch raw rows by key and know nothing of access; they are only reached from
//! objects that the policy already let through (a checked council, the actor's own user).

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::{DataLoader, Loader};
use entity::{affiliation, app_user, council, membership, organisation, seat};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    domain::{councils, organisations, users},
    error::AppError,
};

/// The loaders of one request (created per request, so nothing is cached across users).
pub struct Loaders {
    pub organisation: DataLoader<OrganisationLoader>,
    pub user: DataLoader<UserLoader>,
    pub council: DataLoader<CouncilLoader>,
    pub memberships: DataLoader<MembershipsByCouncil>,
    pub seats: DataLoader<SeatsByCouncil>,
    pub affiliations: DataLoader<AffiliationsByUser>,
}

impl Loaders {
    /// Fresh loaders on `db`.
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            organisation: DataLoader::new(OrganisationLoader(db.clone()), tokio::spawn),
            user: DataLoader::new(UserLoader(db.clone()), tokio::spawn),
            council: DataLoader::new(CouncilLoader(db.clone()), tokio::spawn),
            memberships: DataLoader::new(MembershipsByCouncil(db.clone()), tokio::spawn),
            seats: DataLoader::new(SeatsByCouncil(db.clone()), tokio::spawn),
            affiliations: DataLoader::new(AffiliationsByUser(db.clone()), tokio::spawn),
        }
    }
}

type LoadResult<V> = Result<HashMap<Uuid, V>, Arc<AppError>>;

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut map: HashMap<Uuid, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

/// Organisations by id.
pub struct OrganisationLoader(DatabaseConnection);

impl Loader<Uuid> for OrganisationLoader {
    type Value = organisation::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = organisations::by_ids(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|o| (o.id, o)).collect())
    }
}

/// Users by id.
pub struct UserLoader(DatabaseConnection);

impl Loader<Uuid> for UserLoader {
    type Value = app_user::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = users::by_ids(&self.0, keys).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|u| (u.id, u)).collect())
    }
}

/// Council rows by id (the caller applies the policy to each).
pub struct CouncilLoader(DatabaseConnection);

impl Loader<Uuid> for CouncilLoader {
    type Value = council::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = councils::rows_by_ids(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|c| (c.id, c)).collect())
    }
}

/// All memberships (open and ended) of each council.
pub struct MembershipsByCouncil(DatabaseConnection);

impl Loader<Uuid> for MembershipsByCouncil {
    type Value = Vec<membership::Model>;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = councils::memberships_of(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(group(rows, |m| m.council_id))
    }
}

/// All seats (open and ended) of each council.
pub struct SeatsByCouncil(DatabaseConnection);

impl Loader<Uuid> for SeatsByCouncil {
    type Value = Vec<seat::Model>;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = councils::seats_of(&self.0, keys).await.map_err(Arc::new)?;
        Ok(group(rows, |s| s.council_id))
    }
}

/// Affiliations of each user.
pub struct AffiliationsByUser(DatabaseConnection);

impl Loader<Uuid> for AffiliationsByUser {
    type Value = Vec<affiliation::Model>;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = users::affiliations_of(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(group(rows, |a| a.user_id))
    }
}
