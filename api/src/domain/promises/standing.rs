//! A promise's compliance, read from the database: each activity's scopes counted over
//! the occasions the responsible organisations reported, the partnership's published joint
//! pictures (and joint pictures made outside Samråd, reported as occasions) and the
//! follow-ups of the partners' crime-exposed places, with [`compliance`]
//! deciding. A bounded number of statements, whatever the number of activities, areas or
//! occasions.
//!
//! What counts is the same for every reader (a figure on a shared screen or the public page
//! means the same thing): joint pictures count when published and not restricted, so a
//! restricted picture is not even counted, and so do places (see [`crime_exposed_places`]);
//! a place is named only to a reader who may see it.

use crate::domain::prelude::*;
use chrono::{DateTime, NaiveDate};
use entity::{
    activity_occasion, activity_scope, picture_entry, place, place_follow_up, situation_picture,
};
use std::collections::HashMap;

use super::{
    compliance::{self, Cell, CellState, Standing, Unit},
    plan::{self, Plan, partners, scope_of},
};
use crate::domain::{
    situation, time,
    types::{Classification, PictureStatus, ScopeSource},
};

/// One counted cell with what a reader may be told about its unit.
#[derive(Debug, Clone)]
pub struct CellView {
    pub cell: Cell,
    /// The same for one unit in every year: an area's id, a place's number in the
    /// promise's list of places (never its id or name), "whole", or a run's first day.
    pub key: String,
    /// The area's name, the place's (to a reader who sees it), or empty.
    pub label: String,
    pub state: CellState,
}

/// One scope of an activity, counted.
#[derive(Debug, Clone)]
pub struct ScopeStanding {
    pub scope: activity_scope::Model,
    pub standing: Standing,
    pub cells: Vec<CellView>,
}

/// One activity, counted.
#[derive(Debug, Clone)]
pub struct ActivityStanding {
    pub activity_id: Uuid,
    pub standing: Standing,
    pub scopes: Vec<ScopeStanding>,
    /// Occasions reported by organisations the activity does not name: kept, not counted.
    pub not_counted: u32,
    /// Occasions that counted, in all.
    pub counted: u32,
}

/// A promise's compliance on a day.
#[derive(Debug, Clone)]
pub struct PromiseStanding {
    pub today: NaiveDate,
    pub overall: Standing,
    pub activities: Vec<ActivityStanding>,
}

/// Who the figures are for: a signed-in reader (place names as they may see them), or the
/// public page (no place names at all).
#[derive(Debug, Clone, Copy)]
pub enum Audience<'a> {
    Reader(&'a Actor),
    Public,
}

fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0)
        .and_then(|t| time::to_utc("occurredOn", t).ok())
        .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Counts a promise's plan on `today`.
#[tracing::instrument(skip_all, fields(promise_id = %promise.id))]
pub async fn standing(
    db: &impl ConnectionTrait, promise: &entity::promise::Model, plan: &Plan,
    audience: Audience<'_>, today: NaiveDate,
) -> AppResult<PromiseStanding> {
    let activity_ids: Vec<Uuid> = plan.activities.iter().map(|a| a.id).collect();
    let areas = super::areas::all_of(db, promise.municipality_id).await?;
    let area_names: HashMap<Uuid, &str> = areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let counted_areas: Vec<compliance::Area> =
        areas.iter().map(|a| compliance::Area { id: a.id, kind: a.kind }).collect();
    // A unit is judged from the day it came to be: an area imported, or a place
    // registered, in the promise's second year has no first-year cells.
    let mut since: HashMap<Uuid, NaiveDate> =
        areas.iter().map(|a| (a.id, time::to_local(a.created_at).date())).collect();
    // Only what counting needs, never the notes.
    let occasions: Vec<(Uuid, Uuid, NaiveDate, Option<Uuid>)> = if activity_ids.is_empty() {
        vec![]
    } else {
        activity_occasion::Entity::find()
            .select_only()
            .columns([
                activity_occasion::Column::ActivityId,
                activity_occasion::Column::OrganisationId,
                activity_occasion::Column::OccurredOn,
                activity_occasion::Column::AreaId,
            ])
            .filter(activity_occasion::Column::ActivityId.is_in(activity_ids.clone()))
            .into_tuple()
            .all(db)
            .await?
    };
    let needs = |source: ScopeSource| plan.scopes.iter().any(|s| s.source == source);

    // The partnership's joint pictures, published and not restricted, by the first day of
    // the period they describe (as the cadence counts them).
    let pictures: Vec<compliance::Occasion> = if needs(ScopeSource::JointPictures) {
        situation_picture::Entity::find()
            .select_only()
            .column(situation_picture::Column::PeriodStart)
            .filter(situation_picture::Column::PartnershipCouncilId.eq(promise.council_id))
            .filter(situation_picture::Column::Status.ne(PictureStatus::Draft))
            .filter(situation_picture::Column::Classification.ne(Classification::Restricted))
            .into_tuple::<NaiveDate>()
            .all(db)
            .await?
            .into_iter()
            .map(|day| compliance::Occasion { at: noon(day), area: None, place: None })
            .collect()
    } else {
        vec![]
    };

    let (places, follow_ups, place_names) = if needs(ScopeSource::PlaceFollowUps) {
        let places = crime_exposed_places(db, promise).await?;
        since.extend(places.iter().map(|p| (p.id, time::to_local(p.created_at).date())));
        let ids: Vec<Uuid> = places.iter().map(|p| p.id).collect();
        let follow_ups: Vec<compliance::Occasion> = if ids.is_empty() {
            vec![]
        } else {
            place_follow_up::Entity::find()
                .select_only()
                .columns([place_follow_up::Column::PlaceId, place_follow_up::Column::FollowedUpOn])
                .filter(place_follow_up::Column::PlaceId.is_in(ids.clone()))
                .into_tuple::<(Uuid, NaiveDate)>()
                .all(db)
                .await?
                .into_iter()
                .map(|(place, day)| compliance::Occasion {
                    at: noon(day),
                    area: None,
                    place: Some(place),
                })
                .collect()
        };
        let names: HashMap<Uuid, String> = match audience {
            Audience::Public => HashMap::new(),
            Audience::Reader(actor) if !ids.is_empty() => {
                let r = situation::reader(db, actor).await?;
                place::Entity::find()
                    .filter(place::Column::Id.is_in(ids.clone()))
                    .filter(situation::visible_places(&r))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|p| (p.id, p.name))
                    .collect()
            }
            Audience::Reader(_) => HashMap::new(),
        };
        (ids, follow_ups, names)
    } else {
        (vec![], vec![], HashMap::new())
    };

    let mut activities = vec![];
    for activity in &plan.activities {
        let responsible = plan.responsible_for(activity.id);
        let mine: Vec<_> = occasions.iter().filter(|o| o.0 == activity.id).collect();
        let reported: Vec<compliance::Occasion> = mine
            .iter()
            .filter(|o| responsible.contains(&o.1))
            .map(|o| compliance::Occasion { at: noon(o.2), area: o.3, place: None })
            .collect();
        let not_counted = u32::try_from(mine.len() - reported.len()).unwrap_or(u32::MAX);
        let period = compliance::Period { from: activity.period_from, to: activity.period_to };
        let mut scopes = vec![];
        for row in plan.scopes_of(activity.id) {
            let scope = scope_of(row)?;
            // A joint picture made outside Samråd is reported as an occasion: both count.
            let with_pictures: Vec<compliance::Occasion>;
            let source: &[compliance::Occasion] = match row.source {
                ScopeSource::Occasions => &reported,
                ScopeSource::JointPictures => {
                    with_pictures = pictures.iter().chain(&reported).copied().collect();
                    &with_pictures
                }
                ScopeSource::PlaceFollowUps => &follow_ups,
            };
            let cells: Vec<Cell> =
                compliance::count(scope, period, &counted_areas, &places, source)
                    .into_iter()
                    .filter(|c| match c.unit {
                        Unit::Area(id) | Unit::Place(id) => {
                            since.get(&id).is_none_or(|d| c.to >= *d)
                        }
                        Unit::Whole | Unit::Run(_) => true,
                    })
                    .collect();
            let standing = compliance::standing(&cells, today);
            let cells = cells
                .into_iter()
                .map(|cell| CellView {
                    key: match cell.unit {
                        Unit::Area(id) => format!("area-{id}"),
                        Unit::Place(id) => format!(
                            "place-{}",
                            places.iter().position(|p| *p == id).map_or(0, |i| i + 1)
                        ),
                        Unit::Whole => "whole".to_owned(),
                        Unit::Run(from) => format!("run-{from}"),
                    },
                    label: match cell.unit {
                        Unit::Area(id) => area_names.get(&id).map(|n| (*n).to_owned()),
                        Unit::Place(id) => place_names.get(&id).cloned(),
                        Unit::Whole | Unit::Run(_) => None,
                    }
                    .unwrap_or_default(),
                    state: cell.state_at(today),
                    cell,
                })
                .collect();
            scopes.push(ScopeStanding { scope: row.clone(), standing, cells });
        }
        let standing = compliance::overall(scopes.iter().map(|s| s.standing));
        let standing = if scopes.iter().all(|s| s.standing == Standing::Counted) {
            Standing::Counted
        } else {
            standing
        };
        activities.push(ActivityStanding {
            activity_id: activity.id,
            standing,
            scopes,
            not_counted,
            counted: u32::try_from(reported.len()).unwrap_or(u32::MAX),
        });
    }
    let overall = compliance::overall(activities.iter().map(|a| a.standing));
    Ok(PromiseStanding { today, overall, activities })
}

/// The crime-exposed places a promise's per-place scopes count: places in the promise's
/// municipality, registered with a follow-up requirement by a partner, and named in a
/// published picture of a partner that is not restricted. The same for every reader, so a
/// place known only from a restricted picture is not even counted.
async fn crime_exposed_places(
    db: &impl ConnectionTrait, promise: &entity::promise::Model,
) -> AppResult<Vec<place::Model>> {
    use sea_orm::sea_query::Query;
    let Some(code) =
        super::areas::municipality(db, promise.municipality_id).await?.municipality_code
    else {
        return Ok(vec![]);
    };
    let owners = partners(db, promise.council_id).await?;
    let shared = Query::select()
        .column(picture_entry::Column::PlaceId)
        .from(picture_entry::Entity)
        .and_where(
            picture_entry::Column::PictureId.in_subquery(
                Query::select()
                    .column(situation_picture::Column::Id)
                    .from(situation_picture::Entity)
                    .and_where(
                        situation_picture::Column::AuthorOrganisationId.is_in(owners.clone()),
                    )
                    .and_where(situation_picture::Column::Status.ne(PictureStatus::Draft))
                    .and_where(
                        situation_picture::Column::Classification.ne(Classification::Restricted),
                    )
                    .to_owned(),
            ),
        )
        .to_owned();
    Ok(place::Entity::find()
        .filter(place::Column::OwnerOrganisationId.is_in(owners))
        .filter(place::Column::MunicipalityCode.eq(code))
        .filter(place::Column::FollowUpsPerYear.is_not_null())
        .filter(place::Column::Id.in_subquery(shared))
        .order_by_asc(place::Column::Name)
        .order_by_asc(place::Column::Id)
        .limit(1000)
        .all(db)
        .await?)
}

/// A promise's compliance for a reader who sees the promise.
pub async fn of_promise(
    db: &impl ConnectionTrait, actor: &Actor, promise: &plan::PromiseView,
) -> AppResult<(Plan, PromiseStanding)> {
    let plan = plan::plan(db, promise).await?;
    let standing =
        standing(db, &promise.model, &plan, Audience::Reader(actor), time::today()).await?;
    Ok((plan, standing))
}
