//! The register of crime-exposed places and their follow-ups.

use super::*;
use crate::graphql::prelude::*;
use async_graphql::{InputObject, Object, SimpleObject, connection::Connection};
use entity::place_follow_up;

use crate::domain::{
    situation::{self, NewPlace, PlaceView},
    time,
};
use crate::graphql::{PlaceMutation, PlaceQuery, organisations::Organisation};

/// A named place with coordinates.
pub struct Place(pub PlaceView);

object! {
    #[Object]
    impl Place(.model()) {
        id: ID,
        name: &str,
        district: Option<&str>,
        municipality_code: Option<&str>,
        /// WGS84.
        latitude: f64,
        /// WGS84.
        longitude: f64,
        owner: Option<Organisation> = owner_organisation_id,
        follow_ups_per_year: Option<i32>,

        async fn follow_ups(&self, ctx: &Context<'_>) -> Res<Vec<PlaceFollowUp>> {
            let rows = load(ctx, |l| &l.follow_ups, self.0.read()).await?;
            Ok(rows.unwrap_or_default().into_iter().map(PlaceFollowUp).collect())
        }

        /// When the next follow-up is due, for places with a requirement.
        async fn next_follow_up_due(&self, ctx: &Context<'_>) -> Res<Option<NaiveDate>> {
            let rows = load(ctx, |l| &l.follow_ups, self.0.read()).await?;
            let last = rows.unwrap_or_default().iter().map(|f| f.followed_up_on).max();
            Ok(situation::next_follow_up_due(self.0.model(), last))
        }

        /// The place across the pictures you may read: its trend over time.
        async fn history(&self, ctx: &Context<'_>) -> Res<Vec<PlaceHistoryEntry>> {
            let (db, actor) = caller(ctx)?;
            let rows = situation::place_history(db, actor, self.0.model().id).await.gql()?;
            Ok(rows
                .into_iter()
                .map(|(entry, picture)| PlaceHistoryEntry {
                    entry: PictureEntry::of(&picture, entry),
                    picture: SituationPicture(picture),
                })
                .collect())
        }
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

object! {
    #[Object]
    impl PlaceFollowUp {
        followed_up_on: NaiveDate,
        note: &str,
    }
}

/// A place whose follow-up is overdue.
#[derive(SimpleObject)]
pub struct OverduePlace {
    pub place: Place,
    pub due_on: NaiveDate,
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

// Reading places.
#[Object]
impl PlaceQuery {
    /// One place; NOT_FOUND unless it is your organisation's or in a picture you may read.
    async fn place(&self, ctx: &Context<'_>, id: ID) -> Res<Place> {
        by_id(ctx, "place", &id, situation::place).await.map(Place)
    }

    /// Places you may see, by name.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn places(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, Place>> {
        listed(ctx, first, after, Place, situation::places).await
    }

    /// Places you may see whose required follow-up is overdue.
    async fn overdue_places(&self, ctx: &Context<'_>) -> Res<Vec<OverduePlace>> {
        let (db, actor) = caller(ctx)?;
        let rows = situation::overdue_places(db, actor, time::today()).await.gql()?;
        Ok(rows.into_iter().map(|(p, due_on)| OverduePlace { place: Place(p), due_on }).collect())
    }
}

// Registering places and their follow-ups.
#[Object]
impl PlaceMutation {
    /// Registers a place for your organisation (WGS84 coordinates).
    async fn create_place(&self, ctx: &Context<'_>, input: CreatePlaceInput) -> Res<Place> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewPlace {
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            name: input.name,
            district: input.district,
            municipality_code: input.municipality_code,
            latitude: input.latitude,
            longitude: input.longitude,
            follow_ups_per_year: input.follow_ups_per_year,
        };
        situation::create_place(db, actor, cmd).await.map(Place).gql()
    }

    /// Records a follow-up of one of your organisation's places.
    async fn record_place_follow_up(
        &self, ctx: &Context<'_>, place_id: ID, followed_up_on: NaiveDate, note: Option<String>,
    ) -> Res<PlaceFollowUp> {
        let (db, actor, place_id) = target(ctx, "place", &place_id)?;
        situation::record_follow_up(
            db,
            actor,
            place_id,
            followed_up_on,
            note.as_deref().unwrap_or_default(),
        )
        .await
        .map(PlaceFollowUp)
        .gql()
    }
}
