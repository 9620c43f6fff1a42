//! What partners report they did for an activity (an occasion), and the narrative each
//! partner adds for the follow-up.

use crate::domain::prelude::*;
use chrono::NaiveDate;
use entity::{activity_occasion, activity_responsible, area, promise_activity, promise_narrative};
use sea_orm::sea_query::OnConflict;

use super::plan::{self, PromiseView, partners};
use crate::domain::{
    audit, policy,
    types::{ActiveEnum as _, PromiseStatus, TargetGroup, parse_optional_text},
};

/// The longest note on an occasion, and the longest narrative.
pub const MAX_NOTES: usize = 4000;
/// The most occasions of one activity on one day: what counting reads stays bounded.
pub const MAX_PER_DAY: u64 = 50;

/// A reported occasion with its area and whether it counts: reported by an organisation
/// the activity names.
#[derive(Debug, Clone)]
pub struct OccasionView {
    pub model: activity_occasion::Model,
    pub area: Option<area::Model>,
    pub counted: bool,
}

impl OccasionView {
    /// The target groups reached.
    pub fn target_groups(&self) -> AppResult<Vec<TargetGroup>> {
        crate::domain::inputs::parse_target_groups(&self.model.target_groups)
    }

    /// The organisations present.
    pub fn present(&self) -> AppResult<Vec<Uuid>> {
        ids_in(&self.model.present)
    }

    /// The inputs a citizen dialogue produced.
    pub fn input_ids(&self) -> AppResult<Vec<Uuid>> {
        ids_in(&self.model.input_ids)
    }
}

fn ids_in(json: &str) -> AppResult<Vec<Uuid>> {
    serde_json::from_str(json)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("ids {json:?} in database: {e}")))
}

async fn views(
    db: &impl ConnectionTrait, rows: Vec<activity_occasion::Model>,
) -> AppResult<Vec<OccasionView>> {
    let activity_ids: Vec<Uuid> = rows.iter().map(|o| o.activity_id).collect();
    let area_ids: Vec<Uuid> = rows.iter().filter_map(|o| o.area_id).collect();
    let responsible = crate::domain::batch::rows_in::<activity_responsible::Entity>(
        db,
        activity_responsible::Column::ActivityId,
        &activity_ids,
        &[],
    )
    .await?;
    let areas =
        crate::domain::batch::rows_in::<area::Entity>(db, area::Column::Id, &area_ids, &[]).await?;
    Ok(rows
        .into_iter()
        .map(|model| OccasionView {
            area: model.area_id.and_then(|id| areas.iter().find(|a| a.id == id).cloned()),
            counted: responsible.iter().any(|r| {
                r.activity_id == model.activity_id && r.organisation_id == model.organisation_id
            }),
            model,
        })
        .collect())
}

/// An occasion as reported.
#[derive(Debug, Clone)]
pub struct NewOccasion {
    pub activity_id: Uuid,
    /// The organisation reported for; needed when the reporter sits for several.
    pub organisation_id: Option<Uuid>,
    pub occurred_on: NaiveDate,
    pub area_id: Option<Uuid>,
    pub people_reached: Option<i32>,
    pub target_groups: Vec<TargetGroup>,
    pub present: Vec<Uuid>,
    pub notes: Option<String>,
    pub input_ids: Vec<Uuid>,
}

/// The activity, its promise and the partner organisation the actor acts for (the one
/// named, or their only one): what they may report or write on. Anyone who sits for no
/// partner gets NOT_FOUND, as for an unknown activity.
async fn partner_activity(
    db: &impl ConnectionTrait, actor: &Actor, activity_id: Uuid, named: Option<Uuid>,
) -> AppResult<(promise_activity::Model, PromiseView, Uuid)> {
    let activity = promise_activity::Entity::find_by_id(activity_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("activity"))?;
    let promise = plan::get(db, actor, activity.promise_id).await.map_err(|e| match e {
        AppError::NotFound(_) => AppError::NotFound("activity"),
        other => other,
    })?;
    let mine = policy::member_organisations(actor, promise.model.council_id);
    let org =
        policy::acting_for(named, &mine, "organisation", "say which organisation you act for")
            .map_err(|e| match e {
                AppError::NotFound("meeting") => AppError::NotFound("activity"),
                other => other,
            })?;
    Ok((activity, promise, org))
}

/// Reports an occasion (a partner's representative or the secretariat, for their own
/// organisation). Occasions are reported while the promise is signed or in progress,
/// within the activity's period, never in the future.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, activity_id = %cmd.activity_id))]
pub async fn report(
    db: &DatabaseConnection, actor: &Actor, cmd: NewOccasion,
) -> AppResult<OccasionView> {
    let notes = parse_optional_text("notes", cmd.notes.as_deref(), MAX_NOTES)?.unwrap_or_default();
    if cmd.people_reached.is_some_and(|n| !(0..=1_000_000).contains(&n)) {
        return Err(AppError::bad_input("peopleReached", "0 to 1 000 000 people"));
    }
    if cmd.target_groups.len() > 20 || cmd.present.len() > 20 || cmd.input_ids.len() > 50 {
        return Err(AppError::bad_input("targetGroups", "too many items"));
    }
    let txn = crate::db::begin_write(db).await?;
    let (activity, promise, org) =
        partner_activity(&txn, actor, cmd.activity_id, cmd.organisation_id).await?;
    if !matches!(promise.model.status, PromiseStatus::Signed | PromiseStatus::InProgress) {
        return Err(AppError::conflict("status", "occasions are reported while the promise runs"));
    }
    if cmd.occurred_on > crate::domain::time::today() {
        return Err(AppError::bad_input("occurredOn", "an occasion cannot be in the future"));
    }
    if cmd.occurred_on < activity.period_from || cmd.occurred_on > activity.period_to {
        return Err(AppError::bad_input(
            "occurredOn",
            "the occasion is within the activity's period",
        ));
    }
    let same_day = activity_occasion::Entity::find()
        .filter(activity_occasion::Column::ActivityId.eq(activity.id))
        .filter(activity_occasion::Column::OccurredOn.eq(cmd.occurred_on))
        .count(&txn)
        .await?;
    if same_day >= MAX_PER_DAY {
        return Err(AppError::bad_input(
            "occurredOn",
            format!("at most {MAX_PER_DAY} occasions of an activity a day"),
        ));
    }
    if let Some(area_id) = cmd.area_id {
        area::Entity::find_by_id(area_id)
            .one(&txn)
            .await?
            .filter(|a| a.municipality_id == promise.model.municipality_id)
            .ok_or_else(|| {
                AppError::bad_input("areaId", "choose an area of the promise's municipality")
            })?;
    }
    let mut present = cmd.present.clone();
    present.sort_unstable();
    present.dedup();
    if !present.is_empty() {
        let partners = partners(&txn, promise.model.council_id).await?;
        if present.iter().any(|o| !partners.contains(o)) {
            return Err(AppError::NotFound("organisation"));
        }
    }
    let mut inputs = cmd.input_ids.clone();
    inputs.sort_unstable();
    inputs.dedup();
    for id in &inputs {
        // The reporter links only inputs they may read.
        crate::domain::inputs::get(&txn, actor, *id).await?;
    }
    let mut groups: Vec<String> = cmd.target_groups.iter().map(|g| g.to_value()).collect();
    groups.sort();
    groups.dedup();
    let occasion = activity_occasion::ActiveModel {
        id: Set(Uuid::now_v7()),
        activity_id: Set(activity.id),
        organisation_id: Set(org),
        occurred_on: Set(cmd.occurred_on),
        area_id: Set(cmd.area_id),
        people_reached: Set(cmd.people_reached),
        target_groups: Set(json!(groups).to_string()),
        present: Set(json!(present).to_string()),
        notes: Set(notes),
        input_ids: Set(json!(inputs).to_string()),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::Event::new(actor, "promise.occasion", ("promise", promise.model.id))
        .in_council(promise.model.council_id)
        .detail(json!({ "activity": activity.id, "occasion": occasion.id }))
        .record(&txn)
        .await?;
    let view = views(&txn, vec![occasion]).await?;
    let view =
        view.into_iter().next().ok_or_else(|| AppError::Internal(anyhow::anyhow!("lost")))?;
    crate::live::commit(txn, view).await
}

/// The occasions reported for a promise (or one of its activities), newest first, to
/// those who read the promise.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, promise_id = %promise.model.id))]
pub async fn of_promise(
    db: &DatabaseConnection, promise: &PromiseView, actor: &Actor, activity_id: Option<Uuid>,
    page: &PageRequest,
) -> AppResult<Page<OccasionView>> {
    let _ = actor;
    let mut query = activity_occasion::Entity::find().filter(
        activity_occasion::Column::ActivityId.in_subquery(
            sea_orm::sea_query::Query::select()
                .column(promise_activity::Column::Id)
                .from(promise_activity::Entity)
                .and_where(promise_activity::Column::PromiseId.eq(promise.model.id))
                .to_owned(),
        ),
    );
    if let Some(id) = activity_id {
        query = query.filter(activity_occasion::Column::ActivityId.eq(id));
    }
    let after = page.after_typed(|k| NaiveDate::parse_from_str(k, "%Y-%m-%d").ok())?;
    if let Some((day, id)) = after {
        query = query.filter(
            Condition::any().add(activity_occasion::Column::OccurredOn.lt(day)).add(
                Condition::all()
                    .add(activity_occasion::Column::OccurredOn.eq(day))
                    .add(activity_occasion::Column::Id.lt(id)),
            ),
        );
    }
    let rows = query
        .order_by_desc(activity_occasion::Column::OccurredOn)
        .order_by_desc(activity_occasion::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    let page = Page::from_rows(page, rows, |o| Cursor { key: o.occurred_on.to_string(), id: o.id });
    let (cursors, rows): (Vec<Cursor>, Vec<activity_occasion::Model>) =
        page.items.into_iter().unzip();
    let items = cursors.into_iter().zip(views(db, rows).await?).collect();
    Ok(Page { items, has_next_page: page.has_next_page, has_previous_page: page.has_previous_page })
}

/// A partner's narrative on an activity, for the follow-up report.
#[derive(Debug, Clone)]
pub struct NewNarrative {
    pub activity_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub narrative: String,
    pub next_steps: String,
    pub internal: bool,
}

/// Writes (or rewrites) the actor's organisation's narrative on an activity.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, activity_id = %cmd.activity_id))]
pub async fn set_narrative(
    db: &DatabaseConnection, actor: &Actor, cmd: NewNarrative,
) -> AppResult<promise_narrative::Model> {
    let narrative = parse_optional_text("narrative", Some(&cmd.narrative), MAX_NOTES)?
        .ok_or_else(|| AppError::bad_input("narrative", "say what was done and what came of it"))?;
    let next_steps =
        parse_optional_text("nextSteps", Some(&cmd.next_steps), MAX_NOTES)?.unwrap_or_default();
    let txn = crate::db::begin_write(db).await?;
    let (activity, promise, org) =
        partner_activity(&txn, actor, cmd.activity_id, cmd.organisation_id).await?;
    if !matches!(
        promise.model.status,
        PromiseStatus::Signed | PromiseStatus::InProgress | PromiseStatus::FollowedUp
    ) {
        return Err(AppError::conflict(
            "status",
            "narratives are written from signing until the follow-up",
        ));
    }
    let row = promise_narrative::ActiveModel {
        activity_id: Set(activity.id),
        organisation_id: Set(org),
        promise_id: Set(promise.model.id),
        narrative: Set(narrative),
        next_steps: Set(next_steps),
        internal: Set(cmd.internal),
        updated_by: Set(actor.user_id),
        updated_at: Set(Utc::now()),
    };
    // Two saves at once of the same narrative: the later one wins, neither fails.
    promise_narrative::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                promise_narrative::Column::ActivityId,
                promise_narrative::Column::OrganisationId,
            ])
            .update_columns([
                promise_narrative::Column::Narrative,
                promise_narrative::Column::NextSteps,
                promise_narrative::Column::Internal,
                promise_narrative::Column::UpdatedBy,
                promise_narrative::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    let row = promise_narrative::Entity::find_by_id((activity.id, org))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the narrative was not written")))?;
    audit::Event::new(actor, "promise.narrative", ("promise", promise.model.id))
        .in_council(promise.model.council_id)
        .detail(json!({ "activity": activity.id }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, row).await
}

/// The narratives of a promise, by activity and organisation.
pub async fn narratives(
    db: &impl ConnectionTrait, promise_id: Uuid,
) -> AppResult<Vec<promise_narrative::Model>> {
    Ok(promise_narrative::Entity::find()
        .filter(promise_narrative::Column::PromiseId.eq(promise_id))
        .order_by_asc(promise_narrative::Column::ActivityId)
        .order_by_asc(promise_narrative::Column::OrganisationId)
        .all(db)
        .await?)
}
