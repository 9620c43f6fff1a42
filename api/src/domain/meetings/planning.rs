//! Planning a council's year: themes, the year planner and conflicts with other
//! councils' meetings.

use super::*;
use crate::domain::batch;
use crate::domain::prelude::*;
use crate::domain::{
    audit, holidays, time,
    types::{MembershipRole, parse_name},
};
use chrono::{DateTime, Datelike, Duration, NaiveDate};
use entity::{council_theme, membership};
use std::collections::{BTreeMap, HashSet};

/// Themes of councils, for batch loading behind a checked council.
#[tracing::instrument(skip_all)]
pub async fn themes_of(
    db: &DatabaseConnection, council_ids: &[Uuid],
) -> AppResult<Vec<council_theme::Model>> {
    batch::rows_in::<council_theme::Entity>(
        db,
        council_theme::Column::CouncilId,
        council_ids,
        &[council_theme::Column::Position, council_theme::Column::Id],
    )
    .await
}

/// Adds a theme to a council's list (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn add_theme(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid, name: &str,
) -> AppResult<council_theme::Model> {
    policy::require_manage(actor, council_id)?;
    let name = parse_name("name", name, MAX_TITLE)?;
    let txn = crate::db::begin_write(db).await?;
    let position = council_theme::Entity::find()
        .filter(council_theme::Column::CouncilId.eq(council_id))
        .count(&txn)
        .await?;
    let theme = council_theme::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(council_id),
        name: Set(name),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "name", "a theme with this name"))?;
    audit::Event::new(actor, "theme.add", ("council", council_id))
        .in_council(council_id)
        .detail(json!({ "name": theme.name }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, theme).await
}

// ---------------------------------------------------------------------------------
// Year planner

/// Dates for `count` meetings in `year` on `weekday`, spread evenly: of the year's W
/// weeks that have that weekday, meeting i falls in week ⌊(i + ½)·W / count⌋, so a
/// fortnightly council meets every other week and a quarterly one once a quarter. A
/// holiday moves a meeting to the nearest working day of its own week, else (or when its
/// week is taken) to the same weekday of the nearest free week. A meeting whose date falls
/// before `earliest` is not placed. Either every meeting of the cadence gets a date, or
/// the answer says which could not be placed and why.
pub fn propose_dates(
    year: i32, count: u32, weekday: Weekday, earliest: NaiveDate,
) -> Result<Vec<NaiveDate>, Vec<String>> {
    let (Some(jan1), Some(dec31)) =
        (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
    else {
        return Err(vec![format!("{year} is not a year the planner knows")]);
    };
    let first = jan1
        + Duration::days(i64::from(
            (7 + weekday.num_days_from_monday() - jan1.weekday().num_days_from_monday()) % 7,
        ));
    let weeks: Vec<NaiveDate> =
        (0..).map(|w| first + Duration::days(7 * w)).take_while(|d| *d <= dec31).collect();
    let total = u32::try_from(weeks.len()).unwrap_or(u32::MAX);
    if count > total {
        return Err(vec![format!("{count} meetings do not fit in the {total} weeks of {year}")]);
    }
    let usable = |d: NaiveDate| d.year() == year && d >= earliest && holidays::is_working_day(d);
    let mut taken_weeks = HashSet::new();
    let mut dates = vec![];
    let mut unplaced = vec![];
    for i in 0..count {
        let week = ((2 * u64::from(i) + 1) * u64::from(total) / (2 * u64::from(count))) as usize;
        let ideal = weeks[week.min(weeks.len() - 1)];
        if ideal < earliest {
            unplaced.push(format!(
                "meeting {} of {count} would fall on {ideal}, before {earliest}",
                i + 1
            ));
            continue;
        }
        // The nearest free week, later ones first.
        let other_week = (1..weeks.len())
            .flat_map(|d| [week + d, week.wrapping_sub(d)])
            .filter(|w| *w < weeks.len() && !taken_weeks.contains(w))
            .find(|w| usable(weeks[*w]));
        let same_week = [1i64, -1, 2, -2]
            .into_iter()
            .map(|d| ideal + Duration::days(d))
            .find(|d| d.weekday().num_days_from_monday() < 5 && usable(*d) && !dates.contains(d));
        let placed = if usable(ideal) && !taken_weeks.contains(&week) {
            Some((week, ideal))
        } else if let Some(d) = same_week.filter(|_| !taken_weeks.contains(&week)) {
            Some((week, d))
        } else {
            other_week.map(|w| (w, weeks[w]))
        };
        match placed {
            Some((w, date)) => {
                taken_weeks.insert(w);
                dates.push(date);
            }
            None => unplaced.push(format!(
                "meeting {} of {count} ({ideal}): no free working day is left for it",
                i + 1
            )),
        }
    }
    if !unplaced.is_empty() {
        return Err(unplaced);
    }
    dates.sort();
    Ok(dates)
}

/// Proposes a year of draft meetings from the council's cadence and the given themes,
/// with the conflicts of each (secretariat or admin). The secretariat then adjusts and
/// schedules them.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn plan_year(
    db: &DatabaseConnection, actor: &Actor, req: YearPlanRequest,
) -> AppResult<Vec<(MeetingView, Vec<Conflict>)>> {
    policy::require_manage(actor, req.council_id)?;
    let this_year = time::today().year();
    if !(this_year..=this_year + 5).contains(&req.year) {
        return Err(AppError::bad_input(
            "year",
            format!("plan a year from {this_year} to {}", this_year + 5),
        ));
    }
    if !(15..=8 * 60).contains(&req.duration_minutes) {
        return Err(AppError::bad_input(
            "durationMinutes",
            "a meeting lasts 15 minutes to 8 hours",
        ));
    }
    if !(0..=90).contains(&req.input_deadline_days_before)
        || req.input_opens_days_before <= req.input_deadline_days_before
        || req.input_opens_days_before > 180
    {
        return Err(AppError::bad_input(
            "inputDeadlineDaysBefore",
            "the input window must open before its deadline, within 180 days",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let council = crate::domain::councils::row(&txn, req.council_id).await?;
    let count = u32::try_from(council.meetings_per_year).unwrap_or(0);
    if req.themes.len() > count as usize {
        return Err(AppError::bad_input(
            "themes",
            format!("the council meets {count} times a year"),
        ));
    }
    let known: BTreeMap<String, Uuid> = council_theme::Entity::find()
        .filter(council_theme::Column::CouncilId.eq(council.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.name, t.id))
        .collect();
    let mut theme_ids = vec![];
    for name in &req.themes {
        let id = known.get(name.trim()).copied().ok_or_else(|| {
            AppError::bad_input("themes", format!("{name:?} is not one of the council's themes"))
        })?;
        theme_ids.push((name.trim().to_owned(), id));
    }
    let dates = propose_dates(req.year, count, req.weekday, time::today() + Duration::days(1))
        .map_err(|unplaced| {
            AppError::bad_input(
                "year",
                format!("could not place every meeting: {}", unplaced.join("; ")),
            )
        })?;
    let mut planned = vec![];
    for (i, date) in dates.into_iter().enumerate() {
        let starts = time::to_utc("startTime", date.and_time(req.start_time))?;
        let ends = starts + Duration::minutes(req.duration_minutes);
        let theme = theme_ids.get(i);
        let title = match theme {
            Some((name, _)) => format!("{} – {}", council.name, name),
            None => format!("{} – möte {}", council.name, i + 1),
        };
        let r = Resolved {
            title: title.chars().take(MAX_TITLE).collect(),
            theme_id: theme.map(|(_, id)| *id),
            description: String::new(),
            starts_at: starts,
            ends_at: ends,
            location: None,
            online_url: None,
            input_opens_at: Some(starts - Duration::days(req.input_opens_days_before)),
            input_deadline: Some(starts - Duration::days(req.input_deadline_days_before)),
        };
        planned.push(insert_draft(&txn, council.id, r).await?);
    }
    let ranges: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        planned.iter().map(|m| (m.starts_at, m.ends_at)).collect();
    let conflicts = conflicts_for(&txn, council.id, &ranges).await?;
    audit::Event::new(actor, "meeting.plan_year", ("council", council.id))
        .in_council(council.id)
        .detail(json!({ "year": req.year, "meetings": planned.len() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, ()).await?;
    Ok(planned
        .into_iter()
        .zip(conflicts)
        .map(|(model, c)| (MeetingView { model, access: CouncilAccess::Manage }, c))
        .collect())
}

/// For each time range, the meetings of *other* councils that overlap it and share an
/// open member organisation with `council_id`. Three statements whatever the input.
#[tracing::instrument(skip_all, fields(council_id = %council_id))]
pub async fn conflicts_for(
    db: &impl ConnectionTrait, council_id: Uuid, ranges: &[(DateTime<Utc>, DateTime<Utc>)],
) -> AppResult<Vec<Vec<Conflict>>> {
    let (Some(min), Some(max)) =
        (ranges.iter().map(|r| r.0).min(), ranges.iter().map(|r| r.1).max())
    else {
        return Ok(vec![]);
    };
    let ours: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    if ours.is_empty() {
        return Ok(ranges.iter().map(|_| vec![]).collect());
    }
    let theirs = membership::Entity::find()
        .filter(membership::Column::OrganisationId.is_in(ours))
        .filter(membership::Column::CouncilId.ne(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory))
        .all(db)
        .await?;
    if theirs.is_empty() {
        return Ok(ranges.iter().map(|_| vec![]).collect());
    }
    let councils: HashSet<Uuid> = theirs.iter().map(|m| m.council_id).collect();
    let others = meeting::Entity::find()
        .filter(meeting::Column::CouncilId.is_in(councils))
        .filter(meeting::Column::Status.ne(MeetingStatus::Cancelled))
        .filter(meeting::Column::StartsAt.lt(max))
        .filter(meeting::Column::EndsAt.gt(min))
        .all(db)
        .await?;
    Ok(ranges
        .iter()
        .map(|(start, end)| {
            others
                .iter()
                .filter(|o| o.starts_at < *end && o.ends_at > *start)
                .map(|o| Conflict {
                    other: o.clone(),
                    shared_organisation_ids: theirs
                        .iter()
                        .filter(|m| m.council_id == o.council_id)
                        .map(|m| m.organisation_id)
                        .collect(),
                })
                .collect()
        })
        .collect())
}

/// Conflicts of one meeting (secretariat or admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn conflicts_of(
    db: &DatabaseConnection, actor: &Actor, view: &MeetingView,
) -> AppResult<Vec<Conflict>> {
    policy::require_manage_to_read(actor, view.model.council_id)?;
    let mut all =
        conflicts_for(db, view.model.council_id, &[(view.model.starts_at, view.model.ends_at)])
            .await?;
    Ok(all.pop().unwrap_or_default())
}
