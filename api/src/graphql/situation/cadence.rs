//! How often members publish, and what they missed.

use crate::graphql::prelude::*;
use crate::graphql::{CadenceMutation, CadenceQuery};
use async_graphql::{Object, SimpleObject};

use crate::domain::situation::{self, MissedPeriod};

/// A period without a joint picture.
#[derive(SimpleObject)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl From<MissedPeriod> for Period {
    fn from(p: MissedPeriod) -> Self {
        Self { start: p.start, end: p.end }
    }
}

/// A partnership's agreed cadence of joint pictures.
#[derive(SimpleObject)]
pub struct PictureCadence {
    pub interval_days: i32,
    pub starts_on: NaiveDate,
    pub missed_periods: Vec<Period>,
}

// A member's cadence.
#[Object]
impl CadenceQuery {
    /// A partnership's cadence and the periods missed so far.
    async fn picture_cadence(
        &self, ctx: &Context<'_>, council_id: ID,
    ) -> Res<Option<PictureCadence>> {
        let (db, actor, council_id) = target(ctx, "council", &council_id)?;
        let found = situation::cadence(db, actor, council_id).await.gql()?;
        Ok(found.map(|(c, missed)| PictureCadence {
            interval_days: c.interval_days,
            starts_on: c.starts_on,
            missed_periods: missed.into_iter().map(Into::into).collect(),
        }))
    }
}

// Setting a cadence.
#[Object]
impl CadenceMutation {
    /// Sets a partnership's cadence of joint pictures (its secretariat).
    async fn set_picture_cadence(
        &self, ctx: &Context<'_>, council_id: ID, interval_days: i32, starts_on: NaiveDate,
    ) -> Res<bool> {
        let (db, actor, council_id) = target(ctx, "council", &council_id)?;
        situation::set_cadence(db, actor, council_id, interval_days, starts_on).await.gql()?;
        Ok(true)
    }
}
