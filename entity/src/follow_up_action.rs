//! The `follow_up_action` table.

use sea_orm::entity::prelude::*;

use crate::enums::ActionStatus;

/// One row of `follow_up_action`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up_action")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub council_id: Uuid,
    pub meeting_id: Uuid,
    pub organisation_id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub due_on: Date,
    /// `open`, `in_progress`, `done` or `cancelled`.
    pub status: ActionStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub status_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub updated_by: Uuid,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
