//! The `promise_activity` table.

use sea_orm::entity::prelude::*;

/// One row of `promise_activity`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promise_activity")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub promise_id: Uuid,
    /// The pledge it carries out.
    pub pledge_id: Uuid,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// A named unit responsible, such as the social services.
    pub responsible_unit: Option<String>,
    pub period_from: Date,
    pub period_to: Date,
    pub follow_up_on: Date,
    /// Kept off the public page.
    pub internal: bool,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
