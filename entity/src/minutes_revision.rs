//! The `minutes_revision` table.

use sea_orm::entity::prelude::*;

/// One row of `minutes_revision`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "minutes_revision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub minutes_id: Uuid,
    pub revision: i32,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// JSON array of `{ agendaItemId, decision }`.
    #[sea_orm(column_type = "Text")]
    pub decisions: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Uuid,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
