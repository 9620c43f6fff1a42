//! Good practices (goda exempel) shared between councils.

use crate::domain::good_practices::{self, NewPractice};
use crate::graphql::prelude::*;
use async_graphql::{InputObject, Object, connection::Connection};
use entity::good_practice;

use super::{PracticeMutation, PracticeQuery, organisations::Organisation};

/// What a partner did, what came of it, whom to ask.
pub struct GoodPractice(pub good_practice::Model);

object! {
    #[Object]
    impl GoodPractice {
        id: ID,
        organisation: Option<Organisation> = organisation_id,
        title: &str,
        problem: &str,
        what_was_done: &str,
        result: &str,
        contact: &str,

        async fn tags(&self) -> Vec<String> {
            serde_json::from_str(&self.0.tags).unwrap_or_default()
        }

        created_at: DateTime<Utc>,
    }
}

/// A good practice.
#[derive(InputObject)]
pub struct ShareGoodPracticeInput {
    pub council_id: ID,
    pub organisation_id: Option<ID>,
    pub title: String,
    pub problem: String,
    pub what_was_done: String,
    pub result: String,
    pub contact: String,
    #[graphql(default)]
    pub tags: Vec<String>,
}

// Searching good practices.
#[Object]
impl PracticeQuery {
    /// Good practices shared in your councils and networks, newest first.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn good_practices(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>, tag: Option<String>,
        search: Option<String>,
    ) -> Res<Connection<String, GoodPractice>> {
        listed(ctx, first, after, GoodPractice, async |db, actor, page| {
            good_practices::practices(db, actor, page, tag.as_deref(), search.as_deref()).await
        })
        .await
    }
}

// Sharing a good practice.
#[Object]
impl PracticeMutation {
    /// Shares a good practice with a council or network your organisation is part of.
    async fn share_good_practice(
        &self, ctx: &Context<'_>, input: ShareGoodPracticeInput,
    ) -> Res<GoodPractice> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewPractice {
            council_id: target_id("council", &input.council_id)?,
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            title: input.title,
            problem: input.problem,
            what_was_done: input.what_was_done,
            result: input.result,
            contact: input.contact,
            tags: input.tags,
        };
        good_practices::share_practice(db, actor, cmd).await.map(GoodPractice).gql()
    }
}
