//! Attempt counters in the database: login and invitation throttles count here, so that
//! an attempt is counted before the password is checked, atomically, and the limit holds
//! across parallel requests and across server instances.
//!
//! One row per (scope, key): the start of its fixed window (Unix milliseconds) and the
//! attempts counted in it.
//!
//! Also an index for the inputs that came in through an invitation, which the
//! invitation page now lists (newest first).

use sea_orm_migration::prelude::*;

use crate::helpers::{c, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(c("attempt_counter"))
                    .col(ColumnDef::new(c("scope")).string_len(32).not_null())
                    .col(ColumnDef::new(c("key")).string_len(320).not_null())
                    .col(
                        ColumnDef::new(c("window_start_ms"))
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(c("attempts")).integer().not_null())
                    .primary_key(Index::create().col(c("scope")).col(c("key")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_attempt_counter_window",
                "attempt_counter",
                &["window_start_ms"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_input_invitation",
                "input",
                &["invitation_id", "id"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_input_invitation")
                    .table(c("input"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(c("attempt_counter")).to_owned())
            .await
    }
}
