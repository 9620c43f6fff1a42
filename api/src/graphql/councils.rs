//! Councils, memberships and seats: queries, mutations and their types.

use super::{
    CouncilMutation, CouncilQuery,
    actions::FollowUpAction,
    inputs::{CouncilFeedback, Feedback, RepresentationView},
    meetings::{CouncilTheme, Meeting},
    organisations::Organisation,
    situation::SituationPicture,
    users::User,
};
use crate::graphql::prelude::*;
use crate::{
    domain::{
        actions,
        councils::{self, CouncilPatch, CouncilView, NewCouncil, NewMembership, NewSeat},
        inputs, meetings, situation,
    },
    error::AppError,
};
use async_graphql::{InputObject, Object, connection::Connection};
use entity::{audit_event, membership, seat};

/// What kind of council this is.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::CouncilKind")]
pub enum CouncilKind {
    SafetyCouncil,
    LocalPartnership,
    RegionalNetwork,
}

/// The part an organisation plays in a council.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::MembershipRole")]
pub enum MembershipRole {
    Host,
    Member,
    Advisory,
    Observer,
}

/// The part a user plays in a council.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::SeatRole")]
pub enum SeatRole {
    Secretariat,
    Chair,
    Representative,
}

/// What the signed-in user may see and do in a council.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::policy::CouncilAccess")]
pub enum CouncilAccess {
    Advisory,
    Member,
    Manage,
}

/// A safety council, local partnership or regional network.
pub struct Council(pub CouncilView);

impl super::Related for Council {
    async fn of(ctx: &Context<'_>, id: Uuid) -> Res<Option<Self>> {
        let actor = ctx.actor().gql()?;
        let row = load(ctx, |l| &l.council, id).await?;
        Ok(row.and_then(|m| councils::view_of(actor, m)).map(Council))
    }
}

#[Object]
impl Council {
    async fn id(&self) -> ID {
        id(self.0.model().id)
    }

    async fn name(&self) -> &str {
        &self.0.model().name
    }

    async fn kind(&self) -> Res<CouncilKind> {
        Ok(self.0.model().kind.into())
    }

    /// Planned meetings per year (the cadence).
    async fn meetings_per_year(&self) -> i32 {
        self.0.model().meetings_per_year
    }

    async fn description(&self) -> &str {
        &self.0.model().description
    }

    /// The organisation that hosts the council and runs its secretariat.
    async fn host(&self, ctx: &Context<'_>) -> Res<Organisation> {
        required(ctx, self.0.model().host_organisation_id, "organisation").await
    }

    /// What you may see and do here.
    async fn my_access(&self) -> CouncilAccess {
        self.0.access().into()
    }

    /// Member organisations; with `includeEnded`, also those that have left (history).
    async fn memberships(
        &self, ctx: &Context<'_>, #[graphql(default)] include_ended: bool,
    ) -> Res<Vec<Membership>> {
        let rows = load(ctx, |l| &l.memberships, self.0.model().id).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter(|m| include_ended || m.left_on.is_none())
            .map(Membership)
            .collect())
    }

    /// Who holds which seat; with `includeEnded`, also past seats. Not for advisory
    /// bodies (FORBIDDEN).
    async fn seats(
        &self, ctx: &Context<'_>, #[graphql(default)] include_ended: bool,
    ) -> Res<Vec<Seat>> {
        let Some(seats) = self.0.seats() else { return Err(AppError::Forbidden).gql() };
        let rows = load(ctx, |l| &l.seats, seats).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter(|s| include_ended || s.ended_on.is_none())
            .map(Seat)
            .collect())
    }

    /// Every change to the council, its memberships and seats, oldest first
    /// (secretariat and admin).
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn history(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, AuditEntry>> {
        listed(ctx, first, after, AuditEntry, async |db, actor, page| {
            councils::history(db, actor, &self.0, page).await
        })
        .await
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.model().created_at
    }

    /// The council's themes, in order.
    async fn themes(&self, ctx: &Context<'_>) -> Res<Vec<CouncilTheme>> {
        let rows = load(ctx, |l| &l.themes, self.0.model().id).await?;
        Ok(rows.unwrap_or_default().into_iter().map(CouncilTheme).collect())
    }

    /// Meetings by start time; drafts only for the secretariat. With `from`, only
    /// meetings that end after it.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn meetings(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        from: Option<DateTime<Utc>>,
    ) -> Res<Connection<String, Meeting>> {
        listed(ctx, first, after, Meeting, async |db, actor, page| {
            meetings::list(db, actor, &self.0, page, from).await
        })
        .await
    }

    /// Feedback figures for a year, overall and per advisory body (members and
    /// secretariat).
    async fn feedback(&self, ctx: &Context<'_>, year: i32) -> Res<CouncilFeedback> {
        let (db, actor) = caller(ctx)?;
        let (overall, bodies) = inputs::feedback(db, actor, &self.0, year).await.gql()?;
        Ok(CouncilFeedback {
            overall: Feedback(overall),
            advisory_bodies: bodies.into_iter().map(Feedback).collect(),
        })
    }

    /// Which target groups gave input in a year, and which priority groups did not.
    async fn representation(&self, ctx: &Context<'_>, year: i32) -> Res<RepresentationView> {
        let (db, actor) = caller(ctx)?;
        inputs::representation(db, actor, &self.0, year).await.map(RepresentationView).gql()
    }

    /// Situation pictures shared with this council or network that you may read.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn situation_pictures(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, SituationPicture>> {
        let filter = situation::PictureFilter { search: None, council_id: Some(self.0.model().id) };
        listed(ctx, first, after, SituationPicture, async |db, actor, page| {
            situation::list(db, actor, page, &filter).await
        })
        .await
    }

    /// Follow-up actions by due date (members and secretariat); `overdueOnly` lists
    /// those past due and not done.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn actions(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        #[graphql(default)] overdue_only: bool,
    ) -> Res<Connection<String, FollowUpAction>> {
        let filter = actions::ActionFilter { overdue_only };
        listed(ctx, first, after, FollowUpAction, async |db, actor, page| {
            actions::for_council(db, actor, &self.0, page, filter).await
        })
        .await
    }
}

/// An organisation's membership of a council.
pub struct Membership(pub membership::Model);

object! {
    #[Object]
    impl Membership {
        id: ID,

        async fn organisation(&self, ctx: &Context<'_>) -> Res<Organisation> {
            required(ctx, self.0.organisation_id, "organisation").await
        }

        role as MembershipRole,
        joined_on: NaiveDate,
        /// Set once the organisation has left.
        left_on: Option<NaiveDate>,
    }
}

/// A user's seat in a council.
pub struct Seat(pub seat::Model);

object! {
    #[Object]
    impl Seat {
        id: ID,
        /// The council, when you may see it.
        council: Option<Council> = council_id,

        async fn user(&self, ctx: &Context<'_>) -> Res<User> {
            required(ctx, self.0.user_id, "user").await
        }

        /// The organisation the user sits for.
        async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
            related(ctx, self.0.organisation_id).await
        }

        role as SeatRole,
        started_on: NaiveDate,
        ended_on: Option<NaiveDate>,
    }
}

/// One recorded change.
pub struct AuditEntry(pub audit_event::Model);

object! {
    #[Object]
    impl AuditEntry {
        id: ID,
        at: DateTime<Utc>,
        /// E.g. `membership.add`, `seat.end`.
        action: &str,

        /// Who made the change.
        async fn actor(&self, ctx: &Context<'_>) -> Res<Option<User>> {
            related(ctx, self.0.actor_user_id).await
        }

        subject_type: &str,
        subject_id: ID,
        /// The change as a JSON object.
        detail: &str,
    }
}

#[Object]
impl CouncilQuery {
    /// The councils you sit in (all of them for a platform admin), by name.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn councils(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, Council>> {
        listed(ctx, first, after, Council, councils::list).await
    }

    /// One council; NOT_FOUND unless you sit in it.
    async fn council(&self, ctx: &Context<'_>, id: ID) -> Res<Council> {
        by_id(ctx, "council", &id, councils::get).await.map(Council)
    }
}

/// A new council.
#[derive(InputObject)]
pub struct CreateCouncilInput {
    pub name: String,
    pub kind: CouncilKind,
    pub host_organisation_id: ID,
    /// 1–52.
    pub meetings_per_year: i32,
    pub description: Option<String>,
}

/// Changes to a council; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateCouncilInput {
    pub name: Option<String>,
    pub kind: Option<CouncilKind>,
    pub meetings_per_year: Option<i32>,
    pub description: Option<String>,
}

/// An organisation joining a council.
#[derive(InputObject)]
pub struct AddMembershipInput {
    pub council_id: ID,
    pub organisation_id: ID,
    pub role: MembershipRole,
    /// Defaults to today.
    pub joined_on: Option<NaiveDate>,
}

/// A user taking a seat.
#[derive(InputObject)]
pub struct AssignSeatInput {
    pub council_id: ID,
    pub user_id: ID,
    pub role: SeatRole,
    /// Required for representatives: the member organisation they sit for.
    pub organisation_id: Option<ID>,
    /// Defaults to today.
    pub started_on: Option<NaiveDate>,
}

#[Object]
impl CouncilMutation {
    /// Creates a council (platform admin); the host becomes its first member.
    async fn create_council(&self, ctx: &Context<'_>, input: CreateCouncilInput) -> Res<Council> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewCouncil {
            name: input.name,
            kind: input.kind.into(),
            host_organisation_id: parse_id("hostOrganisationId", &input.host_organisation_id)
                .gql()?,
            meetings_per_year: input.meetings_per_year,
            description: input.description,
        };
        councils::create(db, actor, cmd).await.map(Council).gql()
    }

    /// Changes a council (its secretariat or a platform admin).
    async fn update_council(
        &self, ctx: &Context<'_>, id: ID, input: UpdateCouncilInput,
    ) -> Res<Council> {
        let (db, actor, id) = target(ctx, "council", &id)?;
        let patch = CouncilPatch {
            name: input.name,
            kind: input.kind.map(Into::into),
            meetings_per_year: input.meetings_per_year,
            description: input.description,
        };
        councils::update(db, actor, id, patch).await.map(Council).gql()
    }

    /// Adds an organisation to a council (its secretariat or a platform admin).
    async fn add_membership(
        &self, ctx: &Context<'_>, input: AddMembershipInput,
    ) -> Res<Membership> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewMembership {
            council_id: target_id("council", &input.council_id)?,
            organisation_id: parse_id("organisationId", &input.organisation_id).gql()?,
            role: input.role.into(),
            joined_on: input.joined_on,
        };
        councils::add_membership(db, actor, cmd).await.map(Membership).gql()
    }

    /// Ends a membership; the row stays as history and the organisation's
    /// representatives lose their seats.
    async fn end_membership(
        &self, ctx: &Context<'_>, id: ID, left_on: Option<NaiveDate>,
    ) -> Res<Membership> {
        let (db, actor, id) = target(ctx, "membership", &id)?;
        councils::end_membership(db, actor, id, left_on).await.map(Membership).gql()
    }

    /// Gives a user a seat (the council's secretariat or a platform admin).
    async fn assign_seat(&self, ctx: &Context<'_>, input: AssignSeatInput) -> Res<Seat> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewSeat {
            council_id: target_id("council", &input.council_id)?,
            user_id: parse_id("userId", &input.user_id).gql()?,
            role: input.role.into(),
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            started_on: input.started_on,
        };
        councils::assign_seat(db, actor, cmd).await.map(Seat).gql()
    }

    /// Ends a seat; the row stays as history.
    async fn end_seat(&self, ctx: &Context<'_>, id: ID, ended_on: Option<NaiveDate>) -> Res<Seat> {
        let (db, actor, id) = target(ctx, "seat", &id)?;
        councils::end_seat(db, actor, id, ended_on).await.map(Seat).gql()
    }
}
