//! Keyset order for an organisation's inputs: `myInputs` reads one organisation's inputs
//! newest first by id. With only an index on `organisation_id`, PostgreSQL preferred to
//! walk the primary key backwards and filter, which at size M of the benchmark read
//! hundreds of thousands of rows per page (16 pages per second). `(organisation_id, id)`
//! serves the filter and the order; it replaces the single-column index.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                "ix_input_org_id",
                "input",
                &["organisation_id", "id"],
            ))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_input_org")
                    .table(Alias::new("input"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("ix_input_org", "input", &["organisation_id"]))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_input_org_id")
                    .table(Alias::new("input"))
                    .to_owned(),
            )
            .await
    }
}
