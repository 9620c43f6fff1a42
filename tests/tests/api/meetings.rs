//! Themed meetings: who sees and changes what, the year planner across DST and Swedish
//! holidays, optimistic concurrency, input rules, proposals, attendance, minutes,
//! follow-up actions, calendar feeds and the statement count of meeting preparation.

use std::str::FromStr;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Timelike, Utc};
use serde_json::{Value, json};

use crate::helpers::*;
use samrad_tests::PREPARATION;

const GBG: &str = "Göteborgs Stads trygghetsråd";

const CREATE: &str = "mutation($c: ID!, $input: MeetingInput!) { createMeeting(councilId: $c, input: $input) { id version status } }";
const UPDATE: &str = "mutation($id: ID!, $v: Int!, $input: MeetingInput!) { updateMeeting(id: $id, expectedVersion: $v, input: $input) { id version title } }";
const SCHEDULE: &str = "mutation($id: ID!, $v: Int!) { scheduleMeeting(id: $id, expectedVersion: $v) { id version status } }";
const HELD: &str = "mutation($id: ID!, $v: Int!) { markMeetingHeld(id: $id, expectedVersion: $v) { id version status } }";
const CANCEL: &str = "mutation($id: ID!, $v: Int!, $r: String!) { cancelMeeting(id: $id, expectedVersion: $v, reason: $r) { id version status cancelReason } }";
const ADD_ITEM: &str = "mutation($m: ID!, $v: Int!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, expectedVersion: $v, input: $input) { id title position } }";
const PROPOSE: &str = "mutation($input: ProposeAgendaItemInput!) { proposeAgendaItem(input: $input) { id status organisation { name } } }";
const VERSION: &str = "query($id: ID!) { meeting(id: $id) { version } }";

/// Expected outcome of a secretariat-only change to Göteborg's council, per role.
fn manage(role: Role) -> &'static str {
    match role {
        Role::Admin | Role::Secretariat => "OK",
        Role::Anonymous => "UNAUTHENTICATED",
        // A change refused on a real council answers as one on an unknown id.
        _ => "NOT_FOUND",
    }
}

/// A meeting of Göteborg's council, `days` from now, 13–15 Swedish time, input
/// deadline a week before; scheduled unless `draft`.
async fn meeting(
    app: &TestApp, token: &str, title: &str, days: i64, draft: bool,
) -> anyhow::Result<(String, i64)> {
    let council = app.council_id(GBG).await?;
    let input = json!({
        "title": title,
        "description": "Intern förberedelse",
        "startsAt": local(days, 13),
        "endsAt": local(days, 15),
        "location": "Stadshuset",
        "onlineUrl": "https://möte.example/abc",
        "inputDeadline": local(days - 7, 12),
    });
    let body = app.gql(Some(token), CREATE, json!({ "c": council, "input": input })).await?;
    let id = str_at(&body, "/data/createMeeting/id")?;
    if draft {
        return Ok((id, 1));
    }
    let body = app.gql(Some(token), SCHEDULE, json!({ "id": id, "v": 1 })).await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok((id, 2))
}

async fn version(app: &TestApp, token: &str, id: &str) -> anyhow::Result<i64> {
    let body = app.gql(Some(token), VERSION, json!({ "id": id })).await?;
    body.pointer("/data/meeting/version")
        .and_then(Value::as_i64)
        .ok_or_else(|| anyhow::anyhow!("{body}"))
}

#[tokio::test]
async fn only_the_secretariat_creates_and_changes_meetings() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let council = app.council_id(GBG).await?;
    let secretariat = app.login(SECRETARIAT).await?;
    for (role, email) in ROLES {
        let before = app.snapshot("meeting").await?;
        let input = json!({ "title": format!("Möte av {role}"), "startsAt": local(30, 13), "endsAt": local(30, 15) });
        let body = app.gql_as(*email, CREATE, json!({ "c": council, "input": input })).await?;
        assert_eq!(code(&body), manage(*role), "create as {role}");
        if manage(*role) != "OK" {
            assert_eq!(app.snapshot("meeting").await?, before, "{role}");
        }
    }
    let (id, v) = meeting(&app, &secretariat, "Tema: trygghet i centrum", 30, false).await?;
    for (role, email) in ROLES {
        let before = app.snapshot("meeting").await?;
        let v = version(&app, &secretariat, &id).await?;
        let body = app
            .gql_as(
                *email,
                UPDATE,
                json!({ "id": id, "v": v, "input": { "title": format!("Ändrat av {role}") } }),
            )
            .await?;
        assert_eq!(code(&body), manage(*role), "update as {role}");
        if manage(*role) != "OK" {
            assert_eq!(app.snapshot("meeting").await?, before, "{role}");
        }
    }
    // Lifecycle changes follow the same rule.
    for (role, email) in ROLES {
        if manage(*role) == "OK" {
            continue;
        }
        let body = app.gql_as(*email, CANCEL, json!({ "id": id, "v": v + 2, "r": "Nej" })).await?;
        assert_eq!(code(&body), manage(*role), "cancel as {role}");
    }
    Ok(())
}

#[tokio::test]
async fn members_see_scheduled_meetings_and_advisory_bodies_only_themes_and_dates()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (draft, _) = meeting(&app, &secretariat, "Utkast", 40, true).await?;
    let (scheduled, v) = meeting(&app, &secretariat, "Mäns våld mot kvinnor", 50, false).await?;
    app.gql(
        Some(&secretariat),
        ADD_ITEM,
        json!({ "m": scheduled, "v": v, "input": { "title": "Lägesbild", "kind": "INFORMATION" } }),
    )
    .await?;
    let q = "query($id: ID!) { meeting(id: $id) { title startsAtLocal description onlineUrl } }";
    let agenda = "query($id: ID!) { meeting(id: $id) { agenda { title } } }";
    for (role, email) in ROLES {
        let d = app.gql_as(*email, q, json!({ "id": draft })).await?;
        let s = app.gql_as(*email, q, json!({ "id": scheduled })).await?;
        let a = app.gql_as(*email, agenda, json!({ "id": scheduled })).await?;
        let (draft_code, scheduled_code, agenda_code) = match *role {
            Role::Admin | Role::Secretariat => ("OK", "OK", "OK"),
            Role::Chair | Role::Member => ("NOT_FOUND", "OK", "OK"),
            Role::Advisory => ("NOT_FOUND", "OK", "FORBIDDEN"),
            Role::Anonymous => ("UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED"),
            _ => ("NOT_FOUND", "NOT_FOUND", "NOT_FOUND"),
        };
        assert_eq!(
            (code(&d).as_str(), code(&s).as_str(), code(&a).as_str()),
            (draft_code, scheduled_code, agenda_code),
            "{role}"
        );
        if *role == Role::Advisory {
            assert_eq!(str_at(&s, "/data/meeting/title")?, "Mäns våld mot kvinnor");
            assert!(s.pointer("/data/meeting/description").is_some_and(Value::is_null));
            assert!(s.pointer("/data/meeting/onlineUrl").is_some_and(Value::is_null));
        }
        if *role == Role::Member {
            assert_eq!(str_at(&s, "/data/meeting/description")?, "Intern förberedelse");
        }
    }
    // The council's meeting list follows the same rule.
    let list =
        "query($id: ID!) { council(id: $id) { meetings(first: 10) { edges { node { title } } } } }";
    let council = app.council_id(GBG).await?;
    // Only this test's meetings (the demo data has its own).
    let count = |b: &Value| {
        b.pointer("/data/council/meetings/edges").and_then(Value::as_array).map_or(0, |e| {
            e.iter()
                .filter(|m| {
                    m["node"]["title"] == "Utkast" || m["node"]["title"] == "Mäns våld mot kvinnor"
                })
                .count()
        })
    };
    assert_eq!(count(&app.gql_as(Some(SECRETARIAT), list, json!({ "id": council })).await?), 2);
    assert_eq!(count(&app.gql_as(Some(MEMBER), list, json!({ "id": council })).await?), 1);
    assert_eq!(count(&app.gql_as(Some(ADVISORY), list, json!({ "id": council })).await?), 1);
    Ok(())
}

#[tokio::test]
async fn bad_meeting_input_is_refused_and_changes_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(SECRETARIAT).await?;
    let council = app.council_id(GBG).await?;
    let gavle = app.council_id("Medborgarlöften Gävle").await?;
    let foreign_theme = app
        .gql_as(
            Some(ADMIN),
            "mutation($c: ID!) { addCouncilTheme(councilId: $c, name: \"Droger\") { id } }",
            json!({ "c": gavle }),
        )
        .await?;
    let foreign_theme = str_at(&foreign_theme, "/data/addCouncilTheme/id")?;
    let base = json!({ "title": "Möte", "startsAt": local(30, 13), "endsAt": local(30, 15) });
    let with = |key: &str, value: Value| {
        let mut input = base.clone();
        input[key] = value;
        input
    };
    let cases = [
        ("end before start", with("endsAt", json!(local(30, 12))), "endsAt"),
        (
            "deadline after the meeting",
            with("inputDeadline", json!(local(31, 12))),
            "inputDeadline",
        ),
        ("unknown theme", with("themeId", json!(uuid::Uuid::now_v7().to_string())), "themeId"),
        ("another council's theme", with("themeId", json!(foreign_theme)), "themeId"),
        ("a time that does not exist", with("startsAt", json!("2027-03-28T02:30:00")), "startsAt"),
        ("not a web link", with("onlineUrl", json!("javascript:alert(1)")), "onlineUrl"),
        ("empty title", with("title", json!("  ")), "title"),
    ];
    for (case, input, field) in cases {
        app.assert_refused(
            case,
            Some(&token),
            CREATE,
            json!({ "c": council, "input": input }),
            ("BAD_USER_INPUT", Some(field)),
            &["meeting"],
        )
        .await?;
    }
    // The same rules hold for changes.
    let (id, v) = meeting(&app, &token, "Befintligt", 30, false).await?;
    let input = json!({ "endsAt": local(29, 12) });
    app.assert_refused(
        "update end before start",
        Some(&token),
        UPDATE,
        json!({ "id": id, "v": v, "input": input }),
        ("BAD_USER_INPUT", Some("endsAt")),
        &["meeting"],
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn the_second_of_two_concurrent_edits_gets_conflict() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let maria = app.login(SECRETARIAT).await?;
    let elin = app.login(ADMIN).await?;
    let (id, v) = meeting(&app, &maria, "Möte", 30, false).await?;
    // Both loaded version v; Maria saves first.
    let first = app
        .gql(
            Some(&maria),
            UPDATE,
            json!({ "id": id, "v": v, "input": { "title": "Marias rubrik" } }),
        )
        .await?;
    assert_eq!(code(&first), "OK");
    let before = app.snapshot("meeting").await?;
    let second = app
        .gql(Some(&elin), UPDATE, json!({ "id": id, "v": v, "input": { "title": "Elins rubrik" } }))
        .await?;
    assert_eq!(code(&second), "CONFLICT");
    assert_eq!(app.snapshot("meeting").await?, before, "nothing was overwritten");
    // The agenda shares the meeting's version.
    let items_before = app.snapshot("agenda_item").await?;
    let stale = app
        .gql(Some(&elin), ADD_ITEM, json!({ "m": id, "v": v, "input": { "title": "Punkt" } }))
        .await?;
    assert_eq!(code(&stale), "CONFLICT");
    assert_eq!(app.snapshot("agenda_item").await?, items_before);
    let fresh = app
        .gql(Some(&elin), ADD_ITEM, json!({ "m": id, "v": v + 1, "input": { "title": "Punkt" } }))
        .await?;
    assert_eq!(code(&fresh), "OK");
    let title = app
        .gql(
            Some(&maria),
            "query($id: ID!) { meeting(id: $id) { title version } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(str_at(&title, "/data/meeting/title")?, "Marias rubrik");
    Ok(())
}

#[tokio::test]
async fn the_lifecycle_refuses_impossible_steps() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(SECRETARIAT).await?;
    let (future, v) = meeting(&app, &token, "Framtida", 30, false).await?;
    // Held before it started: refused.
    assert_eq!(
        code(&app.gql(Some(&token), HELD, json!({ "id": future, "v": v })).await?),
        "BAD_USER_INPUT"
    );
    // Cancelling needs a reason…
    assert_eq!(
        code(&app.gql(Some(&token), CANCEL, json!({ "id": future, "v": v, "r": " " })).await?),
        "BAD_USER_INPUT"
    );
    let cancelled = app
        .gql(
            Some(&token),
            CANCEL,
            json!({ "id": future, "v": v, "r": "Lokalen är inte tillgänglig" }),
        )
        .await?;
    assert_eq!(str_at(&cancelled, "/data/cancelMeeting/status")?, "CANCELLED");
    // …and a cancelled meeting cannot be scheduled or changed again.
    let v = version(&app, &token, &future).await?;
    assert_eq!(
        code(&app.gql(Some(&token), SCHEDULE, json!({ "id": future, "v": v })).await?),
        "CONFLICT"
    );
    assert_eq!(
        code(
            &app.gql(
                Some(&token),
                UPDATE,
                json!({ "id": future, "v": v, "input": { "title": "x" } })
            )
            .await?
        ),
        "CONFLICT"
    );
    // A held meeting cannot be cancelled.
    let (past, v) = meeting(&app, &token, "Förra veckan", -7, false).await?;
    let held = app.gql(Some(&token), HELD, json!({ "id": past, "v": v })).await?;
    assert_eq!(str_at(&held, "/data/markMeetingHeld/status")?, "HELD");
    assert_eq!(
        code(&app.gql(Some(&token), CANCEL, json!({ "id": past, "v": v + 1, "r": "x" })).await?),
        "CONFLICT"
    );
    Ok(())
}

#[tokio::test]
async fn the_year_planner_keeps_swedish_time_across_daylight_saving() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(SECRETARIAT).await?;
    let council = app.council_id(GBG).await?;
    let themes = ["Mäns våld mot kvinnor", "Ungas trygghet", "Desinformation", "Trygg stadsmiljö"];
    for theme in themes {
        app.gql(
            Some(&token),
            "mutation($c: ID!, $n: String!) { addCouncilTheme(councilId: $c, name: $n) { id } }",
            json!({ "c": council, "n": theme }),
        )
        .await?;
    }
    let year = Utc::now().year() + 1;
    let q = "mutation($input: PlanYearInput!) { planYear(input: $input) { meeting { id status startsAt startsAtLocal inputDeadlineLocal theme { name } } conflicts { startsAt } } }";
    let body = app
        .gql(
            Some(&token),
            q,
            json!({ "input": { "councilId": council, "year": year, "themes": themes } }),
        )
        .await?;
    let planned = body
        .pointer("/data/planYear")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("{body}"))?;
    assert_eq!(planned.len(), 4, "the council meets four times a year");
    let mut utc_hours = vec![];
    for (i, p) in planned.iter().enumerate() {
        assert_eq!(str_at(p, "/meeting/status")?, "DRAFT");
        assert_eq!(str_at(p, "/meeting/theme/name")?, themes[i]);
        let local = NaiveDateTime::parse_from_str(
            &str_at(p, "/meeting/startsAtLocal")?,
            "%Y-%m-%dT%H:%M:%S",
        )?;
        assert_eq!((local.hour(), local.minute()), (13, 0), "shown at 13:00 Swedish time");
        assert_eq!(local.weekday(), chrono::Weekday::Tue);
        assert!(samrad::domain::holidays::is_working_day(local.date()));
        let utc =
            DateTime::parse_from_rfc3339(&str_at(p, "/meeting/startsAt")?)?.with_timezone(&Utc);
        let expected_utc_hour = if (4..=9).contains(&local.month()) { 11 } else { 12 };
        assert_eq!(utc.hour(), expected_utc_hour, "{local}: summer time is UTC+2, winter UTC+1");
        utc_hours.push(utc.hour());
        let deadline = NaiveDateTime::parse_from_str(
            &str_at(p, "/meeting/inputDeadlineLocal")?,
            "%Y-%m-%dT%H:%M:%S",
        )?;
        assert_eq!(
            deadline,
            local - Duration::days(7),
            "deadline a week before, also in Swedish time"
        );
    }
    assert!(utc_hours.contains(&11) && utc_hours.contains(&12), "the plan spans a DST change");
    // An unknown theme is refused with nothing stored.
    let bad = json!({ "input": { "councilId": council, "year": year, "themes": ["Okänt tema"] } });
    app.assert_refused(
        "unknown theme",
        Some(&token),
        q,
        bad,
        ("BAD_USER_INPUT", Some("themes")),
        &["meeting"],
    )
    .await?;
    // Members cannot plan.
    let member = app
        .gql_as(
            Some(MEMBER),
            q,
            json!({ "input": { "councilId": council, "year": year, "themes": [] } }),
        )
        .await?;
    assert_eq!(code(&member), "NOT_FOUND");
    Ok(())
}

#[tokio::test]
async fn the_year_planner_skips_holidays_and_flags_conflicts() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let gavle = app.council_id("Medborgarlöften Gävle").await?;
    let network = app.council_id("Brottsförebyggande samverkan Gävle–Uppsala–Västerås").await?;
    for id in [&gavle, &network] {
        app.gql(
            Some(&admin),
            "mutation($id: ID!) { updateCouncil(id: $id, input: { meetingsPerYear: 52 }) { id } }",
            json!({ "id": id }),
        )
        .await?;
    }
    // A year in which Kristi himmelsfärdsdag is a Thursday (always) and Midsommarafton a Friday (always).
    let year = Utc::now().year() + 1;
    let ascension = samrad::domain::holidays::easter_sunday(year)
        .map(|e| e + Duration::days(39))
        .ok_or_else(|| anyhow::anyhow!("no easter"))?;
    let midsummer_eve = samrad::domain::holidays::holidays(year)
        .into_iter()
        .find(|(_, n)| *n == "Midsommarafton")
        .map(|(d, _)| d)
        .ok_or_else(|| anyhow::anyhow!("no midsummer"))?;
    let q = "mutation($input: PlanYearInput!) { planYear(input: $input) { meeting { startsAtLocal } conflicts { startsAt sharedOrganisations { name } meeting { title } } } }";
    let dates = |body: &Value| -> Vec<chrono::NaiveDate> {
        body.pointer("/data/planYear")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| p.pointer("/meeting/startsAtLocal").and_then(Value::as_str))
                    .filter_map(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok())
                    .map(|t| t.date())
                    .collect()
            })
            .unwrap_or_default()
    };
    let thursdays = app.gql(Some(&admin), q, json!({ "input": { "councilId": gavle, "year": year, "themes": [], "weekday": "THURSDAY" } })).await?;
    let thursdays_dates = dates(&thursdays);
    assert!(thursdays_dates.len() >= 50, "{}", thursdays_dates.len());
    assert!(!thursdays_dates.contains(&ascension), "a meeting on Kristi himmelsfärdsdag");
    assert!(
        thursdays_dates.contains(&(ascension + Duration::days(1)))
            || thursdays_dates.contains(&(ascension + Duration::days(7))),
        "the meeting moved to a working day"
    );
    assert!(thursdays_dates.iter().all(|d| samrad::domain::holidays::is_working_day(*d)));
    assert!(
        thursdays
            .pointer("/data/planYear/0/conflicts")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
    );

    let fridays = app.gql(Some(&admin), q, json!({ "input": { "councilId": network, "year": year, "themes": [], "weekday": "FRIDAY" } })).await?;
    assert!(!dates(&fridays).contains(&midsummer_eve), "a meeting on Midsommarafton");

    // Planning the network on Thursdays too collides with the partnership, which shares
    // Gävle kommun and Lokalpolisområde Gästrikland.
    let clash = app.gql(Some(&admin), q, json!({ "input": { "councilId": network, "year": year, "themes": [], "weekday": "THURSDAY" } })).await?;
    let conflicts = clash
        .pointer("/data/planYear/0/conflicts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(conflicts.len(), 1, "{clash}");
    let mut shared: Vec<String> = conflicts[0]["sharedOrganisations"]
        .as_array()
        .map(|a| a.iter().filter_map(|o| o["name"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    shared.sort();
    assert_eq!(shared, vec!["Gävle kommun".to_owned(), "Lokalpolisområde Gästrikland".to_owned()]);
    Ok(())
}

#[tokio::test]
async fn a_secretariat_does_not_learn_about_a_council_it_cannot_see_through_conflicts()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let analyst = app.login(OTHER_SECRETARIAT).await?;
    let gavle = app.council_id("Medborgarlöften Gävle").await?;
    let network = app.council_id("Brottsförebyggande samverkan Gävle–Uppsala–Västerås").await?;
    // The analyst runs Gävle's partnership; the network's secretariat is someone else.
    let at = |council: &str| json!({ "c": council, "input": { "title": "Nätverksmöte", "startsAt": local(20, 13), "endsAt": local(20, 15) } });
    let other = app.gql(Some(&admin), CREATE, at(&network)).await?;
    let other = str_at(&other, "/data/createMeeting/id")?;
    app.gql(Some(&admin), SCHEDULE, json!({ "id": other, "v": 1 })).await?;
    let mine = app.gql(Some(&analyst), CREATE, at(&gavle)).await?;
    let mine = str_at(&mine, "/data/createMeeting/id")?;
    let q = "query($id: ID!) { meeting(id: $id) { conflicts { startsAt meeting { title } } } }";
    let body = app.gql(Some(&analyst), q, json!({ "id": mine })).await?;
    // She sits in the network as Gävle's representative, so she may see its scheduled meeting.
    assert_eq!(str_at(&body, "/data/meeting/conflicts/0/meeting/title")?, "Nätverksmöte");
    // A draft of the network's is a conflict too, but its content stays hidden from her.
    let draft = app.gql(Some(&admin), CREATE, at(&network)).await?;
    anyhow::ensure!(code(&draft) == "OK");
    let body = app.gql(Some(&analyst), q, json!({ "id": mine })).await?;
    let conflicts = body
        .pointer("/data/meeting/conflicts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(conflicts.len(), 2);
    assert_eq!(conflicts.iter().filter(|c| c["meeting"].is_null()).count(), 1);
    Ok(())
}

#[tokio::test]
async fn the_agenda_is_ordered_and_totalled_against_the_meeting() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(SECRETARIAT).await?;
    let police = app.organisation_id("Polisregion Väst").await?;
    let (id, mut v) = meeting(&app, &token, "Tema", 30, false).await?;
    let mut ids = vec![];
    for (title, minutes) in [("Lägesbild", 30), ("Diskussion", 60), ("Beslut om handlingsplan", 45)]
    {
        let body = app
            .gql(Some(&token), ADD_ITEM, json!({ "m": id, "v": v, "input": { "title": title, "minutesAllotted": minutes, "presenterOrganisationId": police } }))
            .await?;
        ids.push(str_at(&body, "/data/addAgendaItem/id")?);
        v += 1;
    }
    let reorder = "mutation($m: ID!, $v: Int!, $ids: [ID!]!) { reorderAgenda(meetingId: $m, expectedVersion: $v, itemIds: $ids) { title position } }";
    let reversed: Vec<&String> = ids.iter().rev().collect();
    let body = app.gql(Some(&token), reorder, json!({ "m": id, "v": v, "ids": reversed })).await?;
    assert_eq!(str_at(&body, "/data/reorderAgenda/0/title")?, "Beslut om handlingsplan");
    v += 1;
    let q = "query($id: ID!) { meeting(id: $id) { durationMinutes agendaMinutesTotal agenda { title presenter { name } } } }";
    let body = app.gql(Some(&token), q, json!({ "id": id })).await?;
    assert_eq!(body.pointer("/data/meeting/agendaMinutesTotal"), Some(&json!(135)));
    assert_eq!(body.pointer("/data/meeting/durationMinutes"), Some(&json!(120)));
    assert_eq!(str_at(&body, "/data/meeting/agenda/2/title")?, "Lägesbild");
    assert_eq!(str_at(&body, "/data/meeting/agenda/0/presenter/name")?, "Polisregion Väst");
    // A reorder that leaves an item out is refused.
    let before = app.snapshot("agenda_item").await?;
    let body = app.gql(Some(&token), reorder, json!({ "m": id, "v": v, "ids": &ids[..2] })).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(app.snapshot("agenda_item").await?, before);
    // Members cannot change the agenda.
    let member = app
        .gql_as(Some(MEMBER), ADD_ITEM, json!({ "m": id, "v": v, "input": { "title": "x" } }))
        .await?;
    assert_eq!(code(&member), "NOT_FOUND");
    Ok(())
}

#[tokio::test]
async fn members_propose_agenda_items_before_the_deadline_and_the_secretariat_decides()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (id, v) = meeting(&app, &secretariat, "Mäns våld mot kvinnor", 30, false).await?;
    let propose = |title: &str| json!({ "input": { "meetingId": id, "title": title, "minutesAllotted": 20 } });
    for (role, email) in ROLES {
        let body = app.gql_as(*email, PROPOSE, propose(&format!("Förslag från {role}"))).await?;
        let expected = match *role {
            Role::Member | Role::Chair | Role::Secretariat => "OK",
            Role::Admin | Role::Advisory => "NOT_FOUND",
            Role::Anonymous => "UNAUTHENTICATED",
            _ => "NOT_FOUND",
        };
        assert_eq!(code(&body), expected, "propose as {role}");
    }
    // Members see their own organisation's proposals; the secretariat sees them all.
    let q = "query($id: ID!) { meeting(id: $id) { proposals { id title organisation { name } } } }";
    let mine = app.gql_as(Some(MEMBER), q, json!({ "id": id })).await?;
    let titles: Vec<&str> = mine
        .pointer("/data/meeting/proposals")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|p| p["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(titles, vec!["Förslag från member"]);
    let all = app.gql(Some(&secretariat), q, json!({ "id": id })).await?;
    let all = all
        .pointer("/data/meeting/proposals")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(all.len(), 3);
    let member_proposal = all
        .iter()
        .find(|p| p["title"] == "Förslag från member")
        .and_then(|p| p["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let chair_proposal = all
        .iter()
        .find(|p| p["title"] == "Förslag från chair")
        .and_then(|p| p["id"].as_str())
        .unwrap_or_default()
        .to_owned();

    let accept =
        "mutation($id: ID!, $v: Int!) { acceptProposal(id: $id, expectedVersion: $v) { status } }";
    let decline = "mutation($id: ID!, $v: Int!, $r: String!) { declineProposal(id: $id, expectedVersion: $v, reason: $r) { status declineReason } }";
    assert_eq!(
        code(&app.gql_as(Some(MEMBER), accept, json!({ "id": member_proposal, "v": v })).await?),
        "NOT_FOUND"
    );
    let body =
        app.gql(Some(&secretariat), accept, json!({ "id": member_proposal, "v": v })).await?;
    assert_eq!(str_at(&body, "/data/acceptProposal/status")?, "ACCEPTED");
    let body = app
        .gql(Some(&secretariat), decline, json!({ "id": chair_proposal, "v": v + 1, "r": "  " }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "a decline needs a reason");
    let body = app
        .gql(
            Some(&secretariat),
            decline,
            json!({ "id": chair_proposal, "v": v + 1, "r": "Tas upp på nästa möte" }),
        )
        .await?;
    assert_eq!(str_at(&body, "/data/declineProposal/declineReason")?, "Tas upp på nästa möte");
    let body =
        app.gql(Some(&secretariat), accept, json!({ "id": member_proposal, "v": v + 2 })).await?;
    assert_eq!(code(&body), "CONFLICT", "already decided");
    let agenda = app
        .gql(
            Some(&secretariat),
            "query($id: ID!) { meeting(id: $id) { agenda { title presenter { name } } } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(str_at(&agenda, "/data/meeting/agenda/0/presenter/name")?, "Polisregion Väst");

    // After the deadline proposals are refused.
    let (late, _) = meeting(&app, &secretariat, "Snart", 3, false).await?;
    let before = app.snapshot("agenda_proposal").await?;
    let body = app
        .gql_as(
            Some(MEMBER),
            PROPOSE,
            json!({ "input": { "meetingId": late, "title": "För sent" } }),
        )
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(app.snapshot("agenda_proposal").await?, before);
    Ok(())
}

#[tokio::test]
async fn representatives_answer_and_the_secretariat_sees_who_is_coming() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (id, _) = meeting(&app, &secretariat, "Möte", 30, false).await?;
    let respond = "mutation($m: ID!, $r: AttendanceResponse!, $s: String) { respondToMeeting(meetingId: $m, response: $r, substituteName: $s) { response substituteName } }";
    let mine = "query($id: ID!) { meeting(id: $id) { myAttendance { response substituteName } } }";
    let body = app.gql_as(Some(MEMBER), mine, json!({ "id": id })).await?;
    assert!(body.pointer("/data/meeting/myAttendance").is_some_and(Value::is_null), "{body}");
    for (role, email) in ROLES {
        let body = app.gql_as(*email, respond, json!({ "m": id, "r": "ATTENDING" })).await?;
        let expected = match *role {
            Role::Member | Role::Chair | Role::Secretariat => "OK",
            Role::Admin | Role::Advisory => "NOT_FOUND",
            Role::Anonymous => "UNAUTHENTICATED",
            _ => "NOT_FOUND",
        };
        assert_eq!(code(&body), expected, "{role}");
    }
    let body = app.gql_as(Some(MEMBER), respond, json!({ "m": id, "r": "SUBSTITUTE" })).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "a substitute needs a name");
    let body = app
        .gql_as(Some(MEMBER), respond, json!({ "m": id, "r": "SUBSTITUTE", "s": "Per Persson" }))
        .await?;
    assert_eq!(str_at(&body, "/data/respondToMeeting/substituteName")?, "Per Persson");
    // Each sees their own answer (none before answering, above); an advisory body, which
    // may not read the meeting's attendance, is refused it.
    let body = app.gql_as(Some(MEMBER), mine, json!({ "id": id })).await?;
    assert_eq!(
        body.pointer("/data/meeting/myAttendance"),
        Some(&json!({ "response": "SUBSTITUTE", "substituteName": "Per Persson" }))
    );
    let body = app.gql_as(Some(CHAIR), mine, json!({ "id": id })).await?;
    assert_eq!(str_at(&body, "/data/meeting/myAttendance/response")?, "ATTENDING");
    let body = app.gql_as(Some(ADVISORY), mine, json!({ "id": id })).await?;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
    let q = "query($id: ID!) { meeting(id: $id) { attendanceByOrganisation { organisation { name } represented substitutes attending { displayName } noAnswer { displayName } } } }";
    let body = app.gql(Some(&secretariat), q, json!({ "id": id })).await?;
    let orgs = body
        .pointer("/data/meeting/attendanceByOrganisation")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let find = |name: &str| {
        orgs.iter().find(|o| o["organisation"]["name"] == name).cloned().unwrap_or_default()
    };
    assert_eq!(find("Polisregion Väst")["substitutes"], json!(["Per Persson"]));
    assert_eq!(find("Polisregion Väst")["represented"], json!(true));
    assert_eq!(find("Göteborgs Stad")["attending"].as_array().map(Vec::len), Some(2));
    assert_eq!(find("Försvarsmakten")["represented"], json!(false));
    assert!(
        orgs.iter().all(|o| o["organisation"]["name"] != "Ungdomsfullmäktige i Göteborg"),
        "advisory bodies are not counted"
    );
    // Once the meeting is over, answers are closed even before the secretariat marks it
    // held: nobody RSVPs to the past.
    let before = app.snapshot("attendance").await?;
    let ended = Utc::now() - Duration::hours(3);
    app.exec(
        "UPDATE meeting SET starts_at = ?, ends_at = ? WHERE id = ?",
        vec![ended.into(), (ended + Duration::hours(2)).into(), uuid::Uuid::parse_str(&id)?.into()],
    )
    .await?;
    let body = app.gql_as(Some(MEMBER), respond, json!({ "m": id, "r": "APOLOGIES" })).await?;
    assert_eq!(code(&body), "CONFLICT", "{body}");
    assert_eq!(app.snapshot("attendance").await?, before);
    Ok(())
}

#[tokio::test]
async fn minutes_are_drafted_commented_approved_and_then_only_revised_visibly() -> anyhow::Result<()>
{
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (id, v) = meeting(&app, &secretariat, "Förra mötet", -3, false).await?;
    let item = app
        .gql(
            Some(&secretariat),
            ADD_ITEM,
            json!({ "m": id, "v": v, "input": { "title": "Handlingsplan", "kind": "DECISION" } }),
        )
        .await?;
    let item = str_at(&item, "/data/addAgendaItem/id")?;
    let info = app
        .gql(
            Some(&secretariat),
            ADD_ITEM,
            json!({ "m": id, "v": v + 1, "input": { "title": "Info", "kind": "INFORMATION" } }),
        )
        .await?;
    let info = str_at(&info, "/data/addAgendaItem/id")?;
    let save = "mutation($m: ID!, $v: Int, $b: String!, $d: [DecisionInput!], $r: String) { saveMinutes(meetingId: $m, expectedVersion: $v, body: $b, decisions: $d, reason: $r) { version status revision } }";
    // Only the secretariat writes minutes.
    for (role, email) in ROLES {
        if manage(*role) == "OK" {
            continue;
        }
        let body = app.gql_as(*email, save, json!({ "m": id, "b": "x" })).await?;
        assert_eq!(code(&body), manage(*role), "save as {role}");
    }
    let body = app
        .gql(
            Some(&secretariat),
            save,
            json!({ "m": id, "b": "Utkast", "d": [{ "agendaItemId": info, "decision": "x" }] }),
        )
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "decisions only for decision items");
    let body = app.gql(Some(&secretariat), save, json!({ "m": id, "b": "Utkast", "d": [{ "agendaItemId": item, "decision": "Rådet antar handlingsplanen." }] })).await?;
    assert_eq!(str_at(&body, "/data/saveMinutes/status")?, "DRAFT");
    let comment =
        "mutation($m: ID!, $b: String!) { commentOnMinutes(meetingId: $m, body: $b) { id } }";
    assert_eq!(
        code(
            &app.gql_as(
                Some(MEMBER),
                comment,
                json!({ "m": id, "b": "Stämmer för polisens del." })
            )
            .await?
        ),
        "OK"
    );
    assert_eq!(
        code(&app.gql_as(Some(ADVISORY), comment, json!({ "m": id, "b": "Hej" })).await?),
        "NOT_FOUND"
    );
    assert_eq!(
        code(&app.gql_as(Some(OUTSIDER), comment, json!({ "m": id, "b": "Hej" })).await?),
        "NOT_FOUND"
    );

    let approve = "mutation($m: ID!, $v: Int!) { approveMinutes(meetingId: $m, expectedVersion: $v) { status revision } }";
    assert_eq!(
        code(&app.gql(Some(&secretariat), approve, json!({ "m": id, "v": 1 })).await?),
        "CONFLICT",
        "not held yet"
    );
    let mv = version(&app, &secretariat, &id).await?;
    app.gql(Some(&secretariat), HELD, json!({ "id": id, "v": mv })).await?;
    assert_eq!(
        code(&app.gql_as(Some(CHAIR), approve, json!({ "m": id, "v": 1 })).await?),
        "NOT_FOUND"
    );
    let body = app.gql(Some(&secretariat), approve, json!({ "m": id, "v": 1 })).await?;
    assert_eq!(str_at(&body, "/data/approveMinutes/status")?, "APPROVED");
    let status = app
        .gql(
            Some(&secretariat),
            "query($id: ID!) { meeting(id: $id) { status } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(str_at(&status, "/data/meeting/status")?, "MINUTES_APPROVED");

    // Locked: no comments, no silent edits.
    assert_eq!(
        code(&app.gql_as(Some(MEMBER), comment, json!({ "m": id, "b": "Sent" })).await?),
        "CONFLICT"
    );
    let before = app.snapshot("minutes").await?;
    let body = app.gql(Some(&secretariat), save, json!({ "m": id, "v": 2, "b": "Ändrad" })).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(app.snapshot("minutes").await?, before);
    let body = app
        .gql(
            Some(&secretariat),
            save,
            json!({ "m": id, "v": 2, "b": "Rättad text", "r": "Fel datum i § 3" }),
        )
        .await?;
    assert_eq!(body.pointer("/data/saveMinutes/revision"), Some(&json!(2)));
    let q = "query($id: ID!) { meeting(id: $id) { minutes { body revisions { revision body reason } comments { body author { displayName } } } agenda { decision } } }";
    let body = app.gql_as(Some(MEMBER), q, json!({ "id": id })).await?;
    assert_eq!(str_at(&body, "/data/meeting/minutes/body")?, "Rättad text");
    assert_eq!(str_at(&body, "/data/meeting/minutes/revisions/0/body")?, "Utkast");
    assert_eq!(str_at(&body, "/data/meeting/minutes/revisions/1/reason")?, "Fel datum i § 3");
    assert_eq!(str_at(&body, "/data/meeting/minutes/comments/0/author/displayName")?, "Karin Holm");
    assert_eq!(str_at(&body, "/data/meeting/agenda/0/decision")?, "Rådet antar handlingsplanen.");
    Ok(())
}

#[tokio::test]
async fn actions_go_back_to_organisations_which_report_on_them() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (id, _) = meeting(&app, &secretariat, "Möte", -10, false).await?;
    let police = app.organisation_id("Polisregion Väst").await?;
    let gavle = app.organisation_id("Gävle kommun").await?;
    let create = "mutation($input: CreateActionInput!) { createAction(input: $input) { id overdue status } }";
    let due = |days: i64| (Utc::now() + Duration::days(days)).date_naive().to_string();
    for (role, email) in ROLES {
        if manage(*role) == "OK" {
            continue;
        }
        let body = app.gql_as(*email, create, json!({ "input": { "meetingId": id, "organisationId": police, "title": "x", "dueOn": due(5) } })).await?;
        assert_eq!(code(&body), manage(*role), "create as {role}");
    }
    let body = app.gql(Some(&secretariat), create, json!({ "input": { "meetingId": id, "organisationId": gavle, "title": "x", "dueOn": due(5) } })).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "Gävle is not a member");
    let past = app
        .gql(Some(&secretariat), create, json!({ "input": { "meetingId": id, "organisationId": police, "title": "Återkoppla lägesbild", "dueOn": due(-2) } }))
        .await?;
    assert_eq!(code(&past), "BAD_USER_INPUT", "a due date in the past");
    assert_eq!(past.pointer("/errors/0/extensions/field"), Some(&json!("dueOn")));
    let overdue = app
        .gql(Some(&secretariat), create, json!({ "input": { "meetingId": id, "organisationId": police, "title": "Återkoppla lägesbild", "dueOn": due(1) } }))
        .await?;
    let overdue_id = str_at(&overdue, "/data/createAction/id")?;
    // Two days go by.
    app.exec(
        "UPDATE follow_up_action SET due_on = ? WHERE id = ?",
        vec![
            (Utc::now() - Duration::days(2)).date_naive().into(),
            uuid::Uuid::parse_str(&overdue_id)?.into(),
        ],
    )
    .await?;
    app.gql(Some(&secretariat), create, json!({ "input": { "meetingId": id, "organisationId": police, "title": "Senare", "dueOn": due(20) } })).await?;

    let council = app.council_id(GBG).await?;
    let per_council = "query($id: ID!) { council(id: $id) { actions(overdueOnly: true) { edges { node { title } } } } }";
    let per_org = "query($id: ID!) { organisation(id: $id) { actions(overdueOnly: true) { edges { node { title } } } } }";
    let titles = |b: &Value, p: &str| -> Vec<String> {
        b.pointer(p)
            .and_then(Value::as_array)
            .map(|e| {
                e.iter().filter_map(|x| x["node"]["title"].as_str().map(str::to_owned)).collect()
            })
            .unwrap_or_default()
    };
    let body = app.gql_as(Some(MEMBER), per_council, json!({ "id": council })).await?;
    // (The demo data has an overdue action of its own.)
    let ours = |list: Vec<String>| -> Vec<String> {
        list.into_iter().filter(|t| t == "Återkoppla lägesbild" || t == "Senare").collect()
    };
    assert_eq!(ours(titles(&body, "/data/council/actions/edges")), vec!["Återkoppla lägesbild"]);
    let body = app.gql_as(Some(MEMBER), per_org, json!({ "id": police })).await?;
    assert_eq!(
        ours(titles(&body, "/data/organisation/actions/edges")),
        vec!["Återkoppla lägesbild"]
    );
    // Outsiders and advisory bodies see none of it.
    assert_eq!(
        code(&app.gql_as(Some(ADVISORY), per_council, json!({ "id": council })).await?),
        "FORBIDDEN"
    );
    let body = app.gql_as(Some(OUTSIDER), per_org, json!({ "id": police })).await?;
    assert!(titles(&body, "/data/organisation/actions/edges").is_empty());

    let update = "mutation($id: ID!, $s: ActionStatus!) { updateActionStatus(id: $id, status: $s, note: \"Klart\") { status overdue } }";
    for (role, email) in ROLES {
        let body =
            app.gql_as(*email, update, json!({ "id": overdue_id, "s": "IN_PROGRESS" })).await?;
        let expected = match *role {
            Role::Member | Role::Secretariat | Role::Admin => "OK",
            Role::Chair => "NOT_FOUND",
            Role::Anonymous => "UNAUTHENTICATED",
            _ => "NOT_FOUND",
        };
        assert_eq!(code(&body), expected, "update as {role}");
    }
    let body = app.gql_as(Some(MEMBER), update, json!({ "id": overdue_id, "s": "DONE" })).await?;
    assert_eq!(body.pointer("/data/updateActionStatus/overdue"), Some(&json!(false)));
    let body = app.gql_as(Some(MEMBER), per_council, json!({ "id": council })).await?;
    assert!(ours(titles(&body, "/data/council/actions/edges")).is_empty());
    Ok(())
}

async fn fetch_feed(app: &TestApp, path: &str) -> anyhow::Result<(StatusCode, String)> {
    let (status, body) = app.send(Request::get(path).body(Body::empty())?).await?;
    Ok((status, body.as_str().map(str::to_owned).unwrap_or_default()))
}

fn events(text: &str) -> anyhow::Result<Vec<icalendar::Event>> {
    let calendar =
        icalendar::Calendar::from_str(text).map_err(|e| anyhow::anyhow!("not iCalendar: {e}"))?;
    Ok(calendar.components.iter().filter_map(|c| c.as_event().cloned()).collect())
}

#[tokio::test]
async fn calendar_text_is_escaped_and_folded_as_rfc_5545_says() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let council = app.council_id(GBG).await?;
    let input = json!({
        "title": "Trygghet; vår, höst",
        "description": format!("Första\r\nandra; tredje, {}", "lång text ".repeat(20)),
        "location": "Stadshuset\rSal 3",
        "startsAt": local(30, 13),
        "endsAt": local(30, 15),
    });
    let body = app.gql(Some(&secretariat), CREATE, json!({ "c": council, "input": input })).await?;
    let id = str_at(&body, "/data/createMeeting/id")?;
    app.gql(Some(&secretariat), SCHEDULE, json!({ "id": id, "v": 1 })).await?;
    let feed = app
        .gql(
            Some(&secretariat),
            "mutation($c: ID) { createCalendarFeed(councilId: $c) { path } }",
            json!({ "c": council }),
        )
        .await?;
    let (_, text) = fetch_feed(&app, &str_at(&feed, "/data/createCalendarFeed/path")?).await?;
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "a bare carriage return at {i}");
        }
    }
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "an unfolded line of {} octets: {line}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:Trygghet\\; vår\\, höst"), "{unfolded}");
    assert!(unfolded.contains("Första\\nandra\\; tredje\\,"), "{unfolded}");
    assert!(unfolded.contains("LOCATION:Stadshuset\\nSal 3"), "{unfolded}");
    Ok(())
}

#[tokio::test]
async fn the_calendar_feed_is_valid_icalendar_with_stable_uids_and_rising_sequence()
-> anyhow::Result<()> {
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike, EventStatus};
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let council = app.council_id(GBG).await?;
    let (id, v) = meeting(&app, &secretariat, "Mäns våld mot kvinnor", 30, false).await?;
    meeting(&app, &secretariat, "Hemligt utkast", 40, true).await?;
    let create = "mutation($c: ID) { createCalendarFeed(councilId: $c) { id path } }";
    let feed = app.gql(Some(&secretariat), create, json!({ "c": council })).await?;
    let path = str_at(&feed, "/data/createCalendarFeed/path")?;
    let feed_id = str_at(&feed, "/data/createCalendarFeed/id")?;

    let (status, text) = fetch_feed(&app, &path).await?;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm"), "{text}");
    assert!(text.contains("TZOFFSETTO:+0200") && text.contains("TZOFFSETTO:+0100"));
    assert!(!text.contains("Hemligt utkast"), "a draft in the feed");
    let evs: Vec<_> = events(&text)?
        .into_iter()
        .filter(|e| e.get_uid().is_some_and(|u| u.starts_with(&id)))
        .collect();
    assert_eq!(evs.len(), 2, "the meeting and its input deadline: {text}");
    let main = evs
        .iter()
        .find(|e| e.get_uid() == Some(&format!("{id}@samrad")))
        .ok_or_else(|| anyhow::anyhow!("no meeting event"))?;
    assert!(main.get_summary().is_some_and(|s| s.contains("Mäns våld mot kvinnor")));
    match main.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            assert_eq!(tzid, "Europe/Stockholm");
            assert_eq!(date_time.hour(), 13);
        }
        other => anyhow::bail!("DTSTART without TZID: {other:?}"),
    }
    assert_eq!(main.get_location(), Some("Stadshuset"));
    let first_sequence = main.get_sequence().unwrap_or_default();
    let deadline = evs
        .iter()
        .find(|e| e.get_uid() == Some(&format!("{id}-deadline@samrad")))
        .ok_or_else(|| anyhow::anyhow!("no deadline event"))?;
    assert!(deadline.get_summary().is_some_and(|s| s.starts_with("Sista dag för inspel")));

    // Moving the meeting raises SEQUENCE and keeps the UID.
    app.gql(Some(&secretariat), UPDATE, json!({ "id": id, "v": v, "input": { "startsAt": local(31, 10), "endsAt": local(31, 12) } })).await?;
    let (_, text) = fetch_feed(&app, &path).await?;
    let moved = events(&text)?
        .into_iter()
        .find(|e| e.get_uid() == Some(&format!("{id}@samrad")))
        .ok_or_else(|| anyhow::anyhow!("uid changed"))?;
    assert!(moved.get_sequence().unwrap_or_default() > first_sequence);

    // Cancelling keeps the event, as CANCELLED, with a higher SEQUENCE still.
    app.gql(
        Some(&secretariat),
        CANCEL,
        json!({ "id": id, "v": v + 1, "r": "Krock med budgetmötet" }),
    )
    .await?;
    let (_, text) = fetch_feed(&app, &path).await?;
    let cancelled = events(&text)?
        .into_iter()
        .find(|e| e.get_uid() == Some(&format!("{id}@samrad")))
        .ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert_eq!(cancelled.get_status(), Some(EventStatus::Cancelled));
    assert!(
        cancelled.get_sequence().unwrap_or_default() > moved.get_sequence().unwrap_or_default()
    );

    // Revoked: 404 at once; unknown secrets too.
    let revoke = app
        .gql(
            Some(&secretariat),
            "mutation($id: ID!) { revokeCalendarFeed(id: $id) }",
            json!({ "id": feed_id }),
        )
        .await?;
    assert_eq!(code(&revoke), "OK");
    assert_eq!(fetch_feed(&app, &path).await?.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch_feed(&app, "/calendar/not-a-feed.ics").await?.0, StatusCode::NOT_FOUND);
    Ok(())
}

#[tokio::test]
async fn calendar_feeds_show_only_what_their_owner_may_see() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    meeting(&app, &secretariat, "Möte om trygghet", 30, false).await?;
    let create = "mutation($c: ID) { createCalendarFeed(councilId: $c) { path } }";
    // An advisory body's personal feed: the meeting, but not the internal description.
    let advisory = app.gql_as(Some(ADVISORY), create, json!({ "c": null })).await?;
    let (_, text) = fetch_feed(&app, &str_at(&advisory, "/data/createCalendarFeed/path")?).await?;
    assert!(text.contains("Möte om trygghet"));
    assert!(!text.contains("Intern förberedelse") && !text.contains("möte.example"), "{text}");
    // Someone outside the council cannot create a feed for it.
    let council = app.council_id(GBG).await?;
    assert_eq!(
        code(&app.gql_as(Some(OUTSIDER), create, json!({ "c": council })).await?),
        "NOT_FOUND"
    );
    // A member's feed stops when the member's organisation leaves the council.
    let member = app.gql_as(Some(MEMBER), create, json!({ "c": council })).await?;
    let path = str_at(&member, "/data/createCalendarFeed/path")?;
    assert_eq!(fetch_feed(&app, &path).await?.0, StatusCode::OK);
    let membership = app
        .gql(
            Some(&secretariat),
            "query($id: ID!) { council(id: $id) { memberships { id organisation { name } } } }",
            json!({ "id": council }),
        )
        .await?;
    let police = membership
        .pointer("/data/council/memberships")
        .and_then(Value::as_array)
        .and_then(|ms| ms.iter().find(|m| m["organisation"]["name"] == "Polisregion Väst"))
        .and_then(|m| m["id"].as_str().map(str::to_owned))
        .ok_or_else(|| anyhow::anyhow!("no police membership"))?;
    app.gql(
        Some(&secretariat),
        "mutation($id: ID!) { endMembership(id: $id) { id } }",
        json!({ "id": police }),
    )
    .await?;
    assert_eq!(fetch_feed(&app, &path).await?.0, StatusCode::NOT_FOUND);
    Ok(())
}

/// Upper bound on the statements of the meeting-preparation query, whatever the rows:
/// 1 to authenticate a council member, 1 for the council, then one per loader level
/// (meetings, themes, agenda, proposals, attendance, organisations, parents, users);
/// loaders at the same depth may or may not share a batch, hence the margin. One
/// statement per row would be over 100 at the larger size.
const MAX_PREPARATION_STATEMENTS: usize = 18;

#[tokio::test]
async fn meeting_preparation_uses_a_bounded_number_of_statements() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let member = app.login(MEMBER).await?;
    let police = app.organisation_id("Polisregion Väst").await?;
    let council = app.council_id(GBG).await?;
    let q = "query($id: ID!) { council(id: $id) { meetings(first: 50) { edges { node { title theme { name } agenda { title presenter { name parent { name } } } proposals { title organisation { name } proposedBy { displayName } } attendance { response user { displayName } } } } } } }";
    let mut counts = vec![];
    let mut rows = vec![];
    for (meetings, items) in [(2, 2), (8, 6)] {
        for m in 0..meetings {
            let (id, mut v) =
                meeting(&app, &secretariat, &format!("Möte {items}-{m}"), 30 + m, false).await?;
            for i in 0..items {
                app.gql(Some(&secretariat), ADD_ITEM, json!({ "m": id, "v": v, "input": { "title": format!("Punkt {i}"), "presenterOrganisationId": police } })).await?;
                v += 1;
                app.gql(
                    Some(&member),
                    PROPOSE,
                    json!({ "input": { "meetingId": id, "title": format!("Förslag {i}") } }),
                )
                .await?;
            }
            app.gql(Some(&member), "mutation($m: ID!) { respondToMeeting(meetingId: $m, response: ATTENDING) { response } }", json!({ "m": id })).await?;
        }
        let before = app.statement_count();
        let body = app.gql(Some(&secretariat), q, json!({ "id": council })).await?;
        anyhow::ensure!(code(&body) == "OK", "{body}");
        counts.push(app.statement_count() - before);
        let items: usize = body
            .pointer("/data/council/meetings/edges")
            .and_then(Value::as_array)
            .map(|edges| {
                edges.iter().map(|e| e["node"]["agenda"].as_array().map_or(0, Vec::len)).sum()
            })
            .unwrap_or_default();
        rows.push(items);
    }
    eprintln!("meeting preparation: {counts:?} statements for {rows:?} agenda items");
    assert!(rows[1] >= rows[0] * 5, "the data did not grow: {rows:?}");
    for n in counts {
        assert!(
            n <= MAX_PREPARATION_STATEMENTS,
            "{n} statements (bound {MAX_PREPARATION_STATEMENTS})"
        );
    }
    Ok(())
}

/// One meeting with its agenda, its inputs, their agenda items and submitting
/// organisations costs exactly four statements whatever the rows: the actor (session,
/// user, affiliations and seats in one), the meeting, the agenda, and the inputs joined
/// with their organisations (which feed the organisation loader).
#[tokio::test]
async fn one_meeting_with_agenda_and_inputs_costs_four_statements() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let tokens = [app.login(MEMBER).await?, app.login(CHAIR).await?];
    let police = app.organisation_id("Polisregion Väst").await?;
    let mut counts = vec![];
    for (n, (items, inputs)) in [(2, 3), (8, 24)].into_iter().enumerate() {
        let (id, mut v) =
            meeting(&app, &secretariat, &format!("Förberedelse {n}"), 40 + n as i64, false).await?;
        let mut item_ids = vec![];
        for i in 0..items {
            let body = app.gql(Some(&secretariat), ADD_ITEM, json!({ "m": id, "v": v, "input": { "title": format!("Punkt {i}"), "presenterOrganisationId": police } })).await?;
            item_ids.push(str_at(&body, "/data/addAgendaItem/id")?);
            v += 1;
        }
        for i in 0..inputs {
            let body = app.gql(Some(&tokens[i % 2]), "mutation($input: CreateInputInput!) { createInput(input: $input) { id } }", json!({ "input": { "agendaItemId": item_ids[i % items], "content": { "title": format!("Inspel {i}"), "body": "Underlag", "gatheredBy": "DIALOGUE_MEETING" } } })).await?;
            anyhow::ensure!(code(&body) == "OK", "{body}");
        }
        let before = app.statement_count();
        let body = app.gql(Some(&tokens[0]), PREPARATION, json!({ "id": id })).await?;
        counts.push(app.statement_count() - before);
        anyhow::ensure!(code(&body) == "OK", "{body}");
        let agenda =
            body.pointer("/data/meeting/agenda").and_then(Value::as_array).map_or(0, Vec::len);
        let nodes = body
            .pointer("/data/meeting/inputs/nodes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        assert_eq!((agenda, nodes.len()), (items, inputs), "{body}");
        for node in &nodes {
            assert!(node.pointer("/organisation/name").and_then(Value::as_str).is_some(), "{node}");
            assert!(node.pointer("/agendaItem/title").and_then(Value::as_str).is_some(), "{node}");
        }
    }
    assert_eq!(counts, [4, 4], "statements per meeting preparation at 2 and 8 agenda items");
    Ok(())
}

/// Loaders remember rows for the request; a later mutation in the same request must not
/// see what an earlier one read before it changed.
#[tokio::test]
async fn later_mutations_in_one_request_see_earlier_changes() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (id, _) = meeting(&app, &secretariat, "Ordning", 30, true).await?;
    let body = app
        .gql(
            Some(&secretariat),
            ADD_ITEM,
            json!({ "m": id, "v": 1, "input": { "title": "Första punkten" } }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    let body = app
        .gql(
            Some(&secretariat),
            "mutation($id: ID!) { a: scheduleMeeting(id: $id, expectedVersion: 2) { agenda { title } } b: addAgendaItem(meetingId: $id, expectedVersion: 3, input: { title: \"Ny punkt\" }) { id } c: cancelMeeting(id: $id, expectedVersion: 4, reason: \"Flyttas\") { agenda { title } } }",
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    assert_eq!(
        body.pointer("/data/a/agenda"),
        Some(&json!([{ "title": "Första punkten" }])),
        "{body}"
    );
    assert_eq!(
        body.pointer("/data/c/agenda"),
        Some(&json!([{ "title": "Första punkten" }, { "title": "Ny punkt" }])),
        "{body}"
    );
    Ok(())
}

#[tokio::test]
async fn every_secretariat_only_mutation_refuses_every_other_role() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let council = app.council_id(GBG).await?;
    let (id, v) = meeting(&app, &secretariat, "Mål", 30, false).await?;
    let (draft, dv) = meeting(&app, &secretariat, "Utkast", 30, true).await?;
    let item = app
        .gql(
            Some(&secretariat),
            ADD_ITEM,
            json!({ "m": id, "v": v, "input": { "title": "Punkt" } }),
        )
        .await?;
    let item = str_at(&item, "/data/addAgendaItem/id")?;
    let v = v + 1;
    let proposal = app
        .gql_as(Some(MEMBER), PROPOSE, json!({ "input": { "meetingId": id, "title": "Förslag" } }))
        .await?;
    let proposal = str_at(&proposal, "/data/proposeAgendaItem/id")?;
    let (past, pv) = meeting(&app, &secretariat, "Hållet", -2, false).await?;
    app.gql(Some(&secretariat), HELD, json!({ "id": past, "v": pv })).await?;
    app.gql(
        Some(&secretariat),
        "mutation($m: ID!) { saveMinutes(meetingId: $m, body: \"Utkast\") { id } }",
        json!({ "m": past }),
    )
    .await?;
    let police = app.organisation_id("Polisregion Väst").await?;
    let due = (Utc::now() + Duration::days(10)).date_naive().to_string();
    let year = Utc::now().year() + 1;
    let cases: Vec<(&str, Value)> = vec![
        (
            "mutation($c: ID!) { addCouncilTheme(councilId: $c, name: \"Nytt tema\") { id } }",
            json!({ "c": council }),
        ),
        (
            CREATE,
            json!({ "c": council, "input": { "title": "x", "startsAt": local(9, 13), "endsAt": local(9, 14) } }),
        ),
        (UPDATE, json!({ "id": id, "v": v, "input": { "title": "x" } })),
        (SCHEDULE, json!({ "id": draft, "v": dv })),
        (HELD, json!({ "id": id, "v": v })),
        (CANCEL, json!({ "id": id, "v": v, "r": "x" })),
        (
            "mutation($input: PlanYearInput!) { planYear(input: $input) { meeting { id } } }",
            json!({ "input": { "councilId": council, "year": year, "themes": [] } }),
        ),
        (ADD_ITEM, json!({ "m": id, "v": v, "input": { "title": "x" } })),
        (
            "mutation($id: ID!, $v: Int!) { updateAgendaItem(id: $id, expectedVersion: $v, input: { title: \"x\" }) { id } }",
            json!({ "id": item, "v": v }),
        ),
        (
            "mutation($id: ID!, $v: Int!) { removeAgendaItem(id: $id, expectedVersion: $v) }",
            json!({ "id": item, "v": v }),
        ),
        (
            "mutation($m: ID!, $v: Int!, $ids: [ID!]!) { reorderAgenda(meetingId: $m, expectedVersion: $v, itemIds: $ids) { id } }",
            json!({ "m": id, "v": v, "ids": [item] }),
        ),
        (
            "mutation($id: ID!, $v: Int!) { acceptProposal(id: $id, expectedVersion: $v) { id } }",
            json!({ "id": proposal, "v": v }),
        ),
        (
            "mutation($id: ID!, $v: Int!) { declineProposal(id: $id, expectedVersion: $v, reason: \"x\") { id } }",
            json!({ "id": proposal, "v": v }),
        ),
        (
            "mutation($m: ID!) { saveMinutes(meetingId: $m, expectedVersion: 1, body: \"x\") { id } }",
            json!({ "m": past }),
        ),
        (
            "mutation($m: ID!) { approveMinutes(meetingId: $m, expectedVersion: 1) { id } }",
            json!({ "m": past }),
        ),
        (
            "mutation($input: CreateActionInput!) { createAction(input: $input) { id } }",
            json!({ "input": { "meetingId": id, "organisationId": police, "title": "x", "dueOn": due } }),
        ),
    ];
    let tables = [
        "council_theme",
        "meeting",
        "agenda_item",
        "agenda_proposal",
        "minutes",
        "follow_up_action",
    ];
    for (role, email) in ROLES {
        if manage(*role) == "OK" {
            continue;
        }
        let token = match email {
            Some(email) => Some(app.login(email).await?),
            None => None,
        };
        for (query, vars) in &cases {
            let label = format!("{role}: {query:.60}");
            // Drafts are invisible to everyone but the secretariat: NOT_FOUND, not FORBIDDEN.
            let on_draft = vars.get("id") == Some(&json!(draft));
            let expected =
                if on_draft && manage(*role) == "FORBIDDEN" { "NOT_FOUND" } else { manage(*role) };
            app.assert_refused(
                &label,
                token.as_deref(),
                query,
                vars.clone(),
                (expected, None),
                &tables,
            )
            .await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn calendar_feeds_belong_to_their_owner() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let feed =
        app.gql_as(Some(MEMBER), "mutation { createCalendarFeed { id path } }", json!({})).await?;
    let feed_id = str_at(&feed, "/data/createCalendarFeed/id")?;
    let path = str_at(&feed, "/data/createCalendarFeed/path")?;
    let listed = app.gql_as(Some(MEMBER), "{ myCalendarFeeds { id path } }", json!({})).await?;
    assert_eq!(str_at(&listed, "/data/myCalendarFeeds/0/id")?, feed_id);
    assert!(
        listed.pointer("/data/myCalendarFeeds/0/path").is_some_and(Value::is_null),
        "the secret is shown only once"
    );
    let others = app.gql_as(Some(CHAIR), "{ myCalendarFeeds { id } }", json!({})).await?;
    assert_eq!(others.pointer("/data/myCalendarFeeds"), Some(&json!([])));
    for email in [CHAIR, ADMIN] {
        let body = app
            .gql_as(
                Some(email),
                "mutation($id: ID!) { revokeCalendarFeed(id: $id) }",
                json!({ "id": feed_id }),
            )
            .await?;
        assert_eq!(code(&body), "NOT_FOUND", "{email}");
    }
    assert_eq!(fetch_feed(&app, &path).await?.0, StatusCode::OK);
    assert_eq!(
        code(&app.gql_as(None, "{ myCalendarFeeds { id } }", json!({})).await?),
        "UNAUTHENTICATED"
    );
    Ok(())
}

#[tokio::test]
async fn actions_of_a_draft_meeting_are_the_secretariats_alone() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let (draft, _) = meeting(&app, &secretariat, "Utkast", 20, true).await?;
    let police = app.organisation_id("Polisregion Väst").await?;
    let due = (Utc::now() + Duration::days(5)).date_naive().to_string();
    let body = app
        .gql(
            Some(&secretariat),
            "mutation($input: CreateActionInput!) { createAction(input: $input) { id } }",
            json!({ "input": { "meetingId": draft, "organisationId": police, "title": "Hemlig uppföljning", "dueOn": due } }),
        )
        .await?;
    assert_eq!(code(&body), "OK", "{body}");
    let action = str_at(&body, "/data/createAction/id")?;
    // Not even the assigned organisation reports on it before the meeting is published.
    let body = app
        .gql_as(
            Some(MEMBER),
            "mutation($id: ID!) { updateActionStatus(id: $id, status: DONE) { id } }",
            json!({ "id": action }),
        )
        .await?;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
    let council = app.council_id(GBG).await?;
    let per_council =
        "query($id: ID!) { council(id: $id) { actions(first: 100) { edges { node { title } } } } }";
    let per_org = "query($id: ID!) { organisation(id: $id) { actions(first: 100) { edges { node { title } } } } }";
    for (who, sees) in [(SECRETARIAT, true), (MEMBER, false), (CHAIR, false)] {
        let token = app.login(who).await?;
        for (query, id) in [(per_council, &council), (per_org, &police)] {
            let body = app.gql(Some(&token), query, json!({ "id": id })).await?;
            assert_eq!(code(&body), "OK", "{who}: {body}");
            assert_eq!(body.to_string().contains("Hemlig uppföljning"), sees, "{who}: {body}");
        }
    }
    Ok(())
}
