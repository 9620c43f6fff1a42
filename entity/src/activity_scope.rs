//! The `activity_scope` table.

use sea_orm::entity::prelude::*;

use crate::enums::*;

/// One row of `activity_scope`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_scope")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub position: i32,
    pub rule: ScopeRule,
    /// How many (per area, year or place), for the rules that ask for a number.
    pub n: Option<i32>,
    /// The run of weeks, for `every_weeks`.
    pub weeks: Option<i32>,
    /// The kind of area, for `per_area`.
    pub area_kind: Option<AreaKind>,
    /// What counts: reported occasions, joint pictures or place follow-ups.
    pub source: ScopeSource,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
