//! Situation pictures: writing, publishing, reading, lists and exports.

use super::*;
use crate::domain::batch;
use crate::domain::prelude::*;
use crate::domain::{
    audit,
    types::{Classification, PictureStatus, PlaceCategory, Trend, parse_name, parse_optional_text},
};
use crate::live::{Change, PictureChange};
use chrono::NaiveDate;
use entity::{membership, organisation, picture_access_log, picture_share};
use sea_orm::ActiveEnum as _;
use sea_orm::sea_query::Func;
use std::collections::{HashMap, HashSet};

/// One entry of a new picture.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub place_id: Uuid,
    pub category: PlaceCategory,
    pub trend: Trend,
    pub perceived_safety: i32,
    pub suspected_causes: Option<String>,
    pub measures: Option<String>,
    pub responsible_organisation_id: Option<Uuid>,
}

/// A new situation picture (a draft until published).
#[derive(Debug, Clone)]
pub struct NewPicture {
    pub organisation_id: Option<Uuid>,
    pub area: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub classification: Classification,
    pub summary: String,
    pub council_ids: Vec<Uuid>,
    pub organisation_ids: Vec<Uuid>,
    pub partnership_council_id: Option<Uuid>,
    pub entries: Vec<NewEntry>,
}

/// Of `candidates`, those that sit with `org` in some council today (and `org` itself).
pub(super) async fn partners_among<C: ConnectionTrait>(
    db: &C, org: Uuid, candidates: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    let councils: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org))
        .filter(membership::Column::LeftOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.council_id)
        .collect();
    Ok(membership::Entity::find()
        .filter(membership::Column::OrganisationId.is_in(candidates.to_vec()))
        .filter(membership::Column::CouncilId.is_in(councils))
        .filter(membership::Column::LeftOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .chain([org])
        .collect())
}

/// Creates a draft picture for the actor's organisation, with its recipients and
/// entries; every reference is checked before anything is stored.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create_picture(
    db: &DatabaseConnection, actor: &Actor, cmd: NewPicture,
) -> AppResult<PictureView> {
    let author = acting_org(actor, cmd.organisation_id)?;
    let area = parse_name("area", &cmd.area, 200)?;
    if cmd.period_end < cmd.period_start {
        return Err(AppError::bad_input("periodEnd", "the period must end on or after its start"));
    }
    let summary = parse_optional_text("summary", Some(&cmd.summary), MAX_TEXT)?.unwrap_or_default();
    if cmd.entries.len() > MAX_ENTRIES {
        return Err(AppError::bad_input(
            "entries",
            format!("at most {MAX_ENTRIES} places in one picture"),
        ));
    }
    let mut council_ids = cmd.council_ids.clone();
    council_ids.sort_unstable();
    council_ids.dedup();
    let mut org_ids = cmd.organisation_ids.clone();
    org_ids.sort_unstable();
    org_ids.dedup();
    let refused = match cmd.classification {
        Classification::Restricted if org_ids.is_empty() => {
            Some(("organisationIds", "name the organisations a restricted picture is for"))
        }
        Classification::Restricted if !council_ids.is_empty() => {
            Some(("councilIds", "a restricted picture goes to named organisations only"))
        }
        Classification::Open | Classification::Council if council_ids.is_empty() => {
            Some(("councilIds", "name the councils or networks it is shared with"))
        }
        Classification::Council if !org_ids.is_empty() => {
            Some(("organisationIds", "a council picture goes to the named councils' members"))
        }
        _ => None,
    };
    if let Some((field, why)) = refused {
        return Err(AppError::bad_input(field, why));
    }
    let txn = crate::db::begin_write(db).await?;
    // A picture is shared only where its author is a partner: in councils the author's
    // organisation sits in, with organisations it sits with. Anything else answers as an
    // unknown id does, so the answer tells nothing of councils the author cannot see.
    let author_councils: HashSet<Uuid> = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(author))
        .filter(membership::Column::LeftOn.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.council_id)
        .collect();
    if council_ids.iter().any(|c| !author_councils.contains(c)) {
        return Err(AppError::NotFound("council"));
    }
    if !org_ids.is_empty() {
        let partners = partners_among(&txn, author, &org_ids).await?;
        if org_ids.iter().any(|o| !partners.contains(o)) {
            return Err(AppError::NotFound("organisation"));
        }
        let orgs = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(org_ids.clone()))
            .all(&txn)
            .await?;
        if cmd.classification == Classification::Restricted
            && orgs.iter().any(|o| is_advisory_kind(o.kind))
        {
            return Err(AppError::bad_input(
                "organisationIds",
                "advisory bodies never receive restricted pictures",
            ));
        }
    }
    if let Some(partnership) = cmd.partnership_council_id {
        let member = membership::Entity::find()
            .filter(membership::Column::CouncilId.eq(partnership))
            .filter(membership::Column::OrganisationId.eq(author))
            .filter(membership::Column::LeftOn.is_null())
            .count(&txn)
            .await?;
        if member == 0 {
            return Err(AppError::NotFound("council"));
        }
    }
    let r = reader(&txn, actor).await?;
    let place_ids: Vec<Uuid> = cmd.entries.iter().map(|e| e.place_id).collect();
    if !place_ids.is_empty() {
        let known: HashSet<Uuid> = place::Entity::find()
            .filter(place::Column::Id.is_in(place_ids.clone()))
            .filter(visible_places(&r))
            .all(&txn)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        if place_ids.iter().any(|p| !known.contains(p)) {
            return Err(AppError::bad_input("entries", "unknown place"));
        }
    }
    for e in &cmd.entries {
        if !(1..=5).contains(&e.perceived_safety) {
            return Err(AppError::bad_input(
                "entries",
                "perceived safety is 1 (very unsafe) to 5 (very safe)",
            ));
        }
    }
    let now = Utc::now();
    let picture = situation_picture::ActiveModel {
        id: Set(Uuid::now_v7()),
        author_organisation_id: Set(author),
        area: Set(area),
        period_start: Set(cmd.period_start),
        period_end: Set(cmd.period_end),
        status: Set(PictureStatus::Draft),
        classification: Set(cmd.classification),
        summary: Set(summary),
        partnership_council_id: Set(cmd.partnership_council_id),
        published_at: Set(None),
        superseded_by: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let shares: Vec<picture_share::ActiveModel> = council_ids
        .iter()
        .map(|c| (Some(*c), None))
        .chain(org_ids.iter().map(|o| (None, Some(*o))))
        .map(|(council_id, organisation_id)| picture_share::ActiveModel {
            id: Set(Uuid::now_v7()),
            picture_id: Set(picture.id),
            council_id: Set(council_id),
            organisation_id: Set(organisation_id),
        })
        .collect();
    if !shares.is_empty() {
        picture_share::Entity::insert_many(shares).exec_without_returning(&txn).await?;
    }
    let mut entries = vec![];
    for e in cmd.entries {
        entries.push(picture_entry::ActiveModel {
            id: Set(Uuid::now_v7()),
            picture_id: Set(picture.id),
            place_id: Set(e.place_id),
            category: Set(e.category),
            trend: Set(e.trend),
            perceived_safety: Set(e.perceived_safety),
            suspected_causes: Set(parse_optional_text(
                "entries",
                e.suspected_causes.as_deref(),
                MAX_TEXT,
            )?
            .unwrap_or_default()),
            measures: Set(parse_optional_text("entries", e.measures.as_deref(), MAX_TEXT)?
                .unwrap_or_default()),
            responsible_organisation_id: Set(e.responsible_organisation_id),
        });
    }
    if !entries.is_empty() {
        picture_entry::Entity::insert_many(entries).exec_without_returning(&txn).await?;
    }
    audit::Event::new(actor, "picture.create", ("situation_picture", picture.id))
        .detail(json!({ "classification": picture.classification.to_value() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, PictureView::new(picture)).await
}

/// Publishes a draft (the author organisation); the author's previous published picture
/// of the same area becomes superseded.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn publish(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<PictureView> {
    let txn = crate::db::begin_write(db).await?;
    let r = reader(&txn, actor).await?;
    let current = situation_picture::Entity::find()
        .filter(situation_picture::Column::Id.eq(id))
        .filter(readable(&r))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("situation picture"))?;
    if !r.orgs.contains(&current.author_organisation_id) {
        return Err(AppError::NotFound("situation picture"));
    }
    if current.status != PictureStatus::Draft {
        return Err(AppError::conflict("id", "only a draft can be published"));
    }
    let now = Utc::now();
    let superseded: Vec<Uuid> = situation_picture::Entity::find()
        .select_only()
        .column(situation_picture::Column::Id)
        .filter(situation_picture::Column::AuthorOrganisationId.eq(current.author_organisation_id))
        .filter(situation_picture::Column::Area.eq(current.area.clone()))
        .filter(situation_picture::Column::Status.eq(PictureStatus::Published))
        .into_tuple()
        .all(&txn)
        .await?;
    for old in superseded {
        let superseded = Change::Picture { id: old, what: PictureChange::Superseded };
        crate::domain::events::happened(&txn, Some(actor), superseded).await?;
    }
    let published = Change::Picture { id, what: PictureChange::Published };
    crate::domain::events::happened(&txn, Some(actor), published).await?;
    situation_picture::Entity::update_many()
        .col_expr(situation_picture::Column::Status, Expr::value(PictureStatus::Superseded))
        .col_expr(situation_picture::Column::SupersededBy, Expr::value(id))
        .filter(situation_picture::Column::AuthorOrganisationId.eq(current.author_organisation_id))
        .filter(situation_picture::Column::Area.eq(current.area.clone()))
        .filter(situation_picture::Column::Status.eq(PictureStatus::Published))
        .exec(&txn)
        .await?;
    let mut active: situation_picture::ActiveModel = current.into();
    active.status = Set(PictureStatus::Published);
    active.published_at = Set(Some(now));
    active.updated_at = Set(now);
    let published = active.update(&txn).await?;
    audit::Event::new(actor, "picture.publish", ("situation_picture", id)).record(&txn).await?;
    crate::live::commit(txn, PictureView::new(published)).await
}

/// One picture the reader may read, or NOT_FOUND; restricted reads are logged as `what`.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn get(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, what: &str,
) -> AppResult<PictureView> {
    let r = reader(db, actor).await?;
    let picture = situation_picture::Entity::find()
        .filter(situation_picture::Column::Id.eq(id))
        .filter(readable(&r))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("situation picture"))?;
    log_reads(db, &r, &[&picture], what).await?;
    Ok(PictureView::new(picture))
}

/// One picture the reader may read, without logging a read (nothing is shown): for
/// deciding whom to notify. NOT_FOUND otherwise.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn unread_view(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
) -> AppResult<PictureView> {
    let r = reader(db, actor).await?;
    situation_picture::Entity::find()
        .filter(situation_picture::Column::Id.eq(id))
        .filter(readable(&r))
        .one(db)
        .await?
        .map(PictureView::new)
        .ok_or(AppError::NotFound("situation picture"))
}

/// Pictures as seen by one reader.
#[derive(Debug, Clone, Default)]
pub struct PictureFilter {
    /// Words to find in area or summary (case-insensitive).
    pub search: Option<String>,
    /// Only pictures shared with this council or network.
    pub council_id: Option<Uuid>,
}

fn filtered(r: &Reader, filter: &PictureFilter) -> AppResult<Condition> {
    // `like` on expressions; imported here only, as its `max` would shadow `Ord::max`.
    use sea_orm::sea_query::ExprTrait as _;
    // `readable` is an OR at its top: every further filter must be ANDed around it.
    let mut cond = Condition::all().add(readable(r));
    if let Some(council) = filter.council_id {
        cond = cond.add(situation_picture::Column::Id.in_subquery(shares_where(
            Condition::all().add(picture_share::Column::CouncilId.eq(council)),
        )));
    }
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if search.chars().count() > 100 {
            return Err(AppError::bad_input("search", "search for at most 100 characters"));
        }
        let escaped =
            search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        let like = |col: situation_picture::Column| {
            Expr::expr(Func::lower(Expr::col((situation_picture::Entity, col))))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        cond = cond.add(
            Condition::any()
                .add(like(situation_picture::Column::Area))
                .add(like(situation_picture::Column::Summary)),
        );
    }
    Ok(cond)
}

/// The pictures the reader may read, latest period first.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn list(
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest, filter: &PictureFilter,
) -> AppResult<Page<PictureView>> {
    let r = reader(db, actor).await?;
    let mut query = situation_picture::Entity::find().filter(filtered(&r, filter)?);
    if let Some(after) = &page.after {
        query = query.filter(situation_picture::Column::Id.lt(after.id));
    }
    let rows =
        query.order_by_desc(situation_picture::Column::Id).limit(page.limit()).all(db).await?;
    let page_rows = Page::from_rows(page, rows, |p| Cursor { key: String::new(), id: p.id });
    log_reads(db, &r, &page_rows.items.iter().map(|(_, p)| p).collect::<Vec<_>>(), "list").await?;
    Ok(page_rows.map(PictureView::new))
}

/// How many pictures the reader may read (with the same filter as [`list`]).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn count(
    db: &DatabaseConnection, actor: &Actor, filter: &PictureFilter,
) -> AppResult<u64> {
    let r = reader(db, actor).await?;
    Ok(situation_picture::Entity::find().filter(filtered(&r, filter)?).count(db).await?)
}

batch::rows_of! {
    /// Entries of pictures, for batch loading behind a readable picture.
    pub fn entries_of(PictureRead) -> picture_entry by PictureId order Id;
}

batch::rows_of! {
    /// Places by id, for batch loading behind a readable entry.
    pub fn places_by_ids(PlaceRead) -> place by Id;
}

batch::rows_of! {
    /// Recipients of pictures, for batch loading behind a readable picture.
    pub fn shares_of(PictureRead) -> picture_share by PictureId;
}

/// The access log of a picture (its author organisation only).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn access_log(
    db: &DatabaseConnection, actor: &Actor, picture: &situation_picture::Model,
) -> AppResult<Vec<picture_access_log::Model>> {
    if !actor.organisation_ids.contains(&picture.author_organisation_id) {
        return Err(AppError::Forbidden);
    }
    Ok(picture_access_log::Entity::find()
        .filter(picture_access_log::Column::PictureId.eq(picture.id))
        .order_by_desc(picture_access_log::Column::Id)
        .limit(1000)
        .all(db)
        .await?)
}

/// A picture's places as an RFC 7946 FeatureCollection (longitude first), for a reader
/// who may read the picture; restricted reads are logged.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn geojson(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<String> {
    let picture = get(db, actor, id, "geojson").await?;
    let entries = entries_of(db, &[picture.read()]).await?;
    let places: HashMap<Uuid, place::Model> =
        places_by_ids(db, &entries.iter().filter_map(|e| picture.place_of(e)).collect::<Vec<_>>())
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let features = entries.iter().filter_map(|e| {
        let p = places.get(&e.place_id)?;
        let mut properties = geojson::JsonObject::new();
        properties.insert("name".into(), json!(p.name));
        properties.insert("district".into(), json!(p.district));
        properties.insert("category".into(), json!(e.category.to_value()));
        properties.insert("trend".into(), json!(e.trend.to_value()));
        properties.insert("perceivedSafety".into(), json!(e.perceived_safety));
        Some(geojson::Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new_point([p.longitude, p.latitude])),
            id: Some(geojson::feature::Id::String(p.id.to_string())),
            properties: Some(properties),
            foreign_members: None,
        })
    });
    serde_json::to_string(&geojson::FeatureCollection::new(features))
        .map_err(|e| AppError::Internal(e.into()))
}

// ---------------------------------------------------------------------------------
