//! The `meeting` table.

use sea_orm::entity::prelude::*;

use crate::enums::MeetingStatus;

/// One row of `meeting`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub council_id: Uuid,
    pub theme_id: Option<Uuid>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub input_opens_at: Option<DateTimeUtc>,
    pub input_deadline: Option<DateTimeUtc>,
    /// `draft`, `scheduled`, `held`, `minutes_approved` or `cancelled`.
    pub status: MeetingStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub cancel_reason: Option<String>,
    /// Optimistic concurrency: bumped by every change to the meeting or its agenda.
    pub version: i32,
    /// iCalendar SEQUENCE: bumped when time, place or status changes.
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
