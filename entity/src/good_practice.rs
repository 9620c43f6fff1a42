//! The `good_practice` table.

use sea_orm::entity::prelude::*;

/// One row of `good_practice`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "good_practice")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The network or council it is shared with.
    pub council_id: Uuid,
    pub organisation_id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub problem: String,
    #[sea_orm(column_type = "Text")]
    pub what_was_done: String,
    #[sea_orm(column_type = "Text")]
    pub result: String,
    pub contact: String,
    /// JSON array of lower-case tags.
    #[sea_orm(column_type = "Text")]
    pub tags: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
