//! Situation pictures, places, the regional view, cadences, requests and good practices.
//! What a reader may see is decided by `domain::situation::readable`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject, connection::Connection};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    good_practice, info_request, picture_access_log, picture_entry, place, place_follow_up,
    situation_picture,
};

use super::{
    ContextExt, connection, councils::Council, loaded, mirror_enum, organisations::Organisation,
    parse_id, users::User,
};
use crate::{
    domain::{
        councils,
        pagination::PageRequest,
        situation::{
            self, CategoryTrends, MissedPeriod, NewEntry, NewPicture, NewPlace, NewPractice,
            PictureFilter, RegionalColumn,
        },
        time, types,
    },
    error::{AppError, GqlResultExt},
};

mirror_enum!(
    /// A situation picture's life.
    PictureStatus => types::PictureStatus { Draft, Published, Superseded }
);
mirror_enum!(
    /// Who may read a picture: every partner of the named councils and networks (OPEN),
    /// their members only (COUNCIL), or only the named organisations (RESTRICTED).
    Classification => types::Classification { Open, Council, Restricted }
);
mirror_enum!(
    /// What is wrong at a place.
    PlaceCategory => types::PlaceCategory { DrugDealing, Violence, Vandalism, GangRelated, PublicDisorder, UnsafeEnvironment, Other }
);
mirror_enum!(
    /// Where a place is heading.
    Trend => types::Trend { Rising, Stable, Falling }
);
mirror_enum!(
    /// A request's state.
    RequestStatus => types::RequestStatus { Open, Answered, Cancelled }
);

fn id(uuid: uuid::Uuid) -> ID {
    ID(uuid.to_string())
}

fn parse<T: Copy, E: Into<T>>(value: async_graphql::Result<E>) -> async_graphql::Result<T> {
    value.map(Into::into)
}

/// One organisation's picture of an area for a period.
pub struct SituationPicture(pub situation_picture::Model);

#[Object]
impl SituationPicture {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn author(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.author_organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    async fn area(&self) -> &str {
        &self.0.area
    }

    async fn period_start(&self) -> NaiveDate {
        self.0.period_start
    }

    async fn period_end(&self) -> NaiveDate {
        self.0.period_end
    }

    async fn status(&self) -> async_graphql::Result<PictureStatus> {
        parse(types::PictureStatus::parse(&self.0.status).gql())
    }

    async fn classification(&self) -> async_graphql::Result<Classification> {
        parse(types::Classification::parse(&self.0.classification).gql())
    }

    async fn summary(&self) -> &str {
        &self.0.summary
    }

    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// The places in this picture.
    async fn entries(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PictureEntry>> {
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .picture_entries
                .load_one(self.0.id)
                .await,
        )?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(PictureEntry)
            .collect())
    }

    /// Named recipient organisations.
    async fn recipients(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organisation>> {
        let loaders = ctx.loaders().gql()?;
        let shares = loaded(loaders.picture_shares.load_one(self.0.id).await)?.unwrap_or_default();
        let orgs = loaded(
            loaders
                .organisation
                .load_many(shares.iter().filter_map(|s| s.organisation_id))
                .await,
        )?;
        Ok(orgs.into_values().map(Organisation).collect())
    }

    /// Councils and networks it is shared with, those you may see.
    async fn shared_with_councils(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Council>> {
        let actor = ctx.actor().gql()?;
        let loaders = ctx.loaders().gql()?;
        let shares = loaded(loaders.picture_shares.load_one(self.0.id).await)?.unwrap_or_default();
        let rows = loaded(
            loaders
                .council
                .load_many(shares.iter().filter_map(|s| s.council_id))
                .await,
        )?;
        Ok(rows
            .into_values()
            .filter_map(|m| councils::view_of(actor, m))
            .map(Council)
            .collect())
    }

    /// The places as an RFC 7946 GeoJSON FeatureCollection.
    async fn geojson(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let actor = ctx.actor().gql()?;
        situation::geojson(ctx.db().gql()?, actor, self.0.id)
            .await
            .gql()
    }

    /// Every read of this picture while restricted (the author organisation only).
    async fn access_log(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AccessLogEntry>> {
        let actor = ctx.actor().gql()?;
        let rows = situation::access_log(ctx.db().gql()?, actor, &self.0)
            .await
            .gql()?;
        Ok(rows.into_iter().map(AccessLogEntry).collect())
    }
}

/// A place in a situation picture.
pub struct PictureEntry(pub picture_entry::Model);

#[Object]
impl PictureEntry {
    async fn place(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Place>> {
        Ok(loaded(ctx.loaders().gql()?.place.load_one(self.0.place_id).await)?.map(Place))
    }

    async fn category(&self) -> async_graphql::Result<PlaceCategory> {
        parse(types::PlaceCategory::parse(&self.0.category).gql())
    }

    async fn trend(&self) -> async_graphql::Result<Trend> {
        parse(types::Trend::parse(&self.0.trend).gql())
    }

    /// 1 (very unsafe) to 5 (very safe).
    async fn perceived_safety(&self) -> i32 {
        self.0.perceived_safety
    }

    async fn suspected_causes(&self) -> &str {
        &self.0.suspected_causes
    }

    async fn measures(&self) -> &str {
        &self.0.measures
    }

    async fn responsible_organisation(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organisation>> {
        let Some(org) = self.0.responsible_organisation_id else {
            return Ok(None);
        };
        Ok(loaded(ctx.loaders().gql()?.organisation.load_one(org).await)?.map(Organisation))
    }
}

/// A named place with coordinates.
pub struct Place(pub place::Model);

#[Object]
impl Place {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn district(&self) -> Option<&str> {
        self.0.district.as_deref()
    }

    async fn municipality_code(&self) -> Option<&str> {
        self.0.municipality_code.as_deref()
    }

    /// WGS84.
    async fn latitude(&self) -> f64 {
        self.0.latitude
    }

    /// WGS84.
    async fn longitude(&self) -> f64 {
        self.0.longitude
    }

    async fn owner(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.owner_organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    async fn follow_ups_per_year(&self) -> Option<i32> {
        self.0.follow_ups_per_year
    }

    async fn follow_ups(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PlaceFollowUp>> {
        let rows = loaded(ctx.loaders().gql()?.follow_ups.load_one(self.0.id).await)?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(PlaceFollowUp)
            .collect())
    }

    /// When the next follow-up is due, for places with a requirement.
    async fn next_follow_up_due(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<NaiveDate>> {
        let rows = loaded(ctx.loaders().gql()?.follow_ups.load_one(self.0.id).await)?;
        let last = rows
            .unwrap_or_default()
            .iter()
            .map(|f| f.followed_up_on)
            .max();
        Ok(situation::next_follow_up_due(&self.0, last))
    }

    /// The place across the pictures you may read: its trend over time.
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PlaceHistoryEntry>> {
        let actor = ctx.actor().gql()?;
        let rows = situation::place_history(ctx.db().gql()?, actor, self.0.id)
            .await
            .gql()?;
        Ok(rows
            .into_iter()
            .map(|(entry, picture)| PlaceHistoryEntry {
                picture: SituationPicture(picture),
                entry: PictureEntry(entry),
            })
            .collect())
    }
}

/// The place in one picture.
#[derive(SimpleObject)]
pub struct PlaceHistoryEntry {
    pub picture: SituationPicture,
    pub entry: PictureEntry,
}

/// A recorded follow-up of a place.
pub struct PlaceFollowUp(pub place_follow_up::Model);

#[Object]
impl PlaceFollowUp {
    async fn followed_up_on(&self) -> NaiveDate {
        self.0.followed_up_on
    }

    async fn note(&self) -> &str {
        &self.0.note
    }
}

/// A place whose follow-up is overdue.
#[derive(SimpleObject)]
pub struct OverduePlace {
    pub place: Place,
    pub due_on: NaiveDate,
}

/// A read of a restricted picture.
pub struct AccessLogEntry(pub picture_access_log::Model);

#[Object]
impl AccessLogEntry {
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    async fn user(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        Ok(loaded(ctx.loaders().gql()?.user.load_one(self.0.user_id).await)?.map(User))
    }

    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        let Some(org) = self.0.organisation_id else {
            return Ok(None);
        };
        Ok(loaded(ctx.loaders().gql()?.organisation.load_one(org).await)?.map(Organisation))
    }

    /// Which path read it: `picture`, `list`, `place_history`, `regional_view`, `geojson`, `request`…
    async fn what(&self) -> &str {
        &self.0.what
    }
}

/// A category's places by trend.
pub struct CategoryTrend(pub CategoryTrends);

#[Object]
impl CategoryTrend {
    async fn category(&self) -> async_graphql::Result<PlaceCategory> {
        parse(types::PlaceCategory::parse(&self.0.category).gql())
    }

    async fn rising(&self) -> u32 {
        self.0.rising
    }

    async fn stable(&self) -> u32 {
        self.0.stable
    }

    async fn falling(&self) -> u32 {
        self.0.falling
    }
}

/// One member of a regional network, side by side with the others.
pub struct RegionalMember(pub RegionalColumn);

#[Object]
impl RegionalMember {
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    /// The member's latest published picture shared with the network (open, or council
    /// with the network named): what every partner sees in this column. Its
    /// `classification` says which.
    async fn picture(&self) -> Option<SituationPicture> {
        self.0.picture.clone().map(SituationPicture)
    }

    /// A newer picture of the member that you may read but the network is not shown
    /// (for instance restricted to your organisation). Show it apart from the shared
    /// view, marked as yours alone; never on a shared screen.
    async fn also_for_you(&self) -> Option<SituationPicture> {
        self.0.also_for_you.clone().map(SituationPicture)
    }

    /// Categories and trends of the shared picture.
    async fn categories(&self) -> Vec<CategoryTrend> {
        self.0
            .categories
            .iter()
            .cloned()
            .map(CategoryTrend)
            .collect()
    }
}

/// A period without a joint picture.
#[derive(SimpleObject)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl From<MissedPeriod> for Period {
    fn from(p: MissedPeriod) -> Self {
        Self {
            start: p.start,
            end: p.end,
        }
    }
}

/// A partnership's agreed cadence of joint pictures.
#[derive(SimpleObject)]
pub struct PictureCadence {
    pub interval_days: i32,
    pub starts_on: NaiveDate,
    pub missed_periods: Vec<Period>,
}

/// A request for a picture or information.
pub struct InfoRequest(pub info_request::Model);

#[Object]
impl InfoRequest {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn from(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.from_organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    async fn to(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.to_organisation_id)
                .await,
        )?
        .map(Organisation))
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

    async fn status(&self) -> async_graphql::Result<RequestStatus> {
        parse(types::RequestStatus::parse(&self.0.status).gql())
    }

    async fn overdue(&self) -> bool {
        self.0.status == types::RequestStatus::Open.as_str() && self.0.due_on < time::today()
    }

    async fn answer_text(&self) -> Option<&str> {
        self.0.answer_text.as_deref()
    }

    /// The picture given as answer, when you may read it.
    async fn answer_picture(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<SituationPicture>> {
        let actor = ctx.actor().gql()?;
        Ok(situation::request_picture(ctx.db().gql()?, actor, &self.0)
            .await
            .gql()?
            .map(SituationPicture))
    }

    async fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.0.answered_at
    }
}

/// What a partner did, what came of it, whom to ask.
pub struct GoodPractice(pub good_practice::Model);

#[Object]
impl GoodPractice {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn problem(&self) -> &str {
        &self.0.problem
    }

    async fn what_was_done(&self) -> &str {
        &self.0.what_was_done
    }

    async fn result(&self) -> &str {
        &self.0.result
    }

    async fn contact(&self) -> &str {
        &self.0.contact
    }

    async fn tags(&self) -> Vec<String> {
        serde_json::from_str(&self.0.tags).unwrap_or_default()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

fn opt_id(field: &'static str, value: &Option<ID>) -> Result<Option<uuid::Uuid>, AppError> {
    value.as_ref().map(|v| parse_id(field, v)).transpose()
}

#[derive(Default)]
pub struct SituationQuery;

#[Object]
impl SituationQuery {
    /// One situation picture; NOT_FOUND unless you may read it.
    async fn situation_picture(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<SituationPicture> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("situation picture"))
            .gql()?;
        situation::get(ctx.db().gql()?, actor, id, "picture")
            .await
            .map(SituationPicture)
            .gql()
    }

    /// The pictures you may read, newest first; `search` looks in area and summary.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity + 1")]
    async fn situation_pictures(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        search: Option<String>,
        council_id: Option<ID>,
    ) -> async_graphql::Result<Connection<String, SituationPicture>> {
        let actor = ctx.actor().gql()?;
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let filter = PictureFilter {
            search,
            council_id: opt_id("councilId", &council_id).gql()?,
        };
        let result = situation::list(ctx.db().gql()?, actor, &page, &filter)
            .await
            .gql()?;
        Ok(connection(result, SituationPicture))
    }

    /// How many pictures you may read (same filters as `situationPictures`).
    async fn situation_picture_count(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        council_id: Option<ID>,
    ) -> async_graphql::Result<u64> {
        let actor = ctx.actor().gql()?;
        let filter = PictureFilter {
            search,
            council_id: opt_id("councilId", &council_id).gql()?,
        };
        situation::count(ctx.db().gql()?, actor, &filter)
            .await
            .gql()
    }

    /// One place; NOT_FOUND unless it is your organisation's or in a picture you may read.
    async fn place(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Place> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("place"))
            .gql()?;
        situation::place(ctx.db().gql()?, actor, id)
            .await
            .map(Place)
            .gql()
    }

    /// Places you may see, by name.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity + 1")]
    async fn places(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Place>> {
        let actor = ctx.actor().gql()?;
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let result = situation::places(ctx.db().gql()?, actor, &page)
            .await
            .gql()?;
        Ok(connection(result, Place))
    }

    /// Places you may see whose required follow-up is overdue.
    async fn overdue_places(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<OverduePlace>> {
        let actor = ctx.actor().gql()?;
        let rows = situation::overdue_places(ctx.db().gql()?, actor, time::today())
            .await
            .gql()?;
        Ok(rows
            .into_iter()
            .map(|(p, due_on)| OverduePlace {
                place: Place(p),
                due_on,
            })
            .collect())
    }

    /// A regional network's members side by side, as on the shared screen of a network
    /// meeting: each one's latest picture shared with the network, by category and
    /// trend, the same for every partner; newer pictures only you may read come apart.
    async fn regional_view(
        &self,
        ctx: &Context<'_>,
        council_id: ID,
    ) -> async_graphql::Result<Vec<RegionalMember>> {
        let actor = ctx.actor().gql()?;
        let council_id = parse_id("councilId", &council_id)
            .map_err(|_| AppError::NotFound("council"))
            .gql()?;
        let columns = situation::regional_view(ctx.db().gql()?, actor, council_id)
            .await
            .gql()?;
        Ok(columns.into_iter().map(RegionalMember).collect())
    }

    /// A partnership's cadence and the periods missed so far.
    async fn picture_cadence(
        &self,
        ctx: &Context<'_>,
        council_id: ID,
    ) -> async_graphql::Result<Option<PictureCadence>> {
        let actor = ctx.actor().gql()?;
        let council_id = parse_id("councilId", &council_id)
            .map_err(|_| AppError::NotFound("council"))
            .gql()?;
        let found = situation::cadence(ctx.db().gql()?, actor, council_id)
            .await
            .gql()?;
        Ok(found.map(|(c, missed)| PictureCadence {
            interval_days: c.interval_days,
            starts_on: c.starts_on,
            missed_periods: missed.into_iter().map(Into::into).collect(),
        }))
    }

    /// Requests to and from your organisations, by due date.
    async fn info_requests(
        &self,
        ctx: &Context<'_>,
        status: Option<RequestStatus>,
    ) -> async_graphql::Result<Vec<InfoRequest>> {
        let actor = ctx.actor().gql()?;
        let rows = situation::requests(ctx.db().gql()?, actor, status.map(Into::into))
            .await
            .gql()?;
        Ok(rows.into_iter().map(InfoRequest).collect())
    }

    /// Good practices shared in your councils and networks, newest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity + 1")]
    async fn good_practices(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        tag: Option<String>,
        search: Option<String>,
    ) -> async_graphql::Result<Connection<String, GoodPractice>> {
        let actor = ctx.actor().gql()?;
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let result = situation::practices(
            ctx.db().gql()?,
            actor,
            &page,
            tag.as_deref(),
            search.as_deref(),
        )
        .await
        .gql()?;
        Ok(connection(result, GoodPractice))
    }
}

/// A new place.
#[derive(InputObject)]
pub struct CreatePlaceInput {
    pub organisation_id: Option<ID>,
    pub name: String,
    pub district: Option<String>,
    pub municipality_code: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub follow_ups_per_year: Option<i32>,
}

/// One place in a new picture.
#[derive(InputObject)]
pub struct PictureEntryInput {
    pub place_id: ID,
    pub category: PlaceCategory,
    pub trend: Trend,
    pub perceived_safety: i32,
    pub suspected_causes: Option<String>,
    pub measures: Option<String>,
    pub responsible_organisation_id: Option<ID>,
}

/// A new situation picture (a draft until published).
#[derive(InputObject)]
pub struct CreateSituationPictureInput {
    /// Needed only if you act for more than one organisation.
    pub organisation_id: Option<ID>,
    pub area: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub classification: Classification,
    pub summary: String,
    /// Councils and networks (OPEN, COUNCIL).
    #[graphql(default)]
    pub council_ids: Vec<ID>,
    /// Named organisations (RESTRICTED; or extra partners for OPEN).
    #[graphql(default)]
    pub organisation_ids: Vec<ID>,
    /// The partnership whose cadence this joint picture counts towards.
    pub partnership_council_id: Option<ID>,
    #[graphql(default)]
    pub entries: Vec<PictureEntryInput>,
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

#[derive(Default)]
pub struct SituationMutation;

#[Object]
impl SituationMutation {
    /// Registers a place for your organisation (WGS84 coordinates).
    async fn create_place(
        &self,
        ctx: &Context<'_>,
        input: CreatePlaceInput,
    ) -> async_graphql::Result<Place> {
        let actor = ctx.actor().gql()?;
        let cmd = NewPlace {
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            name: input.name,
            district: input.district,
            municipality_code: input.municipality_code,
            latitude: input.latitude,
            longitude: input.longitude,
            follow_ups_per_year: input.follow_ups_per_year,
        };
        situation::create_place(ctx.db().gql()?, actor, cmd)
            .await
            .map(Place)
            .gql()
    }

    /// Records a follow-up of one of your organisation's places.
    async fn record_place_follow_up(
        &self,
        ctx: &Context<'_>,
        place_id: ID,
        followed_up_on: NaiveDate,
        note: Option<String>,
    ) -> async_graphql::Result<PlaceFollowUp> {
        let actor = ctx.actor().gql()?;
        let place_id = parse_id("placeId", &place_id)
            .map_err(|_| AppError::NotFound("place"))
            .gql()?;
        situation::record_follow_up(
            ctx.db().gql()?,
            actor,
            place_id,
            followed_up_on,
            note.as_deref().unwrap_or_default(),
        )
        .await
        .map(PlaceFollowUp)
        .gql()
    }

    /// Creates a draft situation picture with its recipients and places.
    async fn create_situation_picture(
        &self,
        ctx: &Context<'_>,
        input: CreateSituationPictureInput,
    ) -> async_graphql::Result<SituationPicture> {
        let actor = ctx.actor().gql()?;
        let ids = |field: &'static str, v: &[ID]| {
            v.iter()
                .map(|i| parse_id(field, i))
                .collect::<Result<Vec<_>, _>>()
        };
        let entries = input
            .entries
            .iter()
            .map(|e| {
                Ok(NewEntry {
                    place_id: parse_id("entries", &e.place_id)?,
                    category: e.category.into(),
                    trend: e.trend.into(),
                    perceived_safety: e.perceived_safety,
                    suspected_causes: e.suspected_causes.clone(),
                    measures: e.measures.clone(),
                    responsible_organisation_id: opt_id("entries", &e.responsible_organisation_id)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
            .gql()?;
        let cmd = NewPicture {
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            area: input.area,
            period_start: input.period_start,
            period_end: input.period_end,
            classification: input.classification.into(),
            summary: input.summary,
            council_ids: ids("councilIds", &input.council_ids).gql()?,
            organisation_ids: ids("organisationIds", &input.organisation_ids).gql()?,
            partnership_council_id: opt_id("partnershipCouncilId", &input.partnership_council_id)
                .gql()?,
            entries,
        };
        situation::create_picture(ctx.db().gql()?, actor, cmd)
            .await
            .map(SituationPicture)
            .gql()
    }

    /// Publishes a draft; your previous picture of the same area is superseded.
    async fn publish_situation_picture(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<SituationPicture> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("situation picture"))
            .gql()?;
        situation::publish(ctx.db().gql()?, actor, id)
            .await
            .map(SituationPicture)
            .gql()
    }

    /// Sets a partnership's cadence of joint pictures (its secretariat).
    async fn set_picture_cadence(
        &self,
        ctx: &Context<'_>,
        council_id: ID,
        interval_days: i32,
        starts_on: NaiveDate,
    ) -> async_graphql::Result<bool> {
        let actor = ctx.actor().gql()?;
        let council_id = parse_id("councilId", &council_id)
            .map_err(|_| AppError::NotFound("council"))
            .gql()?;
        situation::set_cadence(ctx.db().gql()?, actor, council_id, interval_days, starts_on)
            .await
            .gql()?;
        Ok(true)
    }

    /// Asks another organisation for a picture or information.
    async fn create_info_request(
        &self,
        ctx: &Context<'_>,
        from_organisation_id: Option<ID>,
        to_organisation_id: ID,
        topic: String,
        details: Option<String>,
        due_on: NaiveDate,
    ) -> async_graphql::Result<InfoRequest> {
        let actor = ctx.actor().gql()?;
        let to = parse_id("toOrganisationId", &to_organisation_id).gql()?;
        let from = opt_id("fromOrganisationId", &from_organisation_id).gql()?;
        situation::create_request(
            ctx.db().gql()?,
            actor,
            from,
            to,
            &topic,
            details.as_deref(),
            due_on,
        )
        .await
        .map(InfoRequest)
        .gql()
    }

    /// Answers a request to your organisation with a picture and/or a text.
    async fn answer_info_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        picture_id: Option<ID>,
        text: Option<String>,
    ) -> async_graphql::Result<InfoRequest> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("request"))
            .gql()?;
        let picture = opt_id("pictureId", &picture_id).gql()?;
        situation::answer_request(ctx.db().gql()?, actor, id, picture, text.as_deref())
            .await
            .map(InfoRequest)
            .gql()
    }

    /// Shares a good practice with a council or network your organisation is part of.
    async fn share_good_practice(
        &self,
        ctx: &Context<'_>,
        input: ShareGoodPracticeInput,
    ) -> async_graphql::Result<GoodPractice> {
        let actor = ctx.actor().gql()?;
        let cmd = NewPractice {
            council_id: parse_id("councilId", &input.council_id)
                .map_err(|_| AppError::NotFound("council"))
                .gql()?,
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            title: input.title,
            problem: input.problem,
            what_was_done: input.what_was_done,
            result: input.result,
            contact: input.contact,
            tags: input.tags,
        };
        situation::share_practice(ctx.db().gql()?, actor, cmd)
            .await
            .map(GoodPractice)
            .gql()
    }
}
