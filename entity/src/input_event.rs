//! The `input_event` table.

use sea_orm::entity::prelude::*;

use crate::enums::InputStatus;

/// One row of `input_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "input_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub input_id: Uuid,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<Uuid>,
    pub action: String,
    pub from_status: Option<InputStatus>,
    pub to_status: InputStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
