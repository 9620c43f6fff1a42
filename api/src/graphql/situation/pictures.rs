//! Situation pictures: reading, writing and publishing.

use super::*;
use crate::graphql::prelude::*;
use crate::graphql::{
    PictureMutation, PictureQuery, councils::Council, organisations::Organisation, users::User,
};
use crate::{
    domain::access::{Checked, PlaceRead},
    domain::{
        councils,
        situation::{self, NewEntry, NewPicture, PictureFilter, PictureView},
    },
    error::AppError,
};
use async_graphql::{InputObject, Object, connection::Connection};
use entity::{picture_access_log, picture_entry};

/// One organisation's picture of an area for a period.
pub struct SituationPicture(pub PictureView);

object! {
    #[Object]
    impl SituationPicture(.model()) {
        id: ID,
        author: Option<Organisation> = author_organisation_id,
        area: &str,
        period_start: NaiveDate,
        period_end: NaiveDate,
        status as PictureStatus,
        classification as Classification,
        summary: &str,
        published_at: Option<DateTime<Utc>>,

        /// The places in this picture.
        async fn entries(&self, ctx: &Context<'_>) -> Res<Vec<PictureEntry>> {
            let rows = load(ctx, |l| &l.picture_entries, self.0.read()).await?;
            Ok(rows
                .unwrap_or_default()
                .into_iter()
                .map(|entry| PictureEntry::of(&self.0, entry))
                .collect())
        }

        /// Named recipient organisations.
        async fn recipients(&self, ctx: &Context<'_>) -> Res<Vec<Organisation>> {
            let loaders = ctx.loaders().gql()?;
            let shares =
                loaded(loaders.picture_shares.load_one(self.0.read()).await)?.unwrap_or_default();
            let orgs = loaded(
                loaders
                    .organisation
                    .load_many(shares.iter().filter_map(|s| s.organisation_id))
                    .await,
            )?;
            Ok(orgs.into_values().map(Organisation).collect())
        }

        /// Councils and networks it is shared with, those you may see.
        async fn shared_with_councils(&self, ctx: &Context<'_>) -> Res<Vec<Council>> {
            let actor = ctx.actor().gql()?;
            let loaders = ctx.loaders().gql()?;
            let shares =
                loaded(loaders.picture_shares.load_one(self.0.read()).await)?.unwrap_or_default();
            let rows = loaded(
                loaders.council.load_many(shares.iter().filter_map(|s| s.council_id)).await,
            )?;
            Ok(rows
                .into_values()
                .filter_map(|m| councils::view_of(actor, m))
                .map(Council)
                .collect())
        }

        /// The places as an RFC 7946 GeoJSON FeatureCollection.
        async fn geojson(&self, ctx: &Context<'_>) -> Res<String> {
            let (db, actor) = caller(ctx)?;
            situation::geojson(db, actor, self.0.model().id).await.gql()
        }

        /// Every read of this picture while restricted (the author organisation only).
        async fn access_log(&self, ctx: &Context<'_>) -> Res<Vec<AccessLogEntry>> {
            let (db, actor) = caller(ctx)?;
            let rows = situation::access_log(db, actor, self.0.model()).await.gql()?;
            Ok(rows.into_iter().map(AccessLogEntry).collect())
        }
    }
}

/// A place in a situation picture.
pub struct PictureEntry {
    pub entry: picture_entry::Model,
    /// The proof that the entry's place may be read (from the picture's).
    pub place: Option<Checked<PlaceRead>>,
}

impl PictureEntry {
    /// An entry of `picture`.
    pub fn of(picture: &PictureView, entry: picture_entry::Model) -> Self {
        Self { place: picture.place_of(&entry), entry }
    }
}

#[Object]
impl PictureEntry {
    async fn place(&self, ctx: &Context<'_>) -> Res<Option<Place>> {
        let Some(proof) = self.place else { return Ok(None) };
        let row = load(ctx, |l| &l.place, proof).await?;
        Ok(row.and_then(|m| situation::place_view(proof, m)).map(Place))
    }

    async fn category(&self) -> Res<PlaceCategory> {
        Ok(self.entry.category.into())
    }

    async fn trend(&self) -> Res<Trend> {
        Ok(self.entry.trend.into())
    }

    /// 1 (very unsafe) to 5 (very safe).
    async fn perceived_safety(&self) -> i32 {
        self.entry.perceived_safety
    }

    async fn suspected_causes(&self) -> &str {
        &self.entry.suspected_causes
    }

    async fn measures(&self) -> &str {
        &self.entry.measures
    }

    async fn responsible_organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        related(ctx, self.entry.responsible_organisation_id).await
    }
}

/// A read of a restricted picture.
pub struct AccessLogEntry(pub picture_access_log::Model);

object! {
    #[Object]
    impl AccessLogEntry {
        at: DateTime<Utc>,
        user: Option<User> = user_id,

        async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
            related(ctx, self.0.organisation_id).await
        }

        /// Which path read it: `picture`, `list`, `place_history`, `regional_view`, `geojson`, `request`…
        what: &str,
    }
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

// Reading situation pictures.
#[Object]
impl PictureQuery {
    /// One situation picture; NOT_FOUND unless you may read it.
    async fn situation_picture(&self, ctx: &Context<'_>, id: ID) -> Res<SituationPicture> {
        let (db, actor, id) = target(ctx, "situation picture", &id)?;
        situation::get(db, actor, id, "picture").await.map(SituationPicture).gql()
    }

    /// The pictures you may read, newest first; `search` looks in area and summary.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn situation_pictures(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        search: Option<String>, council_id: Option<ID>,
    ) -> Res<Connection<String, SituationPicture>> {
        listed(ctx, first, after, SituationPicture, async |db, actor, page| {
            let filter = PictureFilter { search, council_id: opt_id("councilId", &council_id)? };
            situation::list(db, actor, page, &filter).await
        })
        .await
    }

    /// How many pictures you may read (same filters as `situationPictures`).
    async fn situation_picture_count(
        &self, ctx: &Context<'_>, search: Option<String>, council_id: Option<ID>,
    ) -> Res<u64> {
        let (db, actor) = caller(ctx)?;
        let filter = PictureFilter { search, council_id: opt_id("councilId", &council_id).gql()? };
        situation::count(db, actor, &filter).await.gql()
    }
}

// Writing and publishing situation pictures.
#[Object]
impl PictureMutation {
    /// Creates a draft situation picture with its recipients and places.
    async fn create_situation_picture(
        &self, ctx: &Context<'_>, input: CreateSituationPictureInput,
    ) -> Res<SituationPicture> {
        let (db, actor) = caller(ctx)?;
        let ids = |field: &'static str, v: &[ID]| {
            v.iter().map(|i| parse_id(field, i)).collect::<Result<Vec<_>, _>>()
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
        situation::create_picture(db, actor, cmd).await.map(SituationPicture).gql()
    }

    /// Publishes a draft; your previous picture of the same area is superseded.
    async fn publish_situation_picture(&self, ctx: &Context<'_>, id: ID) -> Res<SituationPicture> {
        by_id(ctx, "situation picture", &id, situation::publish).await.map(SituationPicture)
    }
}
