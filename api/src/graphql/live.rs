//! Subscriptions: changes you may see, as they happen (WebSocket at `/graphql/ws`, the
//! `graphql-transport-ws` protocol, the access token in `connection_init`).

use super::{
    actions::FollowUpAction, inputs::Input, meetings::Meeting, notifications::Notification,
    situation::SituationPicture,
};
use crate::graphql::prelude::*;
use crate::{
    domain::live_events::{Seen, Watch},
    error::AppError,
    live::{InputChange, MeetingChange, PictureChange},
};
use async_graphql::{Enum, SimpleObject, Subscription};
use futures_util::{Stream, stream};

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
    /// A meeting's first minutes are written, ready for comments.
    MinutesReady,
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
            kind: kind_of(&seen),
            meeting: None,
            input: None,
            action: None,
            situation_picture: None,
            notification: None,
        };
        match seen {
            Seen::Meeting(view, _) => event.meeting = Some(Meeting(view)),
            Seen::Input(view, _) => event.input = Some(Input(view)),
            Seen::Action(model) => event.action = Some(FollowUpAction(model)),
            Seen::Picture(view, _) => event.situation_picture = Some(SituationPicture(view)),
            Seen::Notification(model) => event.notification = Some(Notification(model)),
        }
        event
    }
}

/// What happened, as the subscriber is told it.
fn kind_of(seen: &Seen) -> LiveEventKind {
    use LiveEventKind as K;
    match seen {
        Seen::Meeting(_, MeetingChange::Changed) => K::MeetingChanged,
        Seen::Meeting(_, MeetingChange::Cancelled) => K::MeetingCancelled,
        Seen::Meeting(_, MeetingChange::Agenda) => K::AgendaChanged,
        Seen::Meeting(_, MeetingChange::Minutes) => K::MinutesReady,
        Seen::Input(_, InputChange::Submitted) => K::InputSubmitted,
        Seen::Input(_, InputChange::Status) => K::InputStatusChanged,
        Seen::Action(_) => K::ActionAssigned,
        Seen::Picture(_, PictureChange::Published) => K::PicturePublished,
        Seen::Picture(_, PictureChange::Superseded) => K::PictureSuperseded,
        Seen::Notification(_) => K::Notification,
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
        &self, ctx: &Context<'_>,
    ) -> async_graphql::Result<impl Stream<Item = LiveEvent>> {
        let actor = ctx.actor().gql()?.clone();
        let token = ctx.data::<LiveToken>().map_err(|_| AppError::Unauthenticated).gql()?.clone();
        let server = ctx.server().gql()?;
        // On PostgreSQL, changes from other instances are heard only once LISTEN stands.
        if !server.live.ready(std::time::Duration::from_secs(10)).await {
            return Err(AppError::Internal(anyhow::anyhow!("the live listener is not listening")))
                .gql();
        }
        let watch = Watch::new(
            server.db.clone(),
            server.auth.clone(),
            token.0,
            actor,
            server.live.subscribe(),
        );
        Ok(stream::unfold(watch, |mut watch| async move {
            watch.next().await.map(|seen| (LiveEvent::from(seen), watch))
        }))
    }
}
