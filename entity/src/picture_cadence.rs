//! The `picture_cadence` table.

use sea_orm::entity::prelude::*;

/// One row of `picture_cadence`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "picture_cadence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub council_id: Uuid,
    /// A joint picture is due every `interval_days`, from `starts_on`.
    pub interval_days: i32,
    pub starts_on: Date,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
