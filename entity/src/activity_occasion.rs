//! The `activity_occasion` table.

use sea_orm::entity::prelude::*;

/// One row of `activity_occasion`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_occasion")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    /// The organisation that reported it.
    pub organisation_id: Uuid,
    pub occurred_on: Date,
    pub area_id: Option<Uuid>,
    pub people_reached: Option<i32>,
    /// JSON array of target-group codes.
    #[sea_orm(column_type = "Text")]
    pub target_groups: String,
    /// JSON array of the ids of the organisations present.
    #[sea_orm(column_type = "Text")]
    pub present: String,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    /// JSON array of the ids of the inputs a citizen dialogue produced.
    #[sea_orm(column_type = "Text")]
    pub input_ids: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
