//! The `agenda_item` table.

use sea_orm::entity::prelude::*;

use crate::enums::AgendaItemKind;

/// One row of `agenda_item`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_item")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub position: i32,
    /// `information`, `discussion` or `decision`.
    pub kind: AgendaItemKind,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub presenter_organisation_id: Option<Uuid>,
    pub minutes_allotted: i32,
    /// The decision recorded in the minutes, for decision items.
    #[sea_orm(column_type = "Text", nullable)]
    pub decision: Option<String>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
