//! Database migrations: the only way Samråd's schema changes.
//!
//! Migrations are append-only once landed; a change to the schema is a new file named
//! `mYYYYMMDD_NNNNNN_what.rs`. Every statement must run on both SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261121_000001_foundation;
mod m20261122_000002_meetings;
mod m20261123_000003_inputs;
mod m20261124_000004_situation;
mod m20261125_000005_input_keyset;
mod m20261201_000006_hardening;
mod m20261202_000007_notifications;
mod m20261203_000008_promises;

/// The ordered list of migrations.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_foundation::Migration),
            Box::new(m20261122_000002_meetings::Migration),
            Box::new(m20261123_000003_inputs::Migration),
            Box::new(m20261124_000004_situation::Migration),
            Box::new(m20261125_000005_input_keyset::Migration),
            Box::new(m20261201_000006_hardening::Migration),
            Box::new(m20261202_000007_notifications::Migration),
            Box::new(m20261203_000008_promises::Migration),
        ]
    }
}
