//! The GraphQL schema: one module per area, thin resolvers, DataLoaders for related data.
//!
//! Rule: a resolver takes state and actor from the context, converts input, calls one
//! service function and maps the result. Access is decided in `domain`, never here.

#[macro_use]
mod object;
mod actions;
mod attachments;
mod auth;
mod calendar;
mod councils;
mod good_practices;
pub mod guard;
mod inputs;
mod live;
mod loaders;
mod meetings;
mod minutes;
mod notifications;
mod organisations;
mod prelude;
mod promises;
mod situation;
mod users;

use async_graphql::{
    Context, ErrorExtensions, ID, MergedObject, Schema, SchemaBuilder,
    connection::{Connection, Edge},
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

pub use live::LiveToken;
pub use loaders::Loaders;

use crate::{
    auth::Actor,
    domain::{
        pagination::{DEFAULT_PAGE, MAX_PAGE, Page, PageRequest},
        sessions::AuthKit,
    },
    error::{AppError, AppResult, GqlResultExt},
};

/// Deepest query accepted.
pub const MAX_DEPTH: usize = 12;
/// Highest complexity accepted; list fields cost their `first` times their children.
pub const MAX_COMPLEXITY: usize = 2_000;

/// Declares the unit types that the area modules hang their `#[Object]` fields on and
/// merges them into the roots: one list, in the order the SDL shows them.
macro_rules! roots {
    ($(#[$qdoc:meta])* $query:ident($($q:ident),* $(,)?)
     $(#[$mdoc:meta])* $mutation:ident($($m:ident),* $(,)?)) => {
        $(#[derive(Default)] pub struct $q;)*
        $(#[derive(Default)] pub struct $m;)*
        $(#[$qdoc])* #[derive(MergedObject, Default)] pub struct $query($($q),*);
        $(#[$mdoc])* #[derive(MergedObject, Default)] pub struct $mutation($($m),*);
    };
}

roots! {
    /// All queries.
    QueryRoot(
        UserQuery, OrganisationQuery, CouncilQuery, MeetingQuery, CalendarQuery, InputQuery,
        NotificationQuery, InvitationQuery, PictureQuery, PlaceQuery, RegionalQuery,
        CadenceQuery, RequestQuery, PracticeQuery, AreaQuery, PromiseQuery,
    )
    /// All mutations.
    MutationRoot(
        AuthMutation, UserMutation, OrganisationMutation, CouncilMutation, ThemeMutation,
        LifecycleMutation, YearPlanMutation, AgendaMutation, AttendanceMutation,
        MinutesMutation, ActionMutation, CalendarMutation, InputMutation, InvitationMutation,
        AttachmentMutation, FigureMutation, NotificationMutation, PlaceMutation,
        PictureMutation, CadenceMutation, RequestMutation, PracticeMutation, AreaMutation,
        PromiseMutation,
    )
}

/// The executable schema.
pub type AppSchema = Schema<QueryRoot, MutationRoot, live::LiveSubscription>;

/// The schema with its limits, before per-server data is attached.
pub fn schema_builder() -> SchemaBuilder<QueryRoot, MutationRoot, live::LiveSubscription> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), live::LiveSubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(32)
}

/// The schema as SDL, as committed in `api/schema.graphql`.
pub fn sdl() -> String {
    schema_builder().finish().sdl()
}

/// Who is calling, as established from the `Authorization` header.
#[derive(Debug, Clone)]
pub enum RequestAuth {
    /// No credentials were sent.
    Anonymous,
    /// A valid access token for a live session.
    Authenticated(Box<Actor>),
    /// Credentials were sent but are not valid.
    Rejected,
}

/// The caller's network address, for login throttling.
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

/// Per-server data in the schema context.
#[derive(Debug, Clone)]
pub struct ServerData {
    pub db: DatabaseConnection,
    pub auth: std::sync::Arc<AuthKit>,
    /// Changes heard by this instance, for subscriptions.
    pub live: std::sync::Arc<crate::live::LiveBus>,
}

fn internal(what: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what} missing from the GraphQL context"))
}

/// Typed access to the context, returning service errors.
pub(crate) trait ContextExt {
    fn server(&self) -> AppResult<&ServerData>;
    fn db(&self) -> AppResult<&DatabaseConnection> {
        self.server().map(|s| &s.db)
    }
    fn actor(&self) -> AppResult<&Actor>;
    fn loaders(&self) -> AppResult<&Loaders>;
}

impl ContextExt for Context<'_> {
    fn server(&self) -> AppResult<&ServerData> {
        self.data::<ServerData>().map_err(|_| internal("server data"))
    }

    fn actor(&self) -> AppResult<&Actor> {
        match self.data::<RequestAuth>() {
            Ok(RequestAuth::Authenticated(actor)) => Ok(actor),
            _ => Err(AppError::Unauthenticated),
        }
    }

    fn loaders(&self) -> AppResult<&Loaders> {
        self.data::<Loaders>().map_err(|_| internal("loaders"))
    }
}

/// The database and the signed-in caller, the first two arguments of every service call;
/// UNAUTHENTICATED without a live session.
pub(crate) fn caller<'a>(ctx: &'a Context<'_>) -> Res<(&'a DatabaseConnection, &'a Actor)> {
    let actor = ctx.actor().gql()?;
    Ok((ctx.db().gql()?, actor))
}

/// [`caller`] and the object an `id` argument names; a malformed id is NOT_FOUND, as a
/// random one is.
pub(crate) fn target<'a>(
    ctx: &'a Context<'_>, what: &'static str, id: &ID,
) -> Res<(&'a DatabaseConnection, &'a Actor, Uuid)> {
    let (db, actor) = caller(ctx)?;
    Ok((db, actor, target_id(what, id)?))
}

/// One object read by id through the service function `read`, which decides access.
pub(crate) async fn by_id<'a, T, F>(
    ctx: &'a Context<'_>, what: &'static str, id: &ID,
    read: impl FnOnce(&'a DatabaseConnection, &'a Actor, Uuid) -> F,
) -> Res<T>
where
    F: Future<Output = AppResult<T>>,
{
    let (db, actor, id) = target(ctx, what, id)?;
    read(db, actor, id).await.gql()
}

/// [`caller`] and the page that `first` and `after` ask for.
pub(crate) fn paging<'a>(
    ctx: &'a Context<'_>, first: Option<i32>, after: Option<&str>,
) -> Res<(&'a DatabaseConnection, &'a Actor, PageRequest)> {
    let (db, actor) = caller(ctx)?;
    Ok((db, actor, page(first, after)?))
}

/// A connection field: the page that `first` and `after` ask for, shown as `node`, read by
/// `list` for the caller (the service decides what they may see).
pub(crate) async fn listed<T, O: async_graphql::OutputType>(
    ctx: &Context<'_>, first: Option<i32>, after: Option<String>, node: impl Fn(T) -> O,
    list: impl AsyncFnOnce(&DatabaseConnection, &Actor, &PageRequest) -> AppResult<Page<T>>,
) -> Res<Connection<String, O>> {
    let (db, actor, page) = paging(ctx, first, after.as_deref())?;
    Ok(connection(list(db, actor, &page).await.gql()?, node))
}

/// Parses an `ID` argument as a UUID; anything else is BAD_USER_INPUT on `field`.
pub(crate) fn parse_id(field: &'static str, id: &ID) -> AppResult<Uuid> {
    Uuid::parse_str(id.as_str()).map_err(|_| AppError::bad_input(field, "not a valid id"))
}

/// Turns a service page into a GraphQL connection.
pub(crate) fn connection<T, O>(page: Page<T>, map: impl Fn(T) -> O) -> Connection<String, O>
where
    O: async_graphql::OutputType,
{
    let mut conn = Connection::new(page.has_previous_page, page.has_next_page);
    conn.edges
        .extend(page.items.into_iter().map(|(cursor, item)| Edge::new(cursor.encode(), map(item))));
    conn
}

/// Maps a DataLoader result to a GraphQL result with the error's code.
pub(crate) fn loaded<T>(result: Result<T, std::sync::Arc<AppError>>) -> async_graphql::Result<T> {
    result.map_err(|e| e.as_ref().extend())
}

/// An `ID` argument naming the object to act on: anything that is not an id answers
/// NOT_FOUND, as an id that no one may see does.
pub(crate) fn target_id(what: &'static str, id: &ID) -> async_graphql::Result<Uuid> {
    Uuid::parse_str(id.as_str()).map_err(|_| AppError::NotFound(what)).gql()
}

/// The value of `key` in one of the request's loaders (`|l| &l.organisation`), batched
/// with what other fields ask for, with the error's code.
pub(crate) async fn load<K, L>(
    ctx: &Context<'_>, pick: fn(&Loaders) -> &loaders::Flight<K, L>, key: K,
) -> async_graphql::Result<Option<L::Value>>
where
    K: loaders::Key,
    L: async_graphql::dataloader::Loader<K, Error = std::sync::Arc<AppError>>,
    L::Value: Clone,
{
    loaded(pick(ctx.loaders().gql()?).load_one(key).await)
}

/// The complexity of a connection field: its page size (as `PageRequest` reads `first`)
/// times what each node costs, plus one.
pub(crate) fn connection_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let page = first.map_or(DEFAULT_PAGE, |n| u64::try_from(n).unwrap_or(1).clamp(1, MAX_PAGE));
    usize::try_from(page).unwrap_or(usize::MAX) * child_complexity + 1
}

/// The page a connection field asks for, or BAD_USER_INPUT.
pub(crate) fn page(first: Option<i32>, after: Option<&str>) -> Res<PageRequest> {
    PageRequest::parse(first, after).gql()
}

/// An object that others point at by id, read through the request's loaders: councils and
/// meetings come back only where the caller may see them (`None` otherwise); users and
/// organisations are directory entries whose private fields check access themselves.
pub(crate) trait Related: Sized {
    async fn of(ctx: &Context<'_>, id: Uuid) -> Res<Option<Self>>;
}

/// [`Related::of`] for a reference that may be absent.
pub(crate) async fn related<T: Related>(ctx: &Context<'_>, id: Option<Uuid>) -> Res<Option<T>> {
    match id {
        Some(id) => T::of(ctx, id).await,
        None => Ok(None),
    }
}

/// [`Related::of`] for a reference that a foreign key guarantees; NOT_FOUND otherwise.
pub(crate) async fn required<T: Related>(
    ctx: &Context<'_>, id: Uuid, what: &'static str,
) -> Res<T> {
    T::of(ctx, id).await?.ok_or(AppError::NotFound(what)).gql()
}

/// What a resolver answers: a value, or errors carrying `extensions.code`.
pub(crate) type Res<T> = async_graphql::Result<T>;

/// A UUID as a GraphQL `ID`.
pub(crate) fn id(uuid: Uuid) -> ID {
    ID(uuid.to_string())
}

/// An optional `ID` argument as a UUID; anything else is BAD_USER_INPUT on `field`.
pub(crate) fn opt_id(field: &'static str, value: &Option<ID>) -> AppResult<Option<Uuid>> {
    value.as_ref().map(|v| parse_id(field, v)).transpose()
}

/// A nullable input field: `None` when omitted, `Some(None)` when set to null.
pub(crate) fn maybe<T: Clone>(value: &async_graphql::MaybeUndefined<T>) -> Option<Option<T>> {
    value.as_opt_ref().map(|v| v.cloned())
}
