//! The `promise_pledge` table.

use sea_orm::entity::prelude::*;

/// One row of `promise_pledge`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promise_pledge")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub promise_id: Uuid,
    pub position: i32,
    /// "Polisen och kommunen lovar att …"
    #[sea_orm(column_type = "Text")]
    pub text: String,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
