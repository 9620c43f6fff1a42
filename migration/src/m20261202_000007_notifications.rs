//! Notifications for every kind of change, with a preference per user and kind; the
//! change outbox the notification fan-out reads after commit; the e-mail outbox.
//!
//! `notification` gains a link (a web path with ids only), a dedupe key (a reminder is
//! sent once per user and key, however often the sweep runs, on any instance) and the
//! time it went out in a daily digest.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{c, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            string_len_null(c("link"), 200),
            string_len_null(c("dedupe_key"), 120),
            timestamp_with_time_zone_null(c("digested_at")),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(c("notification"))
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                index(
                    "ux_notification_dedupe",
                    "notification",
                    &["user_id", "dedupe_key"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_notification_digest",
                "notification",
                &["digested_at", "user_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("notification_preference"))
                    .col(uuid(c("user_id")))
                    .col(string_len(c("kind"), 40))
                    .col(string_len(c("channel"), 16))
                    .primary_key(Index::create().col(c("user_id")).col(c("kind")))
                    .foreign_key(&mut fk(
                        "notification_preference",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("change_outbox"))
                    .col(pk_uuid(c("id")))
                    .col(text(c("payload")))
                    .col(uuid_null(c("actor_user_id")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("email_outbox"))
                    .col(pk_uuid(c("id")))
                    .col(string_len(c("recipient"), 320))
                    .col(text(c("payload")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("next_attempt_at")))
                    .col(integer(c("attempts")).default(0))
                    .col(timestamp_with_time_zone_null(c("sent_at")))
                    .col(text_null(c("last_error")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_email_outbox_due",
                "email_outbox",
                &["sent_at", "next_attempt_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["email_outbox", "change_outbox", "notification_preference"] {
            manager
                .drop_table(Table::drop().table(c(table)).to_owned())
                .await?;
        }
        for name in ["ix_notification_digest", "ux_notification_dedupe"] {
            manager
                .drop_index(Index::drop().name(name).table(c("notification")).to_owned())
                .await?;
        }
        for column in ["digested_at", "dedupe_key", "link"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(c("notification"))
                        .drop_column(c(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
