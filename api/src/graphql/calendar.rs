//! Calendar feeds (iCalendar) of the meetings a user may see.

use super::{CalendarMutation, CalendarQuery, councils::Council};
use crate::graphql::prelude::*;
use crate::{domain::calendar, error::AppError};
use async_graphql::Object;
use entity::calendar_feed;

/// A calendar feed. The secret URL is shown only when the feed is created.
pub struct CalendarFeed {
    feed: calendar_feed::Model,
    path: Option<String>,
}

#[Object]
impl CalendarFeed {
    async fn id(&self) -> ID {
        id(self.feed.id)
    }

    /// The path of the secret feed URL (append it to the server's address); only in
    /// the answer to `createCalendarFeed`.
    async fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    async fn council(&self, ctx: &Context<'_>) -> Res<Option<Council>> {
        related(ctx, self.feed.council_id).await
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.feed.created_at
    }
}

// The caller's calendar feeds.
#[Object]
impl CalendarQuery {
    /// Your live calendar feeds.
    async fn my_calendar_feeds(&self, ctx: &Context<'_>) -> Res<Vec<CalendarFeed>> {
        let (db, actor) = caller(ctx)?;
        let feeds = calendar::my_feeds(db, actor).await.gql()?;
        Ok(feeds.into_iter().map(|feed| CalendarFeed { feed, path: None }).collect())
    }
}

// Creating and revoking calendar feeds.
#[Object]
impl CalendarMutation {
    /// Creates a secret calendar feed: yours (all your councils) or one council's.
    async fn create_calendar_feed(
        &self, ctx: &Context<'_>, council_id: Option<ID>,
    ) -> Res<CalendarFeed> {
        let (db, actor) = caller(ctx)?;
        let council_id = council_id
            .as_ref()
            .map(|c| parse_id("councilId", c).map_err(|_| AppError::NotFound("council")))
            .transpose()
            .gql()?;
        let issued = calendar::create_feed(db, actor, council_id).await.gql()?;
        Ok(CalendarFeed { path: Some(calendar::feed_path(&issued.token)), feed: issued.feed })
    }

    /// Revokes one of your feeds: its URL answers 404 from now on.
    async fn revoke_calendar_feed(&self, ctx: &Context<'_>, id: ID) -> Res<ID> {
        let (db, actor, id) = target(ctx, "calendar feed", &id)?;
        calendar::revoke_feed(db, actor, id).await.map(|f| self::id(f.id)).gql()
    }
}
