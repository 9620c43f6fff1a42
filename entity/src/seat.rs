//! The `seat` table.

use sea_orm::entity::prelude::*;

use crate::enums::SeatRole;

/// One row of `seat`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "seat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub council_id: Uuid,
    pub user_id: Uuid,
    /// The organisation the user sits for (required for representatives).
    pub organisation_id: Option<Uuid>,
    /// `secretariat`, `chair` or `representative`.
    pub role: SeatRole,
    pub started_on: Date,
    /// Set when the seat ends; the row is kept as history.
    pub ended_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
