//! Sending the e-mail outbox over SMTP (`SAMRAD_SMTP_URL`, e.g.
//! `smtp://mail.example:587?tls=required` or `smtp://localhost:2525` for a local relay).
//!
//! A message is claimed before it is sent: in a short transaction the row is locked
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, SQLite's write lock) and leased for
//! [`LEASE`], so no other instance takes it; then it is sent outside any transaction,
//! and marked sent. A failed send is retried with exponential backoff, so an SMTP outage
//! loses nothing. Only a crash between the SMTP server's acceptance and the mark can send
//! a message twice (after the lease); nothing else does.
//!
//! A receipt link e-mailed to someone without an account is the exception: its row is
//! deleted once sent, or after [`RECEIPT_ATTEMPTS`] failures, so that neither the address
//! nor the link stays; its failures are recorded without the SMTP server's words, which
//! may quote the address.

use crate::{
    domain::notifications::email::{Mail, render},
    error::{AppError, AppResult},
};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use entity::email_outbox;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, LockBehavior, LockType},
};
use secrecy::{ExposeSecret, SecretString};

/// Failed sends after which a receipt mail is given up (about a day of backoff).
pub const RECEIPT_ATTEMPTS: i32 = 12;

/// How long a claimed message is left to its sender before another may take it.
pub const LEASE: Duration = Duration::minutes(5);

/// Where e-mail goes and how it is signed.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// No URL: messages wait in the outbox until one is configured.
    /// Secret: it may hold the SMTP credentials.
    pub smtp_url: Option<SecretString>,
    pub from: String,
    /// The web UI's address, for links.
    pub public_url: String,
}

/// An SMTP sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl Mailer {
    /// A sender for `settings`, or `None` when no SMTP server is configured.
    pub fn new(settings: &MailSettings) -> anyhow::Result<Option<Self>> {
        let url = settings.smtp_url.as_ref().map(ExposeSecret::expose_secret);
        let Some(url) = url.filter(|u| !u.trim().is_empty()) else { return Ok(None) };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Some(Self {
            transport,
            from: settings.from.parse()?,
            public_url: settings.public_url.clone(),
        }))
    }
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// Sends up to `limit` messages due at `now`.
#[tracing::instrument(skip_all)]
pub async fn deliver_due(
    db: &DatabaseConnection, mailer: &Mailer, now: DateTime<Utc>, limit: usize,
) -> AppResult<Delivery> {
    let mut done = Delivery::default();
    while done.sent + done.failed < limit {
        let Some(row) = claim(db, now).await? else { break };
        let mail: anyhow::Result<Mail> =
            serde_json::from_str(&row.payload).context("unreadable outbox row");
        // A receipt link is the one secret a mail carries, to someone without an account:
        // once sent, the row goes, address and link with it.
        let forget = mail.as_ref().is_ok_and(Mail::is_receipt);
        let outcome = match mail.and_then(|mail| message(mailer, &row, &mail)) {
            Ok(message) => {
                mailer.transport.send(message).await.map(|_| ()).map_err(anyhow::Error::from)
            }
            Err(err) => Err(err),
        };
        // Only while this sender still holds the lease (its expiry is the token).
        let held = email_outbox::Entity::update_many()
            .filter(email_outbox::Column::Id.eq(row.id))
            .filter(email_outbox::Column::NextAttemptAt.eq(row.next_attempt_at));
        let marked = match outcome {
            Ok(()) if forget => {
                done.sent += 1;
                forget_held(db, &row).await?
            }
            Ok(()) => {
                done.sent += 1;
                held.col_expr(email_outbox::Column::SentAt, Expr::value(Utc::now()))
                    .col_expr(email_outbox::Column::LastError, Expr::value(Option::<String>::None))
                    .exec(db)
                    .await?
                    .rows_affected
            }
            Err(_) if forget && row.attempts + 1 >= RECEIPT_ATTEMPTS => {
                tracing::warn!(id = %row.id, "receipt e-mail given up and forgotten");
                done.failed += 1;
                forget_held(db, &row).await?
            }
            Err(err) => {
                let error: String = if forget {
                    "the receipt e-mail was not sent".to_owned()
                } else {
                    format!("{err:#}").chars().take(500).collect()
                };
                tracing::warn!(id = %row.id, attempts = row.attempts + 1, %error, "e-mail not sent; will retry");
                done.failed += 1;
                held.col_expr(email_outbox::Column::Attempts, Expr::value(row.attempts + 1))
                    .col_expr(
                        email_outbox::Column::NextAttemptAt,
                        Expr::value(now.max(Utc::now()) + backoff(row.attempts + 1)),
                    )
                    .col_expr(email_outbox::Column::LastError, Expr::value(error))
                    .exec(db)
                    .await?
                    .rows_affected
            }
        };
        if marked != 1 {
            tracing::warn!(id = %row.id, "the e-mail lease ran out before its sender was done");
        }
    }
    Ok(done)
}

/// Deletes a row this sender still holds the lease of (a receipt, sent or given up).
async fn forget_held(db: &DatabaseConnection, row: &email_outbox::Model) -> AppResult<u64> {
    let deleted = email_outbox::Entity::delete_many()
        .filter(email_outbox::Column::Id.eq(row.id))
        .filter(email_outbox::Column::NextAttemptAt.eq(row.next_attempt_at))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// Takes the next due message for this sender: locked while it is leased, so one
/// instance has it. The lease runs from the clock, not from the pass's `now`, so a long
/// pass does not hand out leases that have run out already.
async fn claim(
    db: &DatabaseConnection, now: DateTime<Utc>,
) -> AppResult<Option<email_outbox::Model>> {
    let txn = crate::db::begin_write(db).await?;
    let row = email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(email_outbox::Column::NextAttemptAt)
        .order_by_asc(email_outbox::Column::Id)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .one(&txn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut leased: email_outbox::ActiveModel = row.into();
    leased.next_attempt_at = Set(now.max(Utc::now()) + LEASE);
    let row = leased.update(&txn).await?;
    txn.commit().await?;
    Ok(Some(row))
}

fn message(mailer: &Mailer, row: &email_outbox::Model, mail: &Mail) -> anyhow::Result<Message> {
    let rendered = render(mail, &mailer.public_url);
    let to: Mailbox = row.recipient.parse().context("bad recipient")?;
    Ok(Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(rendered.subject)
        .multipart(MultiPart::alternative_plain_html(rendered.text, rendered.html))?)
}

/// 30 s after the first failure, doubling, at most six hours.
pub fn backoff(attempts: i32) -> Duration {
    let doubling = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(10);
    (Duration::seconds(30) * 2_i32.pow(doubling)).min(Duration::hours(6))
}

/// Messages not yet sent.
pub async fn waiting(db: &DatabaseConnection) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_null())
        .count(db)
        .await
        .map_err(AppError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_half_a_minute_to_six_hours() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(40), Duration::hours(6));
    }
}
