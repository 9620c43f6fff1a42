//! The `picture_entry` table.

use sea_orm::entity::prelude::*;

use crate::enums::{PlaceCategory, Trend};

/// One row of `picture_entry`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "picture_entry")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub picture_id: Uuid,
    pub place_id: Uuid,
    pub category: PlaceCategory,
    /// `rising`, `stable` or `falling`.
    pub trend: Trend,
    /// Perceived safety, 1 (very unsafe) to 5 (very safe).
    pub perceived_safety: i32,
    #[sea_orm(column_type = "Text")]
    pub suspected_causes: String,
    #[sea_orm(column_type = "Text")]
    pub measures: String,
    pub responsible_organisation_id: Option<Uuid>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
