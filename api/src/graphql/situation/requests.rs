//! Requests for a picture or information between partners.

use super::*;
use crate::graphql::prelude::*;
use crate::graphql::{RequestMutation, RequestQuery, organisations::Organisation};
use async_graphql::{Object, connection::Connection};
use entity::info_request;

use crate::domain::{
    situation::{self},
    time, types,
};

/// A request for a picture or information.
pub struct InfoRequest(pub info_request::Model);

object! {
    #[Object]
    impl InfoRequest {
        id: ID,
        from: Option<Organisation> = from_organisation_id,
        to: Option<Organisation> = to_organisation_id,
        topic: &str,
        details: &str,
        due_on: NaiveDate,
        status as RequestStatus,

        async fn overdue(&self) -> bool {
            self.0.status == types::RequestStatus::Open && self.0.due_on < time::today()
        }

        answer_text: Option<&str>,

        /// The picture given as answer, when you may read it.
        async fn answer_picture(&self, ctx: &Context<'_>) -> Res<Option<SituationPicture>> {
            let (db, actor) = caller(ctx)?;
            Ok(situation::request_picture(db, actor, &self.0).await.gql()?.map(SituationPicture))
        }

        answered_at: Option<DateTime<Utc>>,
    }
}

// Requests to and from the caller's organisations.
#[Object]
impl RequestQuery {
    /// Requests to and from your organisations, by due date.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn info_requests(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        status: Option<RequestStatus>,
    ) -> Res<Connection<String, InfoRequest>> {
        let status = status.map(Into::into);
        listed(ctx, first, after, InfoRequest, async |db, actor, page| {
            situation::requests(db, actor, status, page).await
        })
        .await
    }
}

// Asking and answering.
#[Object]
impl RequestMutation {
    /// Asks another organisation for a picture or information.
    async fn create_info_request(
        &self, ctx: &Context<'_>, from_organisation_id: Option<ID>, to_organisation_id: ID,
        topic: String, details: Option<String>, due_on: NaiveDate,
    ) -> Res<InfoRequest> {
        let (db, actor) = caller(ctx)?;
        let to = parse_id("toOrganisationId", &to_organisation_id).gql()?;
        let from = opt_id("fromOrganisationId", &from_organisation_id).gql()?;
        situation::create_request(db, actor, from, to, &topic, details.as_deref(), due_on)
            .await
            .map(InfoRequest)
            .gql()
    }

    /// Answers a request to your organisation with a picture and/or a text.
    async fn answer_info_request(
        &self, ctx: &Context<'_>, id: ID, picture_id: Option<ID>, text: Option<String>,
    ) -> Res<InfoRequest> {
        let (db, actor, id) = target(ctx, "request", &id)?;
        let picture = opt_id("pictureId", &picture_id).gql()?;
        situation::answer_request(db, actor, id, picture, text.as_deref())
            .await
            .map(InfoRequest)
            .gql()
    }
}
