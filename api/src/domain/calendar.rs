//! Calendar feeds (RFC 5545): a personal feed of all the owner's councils, or one
//! council's, at a secret URL that calendar apps poll without an auth header.
//!
//! The secret is 256 random bits, stored only as a hash; revoking a feed makes its URL
//! answer 404 at once. A feed shows what its owner may see today: no drafts, and for an
//! advisory body only theme, title and times. Events carry TZID Europe/Stockholm with a
//! VTIMEZONE, a stable UID and a SEQUENCE that rises when a meeting changes; cancelled
//! meetings are STATUS:CANCELLED; the input deadline is an event of its own.

use crate::domain::prelude::*;
use chrono::Duration;
use entity::{app_user, calendar_feed, council, council_theme, meeting};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

use crate::{
    auth::tokens,
    domain::{
        policy, sessions,
        time::{self, ZONE},
        types::MeetingStatus,
    },
};

/// Events further back than this are left out of feeds.
const HISTORY_DAYS: i64 = 365;
/// At most this many meetings in one feed.
const MAX_EVENTS: u64 = 2000;

/// Europe/Stockholm since 1996 (EU summer time): CEST from the last Sunday of March
/// 02:00, CET from the last Sunday of October 03:00.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\nX-LIC-LOCATION:Europe/Stockholm\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// A new feed with its secret (shown once).
#[derive(Debug, Clone)]
pub struct IssuedFeed {
    pub feed: calendar_feed::Model,
    pub token: String,
}

/// The URL path of a feed.
pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

/// Creates a feed for the actor: personal (`council_id` None) or of a council they see.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create_feed(
    db: &DatabaseConnection, actor: &Actor, council_id: Option<Uuid>,
) -> AppResult<IssuedFeed> {
    if let Some(council) = council_id {
        policy::require_council(actor, council)?;
    }
    let token = tokens::new_refresh_token();
    let feed = calendar_feed::ActiveModel {
        id: Set(Uuid::now_v7()),
        token_hash: Set(tokens::hash_refresh_token(&token)),
        owner_id: Set(actor.user_id),
        council_id: Set(council_id),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(IssuedFeed { feed, token })
}

/// The actor's feeds that are still live.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn my_feeds(
    db: &DatabaseConnection, actor: &Actor,
) -> AppResult<Vec<calendar_feed::Model>> {
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::OwnerId.eq(actor.user_id))
        .filter(calendar_feed::Column::RevokedAt.is_null())
        .order_by_asc(calendar_feed::Column::Id)
        .limit(100)
        .all(db)
        .await?)
}

/// Revokes one of the actor's feeds; its URL answers 404 from now on.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn revoke_feed(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
) -> AppResult<calendar_feed::Model> {
    let feed = calendar_feed::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|f| f.owner_id == actor.user_id && f.revoked_at.is_none())
        .ok_or(AppError::NotFound("calendar feed"))?;
    let mut model: calendar_feed::ActiveModel = feed.into();
    model.revoked_at = Set(Some(Utc::now()));
    Ok(model.update(db).await?)
}

/// The iCalendar text behind a feed URL, or `None` (→ 404) for an unknown or revoked
/// secret, a disabled owner, or a council the owner no longer sees.
#[tracing::instrument(skip_all)]
pub async fn render(db: &DatabaseConnection, token: &str) -> AppResult<Option<String>> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(tokens::hash_refresh_token(token)))
        .filter(calendar_feed::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(owner) = app_user::Entity::find_by_id(feed.owner_id)
        .one(db)
        .await?
        .filter(|u| u.disabled_at.is_none())
    else {
        return Ok(None);
    };
    let actor = sessions::actor_for_user(db, &owner, Uuid::nil()).await?;
    let council_ids: Vec<Uuid> = match feed.council_id {
        Some(id) if policy::council_access(&actor, id).is_some() => vec![id],
        Some(_) => return Ok(None),
        None => {
            let mut ids: Vec<Uuid> = actor.seats.iter().map(|s| s.council_id).collect();
            ids.retain(|id| policy::council_access(&actor, *id).is_some());
            ids.sort_unstable();
            ids.dedup();
            ids
        }
    };
    let councils = if council_ids.is_empty() {
        vec![]
    } else {
        council::Entity::find()
            .filter(council::Column::Id.is_in(council_ids.clone()))
            .all(db)
            .await?
    };
    let meetings = if council_ids.is_empty() {
        vec![]
    } else {
        meeting::Entity::find()
            .filter(meeting::Column::CouncilId.is_in(council_ids))
            .filter(meeting::Column::Status.ne(MeetingStatus::Draft))
            .filter(meeting::Column::EndsAt.gte(Utc::now() - Duration::days(HISTORY_DAYS)))
            .order_by_asc(meeting::Column::StartsAt)
            .limit(MAX_EVENTS)
            .all(db)
            .await?
    };
    let theme_ids: Vec<Uuid> = meetings.iter().filter_map(|m| m.theme_id).collect();
    let themes = if theme_ids.is_empty() {
        vec![]
    } else {
        council_theme::Entity::find()
            .filter(council_theme::Column::Id.is_in(theme_ids))
            .all(db)
            .await?
    };
    let name = match (&feed.council_id, councils.first()) {
        (Some(_), Some(c)) => format!("Samråd – {}", c.name),
        _ => "Samråd – mina råd".to_owned(),
    };
    let mut calendar = Calendar::new();
    calendar.name(&name).timezone(ZONE.name());
    for m in &meetings {
        let council_name =
            councils.iter().find(|c| c.id == m.council_id).map_or("", |c| c.name.as_str());
        let theme =
            m.theme_id.and_then(|t| themes.iter().find(|x| x.id == t)).map(|t| t.name.as_str());
        let details = policy::council_access(&actor, m.council_id)
            .is_some_and(policy::can_see_meeting_details);
        calendar.push(meeting_event(m, council_name, theme, details));
        if let Some(deadline) = m.input_deadline {
            let local = CalendarDateTime::WithTimezone {
                date_time: time::to_local(deadline),
                tzid: ZONE.name().to_owned(),
            };
            let mut event = Event::new();
            event
                .uid(&format!("{}-deadline@samrad", m.id))
                .summary(&format!("Sista dag för inspel: {}", m.title))
                .description(&format!(
                    "Inspel till {} ({council_name}) ska vara inne senast nu.",
                    m.title
                ))
                .starts(local.clone())
                .ends(local)
                .sequence(u32::try_from(m.sequence).unwrap_or(0))
                .status(if m.status == MeetingStatus::Cancelled {
                    EventStatus::Cancelled
                } else {
                    EventStatus::Confirmed
                });
            calendar.push(event.done());
        }
    }
    let text = calendar.done().to_string();
    // icalendar builds the events; the VTIMEZONE they refer to goes in before them.
    let at = text.find("BEGIN:VEVENT").or_else(|| text.find("END:VCALENDAR")).unwrap_or(text.len());
    Ok(Some(format!("{}{VTIMEZONE}{}", &text[..at], &text[at..])))
}

/// Text as RFC 5545 wants it before the library escapes and folds it: line breaks are
/// one newline (which becomes `\\n`), and no other control character (a raw carriage
/// return would end the content line in a calendar app) survives.
fn ical_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect()
}

fn meeting_event(
    m: &meeting::Model, council_name: &str, theme: Option<&str>, details: bool,
) -> Event {
    let at = |t| CalendarDateTime::WithTimezone {
        date_time: time::to_local(t),
        tzid: ZONE.name().to_owned(),
    };
    let mut event = Event::new();
    let summary = match theme {
        Some(theme) => format!("{} – tema: {theme}", m.title),
        None => m.title.clone(),
    };
    event
        .uid(&format!("{}@samrad", m.id))
        .summary(&ical_text(&summary))
        .starts(at(m.starts_at))
        .ends(at(m.ends_at))
        .sequence(u32::try_from(m.sequence).unwrap_or(0))
        .last_modified(m.updated_at);
    let mut description = council_name.to_owned();
    if details && !m.description.is_empty() {
        description.push_str("\n\n");
        description.push_str(&m.description);
    }
    if let Some(reason) = &m.cancel_reason {
        description.push_str("\n\nInställt: ");
        description.push_str(reason);
    }
    event.description(&ical_text(&description));
    if let Some(location) = &m.location {
        event.location(&ical_text(location));
    }
    if details && let Some(url) = &m.online_url {
        event.url(&ical_text(url));
    }
    event.status(match m.status {
        MeetingStatus::Cancelled => EventStatus::Cancelled,
        _ => EventStatus::Confirmed,
    });
    event.done()
}
