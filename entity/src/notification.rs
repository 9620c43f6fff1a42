//! The `notification` table.

use sea_orm::entity::prelude::*;

use crate::enums::NotificationKind;

/// One row of `notification`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: NotificationKind,
    pub input_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    /// Where in the web UI it leads (a path with ids only).
    pub link: Option<String>,
    /// Set for reminders: one notification per user and key, however often the sweep runs.
    pub dedupe_key: Option<String>,
    /// When it went out in a daily digest e-mail.
    pub digested_at: Option<DateTimeUtc>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
