//! Background work every instance runs: the notification fan-out, reminders, daily
//! digests and sending e-mail. Every pass is safe on any number of instances at once (row
//! locks and dedupe keys decide who does what), so no instance leads.

use std::{sync::Arc, time::Duration};

use chrono::{NaiveTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    domain::{
        notifications::{email, fan_out, reminders},
        time::{to_local, to_utc},
    },
    live::{self, LiveBus},
    mail::{self, MailSettings, Mailer},
};

/// What the workers need from the configuration.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    pub mail: MailSettings,
    /// Local hour (Europe/Stockholm) of the daily digest.
    pub digest_hour: u32,
}

/// Starts the workers on the runtime.
pub fn spawn(
    db: DatabaseConnection, live: Arc<LiveBus>, settings: WorkerSettings,
) -> anyhow::Result<()> {
    let mailer = Mailer::new(&settings.mail)?;
    if mailer.is_none() {
        tracing::info!("SAMRAD_SMTP_URL is not set: e-mail waits in the outbox until it is");
    }
    // In the bus's scope, so that on SQLite the notifications they write reach the
    // subscribers live, as those written during a request do.
    tokio::spawn(live::scope(live.clone(), fan_out_loop(db.clone(), live.clone())));
    tokio::spawn(live::scope(live, sweep_loop(db.clone(), settings.digest_hour)));
    if let Some(mailer) = mailer {
        tokio::spawn(mail_loop(db, mailer));
    }
    Ok(())
}

/// Tells every change as soon as one is heard, and every 30 s in case one was missed.
async fn fan_out_loop(db: DatabaseConnection, live: Arc<LiveBus>) {
    let mut changes = live.subscribe();
    loop {
        if let Err(err) = fan_out::pending(&db, 200).await {
            tracing::warn!(error = %err, "notification fan-out failed");
        }
        let _ = tokio::time::timeout(Duration::from_secs(30), changes.recv()).await;
    }
}

/// Reminders and the daily digest, every five minutes.
async fn sweep_loop(db: DatabaseConnection, digest_hour: u32) {
    loop {
        let now = Utc::now();
        if let Err(err) = reminders::sweep(&db, now).await {
            tracing::warn!(error = %err, "reminder sweep failed");
        }
        // The latest digest time that has passed: today's, or yesterday's before it.
        let local = to_local(now);
        let at = NaiveTime::from_hms_opt(digest_hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
        let mut day = local.date();
        if local.time() < at {
            day = day.pred_opt().unwrap_or(day);
        }
        match to_utc("digestHour", day.and_time(at)) {
            Ok(cutoff) => {
                if let Err(err) = email::queue_digests(&db, cutoff).await {
                    tracing::warn!(error = %err, "daily digest failed");
                }
            }
            Err(err) => tracing::warn!(error = %err, "no digest time today"),
        }
        tokio::time::sleep(Duration::from_secs(300)).await;
    }
}

/// Sends what is due, every five seconds.
async fn mail_loop(db: DatabaseConnection, mailer: Mailer) {
    loop {
        match mail::deliver_due(&db, &mailer, Utc::now(), 100).await {
            Ok(done) if done.sent + done.failed > 0 => {
                tracing::info!(sent = done.sent, failed = done.failed, "e-mail outbox");
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "e-mail outbox failed"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}
