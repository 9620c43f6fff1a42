//! Organisations: queries, mutations and the `Organisation` type.

use super::{OrganisationMutation, OrganisationQuery, actions::FollowUpAction};
use crate::domain::{
    actions,
    organisations::{self, NewOrganisation, OrganisationPatch},
};
use crate::graphql::prelude::*;
use async_graphql::{InputObject, Object, connection::Connection};
use entity::organisation;

/// What kind of organisation this is.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::OrganisationKind")]
pub enum OrganisationKind {
    Municipality,
    PoliceRegion,
    LocalPoliceArea,
    CountyAdministrativeBoard,
    Region,
    ArmedForces,
    RescueService,
    Business,
    Academia,
    CivilSociety,
    YouthCouncil,
    AdvisoryCouncil,
    StudentForum,
    School,
    HousingCompany,
}

/// A municipality, police unit, agency, company or association.
pub struct Organisation(pub organisation::Model);

impl super::Related for Organisation {
    async fn of(ctx: &Context<'_>, id: Uuid) -> Res<Option<Self>> {
        Ok(load(ctx, |l| &l.organisation, id).await?.map(Organisation))
    }
}

#[Object]
impl Organisation {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn kind(&self) -> Res<OrganisationKind> {
        Ok(self.0.kind.into())
    }

    /// SCB municipality code, for municipalities.
    async fn municipality_code(&self) -> Option<&str> {
        self.0.municipality_code.as_deref()
    }

    /// The organisation this one belongs to (a local police area's police region).
    async fn parent(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        let Some(parent) = self.0.parent_id else { return Ok(None) };
        let loaders = ctx.loaders().gql()?;
        Ok(loaded(loaders.organisation.load_one(parent).await)?.map(Organisation))
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// Follow-up actions assigned to this organisation, in the councils where you see
    /// actions; `overdueOnly` lists those past due and not done.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn actions(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        #[graphql(default)] overdue_only: bool,
    ) -> Res<Connection<String, FollowUpAction>> {
        let filter = actions::ActionFilter { overdue_only };
        listed(ctx, first, after, FollowUpAction, async |db, actor, page| {
            actions::for_organisation(db, actor, self.0.id, page, filter).await
        })
        .await
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

#[Object]
impl OrganisationQuery {
    /// The organisation directory, by name.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn organisations(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        kind: Option<OrganisationKind>,
    ) -> Res<Connection<String, Organisation>> {
        listed(ctx, first, after, Organisation, async |db, actor, page| {
            organisations::list(db, actor, page, kind.map(Into::into)).await
        })
        .await
    }

    /// One organisation.
    async fn organisation(&self, ctx: &Context<'_>, id: ID) -> Res<Organisation> {
        by_id(ctx, "organisation", &id, organisations::get).await.map(Organisation)
    }
}

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganisationInput {
    pub name: String,
    pub kind: OrganisationKind,
    pub parent_id: Option<ID>,
    pub municipality_code: Option<String>,
}

/// Changes to an organisation; omitted fields stay as they are, `null` clears.
#[derive(InputObject)]
pub struct UpdateOrganisationInput {
    pub name: Option<String>,
    pub kind: Option<OrganisationKind>,
    pub parent_id: async_graphql::MaybeUndefined<ID>,
    pub municipality_code: async_graphql::MaybeUndefined<String>,
}

#[Object]
impl OrganisationMutation {
    /// Adds an organisation (platform admin).
    async fn create_organisation(
        &self, ctx: &Context<'_>, input: CreateOrganisationInput,
    ) -> Res<Organisation> {
        let (db, actor) = caller(ctx)?;
        let parent_id =
            input.parent_id.as_ref().map(|id| parse_id("parentId", id)).transpose().gql()?;
        let cmd = NewOrganisation {
            name: input.name,
            kind: input.kind.into(),
            parent_id,
            municipality_code: input.municipality_code,
        };
        organisations::create(db, actor, cmd).await.map(Organisation).gql()
    }

    /// Changes an organisation (platform admin).
    async fn update_organisation(
        &self, ctx: &Context<'_>, id: ID, input: UpdateOrganisationInput,
    ) -> Res<Organisation> {
        let (db, actor) = caller(ctx)?;
        let id = parse_id("id", &id).gql()?;
        let parent_id = match input.parent_id {
            async_graphql::MaybeUndefined::Undefined => None,
            async_graphql::MaybeUndefined::Null => Some(None),
            async_graphql::MaybeUndefined::Value(v) => Some(Some(parse_id("parentId", &v).gql()?)),
        };
        let patch = OrganisationPatch {
            name: input.name,
            kind: input.kind.map(Into::into),
            parent_id,
            municipality_code: input.municipality_code.as_opt_ref().map(|code| code.cloned()),
        };
        organisations::update(db, actor, id, patch).await.map(Organisation).gql()
    }
}
