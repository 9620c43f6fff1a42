//! The `session` table.

use sea_orm::entity::prelude::*;

/// One row of `session`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    /// SHA-256 (hex) of the current refresh token; the token itself is never stored.
    pub refresh_hash: String,
    /// Hash of the token this one replaced, to detect reuse of a rotated token.
    pub previous_refresh_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub last_used_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
