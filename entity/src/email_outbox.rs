//! The `email_outbox` table: e-mail written with the transaction that caused it, sent
//! by a worker with retries; a row is sent once. The row holds what the message is
//! (kinds and links, as JSON), not its text: the sender renders it with the public
//! address it is configured with, and nothing else can end up in a body.

use sea_orm::entity::prelude::*;

/// One row of `email_outbox`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub recipient: String,
    /// The message as JSON: recipient's name and locale, and each item's kind and link.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub created_at: DateTimeUtc,
    /// Not before then (backoff after a failure).
    pub next_attempt_at: DateTimeUtc,
    pub attempts: i32,
    pub sent_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
