//! Who comes to a meeting.

use super::*;
use crate::graphql::{AttendanceMutation, organisations::Organisation, users::User};
use async_graphql::Object;
use entity::attendance;

use crate::domain::meetings::OrganisationAttendance;

/// One person's answer to a meeting invitation.
pub struct AttendanceAnswer(pub attendance::Model);

object! {
    #[Object]
    impl AttendanceAnswer {
        user: Option<User> = user_id,

        async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
            related(ctx, self.0.organisation_id).await
        }

        response as AttendanceResponse,
        substitute_name: Option<&str>,
    }
}

/// Who is coming from one member organisation.
pub struct AttendanceOfOrganisation(pub OrganisationAttendance);

#[Object]
impl AttendanceOfOrganisation {
    async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        Organisation::of(ctx, self.0.organisation_id).await
    }

    async fn attending(&self, ctx: &Context<'_>) -> Res<Vec<User>> {
        users_by_ids(ctx, &self.0.attending).await
    }

    async fn apologies(&self, ctx: &Context<'_>) -> Res<Vec<User>> {
        users_by_ids(ctx, &self.0.apologies).await
    }

    /// Names of substitutes sent in representatives' place.
    async fn substitutes(&self) -> Vec<&str> {
        self.0.substitutes.iter().map(|(_, name)| name.as_str()).collect()
    }

    async fn no_answer(&self, ctx: &Context<'_>) -> Res<Vec<User>> {
        users_by_ids(ctx, &self.0.no_answer).await
    }

    /// The organisation will be represented (someone attends or a substitute comes).
    async fn represented(&self) -> bool {
        !self.0.attending.is_empty() || !self.0.substitutes.is_empty()
    }
}

async fn users_by_ids(ctx: &Context<'_>, ids: &[uuid::Uuid]) -> Res<Vec<User>> {
    let users = loaded(ctx.loaders().gql()?.user.load_many(ids.iter().copied()).await)?;
    Ok(ids.iter().filter_map(|id| users.get(id).cloned()).map(User::from).collect())
}

// Answering a meeting invitation.
#[Object]
impl AttendanceMutation {
    /// Answers a meeting invitation for yourself.
    async fn respond_to_meeting(
        &self, ctx: &Context<'_>, meeting_id: ID, response: AttendanceResponse,
        substitute_name: Option<String>,
    ) -> Res<AttendanceAnswer> {
        let (db, actor, meeting_id) = target(ctx, "meeting", &meeting_id)?;
        meetings::respond(db, actor, meeting_id, response.into(), substitute_name.as_deref())
            .await
            .map(AttendanceAnswer)
            .gql()
    }
}
