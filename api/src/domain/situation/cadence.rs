//! How often a member is expected to publish, and the periods it missed.

use super::*;
use crate::domain::prelude::*;

use chrono::{Duration, NaiveDate};
use entity::picture_cadence;

use crate::domain::{
    policy::{self, CouncilAccess},
    time,
    types::PictureStatus,
};

/// A period in which no joint picture was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissedPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Sets a partnership's cadence (its secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn set_cadence(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid, interval_days: i32,
    starts_on: NaiveDate,
) -> AppResult<picture_cadence::Model> {
    policy::require_manage(actor, council_id)?;
    if !(1..=366).contains(&interval_days) {
        return Err(AppError::bad_input("intervalDays", "between 1 and 366 days"));
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
    crate::live::commit(txn, cadence).await
}

/// The periods of the cadence, ended before `today`, in which none of the given pictures
/// (period starts) falls.
pub fn missed_periods(
    cadence: &picture_cadence::Model, picture_starts: &[NaiveDate], today: NaiveDate,
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
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn cadence(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid,
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
        .filter(situation_picture::Column::Status.ne(PictureStatus::Draft))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.period_start)
        .collect();
    let missed = missed_periods(&cadence, &starts, time::today());
    Ok(Some((cadence, missed)))
}

// ---------------------------------------------------------------------------------
