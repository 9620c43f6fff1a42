//! Notifications: every kind of change tells those who may see it, as each prefers; the
//! reminder sweep; the e-mail outbox through a real SMTP conversation, an outage and the
//! daily digest.

use chrono::{Duration, Utc};
use samrad::{
    domain::notifications::{email, fan_out, reminders},
    mail::{self, MailSettings, Mailer},
};
use serde_json::{Value, json};

use crate::{
    helpers::*,
    situation::{join, org, publish, user_for},
    smtp::SmtpServer,
};

const GBG: &str = "Göteborgs Stads trygghetsråd";
const GAVLE: &str = "Medborgarlöften Gävle";
const MINE: &str =
    "{ unreadNotificationCount myNotifications(first: 50) { nodes { kind message link read } } }";

/// The kinds of a user's notifications, newest first, and the unread count.
async fn notified(app: &TestApp, email: &str) -> anyhow::Result<(Vec<String>, u64)> {
    let body = app.gql_as(Some(email), MINE, json!({})).await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    let kinds = body["data"]["myNotifications"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["kind"].as_str().map(str::to_owned))
        .collect();
    let unread = body["data"]["unreadNotificationCount"].as_u64().unwrap_or(u64::MAX);
    Ok((kinds, unread))
}

async fn ok(app: &TestApp, email: &str, query: &str, variables: Value) -> anyhow::Result<Value> {
    let body = app.gql_as(Some(email), query, variables).await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(body)
}

async fn prefer(app: &TestApp, email: &str, kind: &str, channel: &str) -> anyhow::Result<()> {
    ok(app, email, "mutation($k: NotificationKind!, $c: NotificationChannel!) { setNotificationPreference(kind: $k, channel: $c) { kind channel } }", json!({ "k": kind, "c": channel })).await?;
    Ok(())
}

async fn scheduled_meeting(
    app: &TestApp, title: &str, deadline_days: i64,
) -> anyhow::Result<String> {
    let council = app.council_id(GBG).await?;
    let input = json!({ "title": title, "startsAt": local(20, 13), "endsAt": local(20, 15), "inputDeadline": local(deadline_days, 12) });
    let body = ok(app, SECRETARIAT, "mutation($c: ID!, $input: MeetingInput!) { createMeeting(councilId: $c, input: $input) { id } }", json!({ "c": council, "input": input })).await?;
    let id = str_at(&body, "/data/createMeeting/id")?;
    ok(
        app,
        SECRETARIAT,
        "mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }",
        json!({ "id": id }),
    )
    .await?;
    Ok(id)
}

async fn outbox_recipients(app: &TestApp) -> anyhow::Result<Vec<String>> {
    let rows = app.snapshot("email_outbox").await?;
    Ok(rows)
}

#[tokio::test]
async fn changes_notify_those_who_may_see_them_as_each_prefers() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let before = |kinds: &Vec<String>| kinds.len();
    let (member_before, _) = notified(&app, MEMBER).await?;
    let (secretariat_before, _) = notified(&app, SECRETARIAT).await?;
    let (gavle_before, _) = notified(&app, OTHER_SECRETARIAT).await?;
    prefer(&app, SECRETARIAT, "INPUT_SUBMITTED", "EMAIL").await?;

    // A meeting scheduled: the members hear of it, the secretariat who did it does not.
    let meeting = scheduled_meeting(&app, "Trygghet i Hammarkullen", 10).await?;
    fan_out::pending(&app.db, 1000).await?;
    let (member, unread) = notified(&app, MEMBER).await?;
    assert_eq!(member.len(), before(&member_before) + 1, "{member:?}");
    assert_eq!(member[0], "meeting.changed");
    assert!(unread >= 1);
    assert_eq!(notified(&app, SECRETARIAT).await?.0.len(), before(&secretariat_before));

    // An input: the secretariat is told, and by e-mail as it chose; Gävle hears nothing.
    let content = json!({ "title": "Otrygg passage", "body": "Trasig belysning.", "targetGroups": ["YOUTH"], "gatheredBy": "DIALOGUE_MEETING", "anonymous": false });
    let body = ok(
        &app,
        MEMBER,
        "mutation($input: CreateInputInput!) { createInput(input: $input) { id } }",
        json!({ "input": { "meetingId": meeting, "content": content } }),
    )
    .await?;
    let input = str_at(&body, "/data/createInput/id")?;
    fan_out::pending(&app.db, 1000).await?;
    let (secretariat, _) = notified(&app, SECRETARIAT).await?;
    assert_eq!(secretariat[0], "input.submitted", "{secretariat:?}");
    let mail = outbox_recipients(&app).await?;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(mail[0].contains(SECRETARIAT) && mail[0].contains("input.submitted"), "{mail:?}");
    assert!(
        !mail[0].contains("Trasig belysning") && !mail[0].contains("Otrygg"),
        "content in an e-mail: {mail:?}"
    );
    assert_eq!(notified(&app, OTHER_SECRETARIAT).await?.0.len(), before(&gavle_before));
    // The member withdraws it: the secretariat hears of that too (in the list only).
    ok(
        &app,
        MEMBER,
        "mutation($id: ID!) { withdrawInput(id: $id) { id } }",
        json!({ "id": input }),
    )
    .await?;
    fan_out::pending(&app.db, 1000).await?;
    assert_eq!(notified(&app, SECRETARIAT).await?.0[0], "input.status");
    assert_eq!(outbox_recipients(&app).await?.len(), 1, "input.status is in the list only");

    // The member turns meeting changes off: the next change is not in their list.
    prefer(&app, MEMBER, "MEETING_CHANGED", "OFF").await?;
    let (member_now, unread_now) = notified(&app, MEMBER).await?;
    let body = ok(
        &app,
        SECRETARIAT,
        "query($id: ID!) { meeting(id: $id) { version } }",
        json!({ "id": meeting }),
    )
    .await?;
    let version = body["data"]["meeting"]["version"].as_i64().unwrap_or_default();
    ok(&app, SECRETARIAT, "mutation($id: ID!, $v: Int!, $input: MeetingInput!) { updateMeeting(id: $id, expectedVersion: $v, input: $input) { id } }", json!({ "id": meeting, "v": version, "input": { "title": "Trygghet i Hammarkullen, ny lokal", "startsAt": local(20, 13), "endsAt": local(20, 15), "inputDeadline": local(10, 12) } })).await?;
    fan_out::pending(&app.db, 1000).await?;
    assert_eq!(notified(&app, MEMBER).await?.0, member_now);

    // Marking read lowers the count.
    let body =
        ok(&app, MEMBER, "{ myNotifications(first: 1) { nodes { id } } }", json!({})).await?;
    let first = str_at(&body, "/data/myNotifications/nodes/0/id")?;
    ok(
        &app,
        MEMBER,
        "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
        json!({ "ids": [first] }),
    )
    .await?;
    assert_eq!(notified(&app, MEMBER).await?.1, unread_now - 1);
    Ok(())
}

#[tokio::test]
async fn a_restricted_picture_notifies_only_its_readers() -> anyhow::Result<()> {
    const AUTHOR: &str = OTHER_SECRETARIAT;
    const RECIPIENT: &str = "polis@gastrikland.example";
    const PARTNER: &str = "lansstyrelsen@gavleborg.example";
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let county =
        org(&app, &admin, "Länsstyrelsen Gävleborg", "COUNTY_ADMINISTRATIVE_BOARD").await?;
    join(&app, &admin, &app.council_id(GAVLE).await?, &county, "MEMBER").await?;
    user_for(&app, &admin, PARTNER, &county).await?;
    // The youth council is a partner too, as an advisory body: a candidate for every
    // picture shared with the partnership, but a reader of open ones only.
    const YOUTH: &str = "ungdomsradet@gavle.example";
    let youth = org(&app, &admin, "Ungdomsrådet i Gävle", "YOUTH_COUNCIL").await?;
    join(&app, &admin, &app.council_id(GAVLE).await?, &youth, "ADVISORY").await?;
    user_for(&app, &admin, YOUTH, &youth).await?;
    fan_out::pending(&app.db, 1000).await?;
    let (recipient_before, _) = notified(&app, RECIPIENT).await?;
    let (partner_before, _) = notified(&app, PARTNER).await?;
    let (youth_before, _) = notified(&app, YOUTH).await?;

    let body = ok(&app, AUTHOR, "mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }", json!({ "input": { "name": "Stortorget", "latitude": 60.675, "longitude": 17.14, "district": "Centrum" } })).await?;
    let place = str_at(&body, "/data/createPlace/id")?;
    let police = app.organisation_id("Lokalpolisområde Gästrikland").await?;
    let input = json!({ "area": "Strömsbro, test", "periodStart": "2026-10-14", "periodEnd": "2026-10-28", "summary": "Hemligt", "classification": "RESTRICTED", "organisationIds": [police], "entries": [{ "placeId": place, "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 3 }] });
    let author = app.login(AUTHOR).await?;
    let picture = publish(&app, &author, input).await?;
    fan_out::pending(&app.db, 1000).await?;

    let (recipient, _) = notified(&app, RECIPIENT).await?;
    assert_eq!(recipient.len(), recipient_before.len() + 1);
    assert_eq!(recipient[0], "picture.published");
    assert_eq!(notified(&app, PARTNER).await?.0, partner_before, "a non-recipient was told");
    // Deciding whom to tell is not a read: the access log shows no one read it.
    let body = ok(
        &app,
        AUTHOR,
        "query($id: ID!) { situationPicture(id: $id) { accessLog { what } } }",
        json!({ "id": picture }),
    )
    .await?;
    let log = body["data"]["situationPicture"]["accessLog"].as_array().cloned().unwrap_or_default();
    assert!(
        log.iter().all(|e| e["what"] == "picture"),
        "reads logged besides the author's own: {body}"
    );

    // A picture for the partnership's members: the county board is told; the youth
    // council, a candidate by its partnership, is refused by the read policy.
    let partnership = app.council_id(GAVLE).await?;
    let input = json!({ "area": "Hemlingby, test", "periodStart": "2026-10-14", "periodEnd": "2026-10-28", "summary": "För medlemmarna", "classification": "COUNCIL", "councilIds": [partnership], "entries": [{ "placeId": place, "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 3 }] });
    publish(&app, &author, input).await?;
    fan_out::pending(&app.db, 1000).await?;
    let (partner, _) = notified(&app, PARTNER).await?;
    assert_eq!(partner.len(), partner_before.len() + 1, "{partner:?}");
    assert_eq!(partner[0], "picture.published");
    assert_eq!(
        notified(&app, YOUTH).await?.0,
        youth_before,
        "an advisory body was told of a council picture"
    );
    Ok(())
}

#[tokio::test]
async fn reminders_go_once_to_those_they_concern() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let meeting = scheduled_meeting(&app, "Inspel stänger snart", 2).await?;
    let org = app.organisation_id("Polisregion Väst").await?;
    let due = (Utc::now() + Duration::days(5)).date_naive().to_string();
    ok(&app, SECRETARIAT, "mutation($input: CreateActionInput!) { createAction(input: $input) { id } }", json!({ "input": { "meetingId": meeting, "organisationId": org, "title": "Byt belysning vid torget", "dueOn": due } })).await?;
    let link = format!("/moten/{meeting}");
    let about = async |email: &str| -> anyhow::Result<Vec<String>> {
        let body = ok(&app, email, MINE, json!({})).await?;
        Ok(body["data"]["myNotifications"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|n| n["link"] == link.as_str())
            .filter_map(|n| n["kind"].as_str().map(str::to_owned))
            .collect())
    };

    let now = Utc::now();
    reminders::sweep(&app.db, now).await?;
    reminders::sweep(&app.db, now + Duration::minutes(5)).await?;
    let mut member = about(MEMBER).await?;
    member.sort();
    assert_eq!(member, ["reminder.action_due", "reminder.input_window"]);
    assert_eq!(about(OTHER_SECRETARIAT).await?, Vec::<String>::new());

    // A week later the action is overdue: one more, once.
    reminders::sweep(&app.db, now + Duration::days(7)).await?;
    reminders::sweep(&app.db, now + Duration::days(8)).await?;
    let member = about(MEMBER).await?;
    assert_eq!(member.iter().filter(|k| *k == "reminder.action_overdue").count(), 1, "{member:?}");
    assert_eq!(member.len(), 3, "{member:?}");
    Ok(())
}

fn settings(smtp: &SmtpServer) -> MailSettings {
    MailSettings {
        smtp_url: Some(smtp.url().into()),
        from: "Samråd <noreply@samrad.example>".into(),
        public_url: "https://samrad.example".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_message_arrives_once_through_an_smtp_outage() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let mut smtp = SmtpServer::start().await?;
    let mailer = Mailer::new(&settings(&smtp))?.ok_or_else(|| anyhow::anyhow!("no mailer"))?;
    // A burst: six e-mail notices for the secretariat.
    prefer(&app, SECRETARIAT, "INPUT_SUBMITTED", "EMAIL").await?;
    let meeting = scheduled_meeting(&app, "Många inspel", 10).await?;
    for i in 0..6 {
        let content = json!({ "title": format!("Inspel {i}"), "body": "Text", "targetGroups": ["YOUTH"], "gatheredBy": "SURVEY", "anonymous": false });
        ok(
            &app,
            MEMBER,
            "mutation($input: CreateInputInput!) { createInput(input: $input) { id } }",
            json!({ "input": { "meetingId": meeting, "content": content } }),
        )
        .await?;
    }
    fan_out::pending(&app.db, 1000).await?;
    assert_eq!(mail::waiting(&app.db).await?, 6);

    // Two go out; then the server is down for the rest.
    let now = Utc::now();
    let first = mail::deliver_due(&app.db, &mailer, now, 2).await?;
    assert_eq!(first.sent, 2, "{first:?}");
    smtp.stop();
    let down = mail::deliver_due(&app.db, &mailer, now, 100).await?;
    assert_eq!((down.sent, down.failed), (0, 4), "{down:?}");
    assert_eq!(mail::waiting(&app.db).await?, 4);
    // Nothing is retried before its backoff.
    smtp.restart().await?;
    let early = mail::deliver_due(&app.db, &mailer, now + Duration::seconds(10), 100).await?;
    assert_eq!(early.sent + early.failed, 0, "{early:?}");
    // After it, each is sent; two senders at once (two instances) send each once.
    let later = now + Duration::minutes(1);
    let (a, b) = tokio::join!(
        mail::deliver_due(&app.db, &mailer, later, 100),
        mail::deliver_due(&app.db, &mailer, later, 100),
    );
    assert_eq!(a?.sent + b?.sent, 4);
    assert_eq!(mail::waiting(&app.db).await?, 0);
    let received = smtp.received();
    assert_eq!(received.len(), 6, "{received:?}");
    assert!(received.iter().all(|m| m.to == [SECRETARIAT]), "{received:?}");
    let message = quoted_printable(&received[0].data);
    assert!(message.contains("Subject: Nytt inspel till ett "), "{message}");
    assert!(message.contains("Ett nytt inspel har kommit in till ett möte"), "{message}");
    assert!(message.contains(&format!("https://samrad.example/moten/{meeting}")), "{message}");
    assert!(
        !message.contains("Inspel 0") && !message.contains("Text"),
        "content in an e-mail: {message}"
    );
    Ok(())
}

const SUBMIT_WITH_RECEIPT: &str = "mutation($t: String!, $c: InputContentInput!, $e: String, $n: String) { submitInputWithInvitation(token: $t, content: $c, receiptEmail: $e, authorName: $n) { receiptPath } }";

/// A scheduled meeting of Göteborg's council and an invitation link to it for the youth
/// council; the link's token.
async fn youth_invitation(app: &TestApp) -> anyhow::Result<String> {
    let meeting = scheduled_meeting(app, "Kvittomötet", 10).await?;
    let youth = app.organisation_id("Ungdomsfullmäktige i Göteborg").await?;
    let body = ok(app, SECRETARIAT, "mutation($m: ID!, $o: ID!) { inviteToMeeting(meetingId: $m, organisationId: $o) { path } }", json!({ "m": meeting, "o": youth })).await?;
    Ok(str_at(&body, "/data/inviteToMeeting/path")?.trim_start_matches("/inspel/").to_owned())
}

fn receipt_content(title: &str) -> Value {
    json!({ "title": title, "body": "Lamporna är trasiga.", "targetGroups": ["YOUTH"], "gatheredBy": "SURVEY", "anonymous": false })
}

#[tokio::test]
async fn a_receipt_link_goes_once_to_the_address_given_and_is_then_forgotten() -> anyhow::Result<()>
{
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let smtp = SmtpServer::start().await?;
    let mailer = Mailer::new(&settings(&smtp))?.ok_or_else(|| anyhow::anyhow!("no mailer"))?;
    mail::deliver_due(&app.db, &mailer, Utc::now(), 1000).await?;
    let seen = smtp.received().len();
    let token = youth_invitation(&app).await?;
    let content = receipt_content("Mörkt vid skolan");

    // A bad address, or one dressed up with a display name, is refused on its field
    // before anything is kept.
    let (inputs, outbox) = (app.snapshot("input").await?, app.snapshot("email_outbox").await?);
    for bad in ["inte en adress", "Vinn en iPhone <ung.person@example.se>", "ung@[10.0.0.1]"] {
        let body = app
            .gql(None, SUBMIT_WITH_RECEIPT, json!({ "t": token, "c": content, "e": bad }))
            .await?;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{bad}: {body}");
        assert_eq!(body.pointer("/errors/0/extensions/field"), Some(&json!("receiptEmail")));
        assert_eq!(app.snapshot("input").await?, inputs);
        assert_eq!(app.snapshot("email_outbox").await?, outbox);
    }
    // Without an address: the input, and no e-mail.
    let body = app.gql(None, SUBMIT_WITH_RECEIPT, json!({ "t": token, "c": content })).await?;
    assert_eq!(code(&body), "OK", "{body}");
    assert_eq!(app.snapshot("input").await?.len(), inputs.len() + 1);
    assert_eq!(app.snapshot("email_outbox").await?, outbox);

    // With one, the receipt link goes there, once, and says nothing of the input, nor the
    // name the sender typed (anyone may type anything there).
    let vars = json!({ "t": token, "c": content, "e": " Ung.Person@Example.se ", "n": "Vinn en iPhone på evil.example" });
    let body = app.gql(None, SUBMIT_WITH_RECEIPT, vars).await?;
    let receipt = str_at(&body, "/data/submitInputWithInvitation/receiptPath")?;
    assert_eq!(app.snapshot("email_outbox").await?.len(), outbox.len() + 1);
    mail::deliver_due(&app.db, &mailer, Utc::now(), 1000).await?;
    let received = smtp.received();
    assert_eq!(received.len(), seen + 1, "{received:?}");
    let sent = &received[seen];
    assert_eq!(sent.to, ["ung.person@example.se"]);
    let message = quoted_printable(&sent.data);
    assert!(message.contains("Subject: Kvitto "), "{message}");
    assert!(message.contains(&format!("https://samrad.example{receipt}")), "{message}");
    assert!(message.contains("Hej!"), "a greeting without a name: {message}");
    assert!(!message.contains("iPhone") && !message.contains("evil"), "the typed name: {message}");
    assert!(
        !message.contains("installningar"),
        "settings for someone without an account: {message}"
    );
    assert!(
        !message.contains("Mörkt vid skolan") && !message.contains("Lamporna"),
        "content in an e-mail: {message}"
    );
    // Once sent, neither the address nor the link is kept.
    let rows = app.snapshot("email_outbox").await?.join("\n");
    assert!(!rows.contains("ung.person@example.se") && !rows.contains(&receipt[8..]), "{rows}");
    mail::deliver_due(&app.db, &mailer, Utc::now() + Duration::hours(7), 1000).await?;
    assert_eq!(smtp.received().len(), seen + 1, "sent twice");
    Ok(())
}

#[tokio::test]
async fn receipt_mail_is_throttled_per_address_given_up_when_undeliverable_and_off_without_smtp()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let token = youth_invitation(&app).await?;
    // Three receipts a day to one address; the fourth is refused and nothing is kept.
    for i in 0..3 {
        let vars = json!({ "t": token, "c": receipt_content(&format!("Inspel {i}")), "e": "mottagare@example.se" });
        assert_eq!(code(&app.gql(None, SUBMIT_WITH_RECEIPT, vars).await?), "OK");
    }
    let (inputs, outbox) = (app.snapshot("input").await?, app.snapshot("email_outbox").await?);
    let vars =
        json!({ "t": token, "c": receipt_content("Det fjärde"), "e": "MOTTAGARE@example.se" });
    let body = app.gql(None, SUBMIT_WITH_RECEIPT, vars).await?;
    assert_eq!(code(&body), "RATE_LIMITED", "{body}");
    assert_eq!(app.snapshot("input").await?, inputs);
    assert_eq!(app.snapshot("email_outbox").await?, outbox);
    // The throttle counts the address by a hash, never the address itself.
    let counters = <sea_orm::JsonValue as sea_orm::FromQueryResult>::find_by_statement(
        sea_orm::Statement::from_string(app.backend(), "SELECT scope, key FROM attempt_counter"),
    )
    .all(&app.db)
    .await?;
    let counters = serde_json::to_string(&counters)?;
    assert!(counters.contains("receipt:key") && !counters.contains("mottagare"), "{counters}");
    // Another address is still served.
    let vars =
        json!({ "t": token, "c": receipt_content("Till en annan"), "e": "annan@example.se" });
    assert_eq!(code(&app.gql(None, SUBMIT_WITH_RECEIPT, vars).await?), "OK");

    // An SMTP server that never answers: each receipt is tried, then given up and
    // forgotten, with no SMTP words (which may quote the address) kept meanwhile.
    let smtp = SmtpServer::start().await?;
    let mailer = Mailer::new(&settings(&smtp))?.ok_or_else(|| anyhow::anyhow!("no mailer"))?;
    smtp.stop();
    let mut now = Utc::now();
    for _ in 0..mail::RECEIPT_ATTEMPTS - 1 {
        mail::deliver_due(&app.db, &mailer, now, 1000).await?;
        let rows = app.snapshot("email_outbox").await?;
        let receipts: Vec<&String> =
            rows.iter().filter(|r| r.contains("mottagare@") || r.contains("annan@")).collect();
        assert_eq!(receipts.len(), 4, "given up too early: {rows:?}");
        assert!(receipts.iter().all(|r| !r.to_lowercase().contains("connection")), "{receipts:?}");
        now += Duration::hours(7);
    }
    mail::deliver_due(&app.db, &mailer, now, 1000).await?;
    let rows = app.snapshot("email_outbox").await?.join("\n");
    assert!(!rows.contains("mottagare@") && !rows.contains("annan@"), "{rows}");

    // Where e-mail is not set up, the address is refused rather than left in the outbox.
    let off = TestApp::with_settings(samrad::config::AuthSettings {
        receipt_mail: false,
        ..test_auth_settings()
    })
    .await?;
    anyhow::ensure!(samrad::seed::seed_demo(&off.db, &off.state.server.auth.hasher).await?);
    let token = youth_invitation(&off).await?;
    let vars = json!({ "t": token, "c": receipt_content("Utan e-post"), "e": "ung@example.se" });
    let body = off.gql(None, SUBMIT_WITH_RECEIPT, vars).await?;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body.pointer("/errors/0/extensions/field"), Some(&json!("receiptEmail")));
    Ok(())
}

#[tokio::test]
async fn the_daily_digest_gathers_a_days_notices_once() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    fan_out::pending(&app.db, 1000).await?;
    let smtp = SmtpServer::start().await?;
    let mailer = Mailer::new(&settings(&smtp))?.ok_or_else(|| anyhow::anyhow!("no mailer"))?;
    prefer(&app, MEMBER, "MEETING_CHANGED", "DIGEST").await?;
    prefer(&app, MEMBER, "AGENDA_CHANGED", "DIGEST").await?;
    let mut meetings = vec![];
    for title in ["Första mötet", "Andra mötet", "Tredje mötet"] {
        meetings.push(scheduled_meeting(&app, title, 10).await?);
    }
    fan_out::pending(&app.db, 1000).await?;
    assert_eq!(mail::waiting(&app.db).await?, 0, "a digest kind went out at once");
    let cutoff = Utc::now() + Duration::seconds(1);
    assert_eq!(email::queue_digests(&app.db, cutoff).await?, 1);
    assert_eq!(email::queue_digests(&app.db, cutoff).await?, 0, "a second digest the same day");
    mail::deliver_due(&app.db, &mailer, Utc::now(), 10).await?;
    let received = smtp.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].to, [MEMBER]);
    let digest = quoted_printable(&received[0].data);
    assert!(digest.contains("Subject: Din dagliga sammanfattning"), "{digest}");
    for meeting in &meetings {
        assert!(digest.contains(&format!("https://samrad.example/moten/{meeting}")), "{digest}");
    }
    assert!(!digest.contains("Första mötet"), "content in an e-mail: {digest}");
    Ok(())
}

#[tokio::test]
async fn notification_settings_are_the_users_own() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    for query in [
        "{ unreadNotificationCount }",
        "{ myNotificationPreferences { kind channel } }",
        "mutation { setNotificationPreference(kind: MEETING_CHANGED, channel: OFF) { kind } }",
    ] {
        let body = app.gql(None, query, json!({})).await?;
        assert_eq!(code(&body), "UNAUTHENTICATED", "{query}: {body}");
    }
    prefer(&app, MEMBER, "ACTION_ASSIGNED", "DIGEST").await?;
    let mine =
        ok(&app, MEMBER, "{ myNotificationPreferences { kind channel } }", json!({})).await?;
    let prefs = mine["data"]["myNotificationPreferences"].as_array().cloned().unwrap_or_default();
    assert_eq!(prefs.len(), 14);
    assert!(prefs.contains(&json!({ "kind": "ACTION_ASSIGNED", "channel": "DIGEST" })));
    assert!(prefs.contains(&json!({ "kind": "MEETING_CHANGED", "channel": "IN_APP" })));
    // Another user's choices are untouched.
    let theirs =
        ok(&app, SECRETARIAT, "{ myNotificationPreferences { kind channel } }", json!({})).await?;
    assert!(
        theirs["data"]["myNotificationPreferences"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|p| p["channel"] == "IN_APP")
    );
    Ok(())
}

/// A message with its quoted-printable parts decoded (soft breaks joined, `=XX` bytes).
fn quoted_printable(data: &str) -> String {
    let joined = data.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn first_minutes_are_announced_to_those_who_read_the_meeting_details() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let meeting = scheduled_meeting(&app, "Protokollfört möte", 10).await?;
    fan_out::pending(&app.db, 1000).await?;
    let (member_before, _) = notified(&app, MEMBER).await?;
    let (advisory_before, _) = notified(&app, ADVISORY).await?;
    let save = "mutation($m: ID!, $v: Int, $b: String!) { saveMinutes(meetingId: $m, expectedVersion: $v, body: $b) { version } }";
    ok(&app, SECRETARIAT, save, json!({ "m": meeting, "b": "Utkast" })).await?;
    // A second save is an edit, not news.
    ok(&app, SECRETARIAT, save, json!({ "m": meeting, "v": 1, "b": "Utkast, rättat" })).await?;
    fan_out::pending(&app.db, 1000).await?;
    let (member, _) = notified(&app, MEMBER).await?;
    assert_eq!(member.len(), member_before.len() + 1, "{member:?}");
    assert_eq!(member[0], "minutes.comment");
    // The youth council's seat does not read meeting details, so it is not told.
    let (advisory, _) = notified(&app, ADVISORY).await?;
    assert!(
        !advisory
            .iter()
            .take(advisory.len() - advisory_before.len())
            .any(|k| k == "minutes.comment"),
        "{advisory:?}"
    );
    Ok(())
}
