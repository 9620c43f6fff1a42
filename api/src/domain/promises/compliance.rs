//! Whether a citizen promise's activities are done as promised: occasions counted against
//! each activity's scope, per area, place or run of weeks and per year, by the Swedish
//! calendar (an occasion at 00:30 on New Year's Day counts for the new year, whatever UTC
//! says).
//!
//! Pure: the caller loads the activity's scope and period, the municipality's areas, the
//! crime-exposed places and the occasions; this module decides. The one rule that turns
//! counts into on track, at risk or behind is [`standing`]; the one rule for "can it still
//! be met at the current pace" is [`Cell::reachable_at`].

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::{
    domain::time,
    error::{AppError, AppResult},
};

pub use crate::domain::types::AreaKind;

/// What an activity promises, in a form that can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// At least `n` occasions per area of `kind` per year ("minst två tillfällen per
    /// stadsdel och år").
    PerArea { n: u32, kind: AreaKind },
    /// At least `n` occasions per year.
    PerYear { n: u32 },
    /// At least one occasion in every run of `k` weeks from the activity's start
    /// ("gemensam lägesbild varannan vecka": `k` = 2).
    EveryWeeks { k: u32 },
    /// At least `n` follow-ups per crime-exposed place per year.
    PerPlace { n: u32 },
    /// Recurring as needed: counted, never judged.
    AsNeeded,
}

/// The longest run of weeks a scope may name.
pub const MAX_WEEKS: u32 = 52;
/// The most occasions a scope may ask for per year and unit.
pub const MAX_PER_YEAR: u32 = 366;

impl Scope {
    /// Refuses a scope that cannot be counted: N ≤ 0 or absurdly large, K outside 1–52,
    /// or an area kind the municipality has none of (BAD_USER_INPUT on `scope`).
    pub fn check(&self, areas: &[Area]) -> AppResult<()> {
        let count = |n: u32| {
            if (1..=MAX_PER_YEAR).contains(&n) {
                Ok(())
            } else {
                Err(AppError::bad_input("scope", format!("ask for 1 to {MAX_PER_YEAR} occasions")))
            }
        };
        match *self {
            Scope::PerArea { n, kind } => {
                count(n)?;
                if !areas.iter().any(|a| a.kind == kind) {
                    return Err(AppError::bad_input(
                        "scope",
                        "the municipality has no area of that kind",
                    ));
                }
                Ok(())
            }
            Scope::PerYear { n } | Scope::PerPlace { n } => count(n),
            Scope::EveryWeeks { k } if (1..=MAX_WEEKS).contains(&k) => Ok(()),
            Scope::EveryWeeks { .. } => {
                Err(AppError::bad_input("scope", format!("a run is 1 to {MAX_WEEKS} weeks")))
            }
            Scope::AsNeeded => Ok(()),
        }
    }
}

/// An area of the municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub id: Uuid,
    pub kind: AreaKind,
}

/// Something done that may count for an activity: when, and where when it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occasion {
    pub at: DateTime<Utc>,
    pub area: Option<Uuid>,
    pub place: Option<Uuid>,
}

/// The dates an activity runs, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// What one cell of the plan counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// The whole municipality.
    Whole,
    Area(Uuid),
    Place(Uuid),
    /// The run of weeks starting that day.
    Run(NaiveDate),
}

/// One unit's count over one span (a year of the period, or a run of weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub unit: Unit,
    /// The year of the span's first day.
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub done: u32,
    /// `None` for an activity done as needed.
    pub required: Option<u32>,
}

/// Where a cell stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellState {
    /// Done as required.
    Met,
    /// Still running (or not begun), and can be met at the pace so far (or not).
    Open { reachable: bool },
    /// Over, and fewer were done than required.
    Missed,
    /// Not begun, and not yet done.
    Upcoming,
    /// As needed: counted, never judged.
    Counted,
}

impl Cell {
    /// How many more are needed.
    pub fn missing(&self) -> u32 {
        self.required.map_or(0, |r| r.saturating_sub(self.done))
    }

    /// The one rule for pace: a running span can still be met when what was done so far,
    /// kept up for the rest of the span, reaches what is required. Before a quarter of the
    /// span has passed there is no pace to judge, and a span not begun is reachable.
    pub fn reachable_at(&self, today: NaiveDate) -> bool {
        let Some(required) = self.required else { return true };
        if self.done >= required || today < self.from {
            return true;
        }
        let span = (self.to - self.from).num_days() + 1;
        let elapsed = (today.min(self.to) - self.from).num_days() + 1;
        if elapsed * 4 < span {
            return true;
        }
        // done / elapsed × span ≥ required, in integers.
        i64::from(self.done) * span >= i64::from(required) * elapsed
    }

    /// Where the cell stands on `today`.
    pub fn state_at(&self, today: NaiveDate) -> CellState {
        let Some(required) = self.required else { return CellState::Counted };
        if self.done >= required {
            CellState::Met
        } else if self.to < today {
            CellState::Missed
        } else if today < self.from {
            CellState::Upcoming
        } else {
            CellState::Open { reachable: self.reachable_at(today) }
        }
    }
}

/// How an activity, or a whole promise, stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Done as needed: counted, never judged.
    Counted,
    OnTrack,
    /// Nothing missed yet, but something cannot be met at the pace so far.
    AtRisk,
    /// Something required is over and was not done.
    Behind,
}

/// The one rule that decides: behind when any span is over with less done than required;
/// at risk when none is, but a running one cannot be met at the pace so far; otherwise on
/// track. An activity done as needed is only counted.
pub fn standing(cells: &[Cell], today: NaiveDate) -> Standing {
    let states: Vec<CellState> = cells.iter().map(|c| c.state_at(today)).collect();
    if states.is_empty() {
        // Nothing to count (no place is followed up yet): nothing is missed.
        Standing::OnTrack
    } else if states.iter().all(|s| *s == CellState::Counted) {
        Standing::Counted
    } else if states.contains(&CellState::Missed) {
        Standing::Behind
    } else if states.contains(&CellState::Open { reachable: false }) {
        Standing::AtRisk
    } else {
        Standing::OnTrack
    }
}

/// A promise stands as its worst activity; only counted activities leave it on track.
pub fn overall(activities: impl IntoIterator<Item = Standing>) -> Standing {
    activities.into_iter().max().map_or(Standing::OnTrack, |s| s.max(Standing::OnTrack))
}

/// The cells of an activity: its occasions counted per unit and span of its period.
/// Occasions outside the period, in an area of another kind, or without the area or place
/// the scope counts by, count for nothing.
pub fn count(
    scope: Scope, period: Period, areas: &[Area], places: &[Uuid], occasions: &[Occasion],
) -> Vec<Cell> {
    let days: Vec<(NaiveDate, &Occasion)> = occasions
        .iter()
        .map(|o| (time::to_local(o.at).date(), o))
        .filter(|(day, _)| (period.from..=period.to).contains(day))
        .collect();
    let tally = |unit: Unit, from: NaiveDate, to: NaiveDate, required: Option<u32>| {
        let done = days
            .iter()
            .filter(|(day, o)| {
                (from..=to).contains(day)
                    && match unit {
                        Unit::Whole | Unit::Run(_) => true,
                        Unit::Area(id) => o.area == Some(id),
                        Unit::Place(id) => o.place == Some(id),
                    }
            })
            .count();
        Cell {
            unit,
            year: from.year(),
            from,
            to,
            done: u32::try_from(done).unwrap_or(u32::MAX),
            required,
        }
    };
    let mut cells = vec![];
    match scope {
        Scope::EveryWeeks { k } => {
            // Runs of k weeks from the first day; a tail shorter than a run belongs to the
            // run before it (a period of 78 fortnights and three days has 78 runs).
            let run = Duration::weeks(i64::from(k));
            let mut from = period.from;
            while from <= period.to {
                let mut to = from + run - Duration::days(1);
                if to >= period.to || to + run > period.to {
                    to = period.to;
                }
                cells.push(tally(Unit::Run(from), from, to, Some(1)));
                from = to + Duration::days(1);
            }
        }
        _ => {
            let units: Vec<Unit> = match scope {
                Scope::PerArea { kind, .. } => {
                    areas.iter().filter(|a| a.kind == kind).map(|a| Unit::Area(a.id)).collect()
                }
                Scope::PerPlace { .. } => places.iter().copied().map(Unit::Place).collect(),
                _ => vec![Unit::Whole],
            };
            for year in period.from.year()..=period.to.year() {
                let (Some(first), Some(last)) =
                    (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
                else {
                    continue;
                };
                let (from, to) = (first.max(period.from), last.min(period.to));
                let required = match scope {
                    Scope::PerArea { n, .. } | Scope::PerYear { n } | Scope::PerPlace { n } => {
                        Some(prorated(n, from, to, first, last))
                    }
                    _ => None,
                };
                for unit in &units {
                    cells.push(tally(*unit, from, to, required));
                }
            }
        }
    }
    cells
}

/// `n` a year, for the part of the year the period covers, rounded to the nearest: a
/// promise that starts on 1 July asks for half a year's occasions in its first year, and
/// one that starts on 15 December for none (nothing is missed in a fortnight).
fn prorated(n: u32, from: NaiveDate, to: NaiveDate, first: NaiveDate, last: NaiveDate) -> u32 {
    let covered = (to - from).num_days() + 1;
    let year = (last - first).num_days() + 1;
    let scaled = (i64::from(n) * covered + year / 2) / year;
    u32::try_from(scaled).unwrap_or(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap_or_default()
    }

    fn at_area(area: Uuid, when: DateTime<Utc>) -> Occasion {
        Occasion { at: when, area: Some(area), place: None }
    }

    fn anywhere(when: DateTime<Utc>) -> Occasion {
        Occasion { at: when, area: None, place: None }
    }

    fn year(y: i32) -> Period {
        Period { from: day(y, 1, 1), to: day(y, 12, 31) }
    }

    fn cell_of(cells: &[Cell], unit: Unit) -> Cell {
        cells.iter().copied().find(|c| c.unit == unit).unwrap_or(Cell {
            unit,
            year: 0,
            from: day(1, 1, 1),
            to: day(1, 1, 1),
            done: u32::MAX,
            required: None,
        })
    }

    /// Gävle's "minst två tillfällen per stadsdel och år": three districts and an outer
    /// area, four occasions in 2025.
    fn districts() -> (Vec<Area>, [Uuid; 4], Vec<Occasion>) {
        let ids = [Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7()];
        let [andersberg, satra, brynas, outer] = ids;
        let areas = vec![
            Area { id: andersberg, kind: AreaKind::District },
            Area { id: satra, kind: AreaKind::District },
            Area { id: brynas, kind: AreaKind::District },
            Area { id: outer, kind: AreaKind::Outer },
        ];
        let occasions = vec![
            at_area(andersberg, utc(2025, 3, 12, 17, 0)),
            at_area(andersberg, utc(2025, 5, 20, 17, 0)),
            at_area(satra, utc(2025, 4, 2, 16, 0)),
            // In the outer area: does not count for the districts.
            at_area(outer, utc(2025, 6, 1, 10, 0)),
        ];
        (areas, ids, occasions)
    }

    #[test]
    fn two_per_district_and_year_with_four_occasions_says_which_districts_are_behind() {
        let (areas, [andersberg, satra, brynas, outer], occasions) = districts();
        let scope = Scope::PerArea { n: 2, kind: AreaKind::District };
        let cells = count(scope, year(2025), &areas, &[], &occasions);
        assert_eq!(cells.len(), 3, "one cell per district, none for the outer area");
        assert!(cells.iter().all(|c| c.unit != Unit::Area(outer)));
        let (a, s, b) = (
            cell_of(&cells, Unit::Area(andersberg)),
            cell_of(&cells, Unit::Area(satra)),
            cell_of(&cells, Unit::Area(brynas)),
        );
        assert_eq!((a.done, s.done, b.done), (2, 1, 0));
        assert_eq!((a.missing(), s.missing(), b.missing()), (0, 1, 2));

        // After the year: Andersberg met, Sätra and Brynäs missed; the activity is behind.
        let after = day(2026, 1, 10);
        assert_eq!(a.state_at(after), CellState::Met);
        assert_eq!(s.state_at(after), CellState::Missed);
        assert_eq!(b.state_at(after), CellState::Missed);
        assert_eq!(standing(&cells, after), Standing::Behind);

        // On 1 July: Sätra's one in half a year keeps pace for two, Brynäs' none does not.
        let midsummer = day(2025, 7, 1);
        assert_eq!(s.state_at(midsummer), CellState::Open { reachable: true });
        assert_eq!(b.state_at(midsummer), CellState::Open { reachable: false });
        assert_eq!(standing(&cells, midsummer), Standing::AtRisk);

        // In February, before a quarter of the year, nobody is judged on pace.
        assert_eq!(standing(&cells, day(2025, 2, 1)), Standing::OnTrack);
    }

    #[test]
    fn a_picture_every_other_week_with_one_fortnight_missed_is_behind_and_says_which() {
        // Twelve weeks from Monday 6 January 2025: six fortnights; nothing in the third.
        let period = Period { from: day(2025, 1, 6), to: day(2025, 3, 30) };
        let occasions: Vec<Occasion> = [(1, 8), (1, 21), (2, 18), (3, 4), (3, 20)]
            .iter()
            .map(|&(m, d)| anywhere(utc(2025, m, d, 9, 0)))
            .collect();
        let cells = count(Scope::EveryWeeks { k: 2 }, period, &[], &[], &occasions);
        let runs: Vec<(NaiveDate, NaiveDate, u32)> =
            cells.iter().map(|c| (c.from, c.to, c.done)).collect();
        assert_eq!(
            runs,
            vec![
                (day(2025, 1, 6), day(2025, 1, 19), 1),
                (day(2025, 1, 20), day(2025, 2, 2), 1),
                (day(2025, 2, 3), day(2025, 2, 16), 0),
                (day(2025, 2, 17), day(2025, 3, 2), 1),
                (day(2025, 3, 3), day(2025, 3, 16), 1),
                (day(2025, 3, 17), day(2025, 3, 30), 1),
            ]
        );
        let missed: Vec<Unit> = cells
            .iter()
            .filter(|c| c.state_at(day(2025, 4, 1)) == CellState::Missed)
            .map(|c| c.unit)
            .collect();
        assert_eq!(missed, vec![Unit::Run(day(2025, 2, 3))]);
        assert_eq!(standing(&cells, day(2025, 4, 1)), Standing::Behind);
        // Before that fortnight ended nothing was missed: early in it the activity is on
        // track, from a quarter of it without a picture it is at risk.
        assert_eq!(standing(&cells, day(2025, 2, 4)), Standing::OnTrack);
        assert_eq!(standing(&cells, day(2025, 2, 10)), Standing::AtRisk);
    }

    #[test]
    fn place_follow_ups_are_counted_per_crime_exposed_place() {
        let (torget, parken) = (Uuid::now_v7(), Uuid::now_v7());
        let at = |place: Uuid, m: u32| Occasion {
            at: utc(2025, m, 10, 12, 0),
            area: None,
            place: Some(place),
        };
        let occasions = vec![
            at(torget, 2),
            at(torget, 5),
            at(torget, 8),
            at(torget, 11),
            at(parken, 3),
            at(parken, 6),
            at(parken, 9),
            // A follow-up of a place that is not on the list counts for nothing.
            at(Uuid::now_v7(), 4),
        ];
        let cells = count(Scope::PerPlace { n: 4 }, year(2025), &[], &[torget, parken], &occasions);
        assert_eq!(cells.len(), 2);
        let end = day(2026, 1, 1);
        assert_eq!(cell_of(&cells, Unit::Place(torget)).state_at(end), CellState::Met);
        assert_eq!(cell_of(&cells, Unit::Place(parken)).state_at(end), CellState::Missed);
        assert_eq!(cell_of(&cells, Unit::Place(parken)).missing(), 1);
    }

    #[test]
    fn the_swedish_new_year_decides_the_year_an_occasion_counts_for() {
        let period = Period { from: day(2025, 1, 1), to: day(2026, 12, 31) };
        // 23:30 UTC on New Year's Eve is 00:30 on New Year's Day in Sweden.
        let occasions = [anywhere(utc(2025, 12, 31, 23, 30)), anywhere(utc(2025, 12, 31, 22, 30))];
        let cells = count(Scope::PerYear { n: 1 }, period, &[], &[], &occasions);
        let by_year: Vec<(i32, u32)> = cells.iter().map(|c| (c.year, c.done)).collect();
        assert_eq!(by_year, vec![(2025, 1), (2026, 1)]);
        // And an occasion at 23:30 local time on the last day of the period still counts.
        let last = count(
            Scope::PerYear { n: 1 },
            year(2025),
            &[],
            &[],
            &[anywhere(utc(2025, 12, 31, 22, 30)), anywhere(utc(2024, 12, 31, 22, 59))],
        );
        assert_eq!(last[0].done, 1, "the first is in 2025 in Sweden, the second is not");
    }

    #[test]
    fn runs_of_weeks_keep_to_the_swedish_calendar_across_summer_time() {
        // Weekly runs from Monday 24 March 2025; summer time starts on Sunday 30 March and
        // ends on Sunday 26 October.
        let period = Period { from: day(2025, 3, 24), to: day(2025, 11, 2) };
        let spring = anywhere(utc(2025, 3, 30, 22, 30)); // 00:30 CEST on Monday 31 March.
        let autumn = anywhere(utc(2025, 10, 26, 23, 30)); // 00:30 CET on Monday 27 October.
        let before = anywhere(utc(2025, 3, 30, 21, 30)); // 23:30 CEST on Sunday 30 March.
        let cells = count(Scope::EveryWeeks { k: 1 }, period, &[], &[], &[spring, autumn, before]);
        let done = |from: NaiveDate| cell_of(&cells, Unit::Run(from)).done;
        assert_eq!(done(day(2025, 3, 24)), 1, "Sunday evening belongs to the first week");
        assert_eq!(done(day(2025, 3, 31)), 1, "Monday 00:30 belongs to the second");
        assert_eq!(done(day(2025, 10, 20)), 0);
        assert_eq!(done(day(2025, 10, 27)), 1);
        assert!(cells.iter().all(|c| (c.to - c.from).num_days() == 6));
    }

    #[test]
    fn as_needed_is_counted_and_never_judged() {
        let cells =
            count(Scope::AsNeeded, year(2025), &[], &[], &[anywhere(utc(2025, 5, 5, 8, 0))]);
        assert_eq!(cells[0].done, 1);
        assert_eq!(cells[0].required, None);
        assert_eq!(standing(&cells, day(2026, 6, 1)), Standing::Counted);
        let none = count(Scope::AsNeeded, year(2025), &[], &[], &[]);
        assert_eq!(standing(&none, day(2026, 6, 1)), Standing::Counted, "not even when nothing");
        // A promise with a counted activity and an activity on track is on track.
        assert_eq!(overall([Standing::Counted, Standing::OnTrack]), Standing::OnTrack);
        assert_eq!(overall([Standing::Counted]), Standing::OnTrack);
        assert_eq!(
            overall([Standing::OnTrack, Standing::Behind, Standing::AtRisk]),
            Standing::Behind
        );
    }

    #[test]
    fn a_part_year_asks_for_its_share() {
        // Gävle's promise ran from the middle of 2018 to the middle of 2020.
        let period = Period { from: day(2018, 7, 1), to: day(2020, 6, 30) };
        let cells = count(Scope::PerYear { n: 4 }, period, &[], &[], &[]);
        let required: Vec<(i32, Option<u32>)> =
            cells.iter().map(|c| (c.year, c.required)).collect();
        assert_eq!(required, vec![(2018, Some(2)), (2019, Some(4)), (2020, Some(2))]);
        // Two weeks of a year ask for nothing, and nothing is missed.
        let late = Period { from: day(2025, 12, 15), to: day(2026, 12, 31) };
        let cells = count(Scope::PerYear { n: 2 }, late, &[], &[], &[]);
        assert_eq!(cells[0].required, Some(0));
        assert_eq!(cells[0].state_at(day(2026, 6, 1)), CellState::Met);
    }

    #[test]
    fn a_short_tail_belongs_to_the_last_run() {
        // Three years: 78 fortnights and three days.
        let period = Period { from: day(2025, 1, 1), to: day(2027, 12, 31) };
        let cells = count(Scope::EveryWeeks { k: 2 }, period, &[], &[], &[]);
        assert_eq!(cells.len(), 78);
        let last = cells[77];
        assert_eq!((last.from, last.to), (day(2027, 12, 15), day(2027, 12, 31)));
        assert!(cells.windows(2).all(|w| w[0].to + Duration::days(1) == w[1].from));
    }

    #[test]
    fn scopes_that_cannot_be_counted_are_refused() {
        let districts = [Area { id: Uuid::now_v7(), kind: AreaKind::District }];
        let field = |scope: Scope| match scope.check(&districts) {
            Err(AppError::BadInput { field, .. }) => Some(field),
            _ => None,
        };
        for bad in [
            Scope::PerYear { n: 0 },
            Scope::PerPlace { n: 0 },
            Scope::PerArea { n: 0, kind: AreaKind::District },
            Scope::PerYear { n: MAX_PER_YEAR + 1 },
            Scope::EveryWeeks { k: 0 },
            Scope::EveryWeeks { k: 53 },
            Scope::PerArea { n: 1, kind: AreaKind::Outer },
        ] {
            assert_eq!(field(bad), Some("scope"), "{bad:?}");
        }
        for good in [
            Scope::PerYear { n: 4 },
            Scope::EveryWeeks { k: 1 },
            Scope::EveryWeeks { k: 52 },
            Scope::PerArea { n: 2, kind: AreaKind::District },
            Scope::AsNeeded,
        ] {
            assert!(good.check(&districts).is_ok(), "{good:?}");
        }
    }
}
