//! No existence oracle through a change: for every mutation that names an object by id,
//! every role that may not use it gets, for a real id, exactly the answer it gets for a
//! random one (code, message and data). A new mutation fails this test until it is in
//! the table (or, if it names no object, in the short list of those that do not).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

const GBG: &str = "Göteborgs Stads trygghetsråd";
const NETWORK: &str = "Brottsförebyggande samverkan Gävle–Uppsala–Västerås";
const PARTNERSHIP: &str = "Medborgarlöften Gävle";

/// Mutations that address no object by id: nothing to tell apart.
const NO_ID: &[&str] = &[
    "login",
    "refresh",
    "logout",
    "createUser",
    "createOrganisation",
    "createCouncil",
    "createPlace",
    // The caller's own setting (tests in notifications.rs).
    "setNotificationPreference",
    // Addressed by a secret token, checked in the invitation tests.
    "submitInputWithInvitation",
];

/// One case: the mutation's name, its document, its variables from a map of ids, and
/// the roles that may use it (their answers are not compared).
struct Case {
    name: &'static str,
    query: &'static str,
    vars: fn(&Ids) -> Value,
    may: &'static [Role],
}

type Ids = BTreeMap<&'static str, String>;

fn id(ids: &Ids, key: &str) -> String {
    ids.get(key).cloned().unwrap_or_default()
}

fn due() -> String {
    (Utc::now() + Duration::days(10)).date_naive().to_string()
}

const SECRETARIAT_ONLY: &[Role] = &[Role::Secretariat];
const MEMBERS: &[Role] = &[Role::Secretariat, Role::Chair, Role::Member];

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "updateUser",
            query: "mutation($id: ID!) { updateUser(id: $id, input: { displayName: \"Nytt namn\" }) { id } }",
            vars: |i| json!({ "id": id(i, "chairUser") }),
            may: &[Role::Chair],
        },
        Case {
            name: "addAffiliation",
            query: "mutation($u: ID!, $o: ID!) { addAffiliation(userId: $u, organisationId: $o) { id } }",
            vars: |i| json!({ "u": id(i, "chairUser"), "o": id(i, "org") }),
            may: &[],
        },
        Case {
            name: "removeAffiliation",
            query: "mutation($id: ID!) { removeAffiliation(id: $id) }",
            vars: |i| json!({ "id": id(i, "affiliation") }),
            may: &[],
        },
        Case {
            name: "updateOrganisation",
            query: "mutation($id: ID!) { updateOrganisation(id: $id, input: { name: \"Nytt\" }) { id } }",
            vars: |i| json!({ "id": id(i, "org") }),
            may: &[],
        },
        Case {
            name: "updateCouncil",
            query: "mutation($id: ID!) { updateCouncil(id: $id, input: { description: \"x\" }) { id } }",
            vars: |i| json!({ "id": id(i, "council") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "addMembership",
            query: "mutation($c: ID!, $o: ID!) { addMembership(input: { councilId: $c, organisationId: $o, role: MEMBER }) { id } }",
            vars: |i| json!({ "c": id(i, "council"), "o": id(i, "newOrg") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "endMembership",
            query: "mutation($id: ID!) { endMembership(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "membership") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "assignSeat",
            query: "mutation($c: ID!, $u: ID!) { assignSeat(input: { councilId: $c, userId: $u, role: CHAIR }) { id } }",
            vars: |i| json!({ "c": id(i, "council"), "u": id(i, "chairUser") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "endSeat",
            query: "mutation($id: ID!) { endSeat(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "seat") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "addCouncilTheme",
            query: "mutation($c: ID!) { addCouncilTheme(councilId: $c, name: \"Orakel\") { id } }",
            vars: |i| json!({ "c": id(i, "council") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "createMeeting",
            query: "mutation($c: ID!, $s: NaiveDateTime!, $e: NaiveDateTime!) { createMeeting(councilId: $c, input: { title: \"Möte\", startsAt: $s, endsAt: $e }) { id } }",
            vars: |i| json!({ "c": id(i, "council"), "s": local(50, 13), "e": local(50, 15) }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "updateMeeting",
            query: "mutation($id: ID!) { updateMeeting(id: $id, expectedVersion: 1, input: { title: \"Ny\" }) { id } }",
            vars: |i| json!({ "id": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "scheduleMeeting",
            query: "mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }",
            vars: |i| json!({ "id": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "markMeetingHeld",
            query: "mutation($id: ID!) { markMeetingHeld(id: $id, expectedVersion: 1) { id } }",
            vars: |i| json!({ "id": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "cancelMeeting",
            query: "mutation($id: ID!) { cancelMeeting(id: $id, expectedVersion: 1, reason: \"x\") { id } }",
            vars: |i| json!({ "id": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "planYear",
            query: "mutation($c: ID!, $y: Int!) { planYear(input: { councilId: $c, year: $y, themes: [] }) { meeting { id } } }",
            vars: |i| json!({ "c": id(i, "council"), "y": (Utc::now() + Duration::days(366)).format("%Y").to_string().parse::<i32>().unwrap_or(2030) }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "addAgendaItem",
            query: "mutation($m: ID!) { addAgendaItem(meetingId: $m, expectedVersion: 1, input: { title: \"x\" }) { id } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "updateAgendaItem",
            query: "mutation($id: ID!) { updateAgendaItem(id: $id, expectedVersion: 1, input: { title: \"x\" }) { id } }",
            vars: |i| json!({ "id": id(i, "agendaItem") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "removeAgendaItem",
            query: "mutation($id: ID!) { removeAgendaItem(id: $id, expectedVersion: 1) }",
            vars: |i| json!({ "id": id(i, "agendaItem") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "reorderAgenda",
            query: "mutation($m: ID!, $i: ID!) { reorderAgenda(meetingId: $m, expectedVersion: 1, itemIds: [$i]) { id } }",
            vars: |i| json!({ "m": id(i, "meeting"), "i": id(i, "agendaItem") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "proposeAgendaItem",
            query: "mutation($m: ID!) { proposeAgendaItem(input: { meetingId: $m, title: \"Förslag\" }) { id } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: MEMBERS,
        },
        Case {
            name: "acceptProposal",
            query: "mutation($id: ID!) { acceptProposal(id: $id, expectedVersion: 1) { id } }",
            vars: |i| json!({ "id": id(i, "proposal") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "declineProposal",
            query: "mutation($id: ID!) { declineProposal(id: $id, expectedVersion: 1, reason: \"x\") { id } }",
            vars: |i| json!({ "id": id(i, "proposal") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "respondToMeeting",
            query: "mutation($m: ID!) { respondToMeeting(meetingId: $m, response: ATTENDING) { response } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: MEMBERS,
        },
        Case {
            name: "saveMinutes",
            query: "mutation($m: ID!) { saveMinutes(meetingId: $m, body: \"x\") { id } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "commentOnMinutes",
            query: "mutation($m: ID!) { commentOnMinutes(meetingId: $m, body: \"x\") { id } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: MEMBERS,
        },
        Case {
            name: "approveMinutes",
            query: "mutation($m: ID!) { approveMinutes(meetingId: $m, expectedVersion: 1) { status } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "createAction",
            query: "mutation($m: ID!, $o: ID!, $d: NaiveDate!) { createAction(input: { meetingId: $m, organisationId: $o, title: \"x\", dueOn: $d }) { id } }",
            vars: |i| json!({ "m": id(i, "meeting"), "o": id(i, "actionOrg"), "d": due() }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "updateActionStatus",
            query: "mutation($id: ID!) { updateActionStatus(id: $id, status: DONE) { id } }",
            vars: |i| json!({ "id": id(i, "action") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "createCalendarFeed",
            query: "mutation($c: ID!) { createCalendarFeed(councilId: $c) { id } }",
            vars: |i| json!({ "c": id(i, "council") }),
            may: &[Role::Secretariat, Role::Chair, Role::Member, Role::Advisory],
        },
        Case {
            name: "revokeCalendarFeed",
            query: "mutation($id: ID!) { revokeCalendarFeed(id: $id) }",
            vars: |i| json!({ "id": id(i, "feed") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "createInput",
            query: "mutation($m: ID!) { createInput(input: { meetingId: $m, content: { title: \"x\", body: \"y\", gatheredBy: DIALOGUE_MEETING } }) { id } }",
            vars: |i| json!({ "m": id(i, "meeting") }),
            may: &[Role::Secretariat, Role::Chair, Role::Member, Role::Advisory],
        },
        Case {
            name: "submitInput",
            query: "mutation($id: ID!) { submitInput(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "draft") }),
            may: &[Role::Member],
        },
        Case {
            name: "allowLateInput",
            query: "mutation($id: ID!) { allowLateInput(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "draft") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "acknowledgeInputs",
            query: "mutation($id: ID!) { acknowledgeInputs(ids: [$id]) { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "linkInputToAgendaItem",
            query: "mutation($id: ID!, $a: ID!) { linkInputToAgendaItem(id: $id, agendaItemId: $a) { id } }",
            vars: |i| json!({ "id": id(i, "input"), "a": id(i, "agendaItem") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "markInputDiscussed",
            query: "mutation($id: ID!) { markInputDiscussed(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "answerInput",
            query: "mutation($id: ID!) { answerInput(id: $id, answer: \"Svar\") { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "declineInput",
            query: "mutation($id: ID!) { declineInput(id: $id, reason: \"x\") { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "withdrawInput",
            query: "mutation($id: ID!) { withdrawInput(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: &[Role::Member],
        },
        Case {
            name: "hideInput",
            query: "mutation($id: ID!) { hideInput(id: $id, reason: \"x\") { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "redactInput",
            query: "mutation($id: ID!) { redactInput(id: $id, redactedBody: \"y\", reason: \"x\") { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "inviteToMeeting",
            query: "mutation($m: ID!, $o: ID!) { inviteToMeeting(meetingId: $m, organisationId: $o) { id } }",
            vars: |i| json!({ "m": id(i, "meeting"), "o": id(i, "youthOrg") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "revokeInvitation",
            query: "mutation($id: ID!) { revokeInvitation(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "invitation") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "addInputAttachment",
            query: "mutation($id: ID!) { addInputAttachment(inputId: $id, fileName: \"a.txt\", contentType: \"text/plain\", contentBase64: \"aGVq\") { id } }",
            vars: |i| json!({ "id": id(i, "input") }),
            may: &[Role::Secretariat, Role::Member],
        },
        Case {
            name: "setCouncilPriorityGroups",
            query: "mutation($c: ID!) { setCouncilPriorityGroups(councilId: $c, groups: [YOUTH]) }",
            vars: |i| json!({ "c": id(i, "council") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "markNotificationsRead",
            query: "mutation($id: ID!) { markNotificationsRead(ids: [$id]) }",
            vars: |i| json!({ "id": id(i, "notification") }),
            may: &[Role::Member],
        },
        Case {
            name: "recordPlaceFollowUp",
            query: "mutation($p: ID!) { recordPlaceFollowUp(placeId: $p, followedUpOn: \"2026-10-01\") { followedUpOn } }",
            vars: |i| json!({ "p": id(i, "place") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "createSituationPicture",
            query: "mutation($c: ID!) { createSituationPicture(input: { area: \"x\", periodStart: \"2026-10-01\", periodEnd: \"2026-10-14\", classification: COUNCIL, summary: \"x\", councilIds: [$c] }) { id } }",
            vars: |i| json!({ "c": id(i, "council") }),
            may: &[Role::Secretariat, Role::Chair, Role::Member, Role::Advisory],
        },
        Case {
            name: "publishSituationPicture",
            query: "mutation($id: ID!) { publishSituationPicture(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "picture") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "setPictureCadence",
            query: "mutation($c: ID!) { setPictureCadence(councilId: $c, intervalDays: 14, startsOn: \"2027-01-04\") }",
            vars: |i| json!({ "c": id(i, "council") }),
            may: SECRETARIAT_ONLY,
        },
        Case {
            name: "createInfoRequest",
            query: "mutation($to: ID!) { createInfoRequest(toOrganisationId: $to, topic: \"x\", dueOn: \"2099-01-01\") { id } }",
            vars: |i| json!({ "to": id(i, "gavleOrg") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "answerInfoRequest",
            query: "mutation($id: ID!) { answerInfoRequest(id: $id, text: \"Svar\") { id } }",
            vars: |i| json!({ "id": id(i, "infoRequest") }),
            may: &[],
        },
        Case {
            name: "shareGoodPractice",
            query: "mutation($c: ID!) { shareGoodPractice(input: { councilId: $c, title: \"x\", problem: \"x\", whatWasDone: \"x\", result: \"x\", contact: \"x\" }) { id } }",
            vars: |i| json!({ "c": id(i, "network") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "createArea",
            query: "mutation($m: ID!) { createArea(input: { municipalityId: $m, name: \"Nytt område\", kind: DISTRICT }) { id } }",
            vars: |i| json!({ "m": id(i, "gavleOrg") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "importAreas",
            query: "mutation($m: ID!) { importAreas(municipalityId: $m, geojson: \"{}\") { id } }",
            vars: |i| json!({ "m": id(i, "gavleOrg") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "createPromise",
            query: "mutation($c: ID!, $m: ID!) { createPromise(input: { councilId: $c, municipalityId: $m, title: \"x\", periodFrom: \"2027-01-01\", periodTo: \"2027-12-31\", followUpOn: \"2027-11-01\", pledges: [\"x\"] }) { id } }",
            vars: |i| json!({ "c": id(i, "partnership"), "m": id(i, "gavleOrg") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "updatePromise",
            query: "mutation($id: ID!) { updatePromise(id: $id, input: { title: \"x\", periodFrom: \"2027-01-01\", periodTo: \"2027-12-31\", followUpOn: \"2027-11-01\" }) { id } }",
            vars: |i| json!({ "id": id(i, "promise") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "addPledge",
            query: "mutation($id: ID!) { addPledge(promiseId: $id, text: \"x\") { id } }",
            vars: |i| json!({ "id": id(i, "promise") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "addActivity",
            query: "mutation($id: ID!, $p: ID!, $o: ID!) { addActivity(input: { promiseId: $id, pledgeId: $p, text: \"x\", responsibleOrganisationIds: [$o], scopes: [{ rule: AS_NEEDED }] }) { id } }",
            vars: |i| json!({ "id": id(i, "promise"), "p": id(i, "pledge"), "o": id(i, "gavleOrg") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "removeActivity",
            query: "mutation($id: ID!) { removeActivity(id: $id) { id } }",
            vars: |i| json!({ "id": id(i, "activity") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "addSignatory",
            query: "mutation($id: ID!, $o: ID!) { addSignatory(input: { promiseId: $id, name: \"x\", title: \"x\", organisationId: $o, signedOn: \"2026-01-01\" }) { id } }",
            vars: |i| json!({ "id": id(i, "promise"), "o": id(i, "gavleOrg") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "setPromiseStatus",
            query: "mutation($id: ID!) { setPromiseStatus(id: $id, status: FOLLOWED_UP) { id } }",
            vars: |i| json!({ "id": id(i, "promise") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "publishPromise",
            query: "mutation($id: ID!) { publishPromise(id: $id, published: true) { id } }",
            vars: |i| json!({ "id": id(i, "promise") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "reportOccasion",
            query: "mutation($a: ID!) { reportOccasion(input: { activityId: $a, occurredOn: \"2026-10-01\" }) { id } }",
            vars: |i| json!({ "a": id(i, "activity") }),
            may: &[Role::OtherSecretariat],
        },
        Case {
            name: "setActivityNarrative",
            query: "mutation($a: ID!) { setActivityNarrative(input: { activityId: $a, narrative: \"x\", nextSteps: \"x\" }) { activityId } }",
            vars: |i| json!({ "a": id(i, "activity") }),
            may: &[Role::OtherSecretariat],
        },
    ]
}

/// Ids of real objects of every kind the table names, made through the API where the
/// demo data has none.
async fn fixture(app: &TestApp) -> anyhow::Result<Ids> {
    let mut ids = Ids::new();
    let secretariat = app.login(SECRETARIAT).await?;
    let member = app.login(MEMBER).await?;
    let admin = app.login(ADMIN).await?;
    let council = app.council_id(GBG).await?;
    ids.insert("council", council.clone());
    ids.insert("network", app.council_id(NETWORK).await?);
    ids.insert("chairUser", app.user_id(CHAIR).await?);
    ids.insert("org", app.organisation_id("Polisregion Väst").await?);
    ids.insert("gavleOrg", app.organisation_id("Gävle kommun").await?);
    ids.insert("actionOrg", app.organisation_id("Försvarsmakten").await?);
    ids.insert("youthOrg", app.organisation_id("Ungdomsfullmäktige i Göteborg").await?);
    let body = app
        .gql(
            Some(&admin),
            "mutation { createOrganisation(input: { name: \"Ny förening\", kind: CIVIL_SOCIETY }) { id } }",
            json!({}),
        )
        .await?;
    ids.insert("newOrg", str_at(&body, "/data/createOrganisation/id")?);
    ids.insert("affiliation", first(app, "SELECT id FROM affiliation").await?);
    let gbg = Uuid::parse_str(&council)?;
    ids.insert(
        "membership",
        first_with(app, "SELECT id FROM membership WHERE council_id = ?", gbg).await?,
    );
    ids.insert("seat", first_with(app, "SELECT id FROM seat WHERE council_id = ?", gbg).await?);
    ids.insert("place", first(app, "SELECT id FROM place").await?);
    ids.insert("partnership", app.council_id(PARTNERSHIP).await?);
    ids.insert("promise", first(app, "SELECT id FROM promise").await?);
    ids.insert("pledge", first(app, "SELECT id FROM promise_pledge").await?);
    ids.insert("activity", first(app, "SELECT id FROM promise_activity").await?);
    ids.insert("picture", first(app, "SELECT id FROM situation_picture").await?);

    // A scheduled meeting that takes input, with an agenda item and a proposal.
    let body = app
        .gql(
            Some(&secretariat),
            "mutation($c: ID!, $s: NaiveDateTime!, $e: NaiveDateTime!, $d: NaiveDateTime!) { createMeeting(councilId: $c, input: { title: \"Orakelmöte\", startsAt: $s, endsAt: $e, inputDeadline: $d }) { id } }",
            json!({ "c": council, "s": local(30, 13), "e": local(30, 15), "d": local(20, 12) }),
        )
        .await?;
    let meeting = str_at(&body, "/data/createMeeting/id")?;
    ensure_ok(
        app.gql(
            Some(&secretariat),
            "mutation($id: ID!) { scheduleMeeting(id: $id, expectedVersion: 1) { id } }",
            json!({ "id": meeting }),
        )
        .await?,
    )?;
    let body = app
        .gql(
            Some(&secretariat),
            "mutation($m: ID!) { addAgendaItem(meetingId: $m, expectedVersion: 2, input: { title: \"Punkt\" }) { id } }",
            json!({ "m": meeting }),
        )
        .await?;
    ids.insert("agendaItem", str_at(&body, "/data/addAgendaItem/id")?);
    let body = app
        .gql(
            Some(&member),
            "mutation($m: ID!) { proposeAgendaItem(input: { meetingId: $m, title: \"Förslag\" }) { id } }",
            json!({ "m": meeting }),
        )
        .await?;
    ids.insert("proposal", str_at(&body, "/data/proposeAgendaItem/id")?);
    let body = app
        .gql(
            Some(&secretariat),
            "mutation($m: ID!, $o: ID!, $d: NaiveDate!) { createAction(input: { meetingId: $m, organisationId: $o, title: \"Uppföljning\", dueOn: $d }) { id } }",
            json!({ "m": meeting, "o": id(&ids, "actionOrg"), "d": due() }),
        )
        .await?;
    ids.insert("action", str_at(&body, "/data/createAction/id")?);
    let body =
        app.gql(Some(&secretariat), "mutation { createCalendarFeed { id } }", json!({})).await?;
    ids.insert("feed", str_at(&body, "/data/createCalendarFeed/id")?);
    // The member's organisation's inputs: one submitted, one draft, one answered (which
    // leaves a notification for the member).
    let give = "mutation($m: ID!, $t: String!, $s: Boolean!) { createInput(input: { meetingId: $m, content: { title: $t, body: \"Synpunkter\", gatheredBy: DIALOGUE_MEETING }, submit: $s }) { id } }";
    for (key, submit) in [("input", true), ("draft", false), ("answered", true)] {
        let body =
            app.gql(Some(&member), give, json!({ "m": meeting, "t": key, "s": submit })).await?;
        ids.insert(key, str_at(&body, "/data/createInput/id")?);
    }
    ensure_ok(
        app.gql(
            Some(&secretariat),
            "mutation($id: ID!) { acknowledgeInputs(ids: [$id]) { id } }",
            json!({ "id": id(&ids, "answered") }),
        )
        .await?,
    )?;
    ensure_ok(
        app.gql(
            Some(&secretariat),
            "mutation($id: ID!) { answerInput(id: $id, answer: \"Tack\") { id } }",
            json!({ "id": id(&ids, "answered") }),
        )
        .await?,
    )?;
    ids.insert("notification", first(app, "SELECT id FROM notification").await?);
    let body = app
        .gql(
            Some(&secretariat),
            "mutation($m: ID!, $o: ID!) { inviteToMeeting(meetingId: $m, organisationId: $o) { id } }",
            json!({ "m": meeting, "o": id(&ids, "youthOrg") }),
        )
        .await?;
    ids.insert("invitation", str_at(&body, "/data/inviteToMeeting/id")?);
    // Gävle asks Göteborg's police nothing; it asks its own local police.
    let gastrikland = app.organisation_id("Lokalpolisområde Gästrikland").await?;
    let body = app
        .gql_as(
            Some(OTHER_SECRETARIAT),
            "mutation($to: ID!) { createInfoRequest(toOrganisationId: $to, topic: \"Lägesbild\", dueOn: \"2099-01-01\") { id } }",
            json!({ "to": gastrikland }),
        )
        .await?;
    ids.insert("infoRequest", str_at(&body, "/data/createInfoRequest/id")?);
    ids.insert("meeting", meeting);
    Ok(ids)
}

fn ensure_ok(body: Value) -> anyhow::Result<()> {
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(())
}

async fn first(app: &TestApp, sql: &str) -> anyhow::Result<String> {
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(app.backend(), sql))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no row for {sql}"))?;
    Ok(row.try_get_by_index::<Uuid>(0)?.to_string())
}

async fn first_with(app: &TestApp, sql: &str, value: Uuid) -> anyhow::Result<String> {
    let sql = if app.backend() == sea_orm::DbBackend::Postgres {
        sql.replace('?', "$1")
    } else {
        sql.to_owned()
    };
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            app.backend(),
            sql.clone(),
            [value.into()],
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no row for {sql}"))?;
    Ok(row.try_get_by_index::<Uuid>(0)?.to_string())
}

/// What a caller can tell from an answer: the code, the message and the data.
fn answer(body: &Value) -> (String, Value, Value) {
    (
        code(body),
        body.pointer("/errors/0/message").cloned().unwrap_or(Value::Null),
        body.get("data").cloned().unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_refused_change_on_a_real_object_answers_as_on_a_random_id() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let ids = fixture(&app).await?;
    let random: Ids = ids.keys().map(|k| (*k, Uuid::now_v7().to_string())).collect();
    let cases = cases();

    // Every mutation of the schema is in the table or names no object.
    let sdl = samrad::graphql::sdl();
    let start =
        sdl.find("type MutationRoot {").ok_or_else(|| anyhow::anyhow!("no MutationRoot"))?;
    let block = &sdl[start..];
    let block = &block[..block.find("\n}").unwrap_or(block.len())];
    let in_schema: BTreeSet<&str> = block
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('"') && !l.is_empty() && !l.starts_with("type "))
        .filter_map(|l| l.split(['(', ':']).next())
        .filter(|name| name.chars().all(char::is_alphanumeric))
        .collect();
    let covered: BTreeSet<&str> =
        cases.iter().map(|c| c.name).chain(NO_ID.iter().copied()).collect();
    assert_eq!(in_schema, covered, "mutations missing from the table");

    let mut tokens = BTreeMap::new();
    for (role, email) in ROLES {
        if let Some(email) = email {
            tokens.insert(*role, app.login(email).await?);
        }
    }
    let mut compared = 0;
    for case in &cases {
        for (role, _) in ROLES {
            if *role == Role::Admin || case.may.contains(role) {
                continue;
            }
            let token = tokens.get(role).map(String::as_str);
            let real = app.gql(token, case.query, (case.vars)(&ids)).await?;
            let fake = app.gql(token, case.query, (case.vars)(&random)).await?;
            assert_eq!(
                answer(&real),
                answer(&fake),
                "{} as {role}: a real id answers otherwise than a random one",
                case.name
            );
            compared += 1;
        }
    }
    assert!(compared > 200, "only {compared} pairs compared");
    Ok(())
}
