//! Promises, their texts (pledges), signatories and activity plan, and their lifecycle:
//! draft → signed → in progress → followed up → closed. The partnership's secretariat
//! writes the plan while it is a draft; once signed, the plan is what was promised and
//! only its status and publication change.

use crate::domain::prelude::*;
use chrono::{Datelike, NaiveDate};
use entity::{
    activity_responsible, activity_scope, membership, promise, promise_activity, promise_pledge,
    promise_signatory,
};

use super::{
    areas,
    compliance::{self, Scope},
};
use crate::domain::{
    audit,
    policy::{self, CouncilAccess},
    types::{
        AreaKind, MembershipRole, PromiseStatus, ScopeRule, ScopeSource, parse_name,
        parse_optional_text,
    },
};

/// The longest text of a pledge or an activity.
pub const MAX_TEXT: usize = 4000;
/// The longest period a promise may run, in years.
pub const MAX_YEARS: i32 = 10;
/// The most pledges, activities per promise, scopes per activity and signatories.
pub const MAX_PLEDGES: usize = 20;
pub const MAX_ACTIVITIES: usize = 50;
pub const MAX_SCOPES: usize = 5;
pub const MAX_SIGNATORIES: usize = 20;

/// A promise the actor may see, with how much of it.
#[derive(Debug, Clone)]
pub struct PromiseView {
    pub model: promise::Model,
    pub access: CouncilAccess,
}

impl PromiseView {
    /// May change the plan, status and publication.
    pub fn can_manage(&self) -> bool {
        self.access == CouncilAccess::Manage
    }
}

/// One promise, or NOT_FOUND when it does not exist or the actor may not see it.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %id))]
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<PromiseView> {
    let model =
        promise::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("promise"))?;
    let access = policy::promise_access(actor, model.council_id, model.status)
        .ok_or(AppError::NotFound("promise"))?;
    Ok(PromiseView { model, access })
}

/// One promise the actor manages, or NOT_FOUND (as for an unknown id).
/// Locked for the rest of the caller's transaction, so that a plan is not changed while it
/// is being signed (PostgreSQL; SQLite writes one at a time anyway).
pub(super) async fn managed(
    db: &impl ConnectionTrait, actor: &Actor, id: Uuid,
) -> AppResult<promise::Model> {
    let model = promise::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(AppError::NotFound("promise"))?;
    match policy::promise_access(actor, model.council_id, model.status) {
        Some(CouncilAccess::Manage) => Ok(model),
        _ => Err(AppError::NotFound("promise")),
    }
}

/// A managed promise that is still a draft; CONFLICT once signed.
async fn draft(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<promise::Model> {
    let model = managed(db, actor, id).await?;
    if model.status != PromiseStatus::Draft {
        return Err(AppError::conflict("status", "a signed promise's plan cannot change"));
    }
    Ok(model)
}

/// The promises of a partnership the actor may see, newest first.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn of_council(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid, page: &PageRequest,
) -> AppResult<Page<PromiseView>> {
    let access = policy::require_council(actor, council_id)?;
    let mut query = promise::Entity::find().filter(promise::Column::CouncilId.eq(council_id));
    match access {
        CouncilAccess::Manage => {}
        CouncilAccess::Member => {
            query = query.filter(promise::Column::Status.ne(PromiseStatus::Draft));
        }
        // Advisory bodies see promises on their public pages only.
        CouncilAccess::Advisory => {
            return Ok(Page::from_rows(page, vec![], |p: &PromiseView| Cursor {
                key: String::new(),
                id: p.model.id,
            }));
        }
    }
    if let Some(after) = &page.after {
        query = query.filter(promise::Column::Id.lt(after.id));
    }
    let rows = query.order_by_desc(promise::Column::Id).limit(page.limit()).all(db).await?;
    let rows: Vec<PromiseView> = rows
        .into_iter()
        .filter_map(|model| {
            policy::promise_access(actor, model.council_id, model.status)
                .map(|access| PromiseView { model, access })
        })
        .collect();
    Ok(Page::from_rows(page, rows, |p| Cursor { key: String::new(), id: p.model.id }))
}

/// The organisations taking part in a partnership now (not advisory bodies).
pub(super) async fn partners(db: &impl ConnectionTrait, council_id: Uuid) -> AppResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// A new promise with its pledges.
#[derive(Debug, Clone)]
pub struct NewPromise {
    pub council_id: Uuid,
    pub municipality_id: Uuid,
    pub title: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub follow_up_on: NaiveDate,
    pub pledges: Vec<String>,
}

/// The years a promise's dates may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn check_period(from: NaiveDate, to: NaiveDate, follow_up_on: NaiveDate) -> AppResult<()> {
    for (field, day) in [("periodFrom", from), ("periodTo", to), ("followUpOn", follow_up_on)] {
        if !YEARS.contains(&day.year()) {
            return Err(AppError::bad_input(field, "a date between the years 2000 and 2100"));
        }
    }
    if to < from {
        return Err(AppError::bad_input("periodTo", "the period ends after it starts"));
    }
    if to.year() - from.year() >= MAX_YEARS {
        return Err(AppError::bad_input(
            "periodTo",
            format!("a promise runs at most {MAX_YEARS} years"),
        ));
    }
    if follow_up_on < from || follow_up_on.year() > to.year() + 1 {
        return Err(AppError::bad_input(
            "followUpOn",
            "the follow-up is within the period or the year after it",
        ));
    }
    Ok(())
}

fn pledge_text(field: &'static str, text: &str) -> AppResult<String> {
    parse_optional_text(field, Some(text), MAX_TEXT)?
        .ok_or_else(|| AppError::bad_input(field, "a pledge must not be empty"))
}

/// Drafts a promise of a partnership (its secretariat). The municipality whose areas it
/// counts per must be one of the partners.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create(
    db: &DatabaseConnection, actor: &Actor, cmd: NewPromise,
) -> AppResult<promise::Model> {
    policy::require_manage(actor, cmd.council_id)?;
    let title = parse_name("title", &cmd.title, 200)?;
    check_period(cmd.period_from, cmd.period_to, cmd.follow_up_on)?;
    if cmd.pledges.is_empty() || cmd.pledges.len() > MAX_PLEDGES {
        return Err(AppError::bad_input(
            "pledges",
            format!("a promise has 1 to {MAX_PLEDGES} pledges"),
        ));
    }
    let pledges =
        cmd.pledges.iter().map(|p| pledge_text("pledges", p)).collect::<AppResult<Vec<_>>>()?;
    let txn = crate::db::begin_write(db).await?;
    let not_partner = || {
        AppError::bad_input(
            "municipalityId",
            "choose a municipality that takes part in the partnership",
        )
    };
    areas::municipality(&txn, cmd.municipality_id).await.map_err(|e| match e {
        AppError::NotFound(_) => not_partner(),
        other => other,
    })?;
    if !partners(&txn, cmd.council_id).await?.contains(&cmd.municipality_id) {
        return Err(not_partner());
    }
    let now = Utc::now();
    let model = promise::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(cmd.council_id),
        municipality_id: Set(cmd.municipality_id),
        title: Set(title),
        period_from: Set(cmd.period_from),
        period_to: Set(cmd.period_to),
        follow_up_on: Set(cmd.follow_up_on),
        status: Set(PromiseStatus::Draft),
        published_at: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    for (position, text) in pledges.into_iter().enumerate() {
        insert_pledge(&txn, model.id, position, text).await?;
    }
    audit::Event::new(actor, "promise.create", ("promise", model.id))
        .in_council(model.council_id)
        .detail(json!({ "title": model.title }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

async fn insert_pledge(
    db: &impl ConnectionTrait, promise_id: Uuid, position: usize, text: String,
) -> AppResult<promise_pledge::Model> {
    Ok(promise_pledge::ActiveModel {
        id: Set(Uuid::now_v7()),
        promise_id: Set(promise_id),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        text: Set(text),
    }
    .insert(db)
    .await?)
}

/// Changes a draft's title, period and follow-up date (its secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %id))]
pub async fn update(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, title: &str, period_from: NaiveDate,
    period_to: NaiveDate, follow_up_on: NaiveDate,
) -> AppResult<promise::Model> {
    let title = parse_name("title", title, 200)?;
    check_period(period_from, period_to, follow_up_on)?;
    let txn = crate::db::begin_write(db).await?;
    let model = draft(&txn, actor, id).await?;
    let outside = promise_activity::Entity::find()
        .filter(promise_activity::Column::PromiseId.eq(id))
        .filter(
            Condition::any()
                .add(promise_activity::Column::PeriodFrom.lt(period_from))
                .add(promise_activity::Column::PeriodTo.gt(period_to)),
        )
        .count(&txn)
        .await?;
    if outside > 0 {
        return Err(AppError::bad_input("periodFrom", "an activity runs outside the new period"));
    }
    let mut row: promise::ActiveModel = model.into();
    row.title = Set(title);
    row.period_from = Set(period_from);
    row.period_to = Set(period_to);
    row.follow_up_on = Set(follow_up_on);
    row.updated_at = Set(Utc::now());
    let model = row.update(&txn).await?;
    audit::Event::new(actor, "promise.update", ("promise", id))
        .in_council(model.council_id)
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// Adds a pledge to a draft (its secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %promise_id))]
pub async fn add_pledge(
    db: &DatabaseConnection, actor: &Actor, promise_id: Uuid, text: &str,
) -> AppResult<promise_pledge::Model> {
    let text = pledge_text("text", text)?;
    let txn = crate::db::begin_write(db).await?;
    let model = draft(&txn, actor, promise_id).await?;
    let count = promise_pledge::Entity::find()
        .filter(promise_pledge::Column::PromiseId.eq(promise_id))
        .count(&txn)
        .await? as usize;
    if count >= MAX_PLEDGES {
        return Err(AppError::bad_input(
            "pledges",
            format!("a promise has 1 to {MAX_PLEDGES} pledges"),
        ));
    }
    let pledge = insert_pledge(&txn, promise_id, count, text).await?;
    audit::Event::new(actor, "promise.pledge", ("promise", promise_id))
        .in_council(model.council_id)
        .record(&txn)
        .await?;
    crate::live::commit(txn, pledge).await
}

/// A countable scope as asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewScope {
    pub rule: ScopeRule,
    pub n: Option<i32>,
    pub weeks: Option<i32>,
    pub area_kind: Option<AreaKind>,
    pub source: Option<ScopeSource>,
}

/// A new activity of a draft's plan.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub promise_id: Uuid,
    pub pledge_id: Uuid,
    pub text: String,
    pub responsible: Vec<Uuid>,
    pub responsible_unit: Option<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
    pub internal: bool,
    pub scopes: Vec<NewScope>,
}

/// The scope a stored row says, for counting; a row that cannot be counted is corrupt.
pub fn scope_of(row: &activity_scope::Model) -> AppResult<Scope> {
    let n = || {
        row.n
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("scope {} has no number", row.id)))
    };
    Ok(match row.rule {
        ScopeRule::PerArea => Scope::PerArea {
            n: n()?,
            kind: row.area_kind.ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("scope {} has no area kind", row.id))
            })?,
        },
        ScopeRule::PerYear => Scope::PerYear { n: n()? },
        ScopeRule::PerPlace => Scope::PerPlace { n: n()? },
        ScopeRule::EveryWeeks => Scope::EveryWeeks {
            k: row.weeks.and_then(|k| u32::try_from(k).ok()).ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("scope {} has no run of weeks", row.id))
            })?,
        },
        ScopeRule::AsNeeded => Scope::AsNeeded,
    })
}

/// Checks a scope as asked for against the municipality's areas; BAD_USER_INPUT on
/// `scopes` for a rule that cannot be counted.
fn checked_scope(s: &NewScope, areas: &[compliance::Area]) -> AppResult<(Scope, ScopeSource)> {
    let bad = |why: &str| AppError::bad_input("scopes", why.to_owned());
    let n = || {
        s.n.and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| bad("the rule asks for at least one (n ≥ 1)"))
    };
    let scope = match s.rule {
        ScopeRule::PerArea => Scope::PerArea {
            n: n()?,
            kind: s.area_kind.ok_or_else(|| bad("say which kind of area it counts per"))?,
        },
        ScopeRule::PerYear => Scope::PerYear { n: n()? },
        ScopeRule::PerPlace => Scope::PerPlace { n: n()? },
        ScopeRule::EveryWeeks => Scope::EveryWeeks {
            k: s.weeks
                .and_then(|k| u32::try_from(k).ok())
                .ok_or_else(|| bad("a run is 1 to 52 weeks"))?,
        },
        ScopeRule::AsNeeded => Scope::AsNeeded,
    };
    scope.check(areas).map_err(|e| match e {
        AppError::BadInput { message, .. } => AppError::bad_input("scopes", message),
        other => other,
    })?;
    let source = match (s.rule, s.source) {
        (ScopeRule::PerPlace, None | Some(ScopeSource::PlaceFollowUps)) => {
            ScopeSource::PlaceFollowUps
        }
        (ScopeRule::PerPlace, Some(_)) => {
            return Err(bad("a rule per place counts place follow-ups"));
        }
        (_, Some(ScopeSource::PlaceFollowUps)) => {
            return Err(bad("place follow-ups count only for a rule per place"));
        }
        (ScopeRule::PerArea, Some(ScopeSource::JointPictures)) => {
            return Err(bad("joint pictures are not counted per area"));
        }
        (_, source) => source.unwrap_or(ScopeSource::Occasions),
    };
    Ok((scope, source))
}

/// Adds an activity to a draft's plan (its secretariat): what is done, by whom, when, and
/// the scopes that can be counted. The responsible organisations are partners of the
/// partnership.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %cmd.promise_id))]
pub async fn add_activity(
    db: &DatabaseConnection, actor: &Actor, cmd: NewActivity,
) -> AppResult<promise_activity::Model> {
    let text = parse_optional_text("text", Some(&cmd.text), MAX_TEXT)?
        .ok_or_else(|| AppError::bad_input("text", "say what the activity is"))?;
    let unit = parse_optional_text("responsibleUnit", cmd.responsible_unit.as_deref(), 120)?;
    if cmd.scopes.is_empty() || cmd.scopes.len() > MAX_SCOPES {
        return Err(AppError::bad_input(
            "scopes",
            format!("an activity has 1 to {MAX_SCOPES} scopes"),
        ));
    }
    let mut responsible = cmd.responsible.clone();
    responsible.sort_unstable();
    responsible.dedup();
    if responsible.is_empty() || responsible.len() > 10 {
        return Err(AppError::bad_input(
            "responsibleOrganisationIds",
            "name 1 to 10 responsible organisations",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = draft(&txn, actor, cmd.promise_id).await?;
    let from = cmd.period_from.unwrap_or(model.period_from);
    let to = cmd.period_to.unwrap_or(model.period_to);
    if to < from || from < model.period_from || to > model.period_to {
        return Err(AppError::bad_input(
            "periodFrom",
            "an activity runs within the promise's period",
        ));
    }
    let follow_up_on = cmd.follow_up_on.unwrap_or(model.follow_up_on);
    if follow_up_on < from {
        return Err(AppError::bad_input(
            "followUpOn",
            "the follow-up comes after the activity starts",
        ));
    }
    let pledge = promise_pledge::Entity::find_by_id(cmd.pledge_id)
        .one(&txn)
        .await?
        .filter(|p| p.promise_id == model.id)
        .ok_or(AppError::NotFound("pledge"))?;
    let partners = partners(&txn, model.council_id).await?;
    if responsible.iter().any(|o| !partners.contains(o)) {
        return Err(AppError::NotFound("organisation"));
    }
    let areas: Vec<compliance::Area> = areas::all_of(&txn, model.municipality_id)
        .await?
        .iter()
        .map(|a| compliance::Area { id: a.id, kind: a.kind })
        .collect();
    let scopes =
        cmd.scopes.iter().map(|s| checked_scope(s, &areas)).collect::<AppResult<Vec<_>>>()?;
    let existing: Vec<i32> = promise_activity::Entity::find()
        .select_only()
        .column(promise_activity::Column::Position)
        .filter(promise_activity::Column::PromiseId.eq(model.id))
        .into_tuple()
        .all(&txn)
        .await?;
    let count = existing.len();
    let position = existing.iter().max().map_or(0, |p| p.saturating_add(1));
    if count >= MAX_ACTIVITIES {
        return Err(AppError::bad_input(
            "text",
            format!("a plan has at most {MAX_ACTIVITIES} activities"),
        ));
    }
    let activity = promise_activity::ActiveModel {
        id: Set(Uuid::now_v7()),
        promise_id: Set(model.id),
        pledge_id: Set(pledge.id),
        position: Set(position),
        text: Set(text),
        responsible_unit: Set(unit),
        period_from: Set(from),
        period_to: Set(to),
        follow_up_on: Set(follow_up_on),
        internal: Set(cmd.internal),
    }
    .insert(&txn)
    .await?;
    for org in responsible {
        activity_responsible::ActiveModel {
            activity_id: Set(activity.id),
            organisation_id: Set(org),
        }
        .insert(&txn)
        .await?;
    }
    for (position, (scope, source)) in scopes.into_iter().enumerate() {
        let (rule, n, weeks, area_kind) = match scope {
            Scope::PerArea { n, kind } => (ScopeRule::PerArea, Some(n), None, Some(kind)),
            Scope::PerYear { n } => (ScopeRule::PerYear, Some(n), None, None),
            Scope::PerPlace { n } => (ScopeRule::PerPlace, Some(n), None, None),
            Scope::EveryWeeks { k } => (ScopeRule::EveryWeeks, None, Some(k), None),
            Scope::AsNeeded => (ScopeRule::AsNeeded, None, None, None),
        };
        let int = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        activity_scope::ActiveModel {
            id: Set(Uuid::now_v7()),
            activity_id: Set(activity.id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            rule: Set(rule),
            n: Set(n.map(int)),
            weeks: Set(weeks.map(int)),
            area_kind: Set(area_kind),
            source: Set(source),
        }
        .insert(&txn)
        .await?;
    }
    audit::Event::new(actor, "promise.activity", ("promise", model.id))
        .in_council(model.council_id)
        .detail(json!({ "activity": activity.id }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, activity).await
}

/// Removes an activity from a draft's plan (its secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, activity_id = %id))]
pub async fn remove_activity(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<Uuid> {
    let txn = crate::db::begin_write(db).await?;
    let activity = promise_activity::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("activity"))?;
    let model = draft(&txn, actor, activity.promise_id).await.map_err(|e| match e {
        AppError::NotFound(_) => AppError::NotFound("activity"),
        other => other,
    })?;
    promise_activity::Entity::delete_by_id(id).exec(&txn).await?;
    audit::Event::new(actor, "promise.activity.remove", ("promise", model.id))
        .in_council(model.council_id)
        .detail(json!({ "activity": id }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model.id).await
}

/// A signatory as written under the promise.
#[derive(Debug, Clone)]
pub struct NewSignatory {
    pub promise_id: Uuid,
    pub name: String,
    pub title: String,
    pub organisation_id: Uuid,
    pub signed_on: NaiveDate,
}

/// Adds a signatory to a draft (its secretariat); the organisation is a partner.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %cmd.promise_id))]
pub async fn add_signatory(
    db: &DatabaseConnection, actor: &Actor, cmd: NewSignatory,
) -> AppResult<promise_signatory::Model> {
    let name = parse_name("name", &cmd.name, 200)?;
    let title = parse_name("title", &cmd.title, 200)?;
    if cmd.signed_on > crate::domain::time::today() {
        return Err(AppError::bad_input("signedOn", "a signature cannot be in the future"));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = draft(&txn, actor, cmd.promise_id).await?;
    if !partners(&txn, model.council_id).await?.contains(&cmd.organisation_id) {
        return Err(AppError::NotFound("organisation"));
    }
    let count = promise_signatory::Entity::find()
        .filter(promise_signatory::Column::PromiseId.eq(model.id))
        .count(&txn)
        .await? as usize;
    if count >= MAX_SIGNATORIES {
        return Err(AppError::bad_input("name", format!("at most {MAX_SIGNATORIES} signatories")));
    }
    let signatory = promise_signatory::ActiveModel {
        id: Set(Uuid::now_v7()),
        promise_id: Set(model.id),
        name: Set(name),
        title: Set(title),
        organisation_id: Set(cmd.organisation_id),
        signed_on: Set(cmd.signed_on),
    }
    .insert(&txn)
    .await?;
    audit::Event::new(actor, "promise.signatory", ("promise", model.id))
        .in_council(model.council_id)
        .record(&txn)
        .await?;
    crate::live::commit(txn, signatory).await
}

/// The one rule for a promise's lifecycle: each status leads to the next, and only there.
pub fn next_status(from: PromiseStatus) -> Option<PromiseStatus> {
    match from {
        PromiseStatus::Draft => Some(PromiseStatus::Signed),
        PromiseStatus::Signed => Some(PromiseStatus::InProgress),
        PromiseStatus::InProgress => Some(PromiseStatus::FollowedUp),
        PromiseStatus::FollowedUp => Some(PromiseStatus::Closed),
        PromiseStatus::Closed => None,
    }
}

/// Moves a promise to its next status (its secretariat). Signing needs at least one
/// activity and one signatory; anything but the next status is a CONFLICT.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %id))]
pub async fn set_status(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, to: PromiseStatus,
) -> AppResult<promise::Model> {
    let txn = crate::db::begin_write(db).await?;
    let model = managed(&txn, actor, id).await?;
    if next_status(model.status) != Some(to) {
        return Err(AppError::conflict("status", "a promise moves to its next status only"));
    }
    if to == PromiseStatus::Signed {
        let activities = promise_activity::Entity::find()
            .filter(promise_activity::Column::PromiseId.eq(id))
            .count(&txn)
            .await?;
        let signatories = promise_signatory::Entity::find()
            .filter(promise_signatory::Column::PromiseId.eq(id))
            .count(&txn)
            .await?;
        if activities == 0 || signatories == 0 {
            return Err(AppError::conflict(
                "status",
                "a promise is signed with at least one activity and one signatory",
            ));
        }
    }
    let from = model.status;
    let mut row: promise::ActiveModel = model.into();
    row.status = Set(to);
    row.updated_at = Set(Utc::now());
    let model = row.update(&txn).await?;
    audit::Event::new(actor, "promise.status", ("promise", id))
        .in_council(model.council_id)
        .detail(json!({ "from": format!("{from:?}"), "to": format!("{to:?}") }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// Publishes a signed promise to citizens, or takes it down (its secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %id))]
pub async fn set_published(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, published: bool,
) -> AppResult<promise::Model> {
    let txn = crate::db::begin_write(db).await?;
    let model = managed(&txn, actor, id).await?;
    if published && model.status == PromiseStatus::Draft {
        return Err(AppError::conflict("status", "only a signed promise is published"));
    }
    let mut row: promise::ActiveModel = model.into();
    row.published_at = Set(published.then(Utc::now));
    row.updated_at = Set(Utc::now());
    let model = row.update(&txn).await?;
    let action = if published { "promise.publish" } else { "promise.unpublish" };
    audit::Event::new(actor, action, ("promise", id))
        .in_council(model.council_id)
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// A promise's plan: pledges, activities with their responsible organisations and
/// scopes, and signatories, each in order. Five statements, whatever the plan's size.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub pledges: Vec<promise_pledge::Model>,
    pub activities: Vec<promise_activity::Model>,
    pub responsible: Vec<activity_responsible::Model>,
    pub scopes: Vec<activity_scope::Model>,
    pub signatories: Vec<promise_signatory::Model>,
}

impl Plan {
    /// The organisations responsible for an activity.
    pub fn responsible_for(&self, activity_id: Uuid) -> Vec<Uuid> {
        self.responsible
            .iter()
            .filter(|r| r.activity_id == activity_id)
            .map(|r| r.organisation_id)
            .collect()
    }

    /// The scopes of an activity, in order.
    pub fn scopes_of(&self, activity_id: Uuid) -> Vec<&activity_scope::Model> {
        self.scopes.iter().filter(|s| s.activity_id == activity_id).collect()
    }
}

/// Loads the plan of a promise already read with access.
pub async fn plan(db: &impl ConnectionTrait, promise: &PromiseView) -> AppResult<Plan> {
    load_plan(db, promise.model.id).await
}

/// The plan of a promise the actor sees.
pub async fn load_plan_of(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<Plan> {
    plan(db, &get(db, actor, id).await?).await
}

/// The plan of a promise, for the reminder sweep (which checks each recipient's access).
pub async fn plan_of_running(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Plan> {
    load_plan(db, id).await
}

pub(super) async fn load_plan(db: &impl ConnectionTrait, promise_id: Uuid) -> AppResult<Plan> {
    let pledges = promise_pledge::Entity::find()
        .filter(promise_pledge::Column::PromiseId.eq(promise_id))
        .order_by_asc(promise_pledge::Column::Position)
        .all(db)
        .await?;
    let activities = promise_activity::Entity::find()
        .filter(promise_activity::Column::PromiseId.eq(promise_id))
        .order_by_asc(promise_activity::Column::Position)
        .order_by_asc(promise_activity::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = activities.iter().map(|a| a.id).collect();
    let responsible = crate::domain::batch::rows_in::<activity_responsible::Entity>(
        db,
        activity_responsible::Column::ActivityId,
        &ids,
        &[activity_responsible::Column::OrganisationId],
    )
    .await?;
    let scopes = crate::domain::batch::rows_in::<activity_scope::Entity>(
        db,
        activity_scope::Column::ActivityId,
        &ids,
        &[activity_scope::Column::Position],
    )
    .await?;
    let signatories = promise_signatory::Entity::find()
        .filter(promise_signatory::Column::PromiseId.eq(promise_id))
        .order_by_asc(promise_signatory::Column::SignedOn)
        .order_by_asc(promise_signatory::Column::Id)
        .all(db)
        .await?;
    Ok(Plan { pledges, activities, responsible, scopes, signatories })
}
