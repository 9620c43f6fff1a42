//! The `place_follow_up` table.

use sea_orm::entity::prelude::*;

/// One row of `place_follow_up`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "place_follow_up")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub place_id: Uuid,
    pub followed_up_on: Date,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
