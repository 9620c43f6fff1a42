//! The `area` table.

use sea_orm::entity::prelude::*;

use crate::enums::*;

/// One row of `area`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "area")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The municipality (an organisation of kind municipality) it belongs to.
    pub municipality_id: Uuid,
    pub name: String,
    pub kind: AreaKind,
    /// A GeoJSON Polygon or MultiPolygon geometry (WGS84), as imported.
    #[sea_orm(column_type = "Text", nullable)]
    pub boundary: Option<String>,
    pub created_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
