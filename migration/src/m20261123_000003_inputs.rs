//! Inputs to meetings, agenda items and themes, with their history and attachments;
//! invitations for advisory bodies without accounts; in-app notifications; and
//! councils' priority target groups.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{c, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};

        manager
            .create_table(
                Table::create()
                    .table(c("invitation"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("meeting_id")))
                    .col(uuid(c("organisation_id")))
                    .col(boolean(c("accept_late")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("expires_at")))
                    .col(timestamp_with_time_zone_null(c("revoked_at")))
                    .foreign_key(&mut fk("invitation", "meeting_id", "meeting", Cascade))
                    .foreign_key(&mut fk(
                        "invitation",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk("invitation", "created_by", "app_user", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_invitation_meeting",
                "invitation",
                &["meeting_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("input"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(uuid_null(c("meeting_id")))
                    .col(uuid_null(c("agenda_item_id")))
                    .col(uuid_null(c("theme_id")))
                    .col(uuid(c("organisation_id")))
                    .col(uuid_null(c("author_user_id")))
                    .col(string_len_null(c("author_name"), 200))
                    .col(uuid_null(c("invitation_id")))
                    .col(string_len(c("title"), 200))
                    .col(text(c("body")))
                    .col(text(c("target_groups")))
                    .col(string_len_null(c("district"), 200))
                    .col(string_len(c("gathered_by"), 30))
                    .col(string_len(c("status"), 20))
                    .col(boolean(c("anonymous")))
                    .col(boolean(c("late_allowed")))
                    .col(text_null(c("hidden_reason")))
                    .col(text_null(c("redacted_body")))
                    .col(text_null(c("answer")))
                    .col(text_null(c("decline_reason")))
                    .col(timestamp_with_time_zone_null(c("submitted_at")))
                    .col(timestamp_with_time_zone_null(c("answered_at")))
                    .col(string_len_null(c("receipt_hash"), 64))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .foreign_key(&mut fk("input", "council_id", "council", Cascade))
                    .foreign_key(&mut fk("input", "meeting_id", "meeting", Cascade))
                    .foreign_key(&mut fk("input", "agenda_item_id", "agenda_item", SetNull))
                    .foreign_key(&mut fk("input", "theme_id", "council_theme", Restrict))
                    .foreign_key(&mut fk(
                        "input",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk("input", "author_user_id", "app_user", SetNull))
                    .foreign_key(&mut fk("input", "invitation_id", "invitation", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_input_meeting", "input", &["meeting_id", "id"]))
            .await?;
        manager
            .create_index(index(
                "ix_input_council",
                "input",
                &["council_id", "created_at"],
            ))
            .await?;
        manager
            .create_index(index("ix_input_org", "input", &["organisation_id"]))
            .await?;
        manager
            .create_index(
                index("ux_input_receipt", "input", &["receipt_hash"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("input_event"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("input_id")))
                    .col(timestamp_with_time_zone(c("at")))
                    .col(uuid_null(c("actor_user_id")))
                    .col(string_len(c("action"), 30))
                    .col(string_len_null(c("from_status"), 20))
                    .col(string_len(c("to_status"), 20))
                    .col(text_null(c("note")))
                    .foreign_key(&mut fk("input_event", "input_id", "input", Cascade))
                    .foreign_key(&mut fk("input_event", "actor_user_id", "app_user", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_input_event_input",
                "input_event",
                &["input_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("notification"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("user_id")))
                    .col(string_len(c("kind"), 40))
                    .col(uuid_null(c("input_id")))
                    .col(text(c("message")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone_null(c("read_at")))
                    .foreign_key(&mut fk("notification", "user_id", "app_user", Cascade))
                    .foreign_key(&mut fk("notification", "input_id", "input", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_notification_user",
                "notification",
                &["user_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("input_attachment"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("input_id")))
                    .col(string_len(c("file_name"), 200))
                    .col(string_len(c("content_type"), 100))
                    .col(integer(c("size_bytes")))
                    .col(string_len(c("sha256"), 64))
                    .col(blob(c("content")))
                    .col(uuid(c("uploaded_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("input_attachment", "input_id", "input", Cascade))
                    .foreign_key(&mut fk(
                        "input_attachment",
                        "uploaded_by",
                        "app_user",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_input_attachment_input",
                "input_attachment",
                &["input_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("council_priority_group"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(string_len(c("target_group"), 40))
                    .foreign_key(&mut fk(
                        "council_priority_group",
                        "council_id",
                        "council",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_council_priority_group",
                    "council_priority_group",
                    &["council_id", "target_group"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }
}
