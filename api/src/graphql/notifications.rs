//! In-app notifications.

use async_graphql::{Context, ID, Object, connection::Connection};
use chrono::{DateTime, Utc};
use entity::notification;

use super::{Res, caller, connection, connection_cost, id, page};
use crate::{domain::notifications, error::GqlResultExt};

/// A message in your notification list.
pub struct Notification(pub notification::Model);

#[Object]
impl Notification {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn kind(&self) -> &str {
        &self.0.kind
    }

    async fn message(&self) -> &str {
        &self.0.message
    }

    async fn input_id(&self) -> Option<ID> {
        self.0.input_id.map(id)
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }
}

/// The caller's notifications.
#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    /// Your notifications, newest first.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn my_notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default)] unread_only: bool,
    ) -> Res<Connection<String, Notification>> {
        let (db, actor) = caller(ctx)?;
        let page = page(first, after.as_deref())?;
        let result = notifications::mine(db, actor, &page, unread_only).await.gql()?;
        Ok(connection(result, Notification))
    }
}

/// Marking notifications read.
#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks your notifications read; returns how many changed.
    async fn mark_notifications_read(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Res<u64> {
        let (db, actor) = caller(ctx)?;
        let ids: Vec<uuid::Uuid> =
            ids.iter().filter_map(|i| uuid::Uuid::parse_str(i.as_str()).ok()).collect();
        notifications::mark_read(db, actor, &ids).await.gql()
    }
}
