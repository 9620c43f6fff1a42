//! The `promise_signatory` table.

use sea_orm::entity::prelude::*;

/// One row of `promise_signatory`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promise_signatory")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub promise_id: Uuid,
    pub name: String,
    pub title: String,
    pub organisation_id: Uuid,
    pub signed_on: Date,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
