//! A meeting's life: creating, editing, scheduling, holding and cancelling.

use super::*;
use crate::graphql::{LifecycleMutation, maybe};
use async_graphql::{InputObject, Object};

use crate::{
    domain::{meetings::MeetingFields, types},
    error::AppError,
};

/// A meeting's fields, in Swedish time; omitted fields stay as they are.
#[derive(InputObject, Default)]
pub struct MeetingInput {
    pub title: Option<String>,
    pub theme_id: async_graphql::MaybeUndefined<ID>,
    pub description: Option<String>,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub location: async_graphql::MaybeUndefined<String>,
    pub online_url: async_graphql::MaybeUndefined<String>,
    pub input_opens_at: async_graphql::MaybeUndefined<NaiveDateTime>,
    pub input_deadline: async_graphql::MaybeUndefined<NaiveDateTime>,
}

impl MeetingInput {
    fn into_fields(self) -> Result<MeetingFields, AppError> {
        let theme_id = match &self.theme_id {
            async_graphql::MaybeUndefined::Undefined => None,
            async_graphql::MaybeUndefined::Null => Some(None),
            async_graphql::MaybeUndefined::Value(v) => Some(Some(parse_id("themeId", v)?)),
        };
        Ok(MeetingFields {
            title: self.title,
            theme_id,
            description: self.description,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            location: maybe(&self.location),
            online_url: maybe(&self.online_url),
            input_opens_at: maybe(&self.input_opens_at),
            input_deadline: maybe(&self.input_deadline),
        })
    }
}

async fn transition(
    ctx: &Context<'_>, id: ID, expected_version: i32, to: types::MeetingStatus,
    reason: Option<&str>,
) -> Res<Meeting> {
    let (db, actor, id) = target(ctx, "meeting", &id)?;
    meetings::transition(db, actor, id, expected_version, to, reason).await.map(Meeting).gql()
}

// Creating and changing meetings.
#[Object]
impl LifecycleMutation {
    /// Creates a draft meeting (secretariat or admin). Title, start and end are required.
    async fn create_meeting(
        &self, ctx: &Context<'_>, council_id: ID, input: MeetingInput,
    ) -> Res<Meeting> {
        let (db, actor, council_id) = target(ctx, "council", &council_id)?;
        let fields = input.into_fields().gql()?;
        meetings::create(db, actor, council_id, fields).await.map(Meeting).gql()
    }

    /// Changes a meeting (secretariat or admin); CONFLICT if it changed since `expectedVersion`.
    async fn update_meeting(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32, input: MeetingInput,
    ) -> Res<Meeting> {
        let (db, actor, id) = target(ctx, "meeting", &id)?;
        let fields = input.into_fields().gql()?;
        meetings::update(db, actor, id, expected_version, fields).await.map(Meeting).gql()
    }

    /// Publishes a draft to the members.
    async fn schedule_meeting(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32,
    ) -> Res<Meeting> {
        transition(ctx, id, expected_version, types::MeetingStatus::Scheduled, None).await
    }

    /// Records that a scheduled meeting took place.
    async fn mark_meeting_held(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32,
    ) -> Res<Meeting> {
        transition(ctx, id, expected_version, types::MeetingStatus::Held, None).await
    }

    /// Cancels a draft or scheduled meeting, with a reason.
    async fn cancel_meeting(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32, reason: String,
    ) -> Res<Meeting> {
        transition(ctx, id, expected_version, types::MeetingStatus::Cancelled, Some(&reason)).await
    }
}
