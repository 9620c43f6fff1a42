//! Attempt throttling for logins and invitation links, counted in the database.
//!
//! Rule: an attempt is counted *before* the password is checked (or the submission
//! stored), in one atomic upsert per request, and refused once either its key (account
//! or invitation) or the client address is over the limit of its fixed window. So
//! parallel attempts cannot slip past the count, and every server instance on the same
//! database shares it. A successful login clears the account's count and gives the
//! client back the attempt it used, so what accumulates is failures.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::{
    config::LoginLimits,
    error::{AppError, AppResult},
};

/// Longest stored key; longer account names are cut (emails are at most 254 bytes).
const MAX_KEY_CHARS: usize = 300;

/// Counts attempts in one scope (such as `login`) per key and per client address.
#[derive(Debug, Clone)]
pub struct LoginThrottle {
    key_scope: String,
    client_scope: String,
    limits: LoginLimits,
}

impl LoginThrottle {
    /// A throttle whose rows are told apart from other throttles' by `scope`.
    pub fn new(scope: &str, limits: LoginLimits) -> Self {
        Self { key_scope: format!("{scope}:key"), client_scope: format!("{scope}:client"), limits }
    }

    /// Counts an attempt for `key` from `client`; `RateLimited` when either is now over
    /// its limit. The attempt counts even when refused, and is refused before any work.
    pub async fn attempt<C: ConnectionTrait>(
        &self, db: &C, key: &str, client: &str,
    ) -> AppResult<()> {
        let now = Utc::now().timestamp_millis();
        let window = i64::try_from(self.limits.window.as_millis()).unwrap_or(i64::MAX);
        let cutoff = now.saturating_sub(window);
        let key: String = key.chars().take(MAX_KEY_CHARS).collect();
        let client: String = client.chars().take(MAX_KEY_CHARS).collect();
        let backend = db.get_database_backend();
        let sql = numbered(
            backend,
            "INSERT INTO attempt_counter (scope, key, window_start_ms, attempts) \
             VALUES (?, ?, ?, 1), (?, ?, ?, 1) \
             ON CONFLICT (scope, key) DO UPDATE SET \
               attempts = CASE WHEN attempt_counter.window_start_ms <= ? THEN 1 \
                               ELSE attempt_counter.attempts + 1 END, \
               window_start_ms = CASE WHEN attempt_counter.window_start_ms <= ? \
                               THEN excluded.window_start_ms \
                               ELSE attempt_counter.window_start_ms END \
             RETURNING scope, window_start_ms, attempts",
        );
        let values: Vec<Value> = vec![
            self.key_scope.clone().into(),
            key.into(),
            now.into(),
            self.client_scope.clone().into(),
            client.into(),
            now.into(),
            cutoff.into(),
            cutoff.into(),
        ];
        let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        let mut wait_ms: Option<i64> = None;
        for row in rows {
            let scope: String = row.try_get_by_index(0)?;
            let started: i64 = row.try_get_by_index(1)?;
            let attempts: i32 = row.try_get_by_index(2)?;
            let limit = if scope == self.key_scope {
                self.limits.per_account
            } else {
                self.limits.per_client
            };
            if i64::from(attempts) > i64::from(limit) {
                let left = started.saturating_add(window).saturating_sub(now);
                wait_ms = Some(wait_ms.map_or(left, |w| w.max(left)));
            }
        }
        if now % 64 == 0 {
            self.forget_expired(db, cutoff).await?;
        }
        match wait_ms {
            Some(ms) => Err(AppError::RateLimited {
                retry_after_secs: u64::try_from(ms.max(0) / 1000).unwrap_or(0).max(1),
            }),
            None => Ok(()),
        }
    }

    /// After a success: the key's count starts again, and the client gets its attempt back.
    pub async fn succeeded<C: ConnectionTrait>(
        &self, db: &C, key: &str, client: &str,
    ) -> AppResult<()> {
        let key: String = key.chars().take(MAX_KEY_CHARS).collect();
        let client: String = client.chars().take(MAX_KEY_CHARS).collect();
        let backend = db.get_database_backend();
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            numbered(backend, "DELETE FROM attempt_counter WHERE scope = ? AND key = ?"),
            [self.key_scope.clone().into(), key.into()],
        ))
        .await?;
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            numbered(
                backend,
                "UPDATE attempt_counter SET attempts = attempts - 1 \
                 WHERE scope = ? AND key = ? AND attempts > 0",
            ),
            [self.client_scope.clone().into(), client.into()],
        ))
        .await?;
        Ok(())
    }

    async fn forget_expired<C: ConnectionTrait>(&self, db: &C, cutoff: i64) -> AppResult<()> {
        let backend = db.get_database_backend();
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            numbered(backend, "DELETE FROM attempt_counter WHERE window_start_ms <= ?"),
            [cutoff.into()],
        ))
        .await?;
        Ok(())
    }
}

/// `?` placeholders as the backend wants them (`$1, $2…` on PostgreSQL).
fn numbered(backend: DbBackend, sql: &str) -> String {
    if backend != DbBackend::Postgres {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for ch in sql.chars() {
        if ch == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(ch);
        }
    }
    out
}
