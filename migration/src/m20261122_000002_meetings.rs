//! Themed meetings: council themes, meetings with an input window, agenda items and
//! proposals, attendance, minutes with revisions and comments, follow-up actions, and
//! calendar feeds. Times are UTC; `version` columns carry optimistic concurrency.

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
                    .table(c("council_theme"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(string_len(c("name"), 200))
                    .col(integer(c("position")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("council_theme", "council_id", "council", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_council_theme_name",
                    "council_theme",
                    &["council_id", "name"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("meeting"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(uuid_null(c("theme_id")))
                    .col(string_len(c("title"), 200))
                    .col(text(c("description")))
                    .col(timestamp_with_time_zone(c("starts_at")))
                    .col(timestamp_with_time_zone(c("ends_at")))
                    .col(string_len_null(c("location"), 300))
                    .col(string_len_null(c("online_url"), 500))
                    .col(timestamp_with_time_zone_null(c("input_opens_at")))
                    .col(timestamp_with_time_zone_null(c("input_deadline")))
                    .col(string_len(c("status"), 20))
                    .col(text_null(c("cancel_reason")))
                    .col(integer(c("version")))
                    .col(integer(c("sequence")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .foreign_key(&mut fk("meeting", "council_id", "council", Cascade))
                    .foreign_key(&mut fk("meeting", "theme_id", "council_theme", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_meeting_council_start",
                "meeting",
                &["council_id", "starts_at", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_meeting_start",
                "meeting",
                &["starts_at", "ends_at"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("agenda_item"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("meeting_id")))
                    .col(integer(c("position")))
                    .col(string_len(c("kind"), 20))
                    .col(string_len(c("title"), 200))
                    .col(text(c("description")))
                    .col(uuid_null(c("presenter_organisation_id")))
                    .col(integer(c("minutes_allotted")))
                    .col(text_null(c("decision")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("agenda_item", "meeting_id", "meeting", Cascade))
                    .foreign_key(&mut fk(
                        "agenda_item",
                        "presenter_organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_agenda_item_meeting",
                "agenda_item",
                &["meeting_id", "position"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("agenda_proposal"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("meeting_id")))
                    .col(uuid(c("organisation_id")))
                    .col(uuid(c("proposed_by")))
                    .col(string_len(c("kind"), 20))
                    .col(string_len(c("title"), 200))
                    .col(text(c("description")))
                    .col(integer(c("minutes_allotted")))
                    .col(string_len(c("status"), 20))
                    .col(text_null(c("decline_reason")))
                    .col(uuid_null(c("agenda_item_id")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone_null(c("decided_at")))
                    .col(uuid_null(c("decided_by")))
                    .foreign_key(&mut fk("agenda_proposal", "meeting_id", "meeting", Cascade))
                    .foreign_key(&mut fk(
                        "agenda_proposal",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "agenda_proposal",
                        "proposed_by",
                        "app_user",
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "agenda_proposal",
                        "agenda_item_id",
                        "agenda_item",
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_agenda_proposal_meeting",
                "agenda_proposal",
                &["meeting_id", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_agenda_proposal_org",
                "agenda_proposal",
                &["organisation_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("attendance"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("meeting_id")))
                    .col(uuid(c("user_id")))
                    .col(uuid_null(c("organisation_id")))
                    .col(string_len(c("response"), 20))
                    .col(string_len_null(c("substitute_name"), 200))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .foreign_key(&mut fk("attendance", "meeting_id", "meeting", Cascade))
                    .foreign_key(&mut fk("attendance", "user_id", "app_user", Cascade))
                    .foreign_key(&mut fk(
                        "attendance",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_attendance_meeting_user",
                    "attendance",
                    &["meeting_id", "user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("minutes"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("meeting_id")))
                    .col(text(c("body")))
                    .col(string_len(c("status"), 20))
                    .col(integer(c("revision")))
                    .col(integer(c("version")))
                    .col(timestamp_with_time_zone_null(c("approved_at")))
                    .col(uuid_null(c("approved_by")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .col(uuid(c("updated_by")))
                    .foreign_key(&mut fk("minutes", "meeting_id", "meeting", Cascade))
                    .foreign_key(&mut fk("minutes", "approved_by", "app_user", Restrict))
                    .foreign_key(&mut fk("minutes", "updated_by", "app_user", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_minutes_meeting", "minutes", &["meeting_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("minutes_revision"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("minutes_id")))
                    .col(integer(c("revision")))
                    .col(text(c("body")))
                    .col(text(c("decisions")))
                    .col(text_null(c("reason")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(uuid(c("created_by")))
                    .foreign_key(&mut fk(
                        "minutes_revision",
                        "minutes_id",
                        "minutes",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "minutes_revision",
                        "created_by",
                        "app_user",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_minutes_revision",
                    "minutes_revision",
                    &["minutes_id", "revision"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("minutes_comment"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("minutes_id")))
                    .col(uuid(c("user_id")))
                    .col(text(c("body")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("minutes_comment", "minutes_id", "minutes", Cascade))
                    .foreign_key(&mut fk("minutes_comment", "user_id", "app_user", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_minutes_comment",
                "minutes_comment",
                &["minutes_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("follow_up_action"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(uuid(c("meeting_id")))
                    .col(uuid(c("organisation_id")))
                    .col(string_len(c("title"), 200))
                    .col(text(c("description")))
                    .col(date(c("due_on")))
                    .col(string_len(c("status"), 20))
                    .col(text_null(c("status_note")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .col(uuid(c("updated_by")))
                    .foreign_key(&mut fk(
                        "follow_up_action",
                        "council_id",
                        "council",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "follow_up_action",
                        "meeting_id",
                        "meeting",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "follow_up_action",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "follow_up_action",
                        "updated_by",
                        "app_user",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_action_council_due",
                "follow_up_action",
                &["council_id", "due_on", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_action_org_due",
                "follow_up_action",
                &["organisation_id", "due_on", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_action_meeting",
                "follow_up_action",
                &["meeting_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("calendar_feed"))
                    .col(pk_uuid(c("id")))
                    .col(string_len(c("token_hash"), 64))
                    .col(uuid(c("owner_id")))
                    .col(uuid_null(c("council_id")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone_null(c("revoked_at")))
                    .foreign_key(&mut fk("calendar_feed", "owner_id", "app_user", Cascade))
                    .foreign_key(&mut fk("calendar_feed", "council_id", "council", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_calendar_feed_token", "calendar_feed", &["token_hash"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_calendar_feed_owner",
                "calendar_feed",
                &["owner_id"],
            ))
            .await?;
        Ok(())
    }
}
