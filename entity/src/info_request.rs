//! The `info_request` table.

use sea_orm::entity::prelude::*;

use crate::enums::RequestStatus;

/// One row of `info_request`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "info_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub from_organisation_id: Uuid,
    pub to_organisation_id: Uuid,
    pub topic: String,
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub due_on: Date,
    /// `open`, `answered` or `cancelled`.
    pub status: RequestStatus,
    pub answer_picture_id: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer_text: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
