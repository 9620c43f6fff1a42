//! Citizen promises: the counting on a fixture with a known answer, through storage and
//! the API; who may see, change and report what; the public page; bad rules; GeoJSON
//! areas; the CSV report; and the compliance view's statement count.

use serde_json::{Value, json};

use crate::helpers::*;

const ANALYST: &str = OTHER_SECRETARIAT; // analytiker@gavle.example: the partnership's secretariat
const POLICE: &str = "polis@gastrikland.example"; // Lokalpolisområde Gästrikland, a partner
const PARTNERSHIP: &str = "Medborgarlöften Gävle";
/// Upper bound on the statements of the whole promise page (plan, compliance, occasions,
/// narratives), whatever the number of activities, areas, places or occasions.
const MAX_STATEMENTS: usize = 24;

const CREATE: &str =
    "mutation($input: CreatePromiseInput!) { createPromise(input: $input) { id pledges { id } } }";
const ADD_ACTIVITY: &str =
    "mutation($input: AddActivityInput!) { addActivity(input: $input) { activities { id } } }";
const SIGN: &str = "mutation($id: ID!, $input: AddSignatoryInput!) { addSignatory(input: $input) { id } a: setPromiseStatus(id: $id, status: SIGNED) { status } b: setPromiseStatus(id: $id, status: IN_PROGRESS) { status } }";
const REPORT: &str =
    "mutation($input: ReportOccasionInput!) { reportOccasion(input: $input) { id counted } }";
const COMPLIANCE: &str = "query($id: ID!) { promise(id: $id) { compliance { standing activities { activityId standing counted notCounted scopes { standing done required cells { unit unitKey label year from to done required missing status } } } } } }";

struct Fixture {
    gavle: String,
    police: String,
    partnership: String,
    areas: std::collections::BTreeMap<String, String>,
}

async fn fixture(app: &TestApp, analyst: &str) -> anyhow::Result<Fixture> {
    let gavle = app.organisation_id("Gävle kommun").await?;
    let body = app
        .gql(
            Some(analyst),
            "query($m: ID!) { areas(municipalityId: $m, first: 100) { edges { node { id name } } } }",
            json!({ "m": gavle }),
        )
        .await?;
    let areas = body
        .pointer("/data/areas/edges")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            Some((
                e.pointer("/node/name")?.as_str()?.to_owned(),
                e.pointer("/node/id")?.as_str()?.to_owned(),
            ))
        })
        .collect();
    Ok(Fixture {
        police: app.organisation_id("Lokalpolisområde Gästrikland").await?,
        partnership: app.council_id(PARTNERSHIP).await?,
        gavle,
        areas,
    })
}

/// A draft of the partnership for one period, with one pledge: the promise and the pledge.
async fn draft(
    app: &TestApp, token: &str, council: &str, municipality: &str, title: &str, year: i32,
) -> anyhow::Result<(String, String)> {
    let body = app
        .gql(
            Some(token),
            CREATE,
            json!({ "input": { "councilId": council, "municipalityId": municipality, "title": title, "periodFrom": format!("{year}-01-01"), "periodTo": format!("{year}-12-31"), "followUpOn": format!("{year}-11-01"), "pledges": ["Vi lovar."] } }),
        )
        .await?;
    Ok((
        str_at(&body, "/data/createPromise/id")?,
        str_at(&body, "/data/createPromise/pledges/0/id")?,
    ))
}

/// A promise for 2024–2025 with citizen dialogues (two per district, one per outer area
/// and year) answered by police and municipality, and outreach answered by the police
/// only; signed and in progress. Returns the promise and the two activities.
async fn dialogue_promise(
    app: &TestApp, analyst: &str, f: &Fixture,
) -> anyhow::Result<(String, String, String)> {
    let body = app
        .gql(
            Some(analyst),
            CREATE,
            json!({ "input": { "councilId": f.partnership, "municipalityId": f.gavle, "title": "Medborgarlöften 2024–2025", "periodFrom": "2024-01-01", "periodTo": "2025-12-31", "followUpOn": "2025-11-15", "pledges": ["Polisen och kommunen lovar att tillsammans arbeta för att Gävle ska bli en trygg plats."] } }),
        )
        .await?;
    let promise = str_at(&body, "/data/createPromise/id")?;
    let pledge = str_at(&body, "/data/createPromise/pledges/0/id")?;
    let body = app
        .gql(
            Some(analyst),
            ADD_ACTIVITY,
            json!({ "input": { "promiseId": promise, "pledgeId": pledge, "text": "Medborgardialoger", "responsibleOrganisationIds": [f.police, f.gavle], "responsibleUnit": "Socialtjänsten", "scopes": [{ "rule": "PER_AREA", "n": 2, "areaKind": "DISTRICT" }, { "rule": "PER_AREA", "n": 1, "areaKind": "OUTER" }] } }),
        )
        .await?;
    let dialogues = str_at(&body, "/data/addActivity/activities/0/id")?;
    let body = app
        .gql(
            Some(analyst),
            ADD_ACTIVITY,
            json!({ "input": { "promiseId": promise, "pledgeId": pledge, "text": "Uppsökande verksamhet", "responsibleOrganisationIds": [f.police], "scopes": [{ "rule": "AS_NEEDED" }] } }),
        )
        .await?;
    let outreach = str_at(&body, "/data/addActivity/activities/1/id")?;
    let body = app
        .gql(
            Some(analyst),
            SIGN,
            json!({ "id": promise, "input": { "promiseId": promise, "name": "John Köhler", "title": "Lokalpolisområdeschef", "organisationId": f.police, "signedOn": "2023-12-12" } }),
        )
        .await?;
    anyhow::ensure!(str_at(&body, "/data/b/status")? == "IN_PROGRESS", "{body}");
    Ok((promise, dialogues, outreach))
}

async fn report(
    app: &TestApp, token: &str, activity: &str, on: &str, area: Option<&String>,
) -> anyhow::Result<Value> {
    let body = app
        .gql(
            Some(token),
            REPORT,
            json!({ "input": { "activityId": activity, "occurredOn": on, "areaId": area, "peopleReached": 25, "targetGroups": ["YOUTH"], "notes": "Hemlig anteckning om en boende" } }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(body)
}

fn cells(body: &Value, activity: usize, scope: usize) -> Vec<Value> {
    body.pointer(&format!("/data/promise/compliance/activities/{activity}/scopes/{scope}/cells"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn cell<'a>(cells: &'a [Value], label: &str, year: i64) -> Option<&'a Value> {
    cells.iter().find(|c| c["label"] == label && c["year"] == year)
}

#[tokio::test]
async fn a_plan_is_counted_per_area_and_year_with_a_known_answer() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (analyst, police) = (app.login(ANALYST).await?, app.login(POLICE).await?);
    let f = fixture(&app, &analyst).await?;
    let (promise, dialogues, outreach) = dialogue_promise(&app, &analyst, &f).await?;
    let area = |name: &str| f.areas.get(name);
    // 2024: everything as promised. 2025: Brynäs and Sätra once, Hedesunda never.
    for (name, on) in [
        ("Andersberg", "2024-03-01"),
        ("Andersberg", "2024-09-01"),
        ("Brynäs", "2024-04-01"),
        ("Brynäs", "2024-10-01"),
        ("Sätra", "2024-05-01"),
        ("Sätra", "2024-11-01"),
        ("Valbo", "2024-06-01"),
        ("Forsbacka", "2024-06-02"),
        ("Hedesunda", "2024-06-03"),
        ("Andersberg", "2025-03-01"),
        ("Andersberg", "2025-12-31"),
        ("Brynäs", "2025-04-01"),
        ("Sätra", "2025-05-01"),
        ("Valbo", "2025-06-01"),
        ("Forsbacka", "2025-06-02"),
    ] {
        report(&app, &police, &dialogues, on, area(name)).await?;
    }
    // Outreach answered by the police: the municipality's report is kept, not counted.
    report(&app, &police, &outreach, "2025-02-01", None).await?;
    let body = report(&app, &analyst, &outreach, "2025-02-02", None).await?;
    assert_eq!(body.pointer("/data/reportOccasion/counted"), Some(&json!(false)), "{body}");

    let body = app.gql(Some(&analyst), COMPLIANCE, json!({ "id": promise })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    let districts = cells(&body, 0, 0);
    assert_eq!(districts.len(), 6, "three districts × two years: {body}");
    for (name, year, done, status) in [
        ("Andersberg", 2024, 2, "MET"),
        ("Brynäs", 2024, 2, "MET"),
        ("Sätra", 2024, 2, "MET"),
        ("Andersberg", 2025, 2, "MET"),
        ("Brynäs", 2025, 1, "MISSED"),
        ("Sätra", 2025, 1, "MISSED"),
    ] {
        let c = cell(&districts, name, year).ok_or_else(|| anyhow::anyhow!("{name} {year}"))?;
        assert_eq!(
            (c["done"].as_i64(), c["status"].as_str()),
            (Some(done), Some(status)),
            "{name} {year}"
        );
        assert_eq!(c["required"], json!(2));
    }
    let outer = cells(&body, 0, 1);
    assert_eq!(outer.len(), 6, "three outer areas × two years");
    let hedesunda = cell(&outer, "Hedesunda", 2025).ok_or_else(|| anyhow::anyhow!("Hedesunda"))?;
    assert_eq!((hedesunda["done"].as_i64(), hedesunda["missing"].as_i64()), (Some(0), Some(1)));
    let activity = |i: usize, field: &str| {
        body.pointer(&format!("/data/promise/compliance/activities/{i}/{field}")).cloned()
    };
    assert_eq!(activity(0, "standing"), Some(json!("BEHIND")));
    assert_eq!(activity(0, "counted"), Some(json!(15)));
    assert_eq!(activity(1, "standing"), Some(json!("COUNTED")), "as needed is never judged");
    assert_eq!(
        (activity(1, "counted"), activity(1, "notCounted")),
        (Some(json!(1)), Some(json!(1)))
    );
    assert_eq!(
        body.pointer("/data/promise/compliance/standing"),
        Some(&json!("BEHIND")),
        "a promise stands as its worst activity"
    );
    Ok(())
}

#[tokio::test]
async fn the_demo_counts_the_joint_picture_and_the_place_follow_ups() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let body = app
        .gql(
            Some(&analyst),
            "query($c: ID!) { promises(councilId: $c) { edges { node { id status publishedAt activities { text } signatories { name } } } } }",
            json!({ "c": f.partnership }),
        )
        .await?;
    assert_eq!(str_at(&body, "/data/promises/edges/0/node/status")?, "IN_PROGRESS", "{body}");
    let activities =
        body.pointer("/data/promises/edges/0/node/activities").and_then(Value::as_array);
    assert_eq!(activities.map(Vec::len), Some(5), "seed 002's five activities");
    let promise = str_at(&body, "/data/promises/edges/0/node/id")?;
    let body = app.gql(Some(&analyst), COMPLIANCE, json!({ "id": promise })).await?;
    // Activity 1: the fortnightly joint picture (reported as occasions until the cadence
    // began, two fortnights missed last July; since then the demo's one picture, of the
    // last two weeks, counted by the first day it describes, as the cadence counts it) and
    // the crime-exposed places' follow-ups (Brynäs three of four last year).
    let runs = cells(&body, 0, 0);
    assert!(runs.iter().all(|c| c["unit"] == "RUN"), "{runs:?}");
    let start = (chrono::Utc::now().date_naive() - chrono::Duration::days(14)).to_string();
    let run = runs
        .iter()
        .find(|c| c["from"].as_str() <= Some(&start) && Some(start.as_str()) <= c["to"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no fortnight of {start}: {runs:?}"))?;
    assert_eq!(run["done"], json!(1), "the published joint picture counts: {run}");
    let last_year = chrono::Utc::now().date_naive().format("%Y").to_string().parse::<i64>()? - 1;
    let missed_july = runs
        .iter()
        .filter(|c| c["status"] == "MISSED")
        .filter(|c| c["from"].as_str().is_some_and(|d| d.starts_with(&format!("{last_year}-07"))))
        .count();
    assert!(missed_july >= 1, "{runs:?}");
    let places = cells(&body, 0, 1);
    assert_eq!(places.iter().filter(|c| c["unit"] == "PLACE").count(), places.len());
    let brynas =
        cell(&places, "Brynäs centrum", last_year).ok_or_else(|| anyhow::anyhow!("{places:?}"))?;
    assert_eq!((brynas["done"].as_i64(), brynas["status"].as_str()), (Some(3), Some("MISSED")));
    let satra = cells(&body, 1, 0);
    let satra = cell(&satra, "Sätra", last_year).ok_or_else(|| anyhow::anyhow!("Sätra"))?;
    assert_eq!((satra["done"].as_i64(), satra["status"].as_str()), (Some(1), Some("MISSED")));
    // Next year has not begun: every dialogue cell of it is to come, and keyed by its area.
    let dialogues = cells(&body, 1, 0);
    let next: Vec<&Value> = dialogues.iter().filter(|c| c["year"] == last_year + 2).collect();
    assert_eq!(next.len(), 3, "three districts next year");
    assert!(next.iter().all(|c| c["status"] == "UPCOMING"), "{next:?}");
    assert_eq!(
        body.pointer("/data/promise/compliance/activities/3/notCounted"),
        Some(&json!(1)),
        "the municipality's outreach report is kept, not counted"
    );
    Ok(())
}

#[tokio::test]
async fn who_sees_a_promise_and_who_reports() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let (promise, dialogues, _) = dialogue_promise(&app, &analyst, &f).await?;
    let read = "query($id: ID!) { promise(id: $id) { title canManage } }";
    for (email, expected, manage) in [
        (Some(ANALYST), "OK", Some(true)),
        (Some(POLICE), "OK", Some(false)),
        (Some(ADMIN), "OK", Some(true)),
        (Some(SECRETARIAT), "NOT_FOUND", None),
        (Some(MEMBER), "NOT_FOUND", None),
        (Some(ADVISORY), "NOT_FOUND", None),
        (Some(OUTSIDER), "NOT_FOUND", None),
        (None, "UNAUTHENTICATED", None),
    ] {
        let token = match email {
            Some(e) => Some(app.login(e).await?),
            None => None,
        };
        let body = app.gql(token.as_deref(), read, json!({ "id": promise })).await?;
        assert_eq!(code(&body), expected, "{email:?}: {body}");
        assert_eq!(body.pointer("/data/promise/canManage").and_then(Value::as_bool), manage);
        let report = json!({ "input": { "activityId": dialogues, "occurredOn": "2025-01-10" } });
        if !matches!(email, Some(ANALYST) | Some(POLICE)) {
            // Only partners report: the admin manages, but is no partner.
            let expected = if email.is_none() { "UNAUTHENTICATED" } else { "NOT_FOUND" };
            app.assert_refused(
                &format!("report as {email:?}"),
                token.as_deref(),
                REPORT,
                report,
                (expected, None),
                &["activity_occasion", "audit_event"],
            )
            .await?;
        }
    }
    // A draft is the secretariat's alone.
    let (sketch, _) = draft(&app, &analyst, &f.partnership, &f.gavle, "Utkast", 2027).await?;
    let police = app.login(POLICE).await?;
    let body = app.gql(Some(&police), read, json!({ "id": sketch })).await?;
    assert_eq!(code(&body), "NOT_FOUND");
    let list = "query($c: ID!) { promises(councilId: $c) { edges { node { id } } } }";
    let body = app.gql(Some(&police), list, json!({ "c": f.partnership })).await?;
    assert!(!body.to_string().contains(&sketch), "{body}");
    let body = app.gql(Some(&analyst), list, json!({ "c": f.partnership })).await?;
    assert!(body.to_string().contains(&sketch), "{body}");
    // Partners do not change the plan.
    app.assert_refused(
        "police changes the plan",
        Some(&police),
        "mutation($id: ID!) { setPromiseStatus(id: $id, status: FOLLOWED_UP) { id } }",
        json!({ "id": promise }),
        ("NOT_FOUND", None),
        &["promise"],
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn the_public_page_shows_what_was_published_and_nothing_else() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let (promise, dialogues, _) = dialogue_promise(&app, &analyst, &f).await?;
    report(&app, &analyst, &dialogues, "2025-03-03", f.areas.get("Sätra")).await?;
    // An internal narrative and an open one.
    for (text, internal) in
        [("Intern bedömning av polisens resurser", true), ("Dialogerna fortsätter", false)]
    {
        let body = app
            .gql(
                Some(&analyst),
                "mutation($input: ActivityNarrativeInput!) { setActivityNarrative(input: $input) { internal } }",
                json!({ "input": { "activityId": dialogues, "narrative": text, "nextSteps": "Mer", "internal": internal } }),
            )
            .await?;
        assert_eq!(code(&body), "OK", "{body}");
    }
    app.assert_refused(
        "a blank narrative",
        Some(&analyst),
        "mutation($input: ActivityNarrativeInput!) { setActivityNarrative(input: $input) { internal } }",
        json!({ "input": { "activityId": dialogues, "narrative": " ", "nextSteps": "Mer" } }),
        ("BAD_USER_INPUT", Some("narrative")),
        &["audit_event"],
    )
    .await?;
    let public = "query($id: ID!) { publicPromise(id: $id) { title municipality pledges { text activities { text responsible scopes { rule n areaKind } } } signatories { title organisation } narratives { narrative } compliance { standing activities { scopes { cells { label done } } } } } }";
    let body = app.gql(None, public, json!({ "id": promise })).await?;
    assert_eq!(code(&body), "NOT_FOUND", "not published yet: {body}");
    let publish = "mutation($id: ID!, $p: Boolean!) { publishPromise(id: $id, published: $p) { publishedAt } }";
    let body = app.gql(Some(&analyst), publish, json!({ "id": promise, "p": true })).await?;
    assert_eq!(code(&body), "OK", "{body}");

    let body = app.gql(None, public, json!({ "id": promise })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    let text = body.to_string();
    assert!(text.contains("Medborgardialoger") && text.contains("Sätra"), "{text}");
    assert!(text.contains("Lokalpolisområdeschef") && text.contains("Dialogerna fortsätter"));
    for secret in ["John Köhler", "Hemlig anteckning", "Intern bedömning", "Brynäs centrum"] {
        assert!(!text.contains(secret), "the public page shows {secret:?}: {text}");
    }
    let list = "{ publishedPromises { edges { node { id title } } } }";
    assert!(app.gql(None, list, json!({})).await?.to_string().contains(&promise));

    let body = app.gql(Some(&analyst), publish, json!({ "id": promise, "p": false })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    let body = app.gql(None, public, json!({ "id": promise })).await?;
    assert_eq!(code(&body), "NOT_FOUND", "unpublished: {body}");

    // An activity marked internal stays off the public page, with its figures.
    let (other, pledge) =
        draft(&app, &analyst, &f.partnership, &f.gavle, "Med intern aktivitet", 2025).await?;
    for (text, internal) in [("Öppen aktivitet", false), ("Intern spaning", true)] {
        let body = app
            .gql(
                Some(&analyst),
                ADD_ACTIVITY,
                json!({ "input": { "promiseId": other, "pledgeId": pledge, "text": text, "internal": internal, "responsibleOrganisationIds": [f.police], "scopes": [{ "rule": "PER_YEAR", "n": 3 }] } }),
            )
            .await?;
        assert_eq!(code(&body), "OK", "{body}");
    }
    let body = app
        .gql(
            Some(&analyst),
            SIGN,
            json!({ "id": other, "input": { "promiseId": other, "name": "Patrik Stenvarv", "title": "Ordförande", "organisationId": f.gavle, "signedOn": "2024-12-01" } }),
        )
        .await?;
    assert_eq!(code(&body), "OK", "{body}");
    app.gql(Some(&analyst), publish, json!({ "id": other, "p": true })).await?;
    let body = app.gql(None, public, json!({ "id": other })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    assert!(body.to_string().contains("Öppen aktivitet"), "{body}");
    assert!(!body.to_string().contains("Intern spaning"), "{body}");
    let figures =
        body.pointer("/data/publicPromise/compliance/activities").and_then(Value::as_array);
    assert_eq!(figures.map(Vec::len), Some(1), "the internal activity's figures too: {body}");
    assert!(!app.gql(None, list, json!({})).await?.to_string().contains(&promise));
    Ok(())
}

#[tokio::test]
async fn bad_rules_and_lifecycle_steps_are_refused_with_nothing_written() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let (promise, pledge) = draft(&app, &analyst, &f.partnership, &f.gavle, "Regler", 2027).await?;
    let activity = |scope: Value| json!({ "input": { "promiseId": promise, "pledgeId": pledge, "text": "x", "responsibleOrganisationIds": [f.police], "scopes": [scope] } });
    for (label, scope) in [
        ("n = 0", json!({ "rule": "PER_YEAR", "n": 0 })),
        ("n < 0", json!({ "rule": "PER_AREA", "n": -2, "areaKind": "DISTRICT" })),
        ("no n", json!({ "rule": "PER_PLACE" })),
        ("k = 0", json!({ "rule": "EVERY_WEEKS", "weeks": 0 })),
        ("k = 53", json!({ "rule": "EVERY_WEEKS", "weeks": 53 })),
        ("no kind", json!({ "rule": "PER_AREA", "n": 2 })),
        (
            "per place, counting occasions",
            json!({ "rule": "PER_PLACE", "n": 4, "source": "OCCASIONS" }),
        ),
        (
            "joint pictures per area",
            json!({ "rule": "PER_AREA", "n": 1, "areaKind": "DISTRICT", "source": "JOINT_PICTURES" }),
        ),
    ] {
        app.assert_refused(
            label,
            Some(&analyst),
            ADD_ACTIVITY,
            activity(scope),
            ("BAD_USER_INPUT", Some("scopes")),
            &["promise_activity", "activity_scope"],
        )
        .await?;
    }
    // An area kind the municipality has none of: Göteborg has no areas.
    let secretariat = app.login(SECRETARIAT).await?;
    let gbg = app.council_id("Göteborgs Stads trygghetsråd").await?;
    let goteborg = app.organisation_id("Göteborgs Stad").await?;
    let (gbg_promise, gbg_pledge) =
        draft(&app, &secretariat, &gbg, &goteborg, "Göteborg", 2027).await?;
    app.assert_refused(
        "an area kind Göteborg has none of",
        Some(&secretariat),
        ADD_ACTIVITY,
        json!({ "input": { "promiseId": gbg_promise, "pledgeId": gbg_pledge, "text": "x", "responsibleOrganisationIds": [goteborg], "scopes": [{ "rule": "PER_AREA", "n": 2, "areaKind": "OUTER" }] } }),
        ("BAD_USER_INPUT", Some("scopes")),
        &["promise_activity"],
    )
    .await?;
    // A municipality that is not a partner, an empty pledge, a blank narrative: said on the
    // field.
    app.assert_refused(
        "the police as the municipality",
        Some(&analyst),
        CREATE,
        json!({ "input": { "councilId": f.partnership, "municipalityId": f.police, "title": "Fel", "periodFrom": "2027-01-01", "periodTo": "2027-12-31", "followUpOn": "2027-11-01", "pledges": ["Vi lovar."] } }),
        ("BAD_USER_INPUT", Some("municipalityId")),
        &["promise"],
    )
    .await?;
    app.assert_refused(
        "an empty pledge",
        Some(&analyst),
        "mutation($id: ID!) { addPledge(promiseId: $id, text: \"  \") { id } }",
        json!({ "id": promise }),
        ("BAD_USER_INPUT", Some("text")),
        &["promise_pledge"],
    )
    .await?;
    // Dates a promise can be counted over.
    app.assert_refused(
        "a promise in the year 262142",
        Some(&analyst),
        CREATE,
        json!({ "input": { "councilId": f.partnership, "municipalityId": f.gavle, "title": "Långt bort", "periodFrom": "+262142-01-01", "periodTo": "+262142-12-31", "followUpOn": "+262142-11-01", "pledges": ["Vi lovar."] } }),
        ("BAD_USER_INPUT", Some("periodFrom")),
        &["promise"],
    )
    .await?;
    // Signing needs an activity and a signatory; statuses move one step at a time.
    let status = "mutation($id: ID!, $s: PromiseStatus!) { setPromiseStatus(id: $id, status: $s) { status } }";
    for (label, to) in [("sign an empty plan", "SIGNED"), ("skip ahead", "FOLLOWED_UP")] {
        app.assert_refused(
            label,
            Some(&analyst),
            status,
            json!({ "id": promise, "s": to }),
            ("CONFLICT", Some("status")),
            &["promise"],
        )
        .await?;
    }
    // A signed plan is what was promised.
    let (signed, ..) = dialogue_promise(&app, &analyst, &f).await?;
    let body = app
        .gql(
            Some(&analyst),
            "query($id: ID!) { promise(id: $id) { pledges { id } } }",
            json!({ "id": signed }),
        )
        .await?;
    let signed_pledge = str_at(&body, "/data/promise/pledges/0/id")?;
    app.assert_refused(
        "change a signed plan",
        Some(&analyst),
        ADD_ACTIVITY,
        json!({ "input": { "promiseId": signed, "pledgeId": signed_pledge, "text": "x", "responsibleOrganisationIds": [f.police], "scopes": [{ "rule": "AS_NEEDED" }] } }),
        ("CONFLICT", Some("status")),
        &["promise_activity"],
    )
    .await?;
    // Occasions: not in the future, not outside the period, in the promise's own areas.
    let body = app
        .gql(
            Some(&analyst),
            "query($id: ID!) { promise(id: $id) { activities { id } } }",
            json!({ "id": signed }),
        )
        .await?;
    let dialogues = str_at(&body, "/data/promise/activities/0/id")?;
    for (label, input, field) in [
        (
            "outside the period",
            json!({ "activityId": dialogues, "occurredOn": "2023-12-31" }),
            "occurredOn",
        ),
        (
            "in the future",
            json!({ "activityId": dialogues, "occurredOn": "2099-01-01" }),
            "occurredOn",
        ),
        (
            "a negative count",
            json!({ "activityId": dialogues, "occurredOn": "2025-01-01", "peopleReached": -1 }),
            "peopleReached",
        ),
        (
            "an area that is not Gävle's",
            json!({ "activityId": dialogues, "occurredOn": "2025-01-01", "areaId": uuid::Uuid::now_v7().to_string() }),
            "areaId",
        ),
    ] {
        app.assert_refused(
            label,
            Some(&analyst),
            REPORT,
            json!({ "input": input }),
            ("BAD_USER_INPUT", Some(field)),
            &["activity_occasion"],
        )
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn areas_are_imported_from_geojson_all_or_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let square = |lon: f64| json!({ "type": "Polygon", "coordinates": [[[lon, 60.6], [lon + 0.01, 60.6], [lon + 0.01, 60.61], [lon, 60.61], [lon, 60.6]]] });
    let collection = |features: Vec<Value>| {
        json!({ "type": "FeatureCollection", "features": features }).to_string()
    };
    let import = "mutation($m: ID!, $g: String!) { importAreas(municipalityId: $m, geojson: $g) { name kind boundary } }";
    let good = collection(vec![
        json!({ "type": "Feature", "properties": { "name": "Sätra", "kind": "stadsdel" }, "geometry": square(17.10) }),
        json!({ "type": "Feature", "properties": { "name": "Norrsundet", "kind": "ytterområde" }, "geometry": square(17.13) }),
    ]);
    let unclosed = collection(vec![
        json!({ "type": "Feature", "properties": { "name": "Bomhus", "kind": "district" }, "geometry": square(17.2) }),
        json!({ "type": "Feature", "properties": { "name": "Fel", "kind": "district" }, "geometry": { "type": "Polygon", "coordinates": [[[17.0, 60.0], [17.1, 60.0], [17.1, 60.1], [17.0, 60.1]]] } }),
    ]);
    for (label, geojson) in [
        ("an unclosed ring", unclosed),
        ("not GeoJSON", "{ nej".to_owned()),
        (
            "a point",
            collection(vec![
                json!({ "type": "Feature", "properties": { "name": "P", "kind": "district" }, "geometry": { "type": "Point", "coordinates": [17.0, 60.0] } }),
            ]),
        ),
        (
            "no kind",
            collection(vec![
                json!({ "type": "Feature", "properties": { "name": "P" }, "geometry": square(17.0) }),
            ]),
        ),
    ] {
        app.assert_refused(
            label,
            Some(&analyst),
            import,
            json!({ "m": f.gavle, "g": geojson }),
            ("BAD_USER_INPUT", Some("geojson")),
            &["area"],
        )
        .await?;
    }
    let police = app.login(POLICE).await?;
    app.assert_refused(
        "the police import Gävle's areas",
        Some(&police),
        import,
        json!({ "m": f.gavle, "g": good }),
        ("NOT_FOUND", None),
        &["area"],
    )
    .await?;
    let body = app.gql(Some(&analyst), import, json!({ "m": f.gavle, "g": good })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    let after = fixture(&app, &analyst).await?;
    assert_eq!(after.areas.len(), f.areas.len() + 1, "Sätra updated, Norrsundet added");
    assert_eq!(after.areas.get("Sätra"), f.areas.get("Sätra"), "matched by name, same id");
    assert!(
        body.pointer("/data/importAreas/0/boundary")
            .and_then(Value::as_str)
            .is_some_and(|b| b.contains("Polygon"))
    );
    assert_eq!(body.pointer("/data/importAreas/1/kind"), Some(&json!("OUTER")));
    Ok(())
}

#[tokio::test]
async fn the_report_is_a_csv_with_every_cell_and_narrative() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let (promise, dialogues, _) = dialogue_promise(&app, &analyst, &f).await?;
    report(&app, &analyst, &dialogues, "2025-03-03", f.areas.get("Sätra")).await?;
    let body = app
        .gql(
            Some(&analyst),
            "mutation($input: ActivityNarrativeInput!) { setActivityNarrative(input: $input) { internal } }",
            json!({ "input": { "activityId": dialogues, "narrative": "=HYPERLINK(\"x\")", "nextSteps": "Fler dialoger i Sätra" } }),
        )
        .await?;
    assert_eq!(code(&body), "OK", "{body}");
    let body = app
        .gql(
            Some(&analyst),
            "query($id: ID!) { promise(id: $id) { reportCsv } }",
            json!({ "id": promise }),
        )
        .await?;
    let csv = str_at(&body, "/data/promise/reportCsv")?;
    assert!(csv.starts_with('\u{feff}'), "byte-order mark");
    let satra_2025 = csv.lines().find(|l| l.contains("Sätra,2025")).unwrap_or_default();
    assert!(satra_2025.contains(",1,2,1,"), "done 1 of 2, 1 missing: {csv}");
    assert!(
        csv.contains("Minst 2 per stadsdel och år") && csv.contains("Fler dialoger i Sätra"),
        "{csv}"
    );
    assert!(csv.contains("'=HYPERLINK"), "formulas neutralised: {csv}");
    let police = app.login(POLICE).await?;
    let body = app
        .gql(
            Some(&police),
            "query($id: ID!) { promise(id: $id) { reportCsv } }",
            json!({ "id": promise }),
        )
        .await?;
    assert_eq!(code(&body), "OK", "partners read the report: {body}");
    Ok(())
}

#[tokio::test]
async fn the_compliance_view_takes_the_same_statements_for_more_data() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let f = fixture(&app, &analyst).await?;
    let body = app
        .gql(Some(&analyst), "query($c: ID!) { promises(councilId: $c) { edges { node { id activities { id } } } } }", json!({ "c": f.partnership }))
        .await?;
    let promise = str_at(&body, "/data/promises/edges/0/node/id")?;
    let dialogues = str_at(&body, "/data/promises/edges/0/node/activities/1/id")?;
    let full = "query($id: ID!) { promise(id: $id) { title pledges { text activities { text responsibleOrganisations { name } scopes { rule } } } signatories { name organisation { name } } compliance { standing activities { standing scopes { cells { label done status } } } } occasions(first: 50) { edges { node { occurredOn area { name } organisation { name } present { name } } } } narratives { narrative organisation { name } } } }";
    let count = async || -> anyhow::Result<usize> {
        let before = app.statement_count();
        let body = app.gql(Some(&analyst), full, json!({ "id": promise })).await?;
        anyhow::ensure!(code(&body) == "OK", "{body}");
        Ok(app.statement_count() - before)
    };
    let small = count().await?;
    let police = app.login(POLICE).await?;
    let today = chrono::Utc::now().date_naive();
    for i in 0..20 {
        let name = ["Andersberg", "Brynäs", "Sätra", "Valbo"][i % 4];
        let on = (today - chrono::Duration::days(i64::try_from(i)? + 1)).to_string();
        report(
            &app,
            if i % 2 == 0 { &police } else { &analyst },
            &dialogues,
            &on,
            f.areas.get(name),
        )
        .await?;
    }
    let large = count().await?;
    // The organisation loader's batches depend on when the fields resolve: one more or
    // less either way, never one per row (20 more occasions, each naming organisations).
    assert!(large <= small + 1, "statements grow with the data: {small} → {large}");
    assert!(large <= MAX_STATEMENTS, "{large} statements for the promise page");
    Ok(())
}

#[tokio::test]
async fn an_activity_behind_reminds_those_who_answer_for_it_once() -> anyhow::Result<()> {
    use samrad::domain::notifications::{fan_out, reminders};
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let now = chrono::Utc::now();
    reminders::sweep(&app.db, now).await?;
    reminders::sweep(&app.db, now + chrono::Duration::minutes(5)).await?;
    let mine = "{ myNotifications(first: 100) { nodes { kind message link } } }";
    let behind = async |email: &str| -> anyhow::Result<Vec<String>> {
        let body = app.gql_as(Some(email), mine, json!({})).await?;
        anyhow::ensure!(code(&body) == "OK", "{body}");
        Ok(body["data"]["myNotifications"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|n| n["kind"] == "reminder.promise_behind")
            .filter_map(|n| n["message"].as_str().map(str::to_owned))
            .collect())
    };
    // The demo's dialogues (Sätra last year) and joint pictures (since the cadence began)
    // are behind; both answer to the police and the municipality.
    let police = behind(POLICE).await?;
    assert_eq!(police.len(), 2, "once per activity, however often the sweep runs: {police:?}");
    assert!(police.iter().any(|m| m.contains("Polisen och socialtjänsten")), "{police:?}");
    assert_eq!(behind(ANALYST).await?.len(), 2);
    for outsider in [MEMBER, SECRETARIAT, OUTSIDER] {
        assert_eq!(behind(outsider).await?, Vec::<String>::new(), "{outsider}");
    }
    Ok(())
}

#[tokio::test]
async fn a_place_known_only_from_a_restricted_picture_or_elsewhere_is_not_counted()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let analyst = app.login(ANALYST).await?;
    let police = app.login(POLICE).await?;
    let f = fixture(&app, &analyst).await?;
    let body = app
        .gql(
            Some(&analyst),
            "query($c: ID!) { promises(councilId: $c) { edges { node { id } } } }",
            json!({ "c": f.partnership }),
        )
        .await?;
    let promise = str_at(&body, "/data/promises/edges/0/node/id")?;
    let places = async || -> anyhow::Result<usize> {
        let body = app.gql(None, "query($id: ID!) { publicPromise(id: $id) { compliance { activities { scopes { cells { unit year } } } } } }", json!({ "id": promise })).await?;
        anyhow::ensure!(code(&body) == "OK", "{body}");
        Ok(body
            .pointer("/data/publicPromise/compliance/activities/0/scopes/1/cells")
            .and_then(Value::as_array)
            .map_or(0, |c| c.iter().filter(|c| c["unit"] == "PLACE").count()))
    };
    let before = places().await?;
    assert!(before > 0, "the demo's district centres are counted");
    // The police follow up a place in Gävle known only from their restricted picture, and
    // one in Uppsala shared openly: neither is one of this promise's places.
    let picture = "mutation($input: CreateSituationPictureInput!) { createSituationPicture(input: $input) { id } }";
    for (name, code_, classification) in
        [("Spaningsplats", "2180", "RESTRICTED"), ("Uppsala torg", "0380", "OPEN")]
    {
        let body = app
            .gql(Some(&police), "mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }", json!({ "input": { "name": name, "municipalityCode": code_, "latitude": 60.67, "longitude": 17.15, "followUpsPerYear": 4 } }))
            .await?;
        let place = str_at(&body, "/data/createPlace/id")?;
        let sharing = if classification == "RESTRICTED" {
            json!({ "organisationIds": [f.gavle] })
        } else {
            json!({ "councilIds": [f.partnership] })
        };
        let mut input = json!({ "area": name, "periodStart": "2026-01-01", "periodEnd": "2026-01-14", "classification": classification, "summary": "x", "entries": [{ "placeId": place, "category": "DRUG_DEALING", "trend": "RISING", "perceivedSafety": 2 }] });
        if let (Some(i), Some(s)) = (input.as_object_mut(), sharing.as_object()) {
            i.extend(s.clone());
        }
        let body = app.gql(Some(&police), picture, json!({ "input": input })).await?;
        let id = str_at(&body, "/data/createSituationPicture/id")?;
        let body = app
            .gql(
                Some(&police),
                "mutation($id: ID!) { publishSituationPicture(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await?;
        assert_eq!(code(&body), "OK", "{body}");
    }
    assert_eq!(places().await?, before, "a place was counted that is not the promise's");
    Ok(())
}
