//! Citizen promises (medborgarlöften): a municipality's areas (districts and outer areas,
//! with an optional GeoJSON boundary), promises of a partnership with their texts,
//! signatories and activity plan, each activity's responsible organisations and countable
//! scopes, the occasions partners report, and the narrative each partner adds for the
//! follow-up.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{c, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};

        manager
            .create_table(
                Table::create()
                    .table(c("area"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("municipality_id")))
                    .col(string_len(c("name"), 120))
                    .col(string_len(c("kind"), 16))
                    .col(text_null(c("boundary")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk("area", "municipality_id", "organisation", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_area_name", "area", &["municipality_id", "name"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("promise"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("council_id")))
                    .col(uuid(c("municipality_id")))
                    .col(string_len(c("title"), 200))
                    .col(date(c("period_from")))
                    .col(date(c("period_to")))
                    .col(date(c("follow_up_on")))
                    .col(string_len(c("status"), 16))
                    .col(timestamp_with_time_zone_null(c("published_at")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .foreign_key(&mut fk("promise", "council_id", "council", Cascade))
                    .foreign_key(&mut fk(
                        "promise",
                        "municipality_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_promise_council",
                "promise",
                &["council_id", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_promise_published",
                "promise",
                &["published_at", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("promise_pledge"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("promise_id")))
                    .col(integer(c("position")))
                    .col(text(c("text")))
                    .foreign_key(&mut fk("promise_pledge", "promise_id", "promise", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_promise_pledge_promise",
                "promise_pledge",
                &["promise_id", "position"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("promise_activity"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("promise_id")))
                    .col(uuid(c("pledge_id")))
                    .col(integer(c("position")))
                    .col(text(c("text")))
                    .col(string_len_null(c("responsible_unit"), 120))
                    .col(date(c("period_from")))
                    .col(date(c("period_to")))
                    .col(date(c("follow_up_on")))
                    .col(boolean(c("internal")))
                    .foreign_key(&mut fk(
                        "promise_activity",
                        "promise_id",
                        "promise",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "promise_activity",
                        "pledge_id",
                        "promise_pledge",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_promise_activity_promise",
                "promise_activity",
                &["promise_id", "position"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("activity_responsible"))
                    .col(uuid(c("activity_id")))
                    .col(uuid(c("organisation_id")))
                    .primary_key(
                        Index::create()
                            .col(c("activity_id"))
                            .col(c("organisation_id")),
                    )
                    .foreign_key(&mut fk(
                        "activity_responsible",
                        "activity_id",
                        "promise_activity",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "activity_responsible",
                        "organisation_id",
                        "organisation",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("activity_scope"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("activity_id")))
                    .col(integer(c("position")))
                    .col(string_len(c("rule"), 16))
                    .col(integer_null(c("n")))
                    .col(integer_null(c("weeks")))
                    .col(string_len_null(c("area_kind"), 16))
                    .col(string_len(c("source"), 20))
                    .foreign_key(&mut fk(
                        "activity_scope",
                        "activity_id",
                        "promise_activity",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_activity_scope_activity",
                "activity_scope",
                &["activity_id", "position"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("promise_signatory"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("promise_id")))
                    .col(string_len(c("name"), 200))
                    .col(string_len(c("title"), 200))
                    .col(uuid(c("organisation_id")))
                    .col(date(c("signed_on")))
                    .foreign_key(&mut fk(
                        "promise_signatory",
                        "promise_id",
                        "promise",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "promise_signatory",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_promise_signatory_promise",
                "promise_signatory",
                &["promise_id", "signed_on"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("activity_occasion"))
                    .col(pk_uuid(c("id")))
                    .col(uuid(c("activity_id")))
                    .col(uuid(c("organisation_id")))
                    .col(date(c("occurred_on")))
                    .col(uuid_null(c("area_id")))
                    .col(integer_null(c("people_reached")))
                    .col(text(c("target_groups")))
                    .col(text(c("present")))
                    .col(text(c("notes")))
                    .col(text(c("input_ids")))
                    .col(uuid(c("created_by")))
                    .col(timestamp_with_time_zone(c("created_at")))
                    .foreign_key(&mut fk(
                        "activity_occasion",
                        "activity_id",
                        "promise_activity",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "activity_occasion",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .foreign_key(&mut fk("activity_occasion", "area_id", "area", Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_activity_occasion_activity",
                "activity_occasion",
                &["activity_id", "occurred_on", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_activity_occasion_area",
                "activity_occasion",
                &["area_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(c("promise_narrative"))
                    .col(uuid(c("activity_id")))
                    .col(uuid(c("organisation_id")))
                    .col(uuid(c("promise_id")))
                    .col(text(c("narrative")))
                    .col(text(c("next_steps")))
                    .col(boolean(c("internal")))
                    .col(uuid(c("updated_by")))
                    .col(timestamp_with_time_zone(c("updated_at")))
                    .primary_key(
                        Index::create()
                            .col(c("activity_id"))
                            .col(c("organisation_id")),
                    )
                    .foreign_key(&mut fk(
                        "promise_narrative",
                        "activity_id",
                        "promise_activity",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "promise_narrative",
                        "promise_id",
                        "promise",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "promise_narrative",
                        "organisation_id",
                        "organisation",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_promise_narrative_promise",
                "promise_narrative",
                &["promise_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "promise_narrative",
            "activity_occasion",
            "promise_signatory",
            "activity_scope",
            "activity_responsible",
            "promise_activity",
            "promise_pledge",
            "promise",
            "area",
        ] {
            manager
                .drop_table(Table::drop().table(c(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
