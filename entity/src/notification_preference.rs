//! The `notification_preference` table: how a user wants each kind (no row: in-app).

use sea_orm::entity::prelude::*;

use crate::enums::{NotificationChannel, NotificationKind};

/// One row of `notification_preference`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_preference")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: NotificationKind,
    pub channel: NotificationChannel,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
