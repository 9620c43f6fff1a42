//! The `minutes` table.

use sea_orm::entity::prelude::*;

use crate::enums::MinutesStatus;

/// One row of `minutes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "minutes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `draft` or `approved`.
    pub status: MinutesStatus,
    /// 0 while a draft; 1 at approval; +1 for every change after approval.
    pub revision: i32,
    pub version: i32,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<Uuid>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Uuid,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
