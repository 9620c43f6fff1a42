//! The `change_outbox` table: changes written with the transaction that made them, for
//! the notification fan-out to pick up after commit (and exactly once).

use sea_orm::entity::prelude::*;

/// One row of `change_outbox`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The change as JSON (ids only).
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    /// Who made it (not told of their own change).
    pub actor_user_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
