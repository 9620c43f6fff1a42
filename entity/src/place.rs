//! The `place` table.

use sea_orm::entity::prelude::*;

/// One row of `place`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "place")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_organisation_id: Uuid,
    pub name: String,
    pub district: Option<String>,
    pub municipality_code: Option<String>,
    /// WGS84 latitude, −90 to 90.
    pub latitude: f64,
    /// WGS84 longitude, −180 to 180.
    pub longitude: f64,
    /// Required follow-ups per year, if any.
    pub follow_ups_per_year: Option<i32>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
