//! Situation pictures (lägesbilder) with entries per place, sharing and classification,
//! the access log of restricted reads, places and their follow-ups, cadences, requests
//! between organisations, and good practices.

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
                    .table(c("place"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("owner_organisation_id")))
                    .col(string_len(c("name"), 200))
                    .col(string_len_null(c("district"), 200))
                    .col(string_len_null(c("municipality_code"), 4))
                    .col(double(c("latitude")))
                    .col(double(c("longitude")))
                    .col(integer_null(c("follow_ups_per_year")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk(
                        "place",
                        "owner_organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_place_owner",
                "place",
                &["owner_organisation_id", "name"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("situation_picture"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("author_organisation_id")))
                    .col(string_len(c("area"), 200))
                    .col(date(c("period_start")))
                    .col(date(c("period_end")))
                    .col(string_len(c("status"), 20))
                    .col(string_len(c("classification"), 20))
                    .col(text(c("summary")))
                    .col(uuid_null(c("partnership_council_id")))
                    .col(timestamp_with_time_zone_null(c("published_at")))
                    .col(uuid_null(c("superseded_by")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .foreign_key(&mut fk(
                        "situation_picture",
                        "author_organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "situation_picture",
                        "partnership_council_id",
                        "council",
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "situation_picture",
                        "created_by",
                        "app_user",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_picture_author",
                "situation_picture",
                &["author_organisation_id", "published_at"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_picture_partnership",
                "situation_picture",
                &["partnership_council_id", "period_start"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_picture_period",
                "situation_picture",
                &["period_end", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("picture_share"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("picture_id")))
                    .col(uuid_null(c("council_id")))
                    .col(uuid_null(c("organisation_id")))
                    .foreign_key(&mut fk(
                        "picture_share",
                        "picture_id",
                        "situation_picture",
                        Cascade,
                    ))
                    .foreign_key(&mut fk("picture_share", "council_id", "council", Cascade))
                    .foreign_key(&mut fk(
                        "picture_share",
                        "organisation_id",
                        "organisation",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_share_picture", "picture_share", &["picture_id"]))
            .await?;
        manager
            .create_index(index(
                "ix_share_council",
                "picture_share",
                &["council_id", "picture_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_share_org",
                "picture_share",
                &["organisation_id", "picture_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("picture_entry"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("picture_id")))
                    .col(uuid(c("place_id")))
                    .col(string_len(c("category"), 40))
                    .col(string_len(c("trend"), 20))
                    .col(integer(c("perceived_safety")))
                    .col(text(c("suspected_causes")))
                    .col(text(c("measures")))
                    .col(uuid_null(c("responsible_organisation_id")))
                    .foreign_key(&mut fk(
                        "picture_entry",
                        "picture_id",
                        "situation_picture",
                        Cascade,
                    ))
                    .foreign_key(&mut fk("picture_entry", "place_id", "place", Restrict))
                    .foreign_key(&mut fk(
                        "picture_entry",
                        "responsible_organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_entry_picture", "picture_entry", &["picture_id"]))
            .await?;
        manager
            .create_index(index("ix_entry_place", "picture_entry", &["place_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("picture_access_log"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("picture_id")))
                    .col(uuid(c("user_id")))
                    .col(uuid_null(c("organisation_id")))
                    .col(timestamp_with_time_zone(c("at")))
                    .col(string_len(c("what"), 40))
                    .foreign_key(&mut fk(
                        "picture_access_log",
                        "picture_id",
                        "situation_picture",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "picture_access_log",
                        "user_id",
                        "app_user",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_access_log_picture",
                "picture_access_log",
                &["picture_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("place_follow_up"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("place_id")))
                    .col(date(c("followed_up_on")))
                    .col(text(c("note")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("place_follow_up", "place_id", "place", Cascade))
                    .foreign_key(&mut fk(
                        "place_follow_up",
                        "created_by",
                        "app_user",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_follow_up_place",
                "place_follow_up",
                &["place_id", "followed_up_on"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("picture_cadence"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(integer(c("interval_days")))
                    .col(date(c("starts_on")))
                    .foreign_key(&mut fk("picture_cadence", "council_id", "council", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_picture_cadence_council",
                    "picture_cadence",
                    &["council_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("info_request"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("from_organisation_id")))
                    .col(uuid(c("to_organisation_id")))
                    .col(string_len(c("topic"), 200))
                    .col(text(c("details")))
                    .col(date(c("due_on")))
                    .col(string_len(c("status"), 20))
                    .col(uuid_null(c("answer_picture_id")))
                    .col(text_null(c("answer_text")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone_null(c("answered_at")))
                    .foreign_key(&mut fk(
                        "info_request",
                        "from_organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "info_request",
                        "to_organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "info_request",
                        "answer_picture_id",
                        "situation_picture",
                        SetNull,
                    ))
                    .foreign_key(&mut fk("info_request", "created_by", "app_user", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_request_from",
                "info_request",
                &["from_organisation_id", "due_on"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_request_to",
                "info_request",
                &["to_organisation_id", "due_on"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("good_practice"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(uuid(c("organisation_id")))
                    .col(string_len(c("title"), 200))
                    .col(text(c("problem")))
                    .col(text(c("what_was_done")))
                    .col(text(c("result")))
                    .col(string_len(c("contact"), 300))
                    .col(text(c("tags")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("good_practice", "council_id", "council", Cascade))
                    .foreign_key(&mut fk(
                        "good_practice",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk("good_practice", "created_by", "app_user", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_practice_council",
                "good_practice",
                &["council_id", "id"],
            ))
            .await?;
        Ok(())
    }
}
