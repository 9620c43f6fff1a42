//! The `affiliation` table.

use sea_orm::entity::prelude::*;

/// One row of `affiliation`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "affiliation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    pub title: Option<String>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
