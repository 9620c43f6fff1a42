//! Subscriptions: changes you may see, as they happen (WebSocket at `/graphql/ws`, the
//! `graphql-transport-ws` protocol, the access token in `connection_init`).

use std::sync::Arc;

use async_graphql::{Context, Enum, SimpleObject, Subscription};
use futures_util::{Stream, stream};
use sea_orm::DatabaseConnection;
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::{
    ContextExt, actions::FollowUpAction, inputs::Input, meetings::Meeting,
    notifications::Notification, situation::SituationPicture,
};
use crate::{
    auth::Actor,
    domain::{
        live_events::{self, Purpose, Seen},
        sessions::{self, AuthKit},
    },
    error::{AppError, GqlResultExt},
    live::{Change, InputChange, MeetingChange, PictureChange},
};

/// The access token a live connection was opened with; every event checks it again.
#[derive(Clone)]
pub struct LiveToken(pub String);

/// What happened.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum LiveEventKind {
    /// A meeting's details or status changed.
    MeetingChanged,
    MeetingCancelled,
    /// A meeting's agenda changed.
    AgendaChanged,
    InputSubmitted,
    /// An input moved in its workflow (acknowledged, answered, declined, hidden, …).
    InputStatusChanged,
    /// An action was assigned to your organisation.
    ActionAssigned,
    /// A situation picture you may read was published.
    PicturePublished,
    /// A situation picture you may read was replaced by a newer one.
    PictureSuperseded,
    /// A new notification for you.
    Notification,
}

/// A change you may see, with the object as you may see it now (the one that matches the
/// kind is set).
#[derive(SimpleObject)]
pub struct LiveEvent {
    pub kind: LiveEventKind,
    pub meeting: Option<Meeting>,
    pub input: Option<Input>,
    pub action: Option<FollowUpAction>,
    pub situation_picture: Option<SituationPicture>,
    pub notification: Option<Notification>,
}

impl From<Seen> for LiveEvent {
    fn from(seen: Seen) -> Self {
        let mut event = Self {
            kind: LiveEventKind::Notification,
            meeting: None,
            input: None,
            action: None,
            situation_picture: None,
            notification: None,
        };
        match seen {
            Seen::Meeting(view, what) => {
                event.kind = match what {
                    MeetingChange::Changed => LiveEventKind::MeetingChanged,
                    MeetingChange::Cancelled => LiveEventKind::MeetingCancelled,
                    MeetingChange::Agenda => LiveEventKind::AgendaChanged,
                };
                event.meeting = Some(Meeting(view));
            }
            Seen::Input(view, what) => {
                event.kind = match what {
                    InputChange::Submitted => LiveEventKind::InputSubmitted,
                    InputChange::Status => LiveEventKind::InputStatusChanged,
                };
                event.input = Some(Input(view));
            }
            Seen::Action(model) => {
                event.kind = LiveEventKind::ActionAssigned;
                event.action = Some(FollowUpAction(model));
            }
            Seen::Picture(view, what) => {
                event.kind = match what {
                    PictureChange::Published => LiveEventKind::PicturePublished,
                    PictureChange::Superseded => LiveEventKind::PictureSuperseded,
                };
                event.situation_picture = Some(SituationPicture(view));
            }
            Seen::Notification(model) => event.notification = Some(Notification(model)),
        }
        event
    }
}

#[derive(Default)]
pub struct LiveSubscription;

#[Subscription]
impl LiveSubscription {
    /// Changes you may see, as they happen: inputs to meetings you see submitted or moved
    /// on, meetings changed, cancelled or re-planned, actions assigned to your
    /// organisation, situation pictures shared with you published or superseded, and your
    /// notifications. Each change is checked against what you may read when it happens.
    /// The stream ends when your session or token does, or when your seats or
    /// affiliations change (subscribe again to see with your new access).
    async fn live_events(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<impl Stream<Item = LiveEvent>> {
        let actor = ctx.actor().gql()?.clone();
        let token = ctx.data::<LiveToken>().map_err(|_| AppError::Unauthenticated).gql()?.clone();
        let server = ctx.server().gql()?;
        // On PostgreSQL, changes from other instances are heard only once LISTEN stands.
        if !server.live.ready(std::time::Duration::from_secs(10)).await {
            return Err(AppError::Internal(anyhow::anyhow!("the live listener is not listening")))
                .gql();
        }
        let watch = Watch {
            db: server.db.clone(),
            kit: server.auth.clone(),
            token,
            actor,
            changes: server.live.subscribe(),
        };
        Ok(stream::unfold(watch, |mut watch| async move {
            watch.next().await.map(|event| (event, watch))
        }))
    }
}

/// One subscriber's view of the changes.
struct Watch {
    db: DatabaseConnection,
    kit: Arc<AuthKit>,
    token: LiveToken,
    actor: Actor,
    changes: Receiver<Change>,
}

impl Watch {
    /// The next change this subscriber may see; `None` ends the stream.
    async fn next(&mut self) -> Option<LiveEvent> {
        loop {
            let change = match self.changes.recv().await {
                Ok(change) => change,
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "live subscriber fell behind; changes skipped");
                    continue;
                }
                Err(RecvError::Closed) => return None,
            };
            if !self.may_concern(change) {
                if change == (Change::SessionEnded { id: self.actor.session_id }) {
                    return None;
                }
                continue;
            }
            // The session, the token and the actor's grants as they are now.
            let now = match sessions::authenticate(&self.db, &self.kit, &self.token.0).await {
                Ok(actor) => actor,
                Err(AppError::Internal(err)) => {
                    tracing::warn!(error = %err, "live subscriber cannot check its session");
                    continue;
                }
                Err(_) => return None,
            };
            if !same_grants(&now, &self.actor) {
                return None;
            }
            match live_events::seen(&self.db, &now, change, Purpose::Deliver).await {
                Ok(Some(seen)) => return Some(seen.into()),
                Ok(None) => continue,
                Err(err) => {
                    tracing::warn!(error = %err, "live change could not be read");
                    continue;
                }
            }
        }
    }

    /// Changes that name someone else need no reading.
    fn may_concern(&self, change: Change) -> bool {
        match change {
            Change::Notification { user, .. } => user == self.actor.user_id,
            Change::Action { organisation, .. } => {
                self.actor.organisation_ids.contains(&organisation)
            }
            Change::SessionEnded { .. } => false,
            _ => true,
        }
    }
}

/// Whether two actors of one session hold the same access.
fn same_grants(a: &Actor, b: &Actor) -> bool {
    a.is_platform_admin == b.is_platform_admin
        && a.organisation_ids == b.organisation_ids
        && a.seats == b.seats
}
