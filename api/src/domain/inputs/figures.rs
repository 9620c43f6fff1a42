//! Feedback figures and representation of target groups.

use super::*;
use sea_orm::Iterable as _;
use std::collections::HashMap;

use chrono::{Datelike, Duration};
use entity::{council_priority_group, meeting, membership};
use serde_json::json;

use crate::domain::{
    audit,
    councils::CouncilView,
    policy::{self},
    types::MembershipRole,
};

pub(super) fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// Computes feedback figures over inputs (with their meetings' end times), as of `now`.
pub fn figures(
    rows: &[input::Model], meeting_ends: &HashMap<Uuid, DateTime<Utc>>, now: DateTime<Utc>,
) -> FeedbackFigures {
    let given: Vec<&input::Model> = rows
        .iter()
        .filter(|r| !matches!(r.status, InputStatus::Draft | InputStatus::Withdrawn))
        .collect();
    let feedback =
        |r: &input::Model| matches!(r.status, InputStatus::Answered | InputStatus::Declined);
    let days: Vec<f64> = given
        .iter()
        .filter(|r| feedback(r))
        .filter_map(|r| Some((r.answered_at? - r.submitted_at?).num_seconds() as f64 / 86_400.0))
        .collect();
    FeedbackFigures {
        organisation_id: None,
        inputs: given.len() as u64,
        answered: given.iter().filter(|r| feedback(r)).count() as u64,
        median_days_to_answer: median(days),
        unanswered_after_30_days: given
            .iter()
            .filter(|r| !feedback(r))
            .filter(|r| {
                r.meeting_id
                    .and_then(|m| meeting_ends.get(&m))
                    .is_some_and(|end| *end + Duration::days(FEEDBACK_DAYS) < now)
            })
            .count() as u64,
    }
}

async fn council_year_inputs(
    db: &DatabaseConnection, council_id: Uuid, year: i32,
) -> AppResult<(Vec<input::Model>, HashMap<Uuid, DateTime<Utc>>)> {
    let start = crate::domain::time::to_utc(
        "year",
        chrono::NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or_else(|| AppError::bad_input("year", "not a year"))?,
    )?;
    let end = crate::domain::time::to_utc(
        "year",
        chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or_else(|| AppError::bad_input("year", "not a year"))?,
    )?;
    let rows = input::Entity::find()
        .filter(input::Column::CouncilId.eq(council_id))
        .filter(input::Column::SubmittedAt.gte(start))
        .filter(input::Column::SubmittedAt.lt(end))
        .all(db)
        .await?;
    let meeting_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.meeting_id).collect();
    let ends = if meeting_ids.is_empty() {
        HashMap::new()
    } else {
        meeting::Entity::find()
            .filter(meeting::Column::Id.is_in(meeting_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.ends_at))
            .collect()
    };
    Ok((rows, ends))
}

fn check_year(year: i32) -> AppResult<()> {
    let now = crate::domain::time::today().year();
    if (2000..=now + 1).contains(&year) {
        Ok(())
    } else {
        Err(AppError::bad_input("year", "not a year Samråd has data for"))
    }
}

/// Feedback figures for a council's year, overall and per advisory body (members and
/// secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn feedback(
    db: &DatabaseConnection, actor: &Actor, council: &CouncilView, year: i32,
) -> AppResult<(FeedbackFigures, Vec<FeedbackFigures>)> {
    if !policy::can_see_meeting_details(policy::require_council(actor, council.model().id)?) {
        return Err(AppError::Forbidden);
    }
    check_year(year)?;
    let (mut rows, ends) = council_year_inputs(db, council.model().id, year).await?;
    // Figures are computed over what this reader may see: a hidden input must not show
    // in a member's counts, or the counts would tell it is there.
    rows.retain(|r| visible_to(actor, r));
    let now = Utc::now();
    let overall = figures(&rows, &ends, now);
    let advisory = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council.model().id))
        .filter(membership::Column::Role.eq(MembershipRole::Advisory))
        .all(db)
        .await?;
    let mut orgs: Vec<Uuid> = advisory.into_iter().map(|m| m.organisation_id).collect();
    orgs.sort_unstable();
    orgs.dedup();
    let per_body = orgs
        .into_iter()
        .map(|org| {
            let theirs: Vec<input::Model> =
                rows.iter().filter(|r| r.organisation_id == org).cloned().collect();
            FeedbackFigures { organisation_id: Some(org), ..figures(&theirs, &ends, now) }
        })
        .collect();
    Ok((overall, per_body))
}

/// Which target groups gave input to a council in a year and which of its priority
/// groups did not (members and secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn representation(
    db: &DatabaseConnection, actor: &Actor, council: &CouncilView, year: i32,
) -> AppResult<Representation> {
    if !policy::can_see_meeting_details(policy::require_council(actor, council.model().id)?) {
        return Err(AppError::Forbidden);
    }
    check_year(year)?;
    let (mut rows, _) = council_year_inputs(db, council.model().id, year).await?;
    rows.retain(|r| visible_to(actor, r));
    let mut counts: HashMap<TargetGroup, u64> = HashMap::new();
    for r in
        rows.iter().filter(|r| r.status != InputStatus::Withdrawn && r.status != InputStatus::Draft)
    {
        for group in parse_target_groups(&r.target_groups)? {
            *counts.entry(group).or_default() += 1;
        }
    }
    let priority = priority_groups(db, council.model().id).await?;
    Ok(Representation {
        heard: TargetGroup::iter().filter_map(|g| counts.get(&g).map(|n| (g, *n))).collect(),
        missing: priority.iter().copied().filter(|g| !counts.contains_key(g)).collect(),
        priority_groups: priority,
    })
}

/// A council's priority target groups.
#[tracing::instrument(skip_all, fields(council_id = %council_id))]
pub async fn priority_groups(
    db: &impl ConnectionTrait, council_id: Uuid,
) -> AppResult<Vec<TargetGroup>> {
    let rows = council_priority_group::Entity::find()
        .filter(council_priority_group::Column::CouncilId.eq(council_id))
        .all(db)
        .await?;
    let mut groups: Vec<TargetGroup> = rows.iter().map(|r| r.target_group).collect();
    groups.sort_by_key(|g| TargetGroup::iter().position(|x| x == *g));
    Ok(groups)
}

/// Sets a council's priority target groups (secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn set_priority_groups(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid, groups: &[TargetGroup],
) -> AppResult<Vec<TargetGroup>> {
    policy::require_manage(actor, council_id)?;
    let txn = crate::db::begin_write(db).await?;
    council_priority_group::Entity::delete_many()
        .filter(council_priority_group::Column::CouncilId.eq(council_id))
        .exec(&txn)
        .await?;
    let mut unique = groups.to_vec();
    unique.sort_by_key(|g| g.to_value());
    unique.dedup();
    for g in &unique {
        council_priority_group::ActiveModel {
            id: Set(Uuid::now_v7()),
            council_id: Set(council_id),
            target_group: Set(*g),
        }
        .insert(&txn)
        .await?;
    }
    audit::Event::new(actor, "council.priority_groups", ("council", council_id))
        .in_council(council_id)
        .detail(json!({ "groups": unique.iter().map(|g| g.to_value()).collect::<Vec<_>>() }))
        .record(&txn)
        .await?;
    let saved = priority_groups(&txn, council_id).await?;
    crate::live::commit(txn, saved).await
}

// ---------------------------------------------------------------------------------
