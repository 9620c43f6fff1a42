//! Inputs and feedback: roles, the workflow and its refusals, late inputs, invitations
//! without accounts and receipts, protection, triage, feedback figures, representation,
//! CSV export and notifications.

use std::collections::BTreeMap;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{Datelike, Duration, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::*;

const GBG: &str = "Göteborgs Stads trygghetsråd";
const YOUTH: &str = "Ungdomsfullmäktige i Göteborg";

const CREATE: &str = "mutation($input: CreateInputInput!) { createInput(input: $input) { id status organisation { name } authorName } }";
const SUBMIT_INV: &str = "mutation($t: String!, $m: ID, $n: String, $c: InputContentInput!) { submitInputWithInvitation(token: $t, meetingId: $m, authorName: $n, content: $c) { receiptPath receipt { title status history { status } } } }";
const INVITE: &str = "mutation($m: ID!, $o: ID!, $late: Boolean) { inviteToMeeting(meetingId: $m, organisationId: $o, acceptLate: $late) { id path } }";

/// A scheduled meeting of Göteborg's council `days` ahead, input deadline `deadline_days` ahead.
async fn meeting(
    app: &TestApp, title: &str, days: i64, deadline_days: i64,
) -> anyhow::Result<String> {
    let token = app.login(SECRETARIAT).await?;
    let council = app.council_id(GBG).await?;
    let input = json!({ "title": title, "startsAt": local(days, 13), "endsAt": local(days, 15), "inputDeadline": local(deadline_days, 12) });
    let body = app
        .gql(Some(&token), "mutation($c: ID!, $input: MeetingInput!) { createMeeting(councilId: $c, input: $input) { id } }", json!({ "c": council, "input": input }))
        .await?;
    let id = str_at(&body, "/data/createMeeting/id")?;
    let body = app
        .gql(
            Some(&token),
            "mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }",
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(id)
}

fn content(title: &str, groups: &[&str], anonymous: bool) -> Value {
    json!({ "title": title, "body": format!("Synpunkter: {title}"), "targetGroups": groups, "gatheredBy": "DIALOGUE_MEETING", "anonymous": anonymous })
}

async fn give(
    app: &TestApp, email: &str, meeting: &str, title: &str, groups: &[&str], anonymous: bool,
) -> anyhow::Result<String> {
    let body = app
        .gql_as(Some(email), CREATE, json!({ "input": { "meetingId": meeting, "content": content(title, groups, anonymous) } }))
        .await?;
    str_at(&body, "/data/createInput/id")
}

async fn invitation(app: &TestApp, meeting: &str, org: &str, late: bool) -> anyhow::Result<String> {
    let org = app.organisation_id(org).await?;
    let body = app
        .gql_as(Some(SECRETARIAT), INVITE, json!({ "m": meeting, "o": org, "late": late }))
        .await?;
    let path = str_at(&body, "/data/inviteToMeeting/path")?;
    Ok(path.trim_start_matches("/inspel/").to_owned())
}

#[tokio::test]
async fn representatives_of_members_and_advisory_bodies_give_input() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Mäns våld mot kvinnor", 30, 20).await?;
    for (role, email) in ROLES {
        let before = app.snapshot("input").await?;
        let body = app
            .gql_as(*email, CREATE, json!({ "input": { "meetingId": m, "content": content(&format!("Inspel från {role}"), &["YOUTH"], false) } }))
            .await?;
        let expected = match *role {
            Role::Member | Role::Advisory | Role::Chair | Role::Secretariat => "OK",
            Role::Admin => "NOT_FOUND",
            Role::Anonymous => "UNAUTHENTICATED",
            _ => "NOT_FOUND",
        };
        assert_eq!(code(&body), expected, "{role}");
        if expected != "OK" {
            assert_eq!(app.snapshot("input").await?, before, "{role}");
        }
    }
    let body = app.gql_as(Some(ADVISORY), CREATE, json!({ "input": { "meetingId": m, "content": { "title": "", "body": "x", "gatheredBy": "SURVEY" } } })).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    let body = app
        .gql_as(Some(ADVISORY), CREATE, json!({ "input": { "content": content("x", &[], false) } }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "no target");
    Ok(())
}

#[tokio::test]
async fn who_sees_which_inputs() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let police = give(&app, MEMBER, &m, "Polisens inspel", &[], false).await?;
    let youth = give(&app, ADVISORY, &m, "Ungdomarnas inspel", &["YOUTH"], true).await?;
    let draft = app
        .gql_as(Some(MEMBER), CREATE, json!({ "input": { "meetingId": m, "content": content("Utkast", &[], false), "submit": false } }))
        .await?;
    let draft = str_at(&draft, "/data/createInput/id")?;
    let q = "query($id: ID!) { input(id: $id) { title organisation { name } authorName } }";
    // The anonymous youth input: other members see neither author nor organisation…
    let body = app.gql_as(Some(CHAIR), q, json!({ "id": youth })).await?;
    assert!(body.pointer("/data/input/authorName").is_some_and(Value::is_null));
    assert!(body.pointer("/data/input/organisation").is_some_and(Value::is_null));
    // …the secretariat sees the organisation, the youth council sees its own.
    let body = app.gql_as(Some(SECRETARIAT), q, json!({ "id": youth })).await?;
    assert_eq!(str_at(&body, "/data/input/organisation/name")?, YOUTH);
    let body = app.gql_as(Some(ADVISORY), q, json!({ "id": youth })).await?;
    assert_eq!(str_at(&body, "/data/input/authorName")?, "Amir Hassan");
    // Advisory bodies see only their own inputs; drafts stay with their organisation.
    for (email, id, expected) in [
        (ADVISORY, &police, "NOT_FOUND"),
        (CHAIR, &police, "OK"),
        (CHAIR, &draft, "NOT_FOUND"),
        (SECRETARIAT, &draft, "OK"),
        (OUTSIDER, &police, "NOT_FOUND"),
        (OTHER_SECRETARIAT, &youth, "NOT_FOUND"),
    ] {
        assert_eq!(
            code(&app.gql_as(Some(email), q, json!({ "id": id })).await?),
            expected,
            "{email}"
        );
    }
    let list =
        "query($id: ID!) { meeting(id: $id) { inputs(first: 50) { edges { node { title } } } } }";
    let titles = |b: &Value| -> Vec<String> {
        let mut t: Vec<String> = b
            .pointer("/data/meeting/inputs/edges")
            .and_then(Value::as_array)
            .map(|e| {
                e.iter().filter_map(|x| x["node"]["title"].as_str().map(str::to_owned)).collect()
            })
            .unwrap_or_default();
        t.sort();
        t
    };
    assert_eq!(
        titles(&app.gql_as(Some(ADVISORY), list, json!({ "id": m })).await?),
        vec!["Ungdomarnas inspel"]
    );
    assert_eq!(
        titles(&app.gql_as(Some(CHAIR), list, json!({ "id": m })).await?),
        vec!["Polisens inspel", "Ungdomarnas inspel"]
    );
    assert_eq!(titles(&app.gql_as(Some(SECRETARIAT), list, json!({ "id": m })).await?).len(), 3);
    Ok(())
}

#[tokio::test]
async fn the_workflow_is_recorded_and_every_wrong_step_refused() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let later = meeting(&app, "Nästa", 60, 50).await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let id = give(&app, MEMBER, &m, "Belysning i parken", &["WOMEN"], false).await?;
    let item = app
        .gql(Some(&secretariat), "mutation($m: ID!) { addAgendaItem(meetingId: $m, expectedVersion: 2, input: { title: \"Inspel\" }) { id } }", json!({ "m": m }))
        .await?;
    let item = str_at(&item, "/data/addAgendaItem/id")?;
    let step = |q: &str| format!("mutation($id: ID!) {{ {q} {{ status }} }}");
    let discuss = step("markInputDiscussed(id: $id)");
    let ack = "mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { status } }";
    // No one but the secretariat triages; to the rest the input might as well not exist.
    for email in [MEMBER, CHAIR, ADVISORY, OUTSIDER] {
        assert_eq!(
            code(&app.gql_as(Some(email), ack, json!({ "ids": [id] })).await?),
            "NOT_FOUND",
            "{email}"
        );
    }
    assert_eq!(
        code(&app.gql(Some(&secretariat), &discuss, json!({ "id": id })).await?),
        "CONFLICT",
        "not yet acknowledged"
    );
    assert_eq!(
        str_at(
            &app.gql(Some(&secretariat), ack, json!({ "ids": [id] })).await?,
            "/data/acknowledgeInputs/0/status"
        )?,
        "ACKNOWLEDGED"
    );
    assert_eq!(
        code(&app.gql(Some(&secretariat), ack, json!({ "ids": [id] })).await?),
        "CONFLICT",
        "twice"
    );
    let link = "mutation($id: ID!, $i: ID!) { linkInputToAgendaItem(id: $id, agendaItemId: $i) { status agendaItem { title } } }";
    let body = app.gql(Some(&secretariat), link, json!({ "id": id, "i": item })).await?;
    assert_eq!(str_at(&body, "/data/linkInputToAgendaItem/agendaItem/title")?, "Inspel");
    // Discussed only at the meeting: not before it has been held.
    assert_eq!(
        code(&app.gql(Some(&secretariat), &discuss, json!({ "id": id })).await?),
        "CONFLICT",
        "meeting not yet held"
    );
    let ended = Utc::now() - Duration::days(1);
    app.exec(
        "UPDATE meeting SET starts_at = ?, ends_at = ? WHERE id = ?",
        vec![ended.into(), (ended + Duration::hours(2)).into(), uuid::Uuid::parse_str(&m)?.into()],
    )
    .await?;
    let held = app
        .gql(
            Some(&secretariat),
            "mutation($id: ID!) { markMeetingHeld(id: $id, expectedVersion: 3) { status } }",
            json!({ "id": m }),
        )
        .await?;
    assert_eq!(code(&held), "OK", "{held}");
    assert_eq!(
        str_at(
            &app.gql(Some(&secretariat), &discuss, json!({ "id": id })).await?,
            "/data/markInputDiscussed/status"
        )?,
        "DISCUSSED"
    );
    assert_eq!(
        code(
            &app.gql_as(Some(MEMBER), &step("withdrawInput(id: $id)"), json!({ "id": id })).await?
        ),
        "CONFLICT",
        "discussed inputs cannot be withdrawn"
    );
    let answer =
        "mutation($id: ID!, $a: String!) { answerInput(id: $id, answer: $a) { status answer } }";
    assert_eq!(
        code(&app.gql(Some(&secretariat), answer, json!({ "id": id, "a": " " })).await?),
        "BAD_USER_INPUT"
    );
    let body = app
        .gql(
            Some(&secretariat),
            answer,
            json!({ "id": id, "a": "Parkförvaltningen byter armaturer i vår." }),
        )
        .await?;
    assert_eq!(str_at(&body, "/data/answerInput/status")?, "ANSWERED");
    // The submitter sees every step, attributed.
    let q = "query($id: ID!) { input(id: $id) { answer history { action status actor { displayName } at } } }";
    let body = app.gql_as(Some(MEMBER), q, json!({ "id": id })).await?;
    let steps: Vec<(String, String)> = body
        .pointer("/data/input/history")
        .and_then(Value::as_array)
        .map(|h| {
            h.iter()
                .map(|e| {
                    (
                        e["action"].as_str().unwrap_or("").to_owned(),
                        e["actor"]["displayName"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<(String, String)> = [
        ("create", "Karin Holm"),
        ("acknowledge", "Maria Lindqvist"),
        ("link", "Maria Lindqvist"),
        ("discuss", "Maria Lindqvist"),
        ("answer", "Maria Lindqvist"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(steps, expected);
    // Other members see no history.
    assert!(
        app.gql_as(Some(CHAIR), q, json!({ "id": id }))
            .await?
            .pointer("/data/input/history")
            .is_some_and(Value::is_null)
    );

    // A withdrawn input cannot be answered or declined.
    let other = give(&app, MEMBER, &later, "Dras tillbaka", &[], false).await?;
    assert_eq!(
        code(
            &app.gql_as(Some(CHAIR), &step("withdrawInput(id: $id)"), json!({ "id": other }))
                .await?
        ),
        "NOT_FOUND",
        "not the chair's organisation"
    );
    assert_eq!(
        str_at(
            &app.gql_as(Some(MEMBER), &step("withdrawInput(id: $id)"), json!({ "id": other }))
                .await?,
            "/data/withdrawInput/status"
        )?,
        "WITHDRAWN"
    );
    let before = app.snapshot("input").await?;
    assert_eq!(
        code(&app.gql(Some(&secretariat), answer, json!({ "id": other, "a": "Svar" })).await?),
        "CONFLICT"
    );
    let decline =
        "mutation($id: ID!) { declineInput(id: $id, reason: \"Ej aktuellt\") { status } }";
    assert_eq!(
        code(&app.gql(Some(&secretariat), decline, json!({ "id": other })).await?),
        "CONFLICT"
    );
    assert_eq!(app.snapshot("input").await?, before);
    Ok(())
}

#[tokio::test]
async fn late_inputs_are_refused_unless_the_secretariat_accepts_them() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Snart", 5, -1).await?;
    let before = app.snapshot("input").await?;
    let body = app
        .gql_as(
            Some(MEMBER),
            CREATE,
            json!({ "input": { "meetingId": m, "content": content("Sent", &[], false) } }),
        )
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert!(str_at(&body, "/errors/0/message")?.contains("deadline"));
    assert_eq!(app.snapshot("input").await?, before, "nothing stored");
    let draft = app
        .gql_as(Some(MEMBER), CREATE, json!({ "input": { "meetingId": m, "content": content("Sent", &[], false), "submit": false } }))
        .await?;
    let draft = str_at(&draft, "/data/createInput/id")?;
    let submit = "mutation($id: ID!) { submitInput(id: $id) { status } }";
    assert_eq!(
        code(&app.gql_as(Some(MEMBER), submit, json!({ "id": draft })).await?),
        "BAD_USER_INPUT"
    );
    let allow = "mutation($id: ID!) { allowLateInput(id: $id) { id } }";
    assert_eq!(code(&app.gql_as(Some(MEMBER), allow, json!({ "id": draft })).await?), "NOT_FOUND");
    assert_eq!(code(&app.gql_as(Some(SECRETARIAT), allow, json!({ "id": draft })).await?), "OK");
    assert_eq!(
        str_at(
            &app.gql_as(Some(MEMBER), submit, json!({ "id": draft })).await?,
            "/data/submitInput/status"
        )?,
        "SUBMITTED"
    );
    Ok(())
}

#[tokio::test]
async fn a_youth_council_submits_through_an_invitation_without_an_account() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let a = meeting(&app, "Möte A", 30, 20).await?;
    let b = meeting(&app, "Möte B", 40, 30).await?;
    let token = invitation(&app, &a, YOUTH, false).await?;
    // Only the secretariat invites.
    let youth = app.organisation_id(YOUTH).await?;
    for email in [MEMBER, ADVISORY, CHAIR] {
        assert_eq!(
            code(&app.gql_as(Some(email), INVITE, json!({ "m": a, "o": youth })).await?),
            "NOT_FOUND",
            "{email}"
        );
    }
    // Anyone with the link sees what it is for, without signing in.
    let details = app
        .gql(None, "query($t: String!) { invitation(token: $t) { councilName organisationName meetingTitle } }", json!({ "t": token }))
        .await?;
    assert_eq!(str_at(&details, "/data/invitation/organisationName")?, YOUTH);
    assert_eq!(str_at(&details, "/data/invitation/meetingTitle")?, "Möte A");
    let body = app.gql(None, SUBMIT_INV, json!({ "t": token, "c": content("Otrygt vid busshållplatsen", &["YOUTH", "GIRLS_AND_YOUNG_WOMEN"], true) })).await?;
    let receipt_path = str_at(&body, "/data/submitInputWithInvitation/receiptPath")?;
    assert_eq!(str_at(&body, "/data/submitInputWithInvitation/receipt/status")?, "SUBMITTED");
    // It landed in meeting A, for the youth council.
    let list = "query($id: ID!) { meeting(id: $id) { inputs(first: 10) { edges { node { id title organisation { name } authorName } } } } }";
    let in_a = app.gql_as(Some(SECRETARIAT), list, json!({ "id": a })).await?;
    assert_eq!(str_at(&in_a, "/data/meeting/inputs/edges/0/node/organisation/name")?, YOUTH);
    assert!(
        in_a.pointer("/data/meeting/inputs/edges/0/node/authorName").is_some_and(Value::is_null),
        "no name given"
    );
    let input_id = str_at(&in_a, "/data/meeting/inputs/edges/0/node/id")?;
    let in_b = app.gql_as(Some(SECRETARIAT), list, json!({ "id": b })).await?;
    assert_eq!(in_b.pointer("/data/meeting/inputs/edges"), Some(&json!([])));
    // A token for meeting A cannot submit to meeting B.
    let before = app.snapshot("input").await?;
    let body = app
        .gql(None, SUBMIT_INV, json!({ "t": token, "m": b, "c": content("Till B", &[], false) }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(app.snapshot("input").await?, before);

    // The receipt shows that input only, and later the answer.
    let receipt_token = receipt_path.trim_start_matches("/kvitto/");
    let q =
        "query($t: String!) { inputReceipt(token: $t) { title status answer history { status } } }";
    let body = app.gql(None, q, json!({ "t": receipt_token })).await?;
    assert_eq!(str_at(&body, "/data/inputReceipt/title")?, "Otrygt vid busshållplatsen");
    app.gql_as(
        Some(SECRETARIAT),
        "mutation($id: ID!) { answerInput(id: $id, answer: \"Vi ser över belysningen.\") { id } }",
        json!({ "id": input_id }),
    )
    .await?;
    let body = app.gql(None, q, json!({ "t": receipt_token })).await?;
    assert_eq!(str_at(&body, "/data/inputReceipt/answer")?, "Vi ser över belysningen.");
    assert_eq!(str_at(&body, "/data/inputReceipt/history/1/status")?, "ANSWERED");
    assert_eq!(code(&app.gql(None, q, json!({ "t": "not-a-receipt" })).await?), "NOT_FOUND");
    Ok(())
}

#[tokio::test]
async fn forged_expired_and_revoked_invitations_are_refused() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let a = meeting(&app, "Möte A", 30, 20).await?;
    let b = meeting(&app, "Möte B", 40, 30).await?;
    let token = invitation(&app, &a, YOUTH, false).await?;
    let claims: serde_json::Map<String, Value> = serde_json::from_slice(
        &URL_SAFE_NO_PAD.decode(token.split('.').nth(1).unwrap_or_default())?,
    )?;
    let sign = |c: &serde_json::Map<String, Value>, key: &[u8]| {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), c, &EncodingKey::from_secret(key))
    };
    let mut to_b = claims.clone();
    to_b.insert("mid".into(), json!(b));
    let mut expired = claims.clone();
    expired.insert("exp".into(), json!(Utc::now().timestamp() - 60));
    let access_token = app.login(MEMBER).await?;
    let cases = [
        ("re-scoped to meeting B", sign(&to_b, SECRET.as_bytes())?),
        (
            "signed with another key",
            sign(&claims, b"another-secret-another-secret-another-secret")?,
        ),
        ("expired", sign(&expired, SECRET.as_bytes())?),
        ("an access token", access_token.clone()),
        ("garbage", "x.y.z".to_owned()),
    ];
    let before = app.snapshot("input").await?;
    for (case, t) in cases {
        let body =
            app.gql(None, SUBMIT_INV, json!({ "t": t, "c": content("x", &[], false) })).await?;
        assert_eq!(code(&body), "NOT_FOUND", "{case}");
    }
    // An invitation token is no access token either.
    let body = app.gql(Some(&token), "{ me { id } }", json!({})).await?;
    assert_eq!(code(&body), "UNAUTHENTICATED");
    // Expired in the database (the secretariat set a short life), and revoked.
    app.db.execute_unprepared("UPDATE invitation SET expires_at = created_at").await?;
    assert_eq!(
        code(
            &app.gql(None, SUBMIT_INV, json!({ "t": token, "c": content("x", &[], false) }))
                .await?
        ),
        "NOT_FOUND"
    );
    let fresh = invitation(&app, &a, YOUTH, false).await?;
    let invitations = app
        .gql_as(
            Some(SECRETARIAT),
            "query($id: ID!) { meeting(id: $id) { invitations { id revoked } } }",
            json!({ "id": a }),
        )
        .await?;
    let last = invitations
        .pointer("/data/meeting/invitations")
        .and_then(Value::as_array)
        .and_then(|i| i.last().cloned())
        .unwrap_or_default();
    let revoke = app
        .gql_as(
            Some(SECRETARIAT),
            "mutation($id: ID!) { revokeInvitation(id: $id) { revoked } }",
            json!({ "id": last["id"] }),
        )
        .await?;
    assert_eq!(revoke.pointer("/data/revokeInvitation/revoked"), Some(&json!(true)));
    assert_eq!(
        code(
            &app.gql(None, SUBMIT_INV, json!({ "t": fresh, "c": content("x", &[], false) }))
                .await?
        ),
        "NOT_FOUND"
    );
    assert_eq!(app.snapshot("input").await?, before, "nothing stored");
    Ok(())
}

#[tokio::test]
async fn submissions_through_invitations_are_rate_limited_and_late_ones_refused()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let a = meeting(&app, "Möte A", 30, 20).await?;
    let token = invitation(&app, &a, YOUTH, false).await?;
    for i in 0..10 {
        let body = app
            .gql(
                None,
                SUBMIT_INV,
                json!({ "t": token, "c": content(&format!("Inspel {i}"), &[], false) }),
            )
            .await?;
        assert_eq!(code(&body), "OK", "{i}");
    }
    let body = app
        .gql(None, SUBMIT_INV, json!({ "t": token, "c": content("Ett för mycket", &[], false) }))
        .await?;
    assert_eq!(code(&body), "RATE_LIMITED");
    // After the deadline: refused, unless the invitation accepts late input.
    let late = meeting(&app, "Snart", 5, -1).await?;
    let strict = invitation(&app, &late, YOUTH, false).await?;
    let lenient = invitation(&app, &late, YOUTH, true).await?;
    let from = std::net::SocketAddr::from(([192, 0, 2, 9], 1));
    let q = |t: &str| json!({ "t": t, "c": content("Sent inspel", &[], false) });
    assert_eq!(code(&app.gql_from(from, None, SUBMIT_INV, q(&strict)).await?), "BAD_USER_INPUT");
    assert_eq!(code(&app.gql_from(from, None, SUBMIT_INV, q(&lenient)).await?), "OK");
    Ok(())
}

#[tokio::test]
async fn hiding_and_redacting_protect_inputs_and_are_logged() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let hidden = give(&app, MEMBER, &m, "Känsligt", &[], false).await?;
    let redacted = give(&app, MEMBER, &m, "Med namn", &[], false).await?;
    let hide = "mutation($id: ID!, $r: String!) { hideInput(id: $id, reason: $r) { hidden hiddenReason } }";
    let redact = "mutation($id: ID!, $b: String!, $r: String!) { redactInput(id: $id, redactedBody: $b, reason: $r) { redacted body } }";
    for email in [MEMBER, CHAIR, ADVISORY] {
        assert_eq!(
            code(&app.gql_as(Some(email), hide, json!({ "id": hidden, "r": "x" })).await?),
            "NOT_FOUND",
            "{email}"
        );
    }
    assert_eq!(
        code(&app.gql_as(Some(SECRETARIAT), hide, json!({ "id": hidden, "r": " " })).await?),
        "BAD_USER_INPUT"
    );
    let body = app
        .gql_as(Some(SECRETARIAT), hide, json!({ "id": hidden, "r": "Uppgifter om enskild" }))
        .await?;
    assert_eq!(str_at(&body, "/data/hideInput/hiddenReason")?, "Uppgifter om enskild");
    let body = app.gql_as(Some(SECRETARIAT), redact, json!({ "id": redacted, "b": "Synpunkter om [namn borttaget]", "r": "Personuppgifter" })).await?;
    assert_eq!(body.pointer("/data/redactInput/redacted"), Some(&json!(true)));
    let q = "query($id: ID!) { input(id: $id) { body } }";
    assert_eq!(
        code(&app.gql_as(Some(CHAIR), q, json!({ "id": hidden })).await?),
        "NOT_FOUND",
        "hidden from other members"
    );
    assert_eq!(
        str_at(&app.gql_as(Some(CHAIR), q, json!({ "id": redacted })).await?, "/data/input/body")?,
        "Synpunkter om [namn borttaget]"
    );
    assert_eq!(
        str_at(&app.gql_as(Some(MEMBER), q, json!({ "id": redacted })).await?, "/data/input/body")?,
        "Synpunkter: Med namn"
    );
    assert_eq!(
        str_at(&app.gql_as(Some(MEMBER), q, json!({ "id": hidden })).await?, "/data/input/body")?,
        "Synpunkter: Känsligt"
    );
    let list = app
        .gql_as(
            Some(CHAIR),
            "query($id: ID!) { meeting(id: $id) { inputs { edges { node { title } } } } }",
            json!({ "id": m }),
        )
        .await?;
    assert!(!list.to_string().contains("Känsligt"));
    // Both are in the input's history and the audit log.
    let history = app
        .gql_as(
            Some(SECRETARIAT),
            "query($id: ID!) { input(id: $id) { history { action note } } }",
            json!({ "id": hidden }),
        )
        .await?;
    assert!(history.to_string().contains("\"action\":\"hide\""));
    assert!(history.to_string().contains("Uppgifter om enskild"));
    // The submitter sees that the steps were taken, never the secretariat's reasons.
    for (id, reason) in [(&hidden, "Uppgifter om enskild"), (&redacted, "Personuppgifter")] {
        let theirs = app
            .gql_as(
                Some(MEMBER),
                "query($id: ID!) { input(id: $id) { hiddenReason history { action note } } }",
                json!({ "id": id }),
            )
            .await?;
        assert_eq!(code(&theirs), "OK", "{theirs}");
        assert!(
            theirs.to_string().contains("\"action\":\"hide\"")
                || theirs.to_string().contains("\"action\":\"redact\""),
            "{theirs}"
        );
        assert!(!theirs.to_string().contains(reason), "{theirs}");
    }
    let audit = app.snapshot("audit_event").await?;
    assert!(
        audit.iter().any(|r| r.contains("input.hide"))
            && audit.iter().any(|r| r.contains("input.redact"))
    );
    Ok(())
}

#[tokio::test]
async fn triage_groups_inputs_and_bulk_acknowledgement_is_all_or_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let one = give(&app, MEMBER, &m, "Ett", &[], false).await?;
    let two = give(&app, ADVISORY, &m, "Två", &[], false).await?;
    let three = give(&app, CHAIR, &m, "Tre", &[], false).await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let ack = "mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { status } }";
    app.gql(Some(&secretariat), ack, json!({ "ids": [one] })).await?;
    let before = app.snapshot("input").await?;
    let body = app.gql(Some(&secretariat), ack, json!({ "ids": [two, one] })).await?;
    assert_eq!(code(&body), "CONFLICT", "one already acknowledged");
    assert_eq!(app.snapshot("input").await?, before, "none changed");
    app.gql(Some(&secretariat), ack, json!({ "ids": [two, three] })).await?;
    let q = "query($id: ID!) { meeting(id: $id) { inputTriage { byStatus { status count } byAgendaItem { agendaItem { title } count } } } }";
    let body = app.gql(Some(&secretariat), q, json!({ "id": m })).await?;
    assert_eq!(
        body.pointer("/data/meeting/inputTriage/byStatus"),
        Some(&json!([{ "status": "ACKNOWLEDGED", "count": 3 }]))
    );
    assert_eq!(body.pointer("/data/meeting/inputTriage/byAgendaItem/0/count"), Some(&json!(3)));
    assert_eq!(code(&app.gql_as(Some(MEMBER), q, json!({ "id": m })).await?), "FORBIDDEN");
    Ok(())
}

#[tokio::test]
async fn feedback_figures_and_representation_on_a_known_fixture() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Fixtur", 30, 20).await?;
    let secretariat = app.login(SECRETARIAT).await?;
    let answered_2 = give(&app, ADVISORY, &m, "Svar efter 2 dagar", &["YOUTH"], false).await?;
    let answered_10 =
        give(&app, ADVISORY, &m, "Svar efter 10 dagar", &["YOUTH", "ELDERLY"], false).await?;
    let declined_4 = give(&app, MEMBER, &m, "Avböjt efter 4 dagar", &["ELDERLY"], false).await?;
    let _unanswered = give(&app, MEMBER, &m, "Obesvarat", &[], false).await?;
    let withdrawn = give(&app, MEMBER, &m, "Tillbakadraget", &["WOMEN"], false).await?;
    app.gql_as(
        Some(MEMBER),
        "mutation($id: ID!) { withdrawInput(id: $id) { id } }",
        json!({ "id": withdrawn }),
    )
    .await?;
    for id in [&answered_2, &answered_10] {
        app.gql(
            Some(&secretariat),
            "mutation($id: ID!) { answerInput(id: $id, answer: \"Svar\") { id } }",
            json!({ "id": id }),
        )
        .await?;
    }
    app.gql(
        Some(&secretariat),
        "mutation($id: ID!) { declineInput(id: $id, reason: \"Utanför rådets uppdrag\") { id } }",
        json!({ "id": declined_4 }),
    )
    .await?;
    // Move the fixture into the past: the meeting ended 40 days ago, inputs came 45 days ago.
    let submitted = Utc::now() - Duration::days(45);
    let year = submitted.year();
    let uuid =
        |id: &str| -> anyhow::Result<sea_orm::Value> { Ok(uuid::Uuid::parse_str(id)?.into()) };
    let ended = Utc::now() - Duration::days(40);
    app.exec(
        "UPDATE meeting SET starts_at = ?, ends_at = ? WHERE id = ?",
        vec![ended.into(), (ended + Duration::hours(2)).into(), uuid(&m)?],
    )
    .await?;
    app.exec(
        "UPDATE input SET submitted_at = ? WHERE meeting_id = ?",
        vec![submitted.into(), uuid(&m)?],
    )
    .await?;
    for (id, days) in [(&answered_2, 2), (&answered_10, 10), (&declined_4, 4)] {
        let n = app
            .exec(
                "UPDATE input SET answered_at = ? WHERE id = ?",
                vec![(submitted + Duration::days(days)).into(), uuid(id)?],
            )
            .await?;
        anyhow::ensure!(n == 1);
    }
    let council = app.council_id(GBG).await?;
    let q = "query($id: ID!, $y: Int!) { council(id: $id) { feedback(year: $y) { overall { inputs answered shareAnswered medianDaysToAnswer unansweredAfter30Days } advisoryBodies { organisation { name } inputs answered shareAnswered } } } }";
    let body = app.gql(Some(&secretariat), q, json!({ "id": council, "y": year })).await?;
    let overall = body
        .pointer("/data/council/feedback/overall")
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("{body}"))?;
    assert_eq!(
        overall,
        json!({ "inputs": 4, "answered": 3, "shareAnswered": 0.75, "medianDaysToAnswer": 4.0, "unansweredAfter30Days": 1 })
    );
    let youth = body
        .pointer("/data/council/feedback/advisoryBodies")
        .and_then(Value::as_array)
        .and_then(|b| b.iter().find(|x| x["organisation"]["name"] == YOUTH).cloned())
        .ok_or_else(|| anyhow::anyhow!("no youth council figures"))?;
    assert_eq!(
        (youth["inputs"].clone(), youth["answered"].clone(), youth["shareAnswered"].clone()),
        (json!(2), json!(2), json!(1.0))
    );
    assert_eq!(
        code(&app.gql_as(Some(ADVISORY), q, json!({ "id": council, "y": year })).await?),
        "FORBIDDEN"
    );

    let set_groups = "mutation($id: ID!, $g: [TargetGroup!]!) { setCouncilPriorityGroups(councilId: $id, groups: $g) }";
    assert_eq!(
        code(
            &app.gql_as(Some(MEMBER), set_groups, json!({ "id": council, "g": ["YOUTH"] })).await?
        ),
        "NOT_FOUND"
    );
    app.gql(
        Some(&secretariat),
        set_groups,
        json!({ "id": council, "g": ["GIRLS_AND_YOUNG_WOMEN", "YOUTH", "ELDERLY"] }),
    )
    .await?;
    let q = "query($id: ID!, $y: Int!) { council(id: $id) { representation(year: $y) { heard { group count } priorityGroups missing } } }";
    let body = app.gql_as(Some(MEMBER), q, json!({ "id": council, "y": year })).await?;
    assert_eq!(
        body.pointer("/data/council/representation"),
        Some(&json!({
            "heard": [{ "group": "YOUTH", "count": 2 }, { "group": "ELDERLY", "count": 2 }],
            "priorityGroups": ["YOUTH", "GIRLS_AND_YOUNG_WOMEN", "ELDERLY"],
            "missing": ["GIRLS_AND_YOUNG_WOMEN"],
        }))
    );
    Ok(())
}

#[tokio::test]
async fn the_csv_export_keeps_swedish_letters_and_neutralises_formulas() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let body = app
        .gql_as(Some(MEMBER), CREATE, json!({ "input": { "meetingId": m, "content": { "title": "=HYPERLINK(\"http://evil\")", "body": "Trygghet på Brynäs, Sätra och Andersberg", "gatheredBy": "SAFETY_WALK" } } }))
        .await?;
    assert_eq!(code(&body), "OK");
    let q = "query($id: ID!) { meeting(id: $id) { inputsCsv } }";
    assert_eq!(code(&app.gql_as(Some(MEMBER), q, json!({ "id": m })).await?), "FORBIDDEN");
    let body = app.gql_as(Some(SECRETARIAT), q, json!({ "id": m })).await?;
    let csv = str_at(&body, "/data/meeting/inputsCsv")?;
    assert!(csv.starts_with('\u{feff}'), "BOM for spreadsheet programs");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers()?.clone();
    assert_eq!(&headers[3], "Målgrupper");
    let row = reader.records().next().ok_or_else(|| anyhow::anyhow!("no row"))??;
    assert_eq!(&row[0], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(&row[1], "Polisregion Väst");
    assert_eq!(&row[6], "Trygghet på Brynäs, Sätra och Andersberg");
    Ok(())
}

#[tokio::test]
async fn the_csv_export_carries_what_a_member_would_see_and_marks_what_was_withheld()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let give = |title: &str, anonymous: bool| json!({ "input": { "meetingId": m, "content": { "title": title, "body": format!("Originaltext {title}"), "targetGroups": ["GIRLS_AND_YOUNG_WOMEN"], "district": "Brynäs", "gatheredBy": "SAFETY_WALK", "anonymous": anonymous } } });
    let mut ids = BTreeMap::new();
    for (title, anonymous) in
        [("Öppet", false), ("Anonymt", true), ("Redigerat", false), ("Dolt", false)]
    {
        let body = app.gql_as(Some(MEMBER), CREATE, give(title, anonymous)).await?;
        ids.insert(title, str_at(&body, "/data/createInput/id")?);
    }
    let secretariat = app.login(SECRETARIAT).await?;
    ensure_ok(app.gql(Some(&secretariat), "mutation($id: ID!) { redactInput(id: $id, redactedBody: \"Text utan namn\", reason: \"Personuppgifter\") { id } }", json!({ "id": ids["Redigerat"] })).await?)?;
    ensure_ok(
        app.gql(
            Some(&secretariat),
            "mutation($id: ID!) { hideInput(id: $id, reason: \"Enskild\") { id } }",
            json!({ "id": ids["Dolt"] }),
        )
        .await?,
    )?;
    let body = app
        .gql(
            Some(&secretariat),
            "query($id: ID!) { meeting(id: $id) { inputsCsv } }",
            json!({ "id": m }),
        )
        .await?;
    let csv = str_at(&body, "/data/meeting/inputsCsv")?;
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let rows: BTreeMap<String, csv::StringRecord> =
        reader.records().filter_map(Result::ok).map(|r| (r[0].to_owned(), r)).collect();
    let cell = |title: &str, name: &str| -> String {
        rows.get(title).and_then(|r| r.get(col(name))).unwrap_or("<missing>").to_owned()
    };
    // Values in Swedish, as on screen, and the district.
    assert_eq!(cell("Öppet", "Status"), "Inskickat");
    assert_eq!(cell("Öppet", "Målgrupper"), "Flickor och unga kvinnor");
    assert_eq!(cell("Öppet", "Insamlat genom"), "Trygghetsvandring");
    assert_eq!(cell("Öppet", "Stadsdel"), "Brynäs");
    assert_eq!(cell("Öppet", "Organisation"), "Polisregion Väst");
    // Nothing withheld from members leaves in the file, and each row says what was.
    assert_eq!(cell("Anonymt", "Organisation"), "Anonymt");
    assert_eq!(cell("Anonymt", "Anonymt"), "ja");
    assert_eq!(cell("Redigerat", "Inspel"), "Text utan namn");
    assert_eq!(cell("Redigerat", "Redigerat"), "ja");
    assert_eq!(cell("[dolt]", "Dolt"), "ja");
    assert_eq!(cell("[dolt]", "Organisation"), "");
    assert!(!rows.contains_key("Dolt"), "the hidden input's title stays with the secretariat");
    assert!(!csv.contains("Originaltext Redigerat"), "{csv}");
    assert!(!csv.contains("Originaltext Dolt"), "{csv}");
    assert!(!csv.contains("Enskild") && !csv.contains("Personuppgifter"), "{csv}");
    assert_eq!(cell("Öppet", "Anonymt"), "nej");
    Ok(())
}

fn ensure_ok(body: Value) -> anyhow::Result<()> {
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(())
}

#[tokio::test]
async fn an_answer_notifies_the_submitter() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let id = give(&app, MEMBER, &m, "Belysning", &[], false).await?;
    app.gql_as(
        Some(SECRETARIAT),
        "mutation($id: ID!) { answerInput(id: $id, answer: \"Åtgärdas\") { id } }",
        json!({ "id": id }),
    )
    .await?;
    let member = app.login(MEMBER).await?;
    let q = "{ myNotifications(unreadOnly: true) { edges { node { id message inputId read } } } }";
    let body = app.gql(Some(&member), q, json!({})).await?;
    let notes = body
        .pointer("/data/myNotifications/edges")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["node"]["inputId"], json!(id));
    assert!(notes[0]["node"]["message"].as_str().is_some_and(|m| m.contains("Belysning")));
    // Nobody else got it, and marking someone else's notification read changes nothing.
    let chair = app.gql_as(Some(CHAIR), q, json!({})).await?;
    assert_eq!(chair.pointer("/data/myNotifications/edges"), Some(&json!([])));
    let mark = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }";
    assert_eq!(
        app.gql_as(Some(CHAIR), mark, json!({ "ids": [notes[0]["node"]["id"]] }))
            .await?
            .pointer("/data/markNotificationsRead"),
        Some(&json!(0))
    );
    assert_eq!(
        app.gql(Some(&member), mark, json!({ "ids": [notes[0]["node"]["id"]] }))
            .await?
            .pointer("/data/markNotificationsRead"),
        Some(&json!(1))
    );
    assert_eq!(
        app.gql(Some(&member), q, json!({})).await?.pointer("/data/myNotifications/edges"),
        Some(&json!([]))
    );
    Ok(())
}

#[tokio::test]
async fn attachments_are_checked_and_served_only_through_signed_links() -> anyhow::Result<()> {
    use base64::engine::general_purpose::STANDARD;
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let id = give(&app, MEMBER, &m, "Med bilaga", &[], false).await?;
    let add = "mutation($id: ID!, $n: String!, $t: String!, $c: String!) { addInputAttachment(inputId: $id, fileName: $n, contentType: $t, contentBase64: $c) { id fileName sizeBytes downloadPath } }";
    let pdf = b"%PDF-1.4\n% Trygghetsvandring i S\xc3\xa4tra\n".to_vec();
    let vars = |name: &str, t: &str, bytes: &[u8]| json!({ "id": id, "n": name, "t": t, "c": STANDARD.encode(bytes) });
    // Refused: wrong type, a type the content does not match, too large, others' input.
    let before = app.snapshot("input_attachment").await?;
    for (case, v, expected) in [
        (
            "an executable",
            vars("x.exe", "application/x-msdownload", b"MZ\x90\x00"),
            "BAD_USER_INPUT",
        ),
        ("a PDF called PNG", vars("bild.png", "image/png", &pdf), "BAD_USER_INPUT"),
        ("too large", vars("stor.txt", "text/plain", &vec![b'a'; 600 * 1024]), "BAD_USER_INPUT"),
        (
            "not base64",
            json!({ "id": id, "n": "a.txt", "t": "text/plain", "c": "!!!" }),
            "BAD_USER_INPUT",
        ),
    ] {
        let body = app.gql_as(Some(MEMBER), add, v).await?;
        assert_eq!(code(&body), expected, "{case}");
    }
    assert_eq!(
        code(&app.gql_as(Some(CHAIR), add, vars("a.pdf", "application/pdf", &pdf)).await?),
        "NOT_FOUND",
        "not the chair's input"
    );
    assert_eq!(app.snapshot("input_attachment").await?, before);

    let body = app
        .gql_as(
            Some(MEMBER),
            add,
            vars("../../Trygghetsvandring Sätra.pdf", "application/pdf", &pdf),
        )
        .await?;
    assert_eq!(str_at(&body, "/data/addInputAttachment/fileName")?, "Trygghetsvandring Sätra.pdf");
    let attachment = str_at(&body, "/data/addInputAttachment/id")?;
    let path = str_at(&body, "/data/addInputAttachment/downloadPath")?;
    let (status, headers, bytes) = download(&app, path.clone()).await?;
    assert_eq!(status, 200);
    assert_eq!(&bytes[..], &pdf[..]);
    assert_eq!(headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));
    assert_eq!(
        headers.get("x-content-type-options").and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    // Without the signature, with another attachment's signature, or tampered: 404.
    let token = path.split("token=").nth(1).unwrap_or_default().to_owned();
    let other = give(&app, MEMBER, &m, "Annan", &[], false).await?;
    let other_att = app
        .gql_as(
            Some(MEMBER),
            add,
            json!({ "id": other, "n": "b.txt", "t": "text/plain", "c": STANDARD.encode("hej") }),
        )
        .await?;
    let other_id = str_at(&other_att, "/data/addInputAttachment/id")?;
    for p in [
        format!("/attachments/{attachment}"),
        format!("/attachments/{other_id}?token={token}"),
        format!("/attachments/{attachment}?token={token}x"),
        format!("/attachments/{attachment}?token={}", app.login(MEMBER).await?),
    ] {
        assert_eq!(download(&app, p.clone()).await?.0, 404, "{p}");
    }
    // Other members see no attachments at all; the secretariat does.
    let q = "query($id: ID!) { input(id: $id) { attachments { fileName } } }";
    assert!(
        app.gql_as(Some(CHAIR), q, json!({ "id": id }))
            .await?
            .pointer("/data/input/attachments")
            .is_some_and(Value::is_null)
    );
    assert_eq!(
        str_at(
            &app.gql_as(Some(SECRETARIAT), q, json!({ "id": id })).await?,
            "/data/input/attachments/0/fileName"
        )?,
        "Trygghetsvandring Sätra.pdf"
    );
    Ok(())
}

async fn download(
    app: &TestApp, path: String,
) -> anyhow::Result<(axum::http::StatusCode, axum::http::HeaderMap, axum::body::Bytes)> {
    let request = axum::http::Request::get(path).body(axum::body::Body::empty())?;
    let response = tower::ServiceExt::oneshot(app.router.clone(), request).await?;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = http_body_util::BodyExt::collect(response.into_body()).await?.to_bytes();
    Ok((status, headers, bytes))
}

#[tokio::test]
async fn every_secretariat_only_input_mutation_refuses_every_other_role() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let id = give(&app, MEMBER, &m, "Polisens inspel", &[], false).await?;
    let draft = app
        .gql_as(Some(MEMBER), CREATE, json!({ "input": { "meetingId": m, "content": content("Utkast", &[], false), "submit": false } }))
        .await?;
    let draft = str_at(&draft, "/data/createInput/id")?;
    let council = app.council_id(GBG).await?;
    let youth = app.organisation_id(YOUTH).await?;
    invitation(&app, &m, YOUTH, false).await?;
    let invitations = app
        .gql_as(
            Some(SECRETARIAT),
            "query($id: ID!) { meeting(id: $id) { invitations { id } } }",
            json!({ "id": m }),
        )
        .await?;
    let invitation_id = str_at(&invitations, "/data/meeting/invitations/0/id")?;
    // (query, variables, what the target is: the member's submitted input "input", its
    // draft "draft" — seen only by its own organisation — or the meeting/council "council")
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "mutation($ids: [ID!]!) { acknowledgeInputs(ids: $ids) { id } }",
            json!({ "ids": [id] }),
            "input",
        ),
        ("mutation($id: ID!) { markInputDiscussed(id: $id) { id } }", json!({ "id": id }), "input"),
        (
            "mutation($id: ID!) { answerInput(id: $id, answer: \"x\") { id } }",
            json!({ "id": id }),
            "input",
        ),
        (
            "mutation($id: ID!) { declineInput(id: $id, reason: \"x\") { id } }",
            json!({ "id": id }),
            "input",
        ),
        (
            "mutation($id: ID!) { hideInput(id: $id, reason: \"x\") { id } }",
            json!({ "id": id }),
            "input",
        ),
        (
            "mutation($id: ID!) { redactInput(id: $id, redactedBody: \"x\", reason: \"x\") { id } }",
            json!({ "id": id }),
            "input",
        ),
        ("mutation($id: ID!) { allowLateInput(id: $id) { id } }", json!({ "id": draft }), "draft"),
        (INVITE, json!({ "m": m, "o": youth }), "council"),
        (
            "mutation($id: ID!) { revokeInvitation(id: $id) { id } }",
            json!({ "id": invitation_id }),
            "council",
        ),
        (
            "mutation($id: ID!) { setCouncilPriorityGroups(councilId: $id, groups: [YOUTH]) }",
            json!({ "id": council }),
            "council",
        ),
    ];
    let tables = ["input", "input_event", "invitation", "council_priority_group", "notification"];
    for (role, email) in ROLES {
        let token = match email {
            Some(e) => Some(app.login(e).await?),
            None => None,
        };
        for (query, vars, target) in &cases {
            let expected = match (*role, *target) {
                (Role::Admin | Role::Secretariat, _) => continue,
                (Role::Anonymous, _) => "UNAUTHENTICATED",
                // Whoever sees the input but may not triage it gets the answer an
                // unknown id gets: a refusal tells nothing.
                _ => "NOT_FOUND",
            };
            let label = format!("{role}: {query:.50}");
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
async fn only_the_drafting_organisation_submits_its_draft() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let draft = app
        .gql_as(Some(MEMBER), CREATE, json!({ "input": { "meetingId": m, "content": content("Utkast", &[], false), "submit": false } }))
        .await?;
    let draft = str_at(&draft, "/data/createInput/id")?;
    let submit = "mutation($id: ID!) { submitInput(id: $id) { status } }";
    for (role, email) in ROLES {
        if *role == Role::Member {
            continue;
        }
        let expected = match *role {
            Role::Anonymous => "UNAUTHENTICATED",
            _ => "NOT_FOUND",
        };
        let token = match email {
            Some(e) => Some(app.login(e).await?),
            None => None,
        };
        app.assert_refused(
            &role.to_string(),
            token.as_deref(),
            submit,
            json!({ "id": draft }),
            (expected, None),
            &["input"],
        )
        .await?;
    }
    let body = app.gql_as(Some(MEMBER), submit, json!({ "id": draft })).await?;
    assert_eq!(str_at(&body, "/data/submitInput/status")?, "SUBMITTED");
    Ok(())
}

#[tokio::test]
async fn a_hidden_input_is_not_in_the_figures_of_those_who_may_not_see_it() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let hidden = give(&app, MEMBER, &m, "Dolt", &["LGBTQ"], false).await?;
    let body = app
        .gql_as(
            Some(SECRETARIAT),
            "mutation($id: ID!) { hideInput(id: $id, reason: \"Enskild\") { hidden } }",
            json!({ "id": hidden }),
        )
        .await?;
    assert_eq!(code(&body), "OK", "{body}");
    let council = app.council_id(GBG).await?;
    let year = Utc::now().year();
    let q = "query($id: ID!, $y: Int!) { council(id: $id) { feedback(year: $y) { overall { inputs } } representation(year: $y) { heard { group count } } } }";
    let mut seen = BTreeMap::new();
    for who in [SECRETARIAT, MEMBER, CHAIR] {
        let body = app.gql_as(Some(who), q, json!({ "id": council, "y": year })).await?;
        assert_eq!(code(&body), "OK", "{who}: {body}");
        let inputs = body
            .pointer("/data/council/feedback/overall/inputs")
            .and_then(Value::as_i64)
            .unwrap_or(-1);
        let lgbtq = body
            .pointer("/data/council/representation/heard")
            .and_then(Value::as_array)
            .and_then(|h| h.iter().find(|g| g["group"] == "LGBTQ"))
            .and_then(|g| g["count"].as_i64())
            .unwrap_or(0);
        seen.insert(who, (inputs, lgbtq));
    }
    // The secretariat and the submitting organisation count it; another member does not.
    assert_eq!(seen[SECRETARIAT], seen[MEMBER], "{seen:?}");
    assert_eq!(seen[SECRETARIAT].0, seen[CHAIR].0 + 1, "{seen:?}");
    assert_eq!(seen[SECRETARIAT].1, seen[CHAIR].1 + 1, "{seen:?}");
    Ok(())
}

#[tokio::test]
async fn the_invitation_page_shows_what_already_came_in_through_the_link() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Tema", 30, 20).await?;
    let token = invitation(&app, &m, YOUTH, false).await?;
    let q = "query($t: String!) { invitation(token: $t) { submittedCount recentSubmissions { title submittedAt } } }";
    let body = app.gql(None, q, json!({ "t": token })).await?;
    assert_eq!(body.pointer("/data/invitation/submittedCount"), Some(&json!(0)), "{body}");
    for title in ["Första", "Andra"] {
        let body = app
            .gql(None, SUBMIT_INV, json!({ "t": token, "c": content(title, &[], false) }))
            .await?;
        assert_eq!(code(&body), "OK", "{body}");
    }
    let body = app.gql(None, q, json!({ "t": token })).await?;
    assert_eq!(body.pointer("/data/invitation/submittedCount"), Some(&json!(2)), "{body}");
    let titles: Vec<&str> = body
        .pointer("/data/invitation/recentSubmissions")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(|s| s["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(titles, ["Andra", "Första"], "newest first: {body}");
    // Another link of the same meeting lists only its own.
    let other = invitation(&app, &m, YOUTH, false).await?;
    let body = app.gql(None, q, json!({ "t": other })).await?;
    assert_eq!(body.pointer("/data/invitation/submittedCount"), Some(&json!(0)), "{body}");
    Ok(())
}

#[tokio::test]
async fn a_stored_value_no_code_knows_is_an_error_never_a_silent_default() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let m = meeting(&app, "Lagrade värden", 20, 10).await?;
    let id = give(&app, MEMBER, &m, "Belysning", &["YOUTH", "WOMEN"], false).await?;
    let read = "query($id: ID!) { input(id: $id) { status targetGroups } }";
    let body = app.gql_as(Some(SECRETARIAT), read, json!({ "id": id })).await?;
    assert_eq!(body["data"]["input"]["targetGroups"], json!(["WOMEN", "YOUTH"]), "{body}");
    let uuid = uuid::Uuid::parse_str(&id)?;

    // A target group that no code knows: the read fails, it does not drop the group.
    app.exec(
        "UPDATE input SET target_groups = ? WHERE id = ?",
        vec![r#"["youth","martians"]"#.into(), uuid.into()],
    )
    .await?;
    let body = app.gql_as(Some(SECRETARIAT), read, json!({ "id": id })).await?;
    assert_eq!(code(&body), "INTERNAL", "{body}");

    // A status that no code knows: the row does not load, as any other data error.
    app.exec(
        "UPDATE input SET target_groups = ?, status = ? WHERE id = ?",
        vec![r#"["youth"]"#.into(), "on agenda".into(), uuid.into()],
    )
    .await?;
    let body = app.gql_as(Some(SECRETARIAT), read, json!({ "id": id })).await?;
    assert_eq!(code(&body), "INTERNAL", "{body}");
    Ok(())
}
