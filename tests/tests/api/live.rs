//! Live updates: subscriptions over a real WebSocket (`graphql-transport-ws`), checked
//! per subscriber when a change happens. On PostgreSQL the change is made through a
//! second server instance and crosses over LISTEN/NOTIFY; on SQLite (one instance by
//! design) it is made through the same one.

use std::{net::SocketAddr, time::Duration};

use axum::Router;
use futures_util::{SinkExt, StreamExt};
use sea_orm::DbBackend;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::{
    MaybeTlsStream, WebSocketStream, connect_async,
    tungstenite::{Message, client::IntoClientRequest, http::HeaderValue},
};

use samrad::config::AuthSettings;

use crate::{
    helpers::*,
    situation::{join, org, user_for},
};

const GBG: &str = "Göteborgs Stads trygghetsråd";
const GAVLE: &str = "Medborgarlöften Gävle";
const EVENTS: &str = "subscription { liveEvents { kind meeting { id title } input { id title } notification { id } } }";

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Serves `router` on a free local port.
async fn serve(router: Router) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await
    });
    Ok(addr)
}

/// Opens a live connection with `init` as the `connection_init` payload; returns the
/// socket after the server's answer to it.
async fn open(addr: SocketAddr, init: Value) -> anyhow::Result<(Socket, Value)> {
    let mut request = format!("ws://{addr}/graphql/ws").into_client_request()?;
    request
        .headers_mut()
        .insert("sec-websocket-protocol", HeaderValue::from_static("graphql-transport-ws"));
    let (mut socket, _) = connect_async(request).await?;
    socket.send(text(json!({ "type": "connection_init", "payload": init }))).await?;
    let answer = next(&mut socket).await?;
    Ok((socket, answer))
}

/// A live connection of `token` subscribed to the events.
async fn subscribe(addr: SocketAddr, token: &str) -> anyhow::Result<Socket> {
    let (mut socket, ack) =
        open(addr, json!({ "authorization": format!("Bearer {token}") })).await?;
    anyhow::ensure!(ack["type"] == "connection_ack", "{ack}");
    socket
        .send(text(json!({ "id": "1", "type": "subscribe", "payload": { "query": EVENTS } })))
        .await?;
    Ok(socket)
}

/// Waits until `n` receivers listen on the app's bus (a connection and each of its
/// subscriptions are one each): a subscription is set up after the message that asks for
/// it, and a change made before would not reach it.
async fn listening(app: &TestApp, n: usize) -> anyhow::Result<()> {
    for _ in 0..400 {
        if app.state.server.live.receivers() >= n {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    anyhow::bail!("{} of {n} receivers listen", app.state.server.live.receivers())
}

fn text(value: Value) -> Message {
    Message::text(value.to_string())
}

/// The next JSON message; `{"closed": …}` when the server closed the connection. Waits
/// at most 20 s, so that a missing message fails the test instead of hanging it.
async fn next(socket: &mut Socket) -> anyhow::Result<Value> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(20), socket.next())
            .await
            .map_err(|_| anyhow::anyhow!("no message from the server"))?;
        match message {
            Some(Ok(Message::Text(body))) => return Ok(serde_json::from_str(&body)?),
            Some(Ok(Message::Close(frame))) => {
                return Ok(json!({ "closed": frame.map(|f| f.reason.to_string()) }));
            }
            None | Some(Err(_)) => return Ok(json!({ "closed": null })),
            Some(Ok(_)) => {}
        }
    }
}

/// The next event of subscription "1".
async fn event(socket: &mut Socket) -> anyhow::Result<Value> {
    let message = next(socket).await?;
    anyhow::ensure!(message["type"] == "next", "expected an event, got {message}");
    Ok(message["payload"]["data"]["liveEvents"].clone())
}

/// Where changes are made: another instance on PostgreSQL, the same one on SQLite.
async fn other_router(app: &TestApp) -> anyhow::Result<Router> {
    Ok(match app.backend() {
        DbBackend::Postgres => app.second_instance().await?.router,
        _ => app.router.clone(),
    })
}

async fn gql_on(
    router: &Router, token: &str, query: &str, variables: Value,
) -> anyhow::Result<Value> {
    let client = SocketAddr::from(([127, 0, 0, 1], 4000));
    let body = post_graphql(router.clone(), client, Some(token), query, variables).await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(body)
}

async fn create_meeting(
    app: &TestApp, router: &Router, token: &str, council: &str, title: &str,
) -> anyhow::Result<String> {
    let council = app.council_id(council).await?;
    let input = json!({ "title": title, "startsAt": local(20, 13), "endsAt": local(20, 15), "inputDeadline": local(18, 12) });
    let body = gql_on(router, token, "mutation($c: ID!, $input: MeetingInput!) { createMeeting(councilId: $c, input: $input) { id } }", json!({ "c": council, "input": input })).await?;
    str_at(&body, "/data/createMeeting/id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_reaches_the_subscribers_who_may_read_it_and_no_one_else() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let addr = serve(app.router.clone()).await?;
    let other = other_router(&app).await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let member = app.login(MEMBER).await?;
    let gavle = app.login(OTHER_SECRETARIAT).await?;
    let mut at_secretariat = subscribe(addr, &secretariat).await?;
    let mut at_gavle = subscribe(addr, &gavle).await?;
    listening(&app, 4).await?;

    // Göteborg's secretariat plans and schedules a meeting; the police member gives input.
    let meeting =
        create_meeting(&app, &other, &secretariat, GBG, "Trygghet i Hammarkullen").await?;
    let first = event(&mut at_secretariat).await?;
    assert_eq!(first["kind"], "MEETING_CHANGED", "{first}");
    assert_eq!(first["meeting"]["id"], meeting.as_str());
    gql_on(
        &other,
        &secretariat,
        "mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }",
        json!({ "id": meeting }),
    )
    .await?;
    assert_eq!(event(&mut at_secretariat).await?["kind"], "MEETING_CHANGED");
    let content = json!({ "title": "Otrygg passage vid torget", "body": "Belysningen är trasig.", "targetGroups": ["YOUTH"], "gatheredBy": "DIALOGUE_MEETING", "anonymous": false });
    let body = gql_on(
        &other,
        &member,
        "mutation($input: CreateInputInput!) { createInput(input: $input) { id } }",
        json!({ "input": { "meetingId": meeting, "content": content } }),
    )
    .await?;
    let input = str_at(&body, "/data/createInput/id")?;
    let heard = event(&mut at_secretariat).await?;
    assert_eq!(heard["kind"], "INPUT_SUBMITTED", "{heard}");
    assert_eq!(heard["input"]["id"], input.as_str());
    assert_eq!(heard["input"]["title"], "Otrygg passage vid torget");
    assert!(heard["meeting"].is_null() && heard["notification"].is_null(), "{heard}");

    // Gävle's analyst sits in no Göteborg council: the first thing they hear is a change
    // in their own council, made after all of the above.
    let own = create_meeting(&app, &other, &gavle, GAVLE, "Lägesbild Gävle").await?;
    let heard = event(&mut at_gavle).await?;
    assert_eq!(heard["kind"], "MEETING_CHANGED", "{heard}");
    assert_eq!(heard["meeting"]["id"], own.as_str(), "Gävle heard of Göteborg: {heard}");
    // And Göteborg's secretariat does not hear of Gävle's draft: its next event is the
    // next change in Göteborg.
    gql_on(
        &other,
        &secretariat,
        "mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { id } }",
        json!({ "ids": [input] }),
    )
    .await?;
    let heard = event(&mut at_secretariat).await?;
    assert_eq!(heard["kind"], "INPUT_STATUS_CHANGED", "{heard}");
    assert_eq!(heard["input"]["id"], input.as_str());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_closes_the_live_connection() -> anyhow::Result<()> {
    // A recheck far beyond the test: only the logout, heard as a change, can close it.
    let settings = AuthSettings { live_recheck: Duration::from_secs(3600), ..test_auth_settings() };
    let app = TestApp::with_settings(settings).await?;
    anyhow::ensure!(samrad::seed::seed_demo(&app.db, &app.state.server.auth.hasher).await?);
    let addr = serve(app.router.clone()).await?;
    let other = other_router(&app).await?;
    let token = app.login(MEMBER).await?;
    let mut socket = subscribe(addr, &token).await?;
    listening(&app, 2).await?;
    gql_on(&other, &token, "mutation { logout }", json!({})).await?;
    let message = next(&mut socket).await?;
    assert!(message.get("closed").is_some() || message["type"] == "complete", "{message}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reusing_a_rotated_refresh_token_closes_the_live_connection() -> anyhow::Result<()> {
    // A recheck far beyond the test: only the revocation, heard as a change, can close it.
    let settings = AuthSettings { live_recheck: Duration::from_secs(3600), ..test_auth_settings() };
    let app = TestApp::with_settings(settings).await?;
    anyhow::ensure!(samrad::seed::seed_demo(&app.db, &app.state.server.auth.hasher).await?);
    let addr = serve(app.router.clone()).await?;
    let first = app.login_payload(MEMBER, samrad::seed::DEMO_PASSWORD).await?;
    let token = str_at(&first, "/accessToken")?;
    let copied = str_at(&first, "/refreshToken")?;
    let mut socket = subscribe(addr, &token).await?;
    listening(&app, 2).await?;
    let refresh = "mutation($t: String!) { refresh(refreshToken: $t) { accessToken } }";
    let rotated = app.gql(None, refresh, json!({ "t": copied })).await?;
    assert_eq!(code(&rotated), "OK", "{rotated}");
    // The rotated token again (a copy, say): the session ends, and its socket with it.
    let reused = app.gql(None, refresh, json!({ "t": copied })).await?;
    assert_eq!(code(&reused), "UNAUTHENTICATED", "{reused}");
    let message = next(&mut socket).await?;
    assert!(message.get("closed").is_some() || message["type"] == "complete", "{message}");
    Ok(())
}

#[tokio::test]
async fn only_subscriptions_run_on_the_live_connection() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let addr = serve(app.router.clone()).await?;
    let token = app.login(MEMBER).await?;
    let mut socket = subscribe(addr, &token).await?;
    // A mutation sent as a subscription closes the connection and does nothing.
    let logout =
        json!({ "id": "2", "type": "subscribe", "payload": { "query": "mutation { logout }" } });
    socket.send(text(logout)).await?;
    let message = next(&mut socket).await?;
    assert!(message.get("closed").is_some(), "{message}");
    let body = app.gql(Some(&token), "{ me { id } }", json!({})).await?;
    assert_eq!(code(&body), "OK", "the mutation ran: {body}");
    Ok(())
}

#[tokio::test]
async fn a_user_holds_a_bounded_number_of_live_connections() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let addr = serve(app.router.clone()).await?;
    let token = app.login(MEMBER).await?;
    let max = test_auth_settings().live_connections_per_user;
    let init = json!({ "authorization": format!("Bearer {token}") });
    let mut open_ones = vec![];
    for _ in 0..max {
        let (socket, answer) = open(addr, init.clone()).await?;
        assert_eq!(answer["type"], "connection_ack", "{answer}");
        open_ones.push(socket);
    }
    let (_, answer) = open(addr, init.clone()).await?;
    assert_ne!(answer["type"], "connection_ack", "one more than {max} was let in");
    // Closing one gives its place back.
    let mut first = open_ones.remove(0);
    first.close(None).await?;
    drop(first);
    let mut admitted = false;
    for _ in 0..100 {
        let (_, answer) = open(addr, init.clone()).await?;
        if answer["type"] == "connection_ack" {
            admitted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(admitted, "a closed connection kept its place");
    Ok(())
}

#[tokio::test]
async fn a_live_connection_needs_a_valid_token() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let addr = serve(app.router.clone()).await?;
    for init in
        [json!({}), json!({ "authorization": "Bearer not-a-token" }), json!({ "accessToken": 42 })]
    {
        let (_, answer) = open(addr, init.clone()).await?;
        assert_ne!(answer["type"], "connection_ack", "{init} was let in: {answer}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restricted_picture_is_heard_only_by_its_recipients() -> anyhow::Result<()> {
    const AUTHOR: &str = OTHER_SECRETARIAT; // Gävle kommun
    const RECIPIENT: &str = "polis@gastrikland.example"; // Lokalpolisområde Gästrikland
    const PARTNER: &str = "lansstyrelsen@gavleborg.example"; // in the partnership, not a recipient
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let county =
        org(&app, &admin, "Länsstyrelsen Gävleborg", "COUNTY_ADMINISTRATIVE_BOARD").await?;
    join(&app, &admin, &app.council_id(GAVLE).await?, &county, "MEMBER").await?;
    user_for(&app, &admin, PARTNER, &county).await?;
    let addr = serve(app.router.clone()).await?;
    let other = other_router(&app).await?;
    let author = app.login(AUTHOR).await?;
    let query = "subscription { liveEvents { kind situationPicture { id summary } } }";
    let mut listeners = vec![];
    for email in [RECIPIENT, PARTNER] {
        let mut socket = subscribe(addr, &app.login(email).await?).await?;
        socket
            .send(text(json!({ "id": "2", "type": "subscribe", "payload": { "query": query } })))
            .await?;
        listeners.push(socket);
    }
    listening(&app, 6).await?;
    let body = gql_on(&other, &author, "mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }", json!({ "input": { "name": "Stortorget", "latitude": 60.675, "longitude": 17.14, "district": "Centrum" } })).await?;
    let place = str_at(&body, "/data/createPlace/id")?;
    let entries = json!([{ "placeId": place, "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 3 }]);
    let police = app.organisation_id("Lokalpolisområde Gästrikland").await?;
    let partnership = app.council_id(GAVLE).await?;
    let mut published = vec![];
    for (area, share) in [
        ("Strömsbro, test", json!({ "classification": "RESTRICTED", "organisationIds": [police] })),
        ("Hemlingby, test", json!({ "classification": "COUNCIL", "councilIds": [partnership] })),
    ] {
        let mut input = json!({ "area": area, "periodStart": "2026-10-14", "periodEnd": "2026-10-28", "summary": format!("Läget i {area}"), "entries": entries });
        input
            .as_object_mut()
            .into_iter()
            .for_each(|o| o.extend(share.as_object().cloned().unwrap_or_default()));
        let body = gql_on(&other, &author, "mutation($input: CreateSituationPictureInput!) { createSituationPicture(input: $input) { id } }", json!({ "input": input })).await?;
        let id = str_at(&body, "/data/createSituationPicture/id")?;
        gql_on(
            &other,
            &author,
            "mutation($id: ID!) { publishSituationPicture(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await?;
        published.push(id);
    }
    let [recipient, partner] = &mut listeners[..] else { anyhow::bail!("two listeners") };
    let first = heard_on_2(recipient).await?;
    assert_eq!(first["kind"], "PICTURE_PUBLISHED", "{first}");
    assert_eq!(first["situationPicture"]["id"], published[0].as_str());
    assert_eq!(first["situationPicture"]["summary"], "Läget i Strömsbro, test");
    let first = heard_on_2(partner).await?;
    assert_eq!(
        first["situationPicture"]["id"],
        published[1].as_str(),
        "a partner outside the restricted picture's recipients heard of it: {first}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_a_seat_ends_the_subscription() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let addr = serve(app.router.clone()).await?;
    let other = other_router(&app).await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let mut socket = subscribe(addr, &app.login(MEMBER).await?).await?;
    listening(&app, 2).await?;
    let council = app.council_id(GBG).await?;
    let body = gql_on(
        &other,
        &secretariat,
        "query($c: ID!) { council(id: $c) { seats { id user { id } } } }",
        json!({ "c": council }),
    )
    .await?;
    let seats = body["data"]["council"]["seats"].as_array().cloned().unwrap_or_default();
    let member = app.user_id(MEMBER).await?;
    let seat = seats
        .iter()
        .find(|s| s["user"]["id"] == member.as_str())
        .and_then(|s| s["id"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no seat of {MEMBER}: {body}"))?;
    gql_on(
        &other,
        &secretariat,
        "mutation($id: ID!) { endSeat(id: $id) { id } }",
        json!({ "id": seat }),
    )
    .await?;
    // The next change in the council would have reached the member before; now the
    // subscription ends instead.
    let meeting = create_meeting(&app, &other, &secretariat, GBG, "Efter mandatet").await?;
    gql_on(
        &other,
        &secretariat,
        "mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }",
        json!({ "id": meeting }),
    )
    .await?;
    let message = next(&mut socket).await?;
    assert_eq!(message["type"], "complete", "{message}");
    Ok(())
}

/// The next event of subscription "2" (subscription "1" hears the same changes).
async fn heard_on_2(socket: &mut Socket) -> anyhow::Result<Value> {
    loop {
        let message = next(socket).await?;
        if message["id"] == "2" {
            anyhow::ensure!(message["type"] == "next", "{message}");
            return Ok(message["payload"]["data"]["liveEvents"].clone());
        }
    }
}
