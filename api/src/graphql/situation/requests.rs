//! Requests for a picture or information between partners.

use super::*;
use crate::graphql::{
    Related, RequestMutation, RequestQuery, Res, caller, id, opt_id, organisations::Organisation,
    parse_id, target,
};
use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entity::info_request;

use crate::{
    domain::{
        situation::{self},
        time, types,
    },
    error::GqlResultExt,
};

/// A request for a picture or information.
pub struct InfoRequest(pub info_request::Model);

#[Object]
impl InfoRequest {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn from(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        Organisation::of(ctx, self.0.from_organisation_id).await
    }

    async fn to(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        Organisation::of(ctx, self.0.to_organisation_id).await
    }

    async fn topic(&self) -> &str {
        &self.0.topic
    }

    async fn details(&self) -> &str {
        &self.0.details
    }

    async fn due_on(&self) -> NaiveDate {
        self.0.due_on
    }

    async fn status(&self) -> Res<RequestStatus> {
        Ok(self.0.status.into())
    }

    async fn overdue(&self) -> bool {
        self.0.status == types::RequestStatus::Open && self.0.due_on < time::today()
    }

    async fn answer_text(&self) -> Option<&str> {
        self.0.answer_text.as_deref()
    }

    /// The picture given as answer, when you may read it.
    async fn answer_picture(&self, ctx: &Context<'_>) -> Res<Option<SituationPicture>> {
        let (db, actor) = caller(ctx)?;
        Ok(situation::request_picture(db, actor, &self.0).await.gql()?.map(SituationPicture))
    }

    async fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.0.answered_at
    }
}

// Requests to and from the caller's organisations.
#[Object]
impl RequestQuery {
    /// Requests to and from your organisations, by due date.
    async fn info_requests(
        &self, ctx: &Context<'_>, status: Option<RequestStatus>,
    ) -> Res<Vec<InfoRequest>> {
        let (db, actor) = caller(ctx)?;
        let rows = situation::requests(db, actor, status.map(Into::into)).await.gql()?;
        Ok(rows.into_iter().map(InfoRequest).collect())
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
