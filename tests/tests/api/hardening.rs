//! Requests that once broke a rule under races or odd input: parallel logins past the
//! throttle, NUL characters and unknown ids answered INTERNAL, SQLite's "database is
//! locked" on simultaneous writes, and clients that go away mid-write.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::*;

const GBG: &str = "Göteborgs Stads trygghetsråd";
const LOGIN: &str =
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_logins_on_two_instances_check_at_most_the_limit_of_passwords()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let other = app.second_instance().await?;
    let checked = || {
        app.state.server.auth.hasher.verifications()
            + other.state.server.auth.hasher.verifications()
    };
    let before = checked();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..60u8 {
        let router = if i % 2 == 0 { app.router.clone() } else { other.router.clone() };
        // From many addresses, so that only the account's limit can hold them back.
        let client = SocketAddr::from(([203, 0, 113, i], 4000));
        tasks.spawn(async move {
            post_graphql(
                router,
                client,
                None,
                LOGIN,
                json!({ "e": MEMBER, "p": format!("wrong-{i}") }),
            )
            .await
        });
    }
    let mut codes = vec![];
    while let Some(result) = tasks.join_next().await {
        codes.push(code(&result??));
    }
    let limit = test_auth_settings().login_limits.per_account;
    assert!(
        checked() - before <= u64::from(limit),
        "{} passwords checked for a limit of {limit}",
        checked() - before
    );
    let limited = codes.iter().filter(|c| *c == "RATE_LIMITED").count();
    assert!(limited >= 60 - limit as usize, "{codes:?}");
    assert!(codes.iter().all(|c| c == "RATE_LIMITED" || c == "UNAUTHENTICATED"), "{codes:?}");
    Ok(())
}

#[tokio::test]
async fn nul_characters_are_bad_input_and_store_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let create =
        "mutation($n: String!) { createOrganisation(input: { name: $n, kind: BUSINESS }) { id } }";
    app.assert_refused(
        "NUL in a variable",
        Some(&token),
        create,
        json!({ "n": "Före\u{0}tag AB" }),
        ("BAD_USER_INPUT", Some("n")),
        &["organisation"],
    )
    .await?;
    app.assert_refused(
        "NUL escaped in the document",
        Some(&token),
        r#"mutation { createOrganisation(input: { name: "Före\u0000tag AB", kind: BUSINESS }) { id } }"#,
        json!({}),
        ("BAD_USER_INPUT", Some("query")),
        &["organisation"],
    )
    .await?;
    let body = app.gql(None, LOGIN, json!({ "e": "a\u{0}@x.se", "p": "x" })).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    // The same text without the NUL is fine.
    let body = app.gql(Some(&token), create, json!({ "n": "Företag AB" })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    Ok(())
}

#[tokio::test]
async fn unknown_ids_that_reach_a_foreign_key_are_not_found() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let random = Uuid::new_v4().to_string();
    let cases = [
        (
            "addCouncilTheme",
            "mutation($c: ID!) { addCouncilTheme(councilId: $c, name: \"Tema\") { id } }",
            "council_theme",
        ),
        (
            "createCalendarFeed",
            "mutation($c: ID!) { createCalendarFeed(councilId: $c) { id } }",
            "calendar_feed",
        ),
        (
            "setCouncilPriorityGroups",
            "mutation($c: ID!) { setCouncilPriorityGroups(councilId: $c, groups: [YOUTH]) }",
            "council_priority_group",
        ),
        (
            "createMeeting",
            "mutation($c: ID!) { createMeeting(councilId: $c, input: { title: \"Möte\", startsAt: \"2030-03-05T13:00:00\", endsAt: \"2030-03-05T15:00:00\" }) { id } }",
            "meeting",
        ),
        (
            "setPictureCadence",
            "mutation($c: ID!) { setPictureCadence(councilId: $c, intervalDays: 14, startsOn: \"2030-01-07\") }",
            "picture_cadence",
        ),
    ];
    for (label, query, table) in cases {
        app.assert_refused(
            label,
            Some(&token),
            query,
            json!({ "c": random }),
            ("NOT_FOUND", None),
            &[table, "audit_event"],
        )
        .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_writes_wait_their_turn_and_lose_nothing() -> anyhow::Result<()> {
    let app = Arc::new(TestApp::seeded().await?);
    let token = Arc::new(app.login(SECRETARIAT).await?);
    let council = app.council_id(GBG).await?;
    let client = SocketAddr::from(([127, 0, 0, 1], 40000));
    let themes_before = app.count("council_theme").await?;
    // Thirty writes at once that each read before they write.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..30 {
        let (router, token, council) = (app.router.clone(), Arc::clone(&token), council.clone());
        tasks.spawn(async move {
            post_graphql(
                router,
                client,
                Some(&token),
                "mutation($c: ID!, $n: String!) { addCouncilTheme(councilId: $c, name: $n) { id } }",
                json!({ "c": council, "n": format!("Tema {i}") }),
            )
            .await
        });
    }
    while let Some(result) = tasks.join_next().await {
        let body = result??;
        assert_eq!(code(&body), "OK", "{body}");
    }
    assert_eq!(app.count("council_theme").await?, themes_before + 30);

    // Twenty edits of one meeting from the same version: one wins, the rest conflict.
    let body = app
        .gql(
            Some(&token),
            "mutation($c: ID!) { createMeeting(councilId: $c, input: { title: \"Möte\", startsAt: \"2030-03-05T13:00:00\", endsAt: \"2030-03-05T15:00:00\" }) { id version } }",
            json!({ "c": council }),
        )
        .await?;
    let meeting = str_at(&body, "/data/createMeeting/id")?;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..20 {
        let (router, token, meeting) = (app.router.clone(), Arc::clone(&token), meeting.clone());
        tasks.spawn(async move {
            post_graphql(
                router,
                client,
                Some(&token),
                "mutation($id: ID!, $t: String!) { updateMeeting(id: $id, expectedVersion: 1, input: { title: $t }) { id } }",
                json!({ "id": meeting, "t": format!("Titel {i}") }),
            )
            .await
        });
    }
    let mut codes = vec![];
    while let Some(result) = tasks.join_next().await {
        codes.push(code(&result??));
    }
    assert_eq!(codes.iter().filter(|c| *c == "OK").count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| *c == "CONFLICT").count(), 19, "{codes:?}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_goes_away_mid_write_leaves_no_transaction_open() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let client = SocketAddr::from(([127, 0, 0, 1], 40000));
    let create =
        "mutation($n: String!) { createOrganisation(input: { name: $n, kind: BUSINESS }) { id } }";
    // Abandon writes at many different points of their way through the server.
    for i in 0..60u64 {
        let request = post_graphql(
            app.router.clone(),
            client,
            Some(&token),
            create,
            json!({ "n": format!("Övergiven {i}") }),
        );
        let _ = tokio::time::timeout(Duration::from_micros(i * 150), request).await;
    }
    // Writes that were let go finish on their own; give them a moment.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let outside = Database::connect(&app.url).await?;
    if outside.get_database_backend() == DbBackend::Postgres {
        let row = outside
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND state LIKE 'idle in transaction%'",
            ))
            .await?
            .ok_or_else(|| anyhow::anyhow!("no row"))?;
        assert_eq!(row.try_get_by_index::<i64>(0)?, 0, "a transaction was left open");
    }
    // Every pooled connection commits what it writes: sixteen writes in a row through
    // the server are all visible to a connection of its own.
    let before = app.count("organisation").await?;
    for i in 0..16 {
        let body = app.gql(Some(&token), create, json!({ "n": format!("Efteråt {i}") })).await?;
        assert_eq!(code(&body), "OK", "{body}");
    }
    let row = outside
        .query_one_raw(Statement::from_string(
            outside.get_database_backend(),
            "SELECT COUNT(*) FROM organisation",
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no row"))?;
    assert_eq!(row.try_get_by_index::<i64>(0)?, before + 16);
    Ok(())
}
