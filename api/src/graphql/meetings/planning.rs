//! Planning a council's year: themes, the year planner and conflicts.

use super::*;
use crate::graphql::{ThemeMutation, YearPlanMutation, organisations::Organisation};
use async_graphql::{InputObject, Object, SimpleObject};
use chrono::NaiveTime;
use entity::council_theme;

use crate::domain::meetings::{Conflict, YearPlanRequest};

/// A day of the working week.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

impl From<Weekday> for chrono::Weekday {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Monday => Self::Mon,
            Weekday::Tuesday => Self::Tue,
            Weekday::Wednesday => Self::Wed,
            Weekday::Thursday => Self::Thu,
            Weekday::Friday => Self::Fri,
        }
    }
}

/// One of a council's themes, e.g. "Mäns våld mot kvinnor".
pub struct CouncilTheme(pub council_theme::Model);

object! {
    #[Object]
    impl CouncilTheme {
        id: ID,
        name: &str,
    }
}

/// Another council's meeting at an overlapping time.
pub struct MeetingConflict(pub Conflict);

#[Object]
impl MeetingConflict {
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.other.starts_at
    }

    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.other.ends_at
    }

    /// Organisations that sit in both councils.
    async fn shared_organisations(&self, ctx: &Context<'_>) -> Res<Vec<Organisation>> {
        let orgs = loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_many(self.0.shared_organisation_ids.iter().copied())
                .await,
        )?;
        Ok(orgs.into_values().map(Organisation).collect())
    }

    /// The other meeting, when you may see it (otherwise only the time is told).
    async fn meeting(&self, ctx: &Context<'_>) -> Res<Option<Meeting>> {
        let actor = ctx.actor().gql()?;
        Ok(meetings::view_of(actor, self.0.other.clone()).map(Meeting))
    }
}

/// A draft meeting proposed by the year planner, with its conflicts.
#[derive(SimpleObject)]
pub struct PlannedMeeting {
    pub meeting: Meeting,
    pub conflicts: Vec<MeetingConflict>,
}

/// What the year planner is asked for.
#[derive(InputObject)]
pub struct PlanYearInput {
    pub council_id: ID,
    pub year: i32,
    /// Theme names from the council's list, one per meeting in order.
    pub themes: Vec<String>,
    #[graphql(default_with = "Weekday::Tuesday")]
    pub weekday: Weekday,
    /// Start in Swedish time, e.g. "13:00:00".
    #[graphql(default_with = "NaiveTime::from_hms_opt(13, 0, 0).unwrap_or_default()")]
    pub start_time: NaiveTime,
    #[graphql(default = 120)]
    pub duration_minutes: i32,
    #[graphql(default = 28)]
    pub input_opens_days_before: i32,
    #[graphql(default = 7)]
    pub input_deadline_days_before: i32,
}

// A council's themes.
#[Object]
impl ThemeMutation {
    /// Adds a theme to a council's list (secretariat or admin).
    async fn add_council_theme(
        &self, ctx: &Context<'_>, council_id: ID, name: String,
    ) -> Res<CouncilTheme> {
        let (db, actor, council_id) = target(ctx, "council", &council_id)?;
        meetings::add_theme(db, actor, council_id, &name).await.map(CouncilTheme).gql()
    }
}

// The year planner.
#[Object]
impl YearPlanMutation {
    /// Proposes a year of draft meetings from the council's cadence and themes, on
    /// working days, with conflicts flagged (secretariat or admin).
    async fn plan_year(&self, ctx: &Context<'_>, input: PlanYearInput) -> Res<Vec<PlannedMeeting>> {
        let (db, actor) = caller(ctx)?;
        let req = YearPlanRequest {
            council_id: target_id("council", &input.council_id)?,
            year: input.year,
            themes: input.themes,
            weekday: input.weekday.into(),
            start_time: input.start_time,
            duration_minutes: i64::from(input.duration_minutes),
            input_opens_days_before: i64::from(input.input_opens_days_before),
            input_deadline_days_before: i64::from(input.input_deadline_days_before),
        };
        let planned = meetings::plan_year(db, actor, req).await.gql()?;
        Ok(planned
            .into_iter()
            .map(|(m, c)| PlannedMeeting {
                meeting: Meeting(m),
                conflicts: c.into_iter().map(MeetingConflict).collect(),
            })
            .collect())
    }
}
