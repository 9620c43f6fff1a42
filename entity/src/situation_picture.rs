//! The `situation_picture` table.

use sea_orm::entity::prelude::*;

use crate::enums::{Classification, PictureStatus};

/// One row of `situation_picture`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "situation_picture")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub author_organisation_id: Uuid,
    /// The area: a municipality or a district of it.
    pub area: String,
    pub period_start: Date,
    pub period_end: Date,
    /// `draft`, `published` or `superseded`.
    pub status: PictureStatus,
    /// `open`, `council` or `restricted`.
    pub classification: Classification,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    /// The partnership whose cadence this joint picture counts towards.
    pub partnership_council_id: Option<Uuid>,
    pub published_at: Option<DateTimeUtc>,
    pub superseded_by: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
