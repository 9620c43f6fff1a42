//! The `picture_share` table.

use sea_orm::entity::prelude::*;

/// One row of `picture_share`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "picture_share")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub picture_id: Uuid,
    /// Shared with a council or network (open and council classifications)…
    pub council_id: Option<Uuid>,
    /// …or with a named organisation (restricted, or open to one more partner).
    pub organisation_id: Option<Uuid>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
