//! Minutes: drafting, comments, revisions and approval.

use super::meetings::*;
use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use entity::{minutes_comment, minutes_revision};

use super::{MinutesMutation, Related, Res, id, load, parse_id, target, users::User};
use crate::{
    domain::minutes::{self as minutes_domain, Decision, MinutesView},
    error::{AppError, GqlResultExt},
};

/// A meeting's minutes.
pub struct Minutes(pub MinutesView);

#[Object]
impl Minutes {
    async fn id(&self) -> ID {
        id(self.0.model().id)
    }

    /// Changes name this version in `expectedVersion`.
    async fn version(&self) -> i32 {
        self.0.model().version
    }

    async fn body(&self) -> &str {
        &self.0.model().body
    }

    async fn status(&self) -> Res<MinutesStatus> {
        Ok(self.0.model().status.into())
    }

    /// 0 for a draft, 1 once approved, higher after later changes.
    async fn revision(&self) -> i32 {
        self.0.model().revision
    }

    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.model().approved_at
    }

    async fn comments(&self, ctx: &Context<'_>) -> Res<Vec<MinutesComment>> {
        let rows = load(ctx, |l| &l.minutes_comments, self.0.read()).await?;
        Ok(rows.unwrap_or_default().into_iter().map(MinutesComment).collect())
    }

    /// The approved text and every later revision, with the reason for each change.
    async fn revisions(&self, ctx: &Context<'_>) -> Res<Vec<MinutesRevision>> {
        let rows = load(ctx, |l| &l.minutes_revisions, self.0.read()).await?;
        Ok(rows.unwrap_or_default().into_iter().map(MinutesRevision).collect())
    }
}

/// An attendee's comment on draft minutes.
pub struct MinutesComment(pub minutes_comment::Model);

#[Object]
impl MinutesComment {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn author(&self, ctx: &Context<'_>) -> Res<Option<User>> {
        User::of(ctx, self.0.user_id).await
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A locked version of the minutes.
pub struct MinutesRevision(pub minutes_revision::Model);

#[Object]
impl MinutesRevision {
    async fn revision(&self) -> i32 {
        self.0.revision
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    /// The decisions at this revision, as a JSON array.
    async fn decisions(&self) -> &str {
        &self.0.decisions
    }

    /// Why the approved minutes were changed (none for the approval itself).
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn created_by(&self, ctx: &Context<'_>) -> Res<Option<User>> {
        User::of(ctx, self.0.created_by).await
    }
}

/// A decision for one decision item.
#[derive(InputObject)]
pub struct DecisionInput {
    pub agenda_item_id: ID,
    pub decision: String,
}

// Writing, commenting on and approving minutes.
#[Object]
impl MinutesMutation {
    /// Writes the minutes and decisions (secretariat or admin). Omit `expectedVersion`
    /// for the first save; approved minutes change only with a `reason`, as a new revision.
    async fn save_minutes(
        &self, ctx: &Context<'_>, meeting_id: ID, expected_version: Option<i32>, body: String,
        decisions: Option<Vec<DecisionInput>>, reason: Option<String>,
    ) -> Res<Minutes> {
        let (db, actor, meeting_id) = target(ctx, "meeting", &meeting_id)?;
        let decisions = decisions
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                Ok(Decision {
                    agenda_item_id: parse_id("decisions", &d.agenda_item_id)?,
                    text: d.decision,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
            .gql()?;
        minutes_domain::save(
            db,
            actor,
            meeting_id,
            expected_version,
            &body,
            &decisions,
            reason.as_deref(),
        )
        .await
        .map(Minutes)
        .gql()
    }

    /// Comments on draft minutes (anyone who sits in the council).
    async fn comment_on_minutes(
        &self, ctx: &Context<'_>, meeting_id: ID, body: String,
    ) -> Res<MinutesComment> {
        let (db, actor, meeting_id) = target(ctx, "meeting", &meeting_id)?;
        minutes_domain::comment(db, actor, meeting_id, &body).await.map(MinutesComment).gql()
    }

    /// Approves and locks the minutes of a held meeting (secretariat or admin).
    async fn approve_minutes(
        &self, ctx: &Context<'_>, meeting_id: ID, expected_version: i32,
    ) -> Res<Minutes> {
        let (db, actor, meeting_id) = target(ctx, "meeting", &meeting_id)?;
        minutes_domain::approve(db, actor, meeting_id, expected_version).await.map(Minutes).gql()
    }
}
