//! Live changes: what GraphQL subscriptions deliver, across server instances.
//!
//! Rule: a service announces a change inside the transaction that makes it
//! ([`announce`]) and ends that transaction with [`commit`]. A change carries ids only;
//! each subscriber reads the object again, through the same access policy as a query,
//! when the change reaches it — so a subscriber gets only what it may read at that moment,
//! and a change never carries content over the wire between instances.
//!
//! Transport: on PostgreSQL `announce` runs `pg_notify` in the transaction, so every
//! instance's listener ([`listen`]) hears the change when it commits and never when it
//! rolls back. On SQLite (one instance) announced changes wait in the request's list
//! ([`scope`]) and go to the in-process channel after [`commit`]; changes announced by a
//! transaction that rolled back are dropped with the request.

use std::{
    cell::RefCell,
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError, Weak},
    time::Duration,
};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    sqlx::postgres::PgListener,
};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

use crate::error::AppResult;

/// The PostgreSQL channel the instances share.
pub const CHANNEL: &str = "samrad_live";

/// Changes a slow subscriber may fall behind by before it skips ahead.
const BUFFER: usize = 1024;

/// What changed, by id. Serialized as a NOTIFY payload (well under its 8,000 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
pub enum Change {
    /// A meeting of a council changed: its details, status or agenda.
    Meeting { id: Uuid, council: Uuid, what: MeetingChange },
    /// An input to a council was submitted or moved in its workflow.
    Input { id: Uuid, council: Uuid, what: InputChange },
    /// An action of a council was assigned to an organisation.
    Action { id: Uuid, council: Uuid, organisation: Uuid },
    /// A situation picture was published or superseded.
    Picture { id: Uuid, what: PictureChange },
    /// A notification for one user.
    Notification { id: Uuid, user: Uuid },
    /// A session ended: its live connections close.
    SessionEnded { id: Uuid },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingChange {
    Changed,
    Cancelled,
    Agenda,
    /// Its first minutes are written, ready for the attendees' comments.
    Minutes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputChange {
    Submitted,
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PictureChange {
    Published,
    Superseded,
}

/// The changes this instance hears, fanned out to its subscribers.
#[derive(Debug)]
pub struct LiveBus {
    tx: broadcast::Sender<Change>,
    ready: watch::Sender<bool>,
    /// Open live connections per user.
    connections: Mutex<HashMap<Uuid, usize>>,
}

/// One user's place among the live connections, given back when dropped.
#[derive(Debug)]
pub struct LiveSlot {
    bus: Arc<LiveBus>,
    user: Uuid,
}

impl Drop for LiveSlot {
    fn drop(&mut self) {
        let mut open = self.bus.connections.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.user) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

impl LiveBus {
    /// A bus for `db`: on PostgreSQL it listens for every instance's changes (see
    /// [`listen`]); on SQLite it is ready at once.
    pub fn start(db: &DatabaseConnection) -> Arc<Self> {
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        let bus = Arc::new(Self {
            tx: broadcast::channel(BUFFER).0,
            ready: watch::channel(!postgres).0,
            connections: Mutex::new(HashMap::new()),
        });
        if postgres {
            listen(db, Arc::downgrade(&bus));
        }
        bus
    }

    /// Changes from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.tx.subscribe()
    }

    /// A place for one more live connection of `user`, or `None` when the user holds
    /// `max` already.
    pub fn admit(self: &Arc<Self>, user: Uuid, max: usize) -> Option<LiveSlot> {
        let mut open = self.connections.lock().unwrap_or_else(PoisonError::into_inner);
        let n = open.entry(user).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(LiveSlot { bus: self.clone(), user })
    }

    /// How many receivers listen (each live connection, and each subscription on it).
    pub fn receivers(&self) -> usize {
        self.tx.receiver_count()
    }

    /// Waits until changes from other instances are heard (at most `limit`); a
    /// subscription started before would miss them.
    pub async fn ready(&self, limit: Duration) -> bool {
        let mut rx = self.ready.subscribe();
        tokio::time::timeout(limit, rx.wait_for(|ready| *ready)).await.is_ok_and(|r| r.is_ok())
    }

    fn send(&self, change: Change) {
        // No receiver is no error: nobody is subscribed.
        let _ = self.tx.send(change);
    }
}

/// Changes announced during one request, sent after their transaction commits (SQLite).
struct Pending {
    bus: Arc<LiveBus>,
    changes: Vec<Change>,
}

tokio::task_local! {
    static PENDING: RefCell<Pending>;
}

/// Runs a request with `bus` as the destination of the changes it announces.
pub async fn scope<F: Future>(bus: Arc<LiveBus>, request: F) -> F::Output {
    PENDING.scope(RefCell::new(Pending { bus, changes: vec![] }), request).await
}

/// Announces a change in the transaction that makes it.
pub async fn announce(db: &impl ConnectionTrait, change: Change) -> AppResult<()> {
    match db.get_database_backend() {
        DbBackend::Postgres => notify(db, change).await,
        _ => {
            // Outside a request (the demo seed, a test calling a service) nobody listens.
            let _ = PENDING.try_with(|p| p.borrow_mut().changes.push(change));
            Ok(())
        }
    }
}

/// Drops changes announced by a transaction that did not commit (a new one begins).
pub fn forget_uncommitted() {
    let _ = PENDING.try_with(|p| p.borrow_mut().changes.clear());
}

/// Commits `txn`, then sends what it announced (SQLite; PostgreSQL sends at commit), and
/// hands back what the write made.
pub async fn commit<T>(txn: DatabaseTransaction, made: T) -> AppResult<T> {
    txn.commit().await?;
    let _ = PENDING.try_with(|p| {
        let mut p = p.borrow_mut();
        let Pending { bus, changes } = &mut *p;
        for change in changes.drain(..) {
            bus.send(change);
        }
    });
    Ok(made)
}

/// Announces a change already written outside a transaction (a single statement).
pub async fn publish(db: &DatabaseConnection, change: Change) -> AppResult<()> {
    match db.get_database_backend() {
        DbBackend::Postgres => notify(db, change).await,
        _ => {
            let _ = PENDING.try_with(|p| p.borrow().bus.send(change));
            Ok(())
        }
    }
}

async fn notify(db: &impl ConnectionTrait, change: Change) -> AppResult<()> {
    let payload =
        serde_json::to_string(&change).map_err(|e| crate::error::AppError::Internal(e.into()))?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [CHANNEL.into(), payload.into()],
    ))
    .await?;
    Ok(())
}

/// Listens on [`CHANNEL`] with a connection of the pool for as long as the bus lives,
/// reconnecting after a lost connection (changes made meanwhile are not heard: a client
/// that reconnects reloads what it shows).
fn listen(db: &DatabaseConnection, bus: Weak<LiveBus>) {
    let pool = db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => match listener.listen(CHANNEL).await {
                    Ok(()) => {
                        let Some(live) = bus.upgrade() else { return };
                        live.ready.send_replace(true);
                        drop(live);
                        loop {
                            match listener.try_recv().await {
                                Ok(Some(note)) => {
                                    let Some(live) = bus.upgrade() else { return };
                                    match serde_json::from_str::<Change>(note.payload()) {
                                        Ok(change) => live.send(change),
                                        Err(err) => tracing::warn!(%err, "unreadable live change"),
                                    }
                                }
                                Ok(None) => {
                                    tracing::warn!("live listener lost its connection");
                                    break;
                                }
                                Err(err) => {
                                    tracing::warn!(%err, "live listener failed");
                                    break;
                                }
                            }
                        }
                    }
                    Err(err) => tracing::warn!(%err, "LISTEN failed"),
                },
                Err(err) => tracing::warn!(%err, "live listener cannot connect"),
            }
            // Not listening: new subscriptions wait (and fail after their limit) rather than
            // silently miss other instances' changes.
            match bus.upgrade() {
                Some(live) => live.ready.send_replace(false),
                None => return,
            };
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_a_small_payload_of_ids() -> serde_json::Result<()> {
        let nil = Uuid::nil();
        let change = Change::Input { id: nil, council: nil, what: InputChange::Submitted };
        let json = serde_json::to_string(&change)?;
        assert_eq!(
            json,
            format!(r#"{{"k":"input","id":"{nil}","council":"{nil}","what":"submitted"}}"#)
        );
        assert_eq!(serde_json::from_str::<Change>(&json)?, change);
        Ok(())
    }
}
