//! Situation pictures (lägesbilder) shared between municipalities, police and partners;
//! places and their follow-ups; cadences; requests; good practices.
//!
//! The rule this module keeps: whether a reader may see a picture is decided by one
//! predicate, [`readable`], applied in SQL wherever pictures are read — single fetch,
//! lists, search, counts, places, the regional view, GeoJSON and request answers — so a
//! reader outside the recipients gets nothing, not even a count or a "forbidden".
//!
//! Who reads what (organisations are those the user acts for, by affiliation):
//! - the author organisation: always, drafts included;
//! - `open`: organisations in any of the councils or networks it is shared with (advisory
//!   bodies included), plus any organisation named;
//! - `council`: members (not advisory bodies) of the named councils;
//! - `restricted`: only the named organisations; advisory bodies never, not even if named.
//!
//! Platform admins get no extra read access: confidential pictures are not theirs to read.
//! Every read of a restricted picture is written to the access log.

use crate::domain::batch;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate, Utc};
use entity::{
    council, good_practice, info_request, membership, organisation, picture_access_log,
    picture_cadence, picture_entry, picture_share, place, place_follow_up, situation_picture,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func, Query, SelectStatement},
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    auth::Actor,
    domain::{
        audit,
        pagination::{Cursor, Page, PageRequest},
        policy::{self, CouncilAccess},
        time,
        types::{
            Classification, Coordinates, CouncilKind, MembershipRole, MunicipalityCode,
            OrganisationKind, PictureStatus, PlaceCategory, RequestStatus, Trend, parse_name,
            parse_optional_text,
        },
    },
    error::{AppError, AppResult},
};

/// Longest free text.
pub const MAX_TEXT: usize = 20_000;
/// Most entries in one picture.
pub const MAX_ENTRIES: usize = 200;

/// What a reader is, for reading pictures: built once per call from the database.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub user_id: Uuid,
    /// Organisations the user acts for.
    pub orgs: Vec<Uuid>,
    /// The same, without advisory bodies (they never read restricted pictures).
    pub restricted_orgs: Vec<Uuid>,
    /// Councils where one of the user's organisations is a partner of any kind, or where
    /// the user holds a seat.
    pub partner_councils: Vec<Uuid>,
    /// Councils where one of the user's organisations is a member (not advisory), or
    /// where the user holds a member-level seat.
    pub member_councils: Vec<Uuid>,
}

fn is_advisory_kind(kind: &str) -> bool {
    matches!(
        OrganisationKind::parse(kind),
        Ok(OrganisationKind::YouthCouncil
            | OrganisationKind::AdvisoryCouncil
            | OrganisationKind::StudentForum)
    )
}

/// The reader context of an actor (two statements).
pub async fn reader(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Reader> {
    let orgs = actor.organisation_ids.clone();
    let (restricted_orgs, memberships) = if orgs.is_empty() {
        (vec![], vec![])
    } else {
        let kinds = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(orgs.clone()))
            .all(db)
            .await?;
        let memberships = membership::Entity::find()
            .filter(membership::Column::OrganisationId.is_in(orgs.clone()))
            .filter(membership::Column::LeftOn.is_null())
            .all(db)
            .await?;
        let restricted = kinds
            .into_iter()
            .filter(|o| !is_advisory_kind(&o.kind))
            .map(|o| o.id)
            .collect();
        (restricted, memberships)
    };
    let mut partner: HashSet<Uuid> = memberships.iter().map(|m| m.council_id).collect();
    let mut member: HashSet<Uuid> = memberships
        .iter()
        .filter(|m| m.role != MembershipRole::Advisory.as_str())
        .map(|m| m.council_id)
        .collect();
    for seat in &actor.seats {
        if policy::council_access(actor, seat.council_id).is_some() {
            partner.insert(seat.council_id);
        }
        if policy::has_member_seat(actor, seat.council_id) {
            member.insert(seat.council_id);
        }
    }
    Ok(Reader {
        user_id: actor.user_id,
        orgs,
        restricted_orgs,
        partner_councils: partner.into_iter().collect(),
        member_councils: member.into_iter().collect(),
    })
}

fn shares_where(cond: Condition) -> SelectStatement {
    Query::select()
        .column(picture_share::Column::PictureId)
        .from(picture_share::Entity)
        .cond_where(cond)
        .to_owned()
}

/// The one readability predicate for `situation_picture` rows.
pub fn readable(r: &Reader) -> Condition {
    use situation_picture::Column as P;
    let open = Condition::all()
        .add(P::Classification.eq(Classification::Open.as_str()))
        .add(
            P::Id.in_subquery(shares_where(
                Condition::any()
                    .add(picture_share::Column::CouncilId.is_in(r.partner_councils.clone()))
                    .add(picture_share::Column::OrganisationId.is_in(r.orgs.clone())),
            )),
        );
    let council = Condition::all()
        .add(P::Classification.eq(Classification::Council.as_str()))
        .add(P::Id.in_subquery(shares_where(
            Condition::all().add(picture_share::Column::CouncilId.is_in(r.member_councils.clone())),
        )));
    let restricted = Condition::all()
        .add(P::Classification.eq(Classification::Restricted.as_str()))
        .add(
            P::Id.in_subquery(shares_where(Condition::all().add(
                picture_share::Column::OrganisationId.is_in(r.restricted_orgs.clone()),
            ))),
        );
    Condition::any()
        .add(P::AuthorOrganisationId.is_in(r.orgs.clone()))
        .add(
            Condition::all()
                .add(P::Status.ne(PictureStatus::Draft.as_str()))
                .add(Condition::any().add(open).add(council).add(restricted)),
        )
}

fn readable_pictures(r: &Reader) -> SelectStatement {
    Query::select()
        .column(situation_picture::Column::Id)
        .from(situation_picture::Entity)
        .cond_where(readable(r))
        .to_owned()
}

/// Writes one access-log row per restricted picture read (one statement).
async fn log_reads(
    db: &impl ConnectionTrait,
    r: &Reader,
    pictures: &[&situation_picture::Model],
    what: &str,
) -> AppResult<()> {
    let rows: Vec<picture_access_log::ActiveModel> = pictures
        .iter()
        .filter(|p| p.classification == Classification::Restricted.as_str())
        .map(|p| picture_access_log::ActiveModel {
            id: Set(Uuid::now_v7()),
            picture_id: Set(p.id),
            user_id: Set(r.user_id),
            organisation_id: Set(r
                .orgs
                .iter()
                .find(|o| **o == p.author_organisation_id)
                .or(r.orgs.first())
                .copied()),
            at: Set(Utc::now()),
            what: Set(what.to_owned()),
        })
        .collect();
    if !rows.is_empty() {
        picture_access_log::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Places

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

fn acting_org(actor: &Actor, requested: Option<Uuid>) -> AppResult<Uuid> {
    match (requested, actor.organisation_ids.as_slice()) {
        (_, []) => Err(AppError::Forbidden),
        (Some(org), orgs) if orgs.contains(&org) => Ok(org),
        (Some(_), _) => Err(AppError::NotFound("organisation")),
        (None, [only]) => Ok(*only),
        (None, _) => Err(AppError::bad_input(
            "organisationId",
            "say which organisation you act for",
        )),
    }
}

/// Registers a place for the actor's organisation.
pub async fn create_place(
    db: &DatabaseConnection,
    actor: &Actor,
    cmd: NewPlace,
) -> AppResult<place::Model> {
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
    if cmd
        .follow_ups_per_year
        .is_some_and(|n| !(1..=52).contains(&n))
    {
        return Err(AppError::bad_input(
            "followUpsPerYear",
            "between 1 and 52 follow-ups a year",
        ));
    }
    Ok(place::ActiveModel {
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
    .await?)
}

/// Places the reader may see: their organisation's, and those in pictures they may read.
fn visible_places(r: &Reader) -> Condition {
    Condition::any()
        .add(place::Column::OwnerOrganisationId.is_in(r.orgs.clone()))
        .add(
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
pub async fn place(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<place::Model> {
    let r = reader(db, actor).await?;
    place::Entity::find()
        .filter(place::Column::Id.eq(id))
        .filter(visible_places(&r))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("place"))
}

/// Places the reader may see, by name.
pub async fn places(
    db: &DatabaseConnection,
    actor: &Actor,
    page: &PageRequest,
) -> AppResult<Page<place::Model>> {
    let r = reader(db, actor).await?;
    let rows = place::Entity::find()
        .filter(visible_places(&r))
        .filter(page.after_condition(place::Column::Name, place::Column::Id))
        .order_by_asc(place::Column::Name)
        .order_by_asc(place::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(Page::from_rows(page, rows, |p| Cursor {
        key: p.name.clone(),
        id: p.id,
    }))
}

/// A place's entries across the pictures the reader may read, oldest period first.
pub async fn place_history(
    db: &DatabaseConnection,
    actor: &Actor,
    place_id: Uuid,
) -> AppResult<Vec<(picture_entry::Model, situation_picture::Model)>> {
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
    log_reads(
        db,
        &r,
        &pictures.iter().collect::<Vec<_>>(),
        "place_history",
    )
    .await?;
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
                .map(|e| (e.clone(), p.clone()))
                .collect::<Vec<_>>()
        })
        .collect())
}

/// Records a follow-up of a place (its owner organisation).
pub async fn record_follow_up(
    db: &DatabaseConnection,
    actor: &Actor,
    place_id: Uuid,
    on: NaiveDate,
    note: &str,
) -> AppResult<place_follow_up::Model> {
    let p = place(db, actor, place_id).await?;
    if !actor.organisation_ids.contains(&p.owner_organisation_id)
        && !in_place_partnership(db, actor, place_id).await?
    {
        return Err(AppError::NotFound("place"));
    }
    if on > time::today() {
        return Err(AppError::bad_input(
            "followedUpOn",
            "a follow-up cannot be in the future",
        ));
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
    db: &DatabaseConnection,
    actor: &Actor,
    place_id: Uuid,
) -> AppResult<bool> {
    let r = reader(db, actor).await?;
    let partnerships: Vec<Uuid> = situation_picture::Entity::find()
        .filter(readable(&r))
        .filter(situation_picture::Column::Status.ne(PictureStatus::Draft.as_str()))
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

/// Follow-ups of places, for batch loading behind a visible place.
pub async fn follow_ups_of(
    db: &DatabaseConnection,
    place_ids: &[Uuid],
) -> AppResult<Vec<place_follow_up::Model>> {
    batch::rows_in::<place_follow_up::Entity>(
        db,
        place_follow_up::Column::PlaceId,
        place_ids,
        &[place_follow_up::Column::FollowedUpOn],
    )
    .await
}

/// When a place with a follow-up requirement is next due (given its last follow-up).
pub fn next_follow_up_due(p: &place::Model, last: Option<NaiveDate>) -> Option<NaiveDate> {
    let per_year = p.follow_ups_per_year?;
    let interval = Duration::days(365 / i64::from(per_year.max(1)));
    let since = last.unwrap_or_else(|| p.created_at.date_naive());
    Some(since + interval)
}

/// The reader's visible places whose follow-up is overdue on `today`, with the due date.
pub async fn overdue_places(
    db: &DatabaseConnection,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<Vec<(place::Model, NaiveDate)>> {
    let r = reader(db, actor).await?;
    let candidates = place::Entity::find()
        .filter(visible_places(&r))
        .filter(place::Column::FollowUpsPerYear.is_not_null())
        .order_by_asc(place::Column::Name)
        .limit(1000)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = candidates.iter().map(|p| p.id).collect();
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
            (due < today).then_some((p, due))
        })
        .collect())
}

// ---------------------------------------------------------------------------------
// Pictures

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
async fn partners_among<C: ConnectionTrait>(
    db: &C,
    org: Uuid,
    candidates: &[Uuid],
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
pub async fn create_picture(
    db: &DatabaseConnection,
    actor: &Actor,
    cmd: NewPicture,
) -> AppResult<situation_picture::Model> {
    let author = acting_org(actor, cmd.organisation_id)?;
    let area = parse_name("area", &cmd.area, 200)?;
    if cmd.period_end < cmd.period_start {
        return Err(AppError::bad_input(
            "periodEnd",
            "the period must end on or after its start",
        ));
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
    match cmd.classification {
        Classification::Restricted if org_ids.is_empty() => {
            return Err(AppError::bad_input(
                "organisationIds",
                "name the organisations a restricted picture is for",
            ));
        }
        Classification::Restricted if !council_ids.is_empty() => {
            return Err(AppError::bad_input(
                "councilIds",
                "a restricted picture goes to named organisations only",
            ));
        }
        Classification::Open | Classification::Council if council_ids.is_empty() => {
            return Err(AppError::bad_input(
                "councilIds",
                "name the councils or networks it is shared with",
            ));
        }
        Classification::Council if !org_ids.is_empty() => {
            return Err(AppError::bad_input(
                "organisationIds",
                "a council picture goes to the named councils' members",
            ));
        }
        _ => {}
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
            && orgs.iter().any(|o| is_advisory_kind(&o.kind))
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
        status: Set(PictureStatus::Draft.as_str().to_owned()),
        classification: Set(cmd.classification.as_str().to_owned()),
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
        picture_share::Entity::insert_many(shares)
            .exec_without_returning(&txn)
            .await?;
    }
    let mut entries = vec![];
    for e in cmd.entries {
        entries.push(picture_entry::ActiveModel {
            id: Set(Uuid::now_v7()),
            picture_id: Set(picture.id),
            place_id: Set(e.place_id),
            category: Set(e.category.as_str().to_owned()),
            trend: Set(e.trend.as_str().to_owned()),
            perceived_safety: Set(e.perceived_safety),
            suspected_causes: Set(parse_optional_text(
                "entries",
                e.suspected_causes.as_deref(),
                MAX_TEXT,
            )?
            .unwrap_or_default()),
            measures: Set(
                parse_optional_text("entries", e.measures.as_deref(), MAX_TEXT)?
                    .unwrap_or_default(),
            ),
            responsible_organisation_id: Set(e.responsible_organisation_id),
        });
    }
    if !entries.is_empty() {
        picture_entry::Entity::insert_many(entries)
            .exec_without_returning(&txn)
            .await?;
    }
    audit::record(
        &txn,
        audit::Event {
            action: "picture.create",
            subject_type: "situation_picture",
            subject_id: picture.id,
            council_id: None,
            detail: json!({ "classification": picture.classification }),
            actor: Some(actor),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(picture)
}

/// Publishes a draft (the author organisation); the author's previous published picture
/// of the same area becomes superseded.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> AppResult<situation_picture::Model> {
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
    if current.status != PictureStatus::Draft.as_str() {
        return Err(AppError::conflict("id", "only a draft can be published"));
    }
    let now = Utc::now();
    situation_picture::Entity::update_many()
        .col_expr(
            situation_picture::Column::Status,
            Expr::value(PictureStatus::Superseded.as_str()),
        )
        .col_expr(situation_picture::Column::SupersededBy, Expr::value(id))
        .filter(situation_picture::Column::AuthorOrganisationId.eq(current.author_organisation_id))
        .filter(situation_picture::Column::Area.eq(current.area.clone()))
        .filter(situation_picture::Column::Status.eq(PictureStatus::Published.as_str()))
        .exec(&txn)
        .await?;
    let mut active: situation_picture::ActiveModel = current.into();
    active.status = Set(PictureStatus::Published.as_str().to_owned());
    active.published_at = Set(Some(now));
    active.updated_at = Set(now);
    let published = active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Event {
            action: "picture.publish",
            subject_type: "situation_picture",
            subject_id: id,
            council_id: None,
            detail: json!({}),
            actor: Some(actor),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(published)
}

/// One picture the reader may read, or NOT_FOUND; restricted reads are logged as `what`.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    what: &str,
) -> AppResult<situation_picture::Model> {
    let r = reader(db, actor).await?;
    let picture = situation_picture::Entity::find()
        .filter(situation_picture::Column::Id.eq(id))
        .filter(readable(&r))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("situation picture"))?;
    log_reads(db, &r, &[&picture], what).await?;
    Ok(picture)
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
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if search.chars().count() > 100 {
            return Err(AppError::bad_input(
                "search",
                "search for at most 100 characters",
            ));
        }
        let escaped = search
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
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
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    page: &PageRequest,
    filter: &PictureFilter,
) -> AppResult<Page<situation_picture::Model>> {
    let r = reader(db, actor).await?;
    let mut query = situation_picture::Entity::find().filter(filtered(&r, filter)?);
    if let Some(after) = &page.after {
        query = query.filter(situation_picture::Column::Id.lt(after.id));
    }
    let rows = query
        .order_by_desc(situation_picture::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    let page_rows = Page::from_rows(page, rows, |p| Cursor {
        key: String::new(),
        id: p.id,
    });
    log_reads(
        db,
        &r,
        &page_rows.items.iter().map(|(_, p)| p).collect::<Vec<_>>(),
        "list",
    )
    .await?;
    Ok(page_rows)
}

/// How many pictures the reader may read (with the same filter as [`list`]).
pub async fn count(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &PictureFilter,
) -> AppResult<u64> {
    let r = reader(db, actor).await?;
    Ok(situation_picture::Entity::find()
        .filter(filtered(&r, filter)?)
        .count(db)
        .await?)
}

/// Entries of pictures, for batch loading behind a readable picture.
pub async fn entries_of(
    db: &DatabaseConnection,
    picture_ids: &[Uuid],
) -> AppResult<Vec<picture_entry::Model>> {
    batch::rows_in::<picture_entry::Entity>(
        db,
        picture_entry::Column::PictureId,
        picture_ids,
        &[picture_entry::Column::Id],
    )
    .await
}

/// Places by id, for batch loading behind a readable entry.
pub async fn places_by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<place::Model>> {
    batch::rows_in::<place::Entity>(db, place::Column::Id, ids, &[]).await
}

/// Recipients of pictures, for batch loading behind a readable picture.
pub async fn shares_of(
    db: &DatabaseConnection,
    picture_ids: &[Uuid],
) -> AppResult<Vec<picture_share::Model>> {
    batch::rows_in::<picture_share::Entity>(db, picture_share::Column::PictureId, picture_ids, &[])
        .await
}

/// The access log of a picture (its author organisation only).
pub async fn access_log(
    db: &DatabaseConnection,
    actor: &Actor,
    picture: &situation_picture::Model,
) -> AppResult<Vec<picture_access_log::Model>> {
    if !actor
        .organisation_ids
        .contains(&picture.author_organisation_id)
    {
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
pub async fn geojson(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<String> {
    let picture = get(db, actor, id, "geojson").await?;
    let entries = entries_of(db, &[picture.id]).await?;
    let places: HashMap<Uuid, place::Model> =
        places_by_ids(db, &entries.iter().map(|e| e.place_id).collect::<Vec<_>>())
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let features = entries.iter().filter_map(|e| {
        let p = places.get(&e.place_id)?;
        let mut properties = geojson::JsonObject::new();
        properties.insert("name".into(), json!(p.name));
        properties.insert("district".into(), json!(p.district));
        properties.insert("category".into(), json!(e.category));
        properties.insert("trend".into(), json!(e.trend));
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
// Regional view

/// Per category, how many places are rising, stable and falling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryTrends {
    pub category: String,
    pub rising: u32,
    pub stable: u32,
    pub falling: u32,
}

/// One member's column in the regional view.
#[derive(Debug, Clone)]
pub struct RegionalColumn {
    pub organisation_id: Uuid,
    /// The member's latest published picture shared with the network itself (open, or
    /// council-classified with the network named): the same for every partner.
    pub picture: Option<situation_picture::Model>,
    /// A newer picture of the member that this reader may read but the network is not
    /// shown (restricted to the reader, or shared elsewhere): offered apart, marked.
    pub also_for_you: Option<situation_picture::Model>,
    /// Categories and trends of the shared picture.
    pub categories: Vec<CategoryTrends>,
}

/// The network's members side by side, as shown on the shared screen of a network
/// meeting: per member the latest picture shared with the network, the same for every
/// partner (a reader who may not read council pictures, such as an advisory body, sees
/// only the open ones), plus, apart, anything newer only this reader may read. A bounded
/// number of statements whatever the number of members and pictures.
pub async fn regional_view(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: Uuid,
) -> AppResult<Vec<RegionalColumn>> {
    // Every partner organisation of the network may look, seat or not.
    let r = reader(db, actor).await?;
    if !r.partner_councils.contains(&council_id) {
        return Err(AppError::NotFound("council"));
    }
    let network = council::Entity::find_by_id(council_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("council"))?;
    if network.kind != CouncilKind::RegionalNetwork.as_str() {
        return Err(AppError::bad_input(
            "councilId",
            "the regional view is for regional networks",
        ));
    }
    let members: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory.as_str()))
        .order_by_asc(membership::Column::JoinedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    let shared_with_network = Condition::all()
        .add(readable(&r))
        .add(situation_picture::Column::Classification.is_in([
            Classification::Open.as_str(),
            Classification::Council.as_str(),
        ]))
        .add(situation_picture::Column::Id.in_subquery(shares_where(
            Condition::all().add(picture_share::Column::CouncilId.eq(council_id)),
        )));
    let shared = latest_per_member(db, &members, shared_with_network).await?;
    let readable_latest = latest_per_member(db, &members, readable(&r)).await?;
    let mut columns: Vec<RegionalColumn> = members
        .iter()
        .map(|org| {
            let picture = shared.get(org).cloned();
            let also_for_you = readable_latest
                .get(org)
                .filter(|p| {
                    picture
                        .as_ref()
                        .is_none_or(|s| s.id != p.id && p.published_at >= s.published_at)
                })
                .cloned();
            RegionalColumn {
                organisation_id: *org,
                picture,
                also_for_you,
                categories: vec![],
            }
        })
        .collect();
    let shown: Vec<&situation_picture::Model> = columns
        .iter()
        .flat_map(|c| c.picture.iter().chain(c.also_for_you.iter()))
        .collect();
    log_reads(db, &r, &shown, "regional_view").await?;
    let shared_ids: Vec<Uuid> = columns
        .iter()
        .filter_map(|c| c.picture.as_ref().map(|p| p.id))
        .collect();
    let entries = entries_of(db, &shared_ids).await?;
    for column in &mut columns {
        let Some(p) = &column.picture else { continue };
        let mut by_category: BTreeMap<String, CategoryTrends> = BTreeMap::new();
        for e in entries.iter().filter(|e| e.picture_id == p.id) {
            let c = by_category
                .entry(e.category.clone())
                .or_insert_with(|| CategoryTrends {
                    category: e.category.clone(),
                    ..Default::default()
                });
            match Trend::parse(&e.trend) {
                Ok(Trend::Rising) => c.rising += 1,
                Ok(Trend::Stable) => c.stable += 1,
                Ok(Trend::Falling) => c.falling += 1,
                Err(_) => {}
            }
        }
        column.categories = by_category.into_values().collect();
    }
    Ok(columns)
}

/// Each member's latest published picture that meets `condition`, found in the
/// database: a member whose latest picture is older than many of the others' still has
/// its column. Two statements whatever the number of members.
async fn latest_per_member(
    db: &DatabaseConnection,
    members: &[Uuid],
    condition: Condition,
) -> AppResult<HashMap<Uuid, situation_picture::Model>> {
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    use situation_picture::Column as P;
    let latest = Query::select()
        .column(P::AuthorOrganisationId)
        .expr(Func::max(Expr::col(P::PublishedAt)))
        .from(situation_picture::Entity)
        .cond_where(condition.clone())
        .and_where(P::Status.eq(PictureStatus::Published.as_str()))
        .and_where(P::AuthorOrganisationId.is_in(members.to_vec()))
        .group_by_col(P::AuthorOrganisationId)
        .to_owned();
    let pictures = situation_picture::Entity::find()
        .filter(condition)
        .filter(P::Status.eq(PictureStatus::Published.as_str()))
        .filter(sea_orm::sea_query::ExprTrait::in_subquery(
            Expr::tuple([
                Expr::col(P::AuthorOrganisationId),
                Expr::col(P::PublishedAt),
            ]),
            latest,
        ))
        .order_by_desc(P::PublishedAt)
        .order_by_desc(P::Id)
        .limit(members.len() as u64 * 4)
        .all(db)
        .await?;
    let mut latest: HashMap<Uuid, situation_picture::Model> = HashMap::new();
    for p in pictures {
        latest.entry(p.author_organisation_id).or_insert(p);
    }
    Ok(latest)
}

// ---------------------------------------------------------------------------------
// Cadence

/// A period in which no joint picture was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissedPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Sets a partnership's cadence (its secretariat).
pub async fn set_cadence(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: Uuid,
    interval_days: i32,
    starts_on: NaiveDate,
) -> AppResult<picture_cadence::Model> {
    policy::require_manage(actor, council_id)?;
    if !(1..=366).contains(&interval_days) {
        return Err(AppError::bad_input(
            "intervalDays",
            "between 1 and 366 days",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    picture_cadence::Entity::delete_many()
        .filter(picture_cadence::Column::CouncilId.eq(council_id))
        .exec(&txn)
        .await?;
    let cadence = picture_cadence::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(council_id),
        interval_days: Set(interval_days),
        starts_on: Set(starts_on),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(cadence)
}

/// The periods of the cadence, ended before `today`, in which none of the given pictures
/// (period starts) falls.
pub fn missed_periods(
    cadence: &picture_cadence::Model,
    picture_starts: &[NaiveDate],
    today: NaiveDate,
) -> Vec<MissedPeriod> {
    let step = Duration::days(i64::from(cadence.interval_days.max(1)));
    let mut start = cadence.starts_on;
    let mut missed = vec![];
    while start + step <= today && missed.len() < 1000 {
        let end = start + step - Duration::days(1);
        if !picture_starts.iter().any(|d| *d >= start && *d <= end) {
            missed.push(MissedPeriod { start, end });
        }
        start += step;
    }
    missed
}

/// A partnership's cadence and the periods missed so far, counting only joint pictures
/// the reader may read (members and secretariat).
pub async fn cadence(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: Uuid,
) -> AppResult<Option<(picture_cadence::Model, Vec<MissedPeriod>)>> {
    let access = policy::require_council(actor, council_id)?;
    if access < CouncilAccess::Member {
        return Err(AppError::Forbidden);
    }
    let Some(cadence) = picture_cadence::Entity::find()
        .filter(picture_cadence::Column::CouncilId.eq(council_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let r = reader(db, actor).await?;
    let starts: Vec<NaiveDate> = situation_picture::Entity::find()
        .filter(readable(&r))
        .filter(situation_picture::Column::PartnershipCouncilId.eq(council_id))
        .filter(situation_picture::Column::Status.ne(PictureStatus::Draft.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.period_start)
        .collect();
    let missed = missed_periods(&cadence, &starts, time::today());
    Ok(Some((cadence, missed)))
}

// ---------------------------------------------------------------------------------
// Requests

/// An organisation asks another for a picture or information.
pub async fn create_request(
    db: &DatabaseConnection,
    actor: &Actor,
    from: Option<Uuid>,
    to: Uuid,
    topic: &str,
    details: Option<&str>,
    due_on: NaiveDate,
) -> AppResult<info_request::Model> {
    let from = acting_org(actor, from)?;
    let topic = parse_name("topic", topic, 200)?;
    let details = parse_optional_text("details", details, MAX_TEXT)?.unwrap_or_default();
    if to == from {
        return Err(AppError::bad_input(
            "toOrganisationId",
            "ask another organisation than your own",
        ));
    }
    // Requests go between partners; anyone else answers as an unknown id.
    if !partners_among(db, from, &[to]).await?.contains(&to) {
        return Err(AppError::NotFound("organisation"));
    }
    if due_on < time::today() {
        return Err(AppError::bad_input("dueOn", "the due date has passed"));
    }
    Ok(info_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        from_organisation_id: Set(from),
        to_organisation_id: Set(to),
        topic: Set(topic),
        details: Set(details),
        due_on: Set(due_on),
        status: Set(RequestStatus::Open.as_str().to_owned()),
        answer_picture_id: Set(None),
        answer_text: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
        answered_at: Set(None),
    }
    .insert(db)
    .await?)
}

/// Requests to or from the actor's organisations, by due date.
pub async fn requests(
    db: &DatabaseConnection,
    actor: &Actor,
    status: Option<RequestStatus>,
) -> AppResult<Vec<info_request::Model>> {
    if actor.organisation_ids.is_empty() {
        return Ok(vec![]);
    }
    let mut query = info_request::Entity::find().filter(
        Condition::any()
            .add(info_request::Column::FromOrganisationId.is_in(actor.organisation_ids.clone()))
            .add(info_request::Column::ToOrganisationId.is_in(actor.organisation_ids.clone())),
    );
    if let Some(status) = status {
        query = query.filter(info_request::Column::Status.eq(status.as_str()));
    }
    Ok(query
        .order_by_asc(info_request::Column::DueOn)
        .limit(500)
        .all(db)
        .await?)
}

/// The asked organisation answers, with a picture it may read and/or a text.
pub async fn answer_request(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    picture_id: Option<Uuid>,
    text: Option<&str>,
) -> AppResult<info_request::Model> {
    let request = info_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| {
            actor.organisation_ids.contains(&r.from_organisation_id)
                || actor.organisation_ids.contains(&r.to_organisation_id)
        })
        .ok_or(AppError::NotFound("request"))?;
    if !actor.organisation_ids.contains(&request.to_organisation_id) {
        return Err(AppError::NotFound("request"));
    }
    if request.status != RequestStatus::Open.as_str() {
        return Err(AppError::conflict("id", "the request is no longer open"));
    }
    let text = parse_optional_text("text", text, MAX_TEXT)?;
    if picture_id.is_none() && text.is_none() {
        return Err(AppError::bad_input(
            "text",
            "answer with a picture or a text",
        ));
    }
    if let Some(p) = picture_id {
        get(db, actor, p, "request_answer")
            .await
            .map_err(|_| AppError::bad_input("pictureId", "unknown situation picture"))?;
    }
    let mut active: info_request::ActiveModel = request.into();
    active.status = Set(RequestStatus::Answered.as_str().to_owned());
    active.answer_picture_id = Set(picture_id);
    active.answer_text = Set(text);
    active.answered_at = Set(Some(Utc::now()));
    Ok(active.update(db).await?)
}

/// The answer picture of a request, if the reader may read it (otherwise nothing).
pub async fn request_picture(
    db: &DatabaseConnection,
    actor: &Actor,
    request: &info_request::Model,
) -> AppResult<Option<situation_picture::Model>> {
    match request.answer_picture_id {
        None => Ok(None),
        Some(p) => match get(db, actor, p, "request").await {
            Ok(picture) => Ok(Some(picture)),
            Err(AppError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        },
    }
}

// ---------------------------------------------------------------------------------
// Good practices

/// A good practice to share with a network.
#[derive(Debug, Clone)]
pub struct NewPractice {
    pub council_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub title: String,
    pub problem: String,
    pub what_was_done: String,
    pub result: String,
    pub contact: String,
    pub tags: Vec<String>,
}

/// Shares a good practice with a council or network the organisation is part of.
pub async fn share_practice(
    db: &DatabaseConnection,
    actor: &Actor,
    cmd: NewPractice,
) -> AppResult<good_practice::Model> {
    let org = acting_org(actor, cmd.organisation_id)?;
    let partner = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(cmd.council_id))
        .filter(membership::Column::OrganisationId.eq(org))
        .filter(membership::Column::LeftOn.is_null())
        .count(db)
        .await?;
    if partner == 0 {
        return Err(AppError::NotFound("council"));
    }
    let mut tags: Vec<String> = cmd
        .tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    if tags.len() > 20
        || tags
            .iter()
            .any(|t| t.chars().count() > 40 || t.contains('"'))
    {
        return Err(AppError::bad_input(
            "tags",
            "at most 20 tags of at most 40 characters",
        ));
    }
    Ok(
        good_practice::ActiveModel {
            id: Set(Uuid::now_v7()),
            council_id: Set(cmd.council_id),
            organisation_id: Set(org),
            title: Set(parse_name("title", &cmd.title, 200)?),
            problem: Set(
                parse_optional_text("problem", Some(&cmd.problem), MAX_TEXT)?.unwrap_or_default(),
            ),
            what_was_done: Set(parse_optional_text(
                "whatWasDone",
                Some(&cmd.what_was_done),
                MAX_TEXT,
            )?
            .unwrap_or_default()),
            result: Set(
                parse_optional_text("result", Some(&cmd.result), MAX_TEXT)?.unwrap_or_default()
            ),
            contact: Set(
                parse_optional_text("contact", Some(&cmd.contact), 300)?.unwrap_or_default()
            ),
            tags: Set(json!(tags).to_string()),
            created_by: Set(actor.user_id),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await?,
    )
}

/// Good practices in the reader's councils and networks, newest first, by tag and text.
pub async fn practices(
    db: &DatabaseConnection,
    actor: &Actor,
    page: &PageRequest,
    tag: Option<&str>,
    text: Option<&str>,
) -> AppResult<Page<good_practice::Model>> {
    use sea_orm::sea_query::ExprTrait as _;
    let r = reader(db, actor).await?;
    let mut query = good_practice::Entity::find()
        .filter(good_practice::Column::CouncilId.is_in(r.partner_councils.clone()));
    if let Some(after) = &page.after {
        query = query.filter(good_practice::Column::Id.lt(after.id));
    }
    let escape = |s: &str| {
        s.to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    };
    if let Some(tag) = tag.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%\"{}\"%", escape(tag));
        query = query.filter(
            Expr::col(good_practice::Column::Tags)
                .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
        );
    }
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        if text.chars().count() > 100 {
            return Err(AppError::bad_input(
                "search",
                "search for at most 100 characters",
            ));
        }
        let pattern = format!("%{}%", escape(text));
        let like = |col: good_practice::Column| {
            Expr::expr(Func::lower(Expr::col((good_practice::Entity, col))))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(good_practice::Column::Title))
                .add(like(good_practice::Column::Problem))
                .add(like(good_practice::Column::WhatWasDone))
                .add(like(good_practice::Column::Result)),
        );
    }
    let rows = query
        .order_by_desc(good_practice::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(Page::from_rows(page, rows, |p| Cursor {
        key: String::new(),
        id: p.id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn missed_periods_of_a_fortnightly_cadence() {
        let cadence = picture_cadence::Model {
            id: Uuid::nil(),
            council_id: Uuid::nil(),
            interval_days: 14,
            starts_on: d(2026, 1, 5),
        };
        let pictures = [d(2026, 1, 6), d(2026, 2, 3)];
        let missed = missed_periods(&cadence, &pictures, d(2026, 2, 16));
        assert_eq!(
            missed,
            vec![MissedPeriod {
                start: d(2026, 1, 19),
                end: d(2026, 2, 1)
            }]
        );
    }

    #[test]
    fn coordinates_are_validated() {
        assert!(Coordinates::parse(60.67, 17.14).is_ok());
        assert!(Coordinates::parse(91.0, 17.14).is_err());
        assert!(Coordinates::parse(60.0, -181.0).is_err());
        assert!(Coordinates::parse(f64::NAN, 0.0).is_err());
    }

    #[test]
    fn follow_ups_four_a_year() {
        let p = place::Model {
            id: Uuid::nil(),
            owner_organisation_id: Uuid::nil(),
            name: "Centralstationen".into(),
            district: None,
            municipality_code: None,
            latitude: 60.67,
            longitude: 17.14,
            follow_ups_per_year: Some(4),
            created_at: Utc::now(),
        };
        assert_eq!(
            next_follow_up_due(&p, Some(d(2026, 1, 1))),
            Some(d(2026, 4, 2))
        );
    }
}
