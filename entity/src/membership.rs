//! The `membership` table.

use sea_orm::entity::prelude::*;

use crate::enums::MembershipRole;

/// One row of `membership`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "membership")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub council_id: Uuid,
    pub organisation_id: Uuid,
    /// `host`, `member`, `advisory` or `observer`.
    pub role: MembershipRole,
    pub joined_on: Date,
    /// Set when the organisation leaves; the row is kept as history.
    pub left_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
