//! In-app notifications.

use crate::graphql::prelude::*;
use async_graphql::{Object, connection::Connection};
use entity::notification;

use super::{NotificationMutation, NotificationQuery};
use crate::domain::{
    notifications::{self, preferences},
    types::ActiveEnum,
};

/// What a notification is about; each kind has its own preference.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "crate::domain::types::NotificationKind")]
pub enum NotificationKind {
    /// An input to a meeting of a council where you hold the secretariat.
    InputSubmitted,
    /// Your organisation's input was answered.
    InputAnswered,
    MeetingChanged,
    MeetingCancelled,
    AgendaChanged,
    /// An action assigned to your organisation.
    ActionAssigned,
    /// An input to a meeting where you hold the secretariat moved on in its workflow.
    InputStatusChanged,
    /// A situation picture shared with you.
    PicturePublished,
    /// A situation picture shared with you was replaced by a newer one.
    PictureSuperseded,
    /// The minutes of a meeting you attend are ready for your comments.
    MinutesForComment,
    /// The input window of a meeting closes within three days.
    InputWindowClosing,
    /// An action of your organisation is due within seven days.
    ActionDueSoon,
    /// An action of your organisation is past due.
    ActionOverdue,
    /// An activity of a citizen promise your organisation answers for is behind.
    PromiseBehind,
}

/// How you want one kind of notification.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "crate::domain::types::NotificationChannel")]
pub enum NotificationChannel {
    /// In your notification list only (the default).
    InApp,
    /// In the list, and by e-mail at once.
    Email,
    /// In the list, and in one e-mail a day.
    Digest,
    /// Not at all.
    Off,
}

/// Your choice for one kind of notification.
#[derive(async_graphql::SimpleObject)]
pub struct NotificationPreference {
    pub kind: NotificationKind,
    pub channel: NotificationChannel,
}

/// A message in your notification list.
pub struct Notification(pub notification::Model);

object! {
    #[Object]
    impl Notification {
        id: ID,

        /// The kind's code, e.g. `input.submitted` (see `NotificationKind` for the list).
        async fn kind(&self) -> String {
            self.0.kind.to_value()
        }

        /// Where in Samråd it leads (a path).
        link: Option<&str>,
        message: &str,

        async fn input_id(&self) -> Option<ID> {
            self.0.input_id.map(id)
        }

        created_at: DateTime<Utc>,

        async fn read(&self) -> bool {
            self.0.read_at.is_some()
        }
    }
}

// The caller's notifications.
#[Object]
impl NotificationQuery {
    /// Your notifications, newest first.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn my_notifications(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        #[graphql(default)] unread_only: bool,
    ) -> Res<Connection<String, Notification>> {
        listed(ctx, first, after, Notification, async |db, actor, page| {
            notifications::mine(db, actor, page, unread_only).await
        })
        .await
    }

    /// How many of your notifications are unread.
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Res<u64> {
        let (db, actor) = caller(ctx)?;
        notifications::unread_count(db, actor).await.gql()
    }

    /// How you want each kind of notification.
    async fn my_notification_preferences(
        &self, ctx: &Context<'_>,
    ) -> Res<Vec<NotificationPreference>> {
        let (db, actor) = caller(ctx)?;
        let mine = preferences::mine(db, actor).await.gql()?;
        Ok(mine
            .into_iter()
            .map(|(kind, channel)| NotificationPreference {
                kind: kind.into(),
                channel: channel.into(),
            })
            .collect())
    }
}

// Marking notifications read.
#[Object]
impl NotificationMutation {
    /// Marks your notifications read; returns how many changed.
    async fn mark_notifications_read(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Res<u64> {
        let (db, actor) = caller(ctx)?;
        let ids: Vec<uuid::Uuid> =
            ids.iter().filter_map(|i| uuid::Uuid::parse_str(i.as_str()).ok()).collect();
        notifications::mark_read(db, actor, &ids).await.gql()
    }

    /// Sets how you want one kind of notification.
    async fn set_notification_preference(
        &self, ctx: &Context<'_>, kind: NotificationKind, channel: NotificationChannel,
    ) -> Res<NotificationPreference> {
        let (db, actor) = caller(ctx)?;
        let (kind, channel) =
            preferences::set(db, actor, kind.into(), channel.into()).await.gql()?;
        Ok(NotificationPreference { kind: kind.into(), channel: channel.into() })
    }
}
