//! The `organisation` table.

use sea_orm::entity::prelude::*;

use crate::enums::OrganisationKind;

/// One row of `organisation`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// One of the organisation kinds in DESIGN.md, e.g. `municipality`.
    pub kind: OrganisationKind,
    pub parent_id: Option<Uuid>,
    /// SCB municipality code (four digits), only for municipalities.
    pub municipality_code: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
