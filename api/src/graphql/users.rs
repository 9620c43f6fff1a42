//! Users and affiliations: `me`, the admin's user list, and the `User` type.

use super::{UserMutation, UserQuery, councils::Seat, organisations::Organisation};
use crate::domain::{
    councils,
    users::{self, NewUser, UserPatch, UserView},
};
use crate::graphql::prelude::*;
use async_graphql::{InputObject, Object, connection::Connection};
use entity::{affiliation, app_user};

/// Interface language.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::Locale")]
pub enum Locale {
    Sv,
    En,
}

/// A person who signs in to Samråd.
pub struct User(pub UserView);

impl super::Related for User {
    async fn of(ctx: &Context<'_>, id: Uuid) -> Res<Option<Self>> {
        Ok(load(ctx, |l| &l.user, id).await?.map(User::from))
    }
}

impl From<app_user::Model> for User {
    fn from(model: app_user::Model) -> Self {
        Self(model.into())
    }
}

object! {
    #[Object]
    impl User {
        id(): ID,
        display_name(): &str,

        /// Shown to the user themself and to platform admins; `null` for everyone else.
        async fn email(&self, ctx: &Context<'_>) -> Res<Option<&str>> {
            let actor = ctx.actor().gql()?;
            Ok(self.0.email(actor))
        }

        locale() as Locale,
        is_platform_admin(): bool,
        disabled(): bool,

        /// Organisations the user acts for. Shown to the user and admins; `null` otherwise.
        async fn affiliations(&self, ctx: &Context<'_>) -> Res<Option<Vec<Affiliation>>> {
            let actor = ctx.actor().gql()?;
            let Some(private) = self.0.private_to(actor) else { return Ok(None) };
            let rows = load(ctx, |l| &l.affiliations, private).await?;
            Ok(Some(rows.unwrap_or_default().into_iter().map(Affiliation).collect()))
        }

        /// The user's seats in councils, open and ended. Shown to the user; `null` otherwise.
        async fn seats(&self, ctx: &Context<'_>) -> Res<Option<Vec<Seat>>> {
            let (db, actor) = caller(ctx)?;
            let rows = councils::seats_of_user(db, actor, self.0.id()).await.gql()?;
            Ok(rows.map(|rows| rows.into_iter().map(Seat).collect()))
        }

        created_at(): DateTime<Utc>,
    }
}

/// A user acting for an organisation.
pub struct Affiliation(pub affiliation::Model);

object! {
    #[Object]
    impl Affiliation {
        id: ID,

        async fn organisation(&self, ctx: &Context<'_>) -> Res<Organisation> {
            required(ctx, self.0.organisation_id, "organisation").await
        }

        /// The user's title in the organisation, e.g. "Trygghetssamordnare".
        title: Option<&str>,
    }
}

#[Object]
impl UserQuery {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> Res<User> {
        let (db, actor) = caller(ctx)?;
        users::me(db, actor).await.map(User::from).gql()
    }

    /// All users, by name (platform admin).
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn users(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, User>> {
        listed(ctx, first, after, User::from, users::list).await
    }

    /// One user: yourself, or anyone for a platform admin.
    async fn user(&self, ctx: &Context<'_>, id: ID) -> Res<User> {
        by_id(ctx, "user", &id, users::get).await.map(User::from)
    }
}

/// A new user.
#[derive(InputObject)]
pub struct CreateUserInput {
    pub email: String,
    pub display_name: String,
    /// At least 12 characters.
    pub password: String,
    #[graphql(default_with = "Locale::Sv")]
    pub locale: Locale,
    #[graphql(default)]
    pub is_platform_admin: bool,
}

/// Changes to a user; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateUserInput {
    pub display_name: Option<String>,
    pub locale: Option<Locale>,
    /// Platform admin only; disabling ends the user's sessions at once.
    pub disabled: Option<bool>,
    /// Platform admin only.
    pub is_platform_admin: Option<bool>,
}

#[Object]
impl UserMutation {
    /// Creates a user (platform admin).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Res<User> {
        let actor = ctx.actor().gql()?;
        let server = ctx.server().gql()?;
        let cmd = NewUser {
            email: input.email,
            display_name: input.display_name,
            password: input.password,
            locale: input.locale.into(),
            is_platform_admin: input.is_platform_admin,
        };
        users::create(&server.db, &server.auth.hasher, actor, cmd).await.map(User::from).gql()
    }

    /// Changes a user: your own name and language, or anything as platform admin.
    async fn update_user(&self, ctx: &Context<'_>, id: ID, input: UpdateUserInput) -> Res<User> {
        let (db, actor) = caller(ctx)?;
        let id = parse_id("id", &id).gql()?;
        let patch = UserPatch {
            display_name: input.display_name,
            locale: input.locale.map(Into::into),
            disabled: input.disabled,
            is_platform_admin: input.is_platform_admin,
        };
        users::update(db, actor, id, patch).await.map(User::from).gql()
    }

    /// Lets a user act for an organisation (platform admin).
    async fn add_affiliation(
        &self, ctx: &Context<'_>, user_id: ID, organisation_id: ID, title: Option<String>,
    ) -> Res<Affiliation> {
        let (db, actor) = caller(ctx)?;
        let user_id = parse_id("userId", &user_id).gql()?;
        let organisation_id = parse_id("organisationId", &organisation_id).gql()?;
        users::add_affiliation(db, actor, user_id, organisation_id, title.as_deref())
            .await
            .map(Affiliation)
            .gql()
    }

    /// Removes an affiliation (platform admin); returns its id.
    async fn remove_affiliation(&self, ctx: &Context<'_>, id: ID) -> Res<ID> {
        let (db, actor) = caller(ctx)?;
        let id = parse_id("id", &id).gql()?;
        users::remove_affiliation(db, actor, id).await.map(|id| ID(id.to_string())).gql()
    }
}
