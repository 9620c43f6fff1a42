//! The `promise_narrative` table.

use sea_orm::entity::prelude::*;

/// One row of `promise_narrative`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promise_narrative")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    pub promise_id: Uuid,
    /// What the partner did and what came of it.
    #[sea_orm(column_type = "Text")]
    pub narrative: String,
    /// What follows.
    #[sea_orm(column_type = "Text")]
    pub next_steps: String,
    /// Kept off the public page.
    pub internal: bool,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
