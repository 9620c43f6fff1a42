//! Themed meetings: themes, the meeting lifecycle, the year planner, the agenda and
//! members' proposals, attendance, and conflicts with other councils' meetings.
//!
//! Rules: only the secretariat changes a meeting or its agenda; members see meetings
//! once scheduled (drafts stay with the secretariat); advisory bodies see themes and
//! dates but not agendas. Every change to a meeting or its agenda names the version it
//! was based on and bumps it, so the second of two concurrent edits gets CONFLICT.

use crate::{
    domain::{
        access::{Checked, CouncilSeats, MeetingDetails},
        policy::{self, CouncilAccess},
        types::{AgendaItemKind, MeetingStatus},
    },
    error::{AppError, AppResult},
};
use chrono::{NaiveDateTime, NaiveTime, Weekday};
use entity::meeting;
use uuid::Uuid;

mod agenda;
mod attendance;
mod lifecycle;
mod planning;
pub use self::{agenda::*, attendance::*, lifecycle::*, planning::*};

/// Longest meeting or agenda title.
pub const MAX_TITLE: usize = 200;
/// Longest free text.
pub const MAX_TEXT: usize = 10_000;
/// At most this many agenda items per meeting (keeps nested lists bounded).
pub const MAX_AGENDA_ITEMS: u64 = 60;

/// A meeting as seen by one actor: made only here, by the policy.
#[derive(Debug, Clone)]
pub struct MeetingView {
    model: meeting::Model,
    access: CouncilAccess,
}

impl MeetingView {
    /// The meeting's row: dates, place and status, which everyone who sees it reads.
    pub fn model(&self) -> &meeting::Model {
        &self.model
    }

    /// The actor's access to the meeting's council.
    pub fn access(&self) -> CouncilAccess {
        self.access
    }

    /// The meeting's status.
    pub fn status(&self) -> MeetingStatus {
        self.model.status
    }

    /// May see agenda, proposals, attendance, minutes and actions.
    pub fn details_visible(&self) -> bool {
        policy::can_see_meeting_details(self.access)
    }

    /// The proof that details may be read, or FORBIDDEN.
    pub fn details(&self) -> AppResult<Checked<MeetingDetails>> {
        if self.details_visible() {
            Ok(Checked::new(self.model.id))
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who sits for whom in the meeting's council: whoever reads the details may see it.
    pub fn seats(&self) -> AppResult<Checked<CouncilSeats>> {
        self.details()?;
        Ok(Checked::new(self.model.council_id))
    }
}

/// The editable fields of a meeting; local times are Europe/Stockholm.
#[derive(Debug, Clone, Default)]
pub struct MeetingFields {
    pub title: Option<String>,
    /// `Some(None)` removes the theme.
    pub theme_id: Option<Option<Uuid>>,
    pub description: Option<String>,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub location: Option<Option<String>>,
    pub online_url: Option<Option<String>>,
    pub input_opens_at: Option<Option<NaiveDateTime>>,
    pub input_deadline: Option<Option<NaiveDateTime>>,
}

/// Input for an agenda item.
#[derive(Debug, Clone, Default)]
pub struct AgendaItemFields {
    pub kind: Option<AgendaItemKind>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `Some(None)` removes the presenter.
    pub presenter_organisation_id: Option<Option<Uuid>>,
    pub minutes_allotted: Option<i32>,
}

/// A member's proposal for the agenda.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub meeting_id: Uuid,
    /// Needed only when the actor sits for more than one organisation.
    pub organisation_id: Option<Uuid>,
    pub kind: AgendaItemKind,
    pub title: String,
    pub description: Option<String>,
    pub minutes_allotted: i32,
}

/// What the year planner is asked for.
#[derive(Debug, Clone)]
pub struct YearPlanRequest {
    pub council_id: Uuid,
    pub year: i32,
    /// Theme names, one per meeting in order; fewer themes than meetings leaves the rest
    /// without a theme.
    pub themes: Vec<String>,
    pub weekday: Weekday,
    pub start_time: NaiveTime,
    pub duration_minutes: i64,
    /// The input window opens this many days before the meeting…
    pub input_opens_days_before: i64,
    /// …and closes this many days before it.
    pub input_deadline_days_before: i64,
}

/// Another council's meeting at an overlapping time, with organisations in both.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub other: meeting::Model,
    pub shared_organisation_ids: Vec<Uuid>,
}

/// The attendance of one member organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationAttendance {
    pub organisation_id: Uuid,
    pub attending: Vec<Uuid>,
    pub apologies: Vec<Uuid>,
    /// Representatives who send a substitute, with the substitute's name.
    pub substitutes: Vec<(Uuid, String)>,
    pub no_answer: Vec<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::holidays;
    use chrono::{Datelike, NaiveDate, Weekday};
    use std::collections::HashSet;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn dates(year: i32, count: u32, weekday: Weekday) -> Vec<NaiveDate> {
        propose_dates(year, count, weekday, ymd(2026, 12, 2)).unwrap_or_default()
    }

    #[test]
    fn four_meetings_a_year_fall_on_the_weekday_spread_over_the_year() {
        let dates = dates(2027, 4, Weekday::Tue);
        assert_eq!(dates.len(), 4);
        assert!(dates.iter().all(|d| d.weekday() == Weekday::Tue));
        assert!(dates.windows(2).all(|w| (w[1] - w[0]).num_days() > 60));
    }

    #[test]
    fn a_fortnightly_council_gets_all_26_dates_two_weeks_apart() {
        for weekday in [Weekday::Mon, Weekday::Wed, Weekday::Thu] {
            let dates = dates(2027, 26, weekday);
            assert_eq!(dates.len(), 26, "{weekday}");
            assert!(dates.iter().all(|d| d.year() == 2027), "{weekday}");
            assert!(
                dates.windows(2).all(|w| (12..=16).contains(&(w[1] - w[0]).num_days())),
                "{weekday}: {dates:?}"
            );
        }
    }

    #[test]
    fn weekly_meetings_skip_holidays() {
        let cases = [
            (Weekday::Thu, ymd(2027, 5, 6), "Kristi himmelsfärdsdag"),
            (Weekday::Fri, ymd(2027, 6, 25), "Midsommarafton"),
        ];
        for (weekday, holiday, name) in cases {
            let days = dates(2027, 52, weekday);
            let proposed = propose_dates(2027, 52, weekday, ymd(2026, 12, 2));
            assert_eq!(days.len(), 52, "{proposed:?}");
            assert!(!days.contains(&holiday), "{name}");
            assert!(days.iter().all(|d| holidays::is_working_day(*d)));
            assert_eq!(days.iter().collect::<HashSet<_>>().len(), days.len(), "no day twice");
        }
    }

    #[test]
    fn meetings_that_would_fall_in_the_past_or_do_not_fit_are_named() {
        let past = propose_dates(2026, 4, Weekday::Wed, ymd(2026, 12, 2));
        assert!(
            past.as_ref()
                .is_err_and(|why| why.len() == 4 && why.iter().all(|w| w.contains("before"))),
            "{past:?}"
        );
        let too_many = propose_dates(2027, 60, Weekday::Wed, ymd(2026, 12, 2));
        assert!(too_many.as_ref().is_err_and(|why| why[0].contains("do not fit")), "{too_many:?}");
    }
}
