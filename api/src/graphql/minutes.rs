//! Minutes: drafting, comments, revisions and approval.

use super::meetings::*;
use crate::graphql::prelude::*;
use async_graphql::{InputObject, Object};
use entity::{minutes_comment, minutes_revision};

use super::{MinutesMutation, users::User};
use crate::{
    domain::minutes::{self as minutes_domain, Decision, MinutesView},
    error::AppError,
};

/// A meeting's minutes.
pub struct Minutes(pub MinutesView);

object! {
    #[Object]
    impl Minutes(.model()) {
        id: ID,
        /// Changes name this version in `expectedVersion`.
        version: i32,
        body: &str,
        status as MinutesStatus,
        /// 0 for a draft, 1 once approved, higher after later changes.
        revision: i32,
        approved_at: Option<DateTime<Utc>>,

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
}

/// An attendee's comment on draft minutes.
pub struct MinutesComment(pub minutes_comment::Model);

object! {
    #[Object]
    impl MinutesComment {
        id: ID,
        author: Option<User> = user_id,
        body: &str,
        created_at: DateTime<Utc>,
    }
}

/// A locked version of the minutes.
pub struct MinutesRevision(pub minutes_revision::Model);

object! {
    #[Object]
    impl MinutesRevision {
        revision: i32,
        body: &str,
        /// The decisions at this revision, as a JSON array.
        decisions: &str,
        /// Why the approved minutes were changed (none for the approval itself).
        reason: Option<&str>,
        created_at: DateTime<Utc>,
        created_by: Option<User> = created_by,
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
