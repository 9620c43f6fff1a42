//! The `attendance` table.

use sea_orm::entity::prelude::*;

use crate::enums::AttendanceResponse;

/// One row of `attendance`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub user_id: Uuid,
    pub organisation_id: Option<Uuid>,
    /// `attending`, `apologies` or `substitute`.
    pub response: AttendanceResponse,
    pub substitute_name: Option<String>,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
