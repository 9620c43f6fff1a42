//! The `app_user` table.

use sea_orm::entity::prelude::*;

use crate::enums::Locale;

/// One row of `app_user`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Lower-cased, so the unique index is case-insensitive.
    pub email: String,
    /// Argon2id PHC string; never leaves the service layer.
    pub password_hash: String,
    pub display_name: String,
    /// `sv` or `en`.
    pub locale: Locale,
    pub is_platform_admin: bool,
    pub disabled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
