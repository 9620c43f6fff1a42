//! The register of crime-exposed places and their follow-ups.

use super::*;
use crate::domain::batch;
use crate::domain::prelude::*;
use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use entity::{membership, place_follow_up};
use sea_orm::sea_query::Query;

use crate::domain::{
    time,
    types::{Coordinates, MunicipalityCode, PictureStatus, parse_name, parse_optional_text},
};

/// A new place in the register.
#[derive(Debug, Clone)]
pub struct NewPlace {
    pub organisation_id: Option<Uuid>,
    pub name: String,
    pub district: Option<String>,
    pub municipality_code: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub follow_ups_per_year: Option<i32>,
}

pub(crate) fn acting_org(actor: &Actor, requested: Option<Uuid>) -> AppResult<Uuid> {
    match (requested, actor.organisation_ids.as_slice()) {
        (_, []) => Err(AppError::Forbidden),
        (Some(org), orgs) if orgs.contains(&org) => Ok(org),
        (Some(_), _) => Err(AppError::NotFound("organisation")),
        (None, [only]) => Ok(*only),
        (None, _) => {
            Err(AppError::bad_input("organisationId", "say which organisation you act for"))
        }
    }
}

/// Registers a place for the actor's organisation.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create_place(
    db: &DatabaseConnection, actor: &Actor, cmd: NewPlace,
) -> AppResult<PlaceView> {
    let owner = acting_org(actor, cmd.organisation_id)?;
    let name = parse_name("name", &cmd.name, 200)?;
    let at = Coordinates::parse(cmd.latitude, cmd.longitude)?;
    let district = parse_optional_text("district", cmd.district.as_deref(), 200)?;
    let code = cmd
        .municipality_code
        .as_deref()
        .map(MunicipalityCode::parse)
        .transpose()?
        .map(MunicipalityCode::into_inner);
    if cmd.follow_ups_per_year.is_some_and(|n| !(1..=52).contains(&n)) {
        return Err(AppError::bad_input("followUpsPerYear", "between 1 and 52 follow-ups a year"));
    }
    let created = place::ActiveModel {
        id: Set(Uuid::now_v7()),
        owner_organisation_id: Set(owner),
        name: Set(name),
        district: Set(district),
        municipality_code: Set(code),
        latitude: Set(at.latitude),
        longitude: Set(at.longitude),
        follow_ups_per_year: Set(cmd.follow_ups_per_year),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(PlaceView::new(created))
}

/// Places the reader may see: their organisation's, and those in pictures they may read.
pub(in crate::domain) fn visible_places(r: &Reader) -> Condition {
    Condition::any().add(place::Column::OwnerOrganisationId.is_in(r.orgs.clone())).add(
        place::Column::Id.in_subquery(
            Query::select()
                .column(picture_entry::Column::PlaceId)
                .from(picture_entry::Entity)
                .cond_where(picture_entry::Column::PictureId.in_subquery(readable_pictures(r)))
                .to_owned(),
        ),
    )
}

/// One place, or NOT_FOUND.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn place(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<PlaceView> {
    let r = reader(db, actor).await?;
    place::Entity::find()
        .filter(place::Column::Id.eq(id))
        .filter(visible_places(&r))
        .one(db)
        .await?
        .map(PlaceView::new)
        .ok_or(AppError::NotFound("place"))
}

/// Places the reader may see, by name.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn places(
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest,
) -> AppResult<Page<PlaceView>> {
    let r = reader(db, actor).await?;
    let query = place::Entity::find().filter(visible_places(&r));
    let rows = page.rows_after(db, query, place::Column::Name, place::Column::Id).await?;
    Ok(Page::from_rows(page, rows, |p| Cursor { key: p.name.clone(), id: p.id })
        .map(PlaceView::new))
}

/// A place's entries across the pictures the reader may read, oldest period first.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, place_id = %place_id))]
pub async fn place_history(
    db: &DatabaseConnection, actor: &Actor, place_id: Uuid,
) -> AppResult<Vec<(picture_entry::Model, PictureView)>> {
    let r = reader(db, actor).await?;
    let pictures = situation_picture::Entity::find()
        .filter(readable(&r))
        .filter(
            situation_picture::Column::Id.in_subquery(
                Query::select()
                    .column(picture_entry::Column::PictureId)
                    .from(picture_entry::Entity)
                    .cond_where(picture_entry::Column::PlaceId.eq(place_id))
                    .to_owned(),
            ),
        )
        .order_by_asc(situation_picture::Column::PeriodStart)
        .limit(500)
        .all(db)
        .await?;
    log_reads(db, &r, &pictures.iter().collect::<Vec<_>>(), "place_history").await?;
    let ids: Vec<Uuid> = pictures.iter().map(|p| p.id).collect();
    let entries = if ids.is_empty() {
        vec![]
    } else {
        picture_entry::Entity::find()
            .filter(picture_entry::Column::PlaceId.eq(place_id))
            .filter(picture_entry::Column::PictureId.is_in(ids))
            .all(db)
            .await?
    };
    Ok(pictures
        .into_iter()
        .flat_map(|p| {
            entries
                .iter()
                .filter(|e| e.picture_id == p.id)
                .map(|e| (e.clone(), PictureView::new(p.clone())))
                .collect::<Vec<_>>()
        })
        .collect())
}

/// Records a follow-up of a place (its owner organisation).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, place_id = %place_id))]
pub async fn record_follow_up(
    db: &DatabaseConnection, actor: &Actor, place_id: Uuid, on: NaiveDate, note: &str,
) -> AppResult<place_follow_up::Model> {
    let p = place(db, actor, place_id).await?;
    if !actor.organisation_ids.contains(&p.model().owner_organisation_id)
        && !in_place_partnership(db, actor, place_id).await?
    {
        return Err(AppError::NotFound("place"));
    }
    if on > time::today() {
        return Err(AppError::bad_input("followedUpOn", "a follow-up cannot be in the future"));
    }
    let note = parse_optional_text("note", Some(note), MAX_TEXT)?.unwrap_or_default();
    Ok(place_follow_up::ActiveModel {
        id: Set(Uuid::now_v7()),
        place_id: Set(place_id),
        followed_up_on: Set(on),
        note: Set(note),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

/// Whether one of the actor's organisations sits in a partnership whose joint picture
/// names the place: the activity plan makes "polis och kommun" answer for such places, so
/// either partner records their follow-ups.
async fn in_place_partnership(
    db: &DatabaseConnection, actor: &Actor, place_id: Uuid,
) -> AppResult<bool> {
    let r = reader(db, actor).await?;
    let partnerships: Vec<Uuid> = situation_picture::Entity::find()
        .filter(readable(&r))
        .filter(situation_picture::Column::Status.ne(PictureStatus::Draft))
        .filter(
            situation_picture::Column::Id.in_subquery(
                Query::select()
                    .column(picture_entry::Column::PictureId)
                    .from(picture_entry::Entity)
                    .and_where(picture_entry::Column::PlaceId.eq(place_id))
                    .to_owned(),
            ),
        )
        .filter(situation_picture::Column::PartnershipCouncilId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| p.partnership_council_id)
        .collect();
    if partnerships.is_empty() {
        return Ok(false);
    }
    let seats = membership::Entity::find()
        .filter(membership::Column::CouncilId.is_in(partnerships))
        .filter(membership::Column::OrganisationId.is_in(actor.organisation_ids.clone()))
        .filter(membership::Column::LeftOn.is_null())
        .count(db)
        .await?;
    Ok(seats > 0)
}

batch::rows_of! {
    /// Follow-ups of places, for batch loading behind a visible place.
    pub fn follow_ups_of(PlaceRead) -> place_follow_up by PlaceId order FollowedUpOn;
}

/// When a place with a follow-up requirement is next due (given its last follow-up).
pub fn next_follow_up_due(p: &place::Model, last: Option<NaiveDate>) -> Option<NaiveDate> {
    let per_year = p.follow_ups_per_year?;
    let interval = Duration::days(365 / i64::from(per_year.max(1)));
    let since = last.unwrap_or_else(|| p.created_at.date_naive());
    Some(since + interval)
}

/// The reader's visible places whose follow-up is overdue on `today`, with the due date.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn overdue_places(
    db: &DatabaseConnection, actor: &Actor, today: NaiveDate,
) -> AppResult<Vec<(PlaceView, NaiveDate)>> {
    let r = reader(db, actor).await?;
    let candidates = place::Entity::find()
        .filter(visible_places(&r))
        .filter(place::Column::FollowUpsPerYear.is_not_null())
        .order_by_asc(place::Column::Name)
        .limit(1000)
        .all(db)
        .await?;
    let ids: Vec<Checked<PlaceRead>> = candidates.iter().map(|p| Checked::new(p.id)).collect();
    let follow_ups = follow_ups_of(db, &ids).await?;
    let mut last: HashMap<Uuid, NaiveDate> = HashMap::new();
    for f in follow_ups {
        let entry = last.entry(f.place_id).or_insert(f.followed_up_on);
        *entry = (*entry).max(f.followed_up_on);
    }
    Ok(candidates
        .into_iter()
        .filter_map(|p| {
            let due = next_follow_up_due(&p, last.get(&p.id).copied())?;
            (due < today).then_some((PlaceView::new(p), due))
        })
        .collect())
}

// ---------------------------------------------------------------------------------
