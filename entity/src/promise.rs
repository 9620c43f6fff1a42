//! The `promise` table.

use sea_orm::entity::prelude::*;

use crate::enums::*;

/// One row of `promise`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promise")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The partnership (a council) that made it.
    pub council_id: Uuid,
    /// The municipality whose areas its scopes count per.
    pub municipality_id: Uuid,
    pub title: String,
    pub period_from: Date,
    pub period_to: Date,
    /// When the whole promise is followed up.
    pub follow_up_on: Date,
    pub status: PromiseStatus,
    /// Set while the promise is published to citizens.
    pub published_at: Option<DateTimeUtc>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
