//! The `agenda_proposal` table.

use sea_orm::entity::prelude::*;

use crate::enums::{AgendaItemKind, ProposalStatus};

/// One row of `agenda_proposal`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_proposal")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub organisation_id: Uuid,
    pub proposed_by: Uuid,
    pub kind: AgendaItemKind,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub minutes_allotted: i32,
    /// `proposed`, `accepted` or `declined`.
    pub status: ProposalStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub decline_reason: Option<String>,
    pub agenda_item_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
