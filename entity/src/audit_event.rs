//! The `audit_event` table.

use sea_orm::entity::prelude::*;

/// One row of `audit_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<Uuid>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Uuid,
    pub council_id: Option<Uuid>,
    /// JSON object describing the change.
    #[sea_orm(column_type = "Text")]
    pub detail: String,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
