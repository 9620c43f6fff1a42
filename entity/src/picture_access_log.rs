//! The `picture_access_log` table.

use sea_orm::entity::prelude::*;

/// One row of `picture_access_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "picture_access_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub picture_id: Uuid,
    pub user_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub at: DateTimeUtc,
    /// Which path read it: `picture`, `list`, `place_history`, `regional_view`, `geojson`…
    pub what: String,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
