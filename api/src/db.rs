//! Database connection and migrations.
//!
//! SQLite runs with WAL, foreign keys and a busy timeout; PostgreSQL with its defaults.
//! Both go through the same migrations.

use std::{path::Path, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

/// Opens a connection pool. For a SQLite file URL the parent folder is created first.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file_path(url)
        && let Some(parent) = Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .max_connections(if url.starts_with("sqlite") { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    Ok(Database::connect(opts).await?)
}

/// Logs every statement with its values and time, at `info` with the field `sql`.
pub fn log_statements(db: &mut DatabaseConnection) {
    db.set_metric_callback(|info| {
        tracing::info!(
            sql = %info.statement,
            micros = info.elapsed.as_micros() as u64,
            failed = info.failed,
            "statement"
        );
    });
}

/// Applies all pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

fn sqlite_file_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Begins a transaction that writes. On SQLite it takes the write lock at `BEGIN`
/// (`IMMEDIATE`): two writers then wait their turn through the busy timeout, where a
/// deferred transaction that read first would fail with "database is locked" when it
/// tries to write after another writer. PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    // What an earlier transaction of this request announced and did not commit is void.
    crate::live::forget_uncommitted();
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
