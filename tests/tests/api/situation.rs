//! Situation pictures: the leak matrix (classification × reader relation × read path),
//! the access log, input rules, overdue follow-ups, missed cadence, GeoJSON, requests,
//! good practices and the regional view's statement count.

use std::{collections::BTreeMap, str::FromStr};

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::helpers::*;

const AUTHOR: &str = OTHER_SECRETARIAT; // analytiker@gavle.example, Gävle kommun
const RECIPIENT: &str = "polis@gastrikland.example"; // Lokalpolisområde Gästrikland
const COUNCIL_MEMBER: &str = "lansstyrelsen@gavleborg.example";
const NETWORK_PARTNER: &str = "uppsala@uppsala.example";
const ADVISORY_BODY: &str = "ungdomsradet@gavle.example";
const PARTNERSHIP: &str = "Medborgarlöften Gävle";
const NETWORK: &str = "Brottsförebyggande samverkan Gävle–Uppsala–Västerås";

const CREATE_PICTURE: &str = "mutation($input: CreateSituationPictureInput!) { createSituationPicture(input: $input) { id } }";
const CREATE_PLACE: &str =
    "mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }";

struct World {
    pictures: BTreeMap<&'static str, String>,
    places: BTreeMap<&'static str, String>,
    network: String,
    partnership: String,
}

pub(crate) async fn user_for(
    app: &TestApp, admin: &str, email: &str, org: &str,
) -> anyhow::Result<()> {
    let body = app
        .gql(
            Some(admin),
            "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
            json!({ "input": { "email": email, "displayName": email, "password": seed_password() } }),
        )
        .await?;
    let user = str_at(&body, "/data/createUser/id")?;
    let body = app
        .gql(
            Some(admin),
            "mutation($u: ID!, $o: ID!) { addAffiliation(userId: $u, organisationId: $o) { id } }",
            json!({ "u": user, "o": org }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(())
}

fn seed_password() -> &'static str {
    samrad::seed::DEMO_PASSWORD
}

pub(crate) async fn org(
    app: &TestApp, admin: &str, name: &str, kind: &str,
) -> anyhow::Result<String> {
    let body = app
        .gql(Some(admin), "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }", json!({ "input": { "name": name, "kind": kind } }))
        .await?;
    str_at(&body, "/data/createOrganisation/id")
}

pub(crate) async fn join(
    app: &TestApp, admin: &str, council: &str, org: &str, role: &str,
) -> anyhow::Result<()> {
    let body = app
        .gql(
            Some(admin),
            "mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }",
            json!({ "input": { "councilId": council, "organisationId": org, "role": role } }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(())
}

async fn place(
    app: &TestApp, token: &str, name: &str, lat: f64, lon: f64,
) -> anyhow::Result<String> {
    let body = app.gql(Some(token), CREATE_PLACE, json!({ "input": { "name": name, "latitude": lat, "longitude": lon, "district": "Centrum" } })).await?;
    str_at(&body, "/data/createPlace/id")
}

/// Removes the demo data's pictures, places and cadence, so fixtures have known answers.
async fn without_demo_pictures(app: &TestApp) -> anyhow::Result<()> {
    for table in ["situation_picture", "place", "picture_cadence"] {
        app.exec(&format!("DELETE FROM {table}"), vec![]).await?;
    }
    Ok(())
}

/// Creates and publishes a picture as `token`; its id.
pub(crate) async fn publish(app: &TestApp, token: &str, input: Value) -> anyhow::Result<String> {
    let body = app.gql(Some(token), CREATE_PICTURE, json!({ "input": input })).await?;
    let id = str_at(&body, "/data/createSituationPicture/id")?;
    let body = app
        .gql(
            Some(token),
            "mutation($id: ID!) { publishSituationPicture(id: $id) { status } }",
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    Ok(id)
}

/// The people and pictures of the leak matrix.
async fn world(app: &TestApp) -> anyhow::Result<World> {
    without_demo_pictures(app).await?;
    let admin = app.login(ADMIN).await?;
    let partnership = app.council_id(PARTNERSHIP).await?;
    let network = app.council_id(NETWORK).await?;
    let county = org(app, &admin, "Länsstyrelsen Gävleborg", "COUNTY_ADMINISTRATIVE_BOARD").await?;
    join(app, &admin, &partnership, &county, "MEMBER").await?;
    let youth = org(app, &admin, "Ungdomsrådet i Gävle", "YOUTH_COUNCIL").await?;
    join(app, &admin, &partnership, &youth, "ADVISORY").await?;
    join(app, &admin, &network, &youth, "ADVISORY").await?;
    user_for(app, &admin, COUNCIL_MEMBER, &county).await?;
    user_for(app, &admin, NETWORK_PARTNER, &app.organisation_id("Uppsala kommun").await?).await?;
    user_for(app, &admin, ADVISORY_BODY, &youth).await?;

    let author = app.login(AUTHOR).await?;
    let recipient_org = app.organisation_id("Lokalpolisområde Gästrikland").await?;
    let mut places = BTreeMap::new();
    places.insert("open", place(app, &author, "Stortorget", 60.6749, 17.1413).await?);
    places.insert("council", place(app, &author, "Gävle centralstation", 60.6766, 17.1510).await?);
    places.insert(
        "restricted",
        place(app, &author, "Adressen under spaning", 60.6700, 17.1300).await?,
    );
    let mut pictures = BTreeMap::new();
    for (classification, councils, orgs) in [
        ("open", vec![network.clone()], vec![]),
        ("council", vec![partnership.clone()], vec![]),
        ("restricted", vec![], vec![recipient_org.clone()]),
    ] {
        let input = json!({
            "area": format!("Gävle ({classification})"),
            "periodStart": "2026-10-01",
            "periodEnd": "2026-10-14",
            "classification": classification.to_uppercase(),
            "summary": format!("Knarkhandel och otrygghet, {classification}"),
            "councilIds": councils,
            "organisationIds": orgs,
            "entries": [{ "placeId": places[classification], "category": "DRUG_DEALING", "trend": "RISING", "perceivedSafety": 2, "suspectedCauses": "Mörker", "measures": "Belysning" }],
        });
        pictures.insert(classification, publish(app, &author, input).await?);
    }
    Ok(World { pictures, places, network, partnership })
}

/// Who reads which classification: (reader, open, council, restricted).
const MATRIX: &[(&str, &str, bool, bool, bool)] = &[
    ("author", AUTHOR, true, true, true),
    ("named recipient", RECIPIENT, true, true, true),
    ("council member", COUNCIL_MEMBER, false, true, false),
    ("network partner", NETWORK_PARTNER, true, false, false),
    ("advisory body", ADVISORY_BODY, true, false, false),
    ("outsider", OUTSIDER, false, false, false),
];

fn ids_at(body: &Value, pointer: &str) -> Vec<String> {
    body.pointer(pointer)
        .and_then(Value::as_array)
        .map(|edges| {
            edges
                .iter()
                .filter_map(|e| e.pointer("/node/id").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn each_reader_sees_exactly_the_pictures_its_relation_allows_through_every_path()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    for (relation, email, open, council, restricted) in MATRIX {
        let token = app.login(email).await?;
        let allowed = |c: &str| match c {
            "open" => *open,
            "council" => *council,
            _ => *restricted,
        };
        let list = app
            .gql(
                Some(&token),
                "{ situationPictures(first: 100) { edges { node { id } } } }",
                json!({}),
            )
            .await?;
        let listed = ids_at(&list, "/data/situationPictures/edges");
        let search = app.gql(Some(&token), "{ situationPictures(first: 100, search: \"KNARKHANDEL\") { edges { node { id } } } }", json!({})).await?;
        let found = ids_at(&search, "/data/situationPictures/edges");
        let count = app.gql(Some(&token), "{ situationPictureCount }", json!({})).await?;
        let expected_count =
            ["open", "council", "restricted"].iter().filter(|c| allowed(c)).count();
        assert_eq!(
            count.pointer("/data/situationPictureCount"),
            Some(&json!(expected_count)),
            "{relation}: count"
        );
        let places = app
            .gql(Some(&token), "{ places(first: 100) { edges { node { id } } } }", json!({}))
            .await?;
        let visible_places = ids_at(&places, "/data/places/edges");
        let view = app
            .gql(Some(&token), "query($c: ID!) { regionalView(councilId: $c) { organisation { name } picture { id } alsoForYou { id } } }", json!({ "c": w.network }))
            .await?;
        let column_ids = |pointer: &str| -> Vec<String> {
            view.pointer("/data/regionalView")
                .and_then(Value::as_array)
                .map(|cols| {
                    cols.iter()
                        .filter_map(|c| {
                            c.pointer(pointer).and_then(Value::as_str).map(str::to_owned)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let in_view = column_ids("/picture/id");
        let only_for_reader = column_ids("/alsoForYou/id");
        let from_councils: Vec<String> = {
            let mut ids = vec![];
            for council in [&w.network, &w.partnership] {
                let body = app
                    .gql(Some(&token), "query($c: ID!) { council(id: $c) { situationPictures(first: 100) { edges { node { id } } } } }", json!({ "c": council }))
                    .await?;
                ids.extend(ids_at(&body, "/data/council/situationPictures/edges"));
            }
            ids
        };
        for classification in ["open", "council", "restricted"] {
            let id = &w.pictures[classification];
            let can = allowed(classification);
            let label = format!("{relation} × {classification}");
            // Single fetch: the picture, or the same NOT_FOUND as for a picture that does not exist.
            let single = app.gql(Some(&token), "query($id: ID!) { situationPicture(id: $id) { id summary entries { place { name } } } }", json!({ "id": id })).await?;
            let missing = app
                .gql(
                    Some(&token),
                    "query($id: ID!) { situationPicture(id: $id) { id } }",
                    json!({ "id": uuid::Uuid::now_v7().to_string() }),
                )
                .await?;
            if can {
                assert_eq!(str_at(&single, "/data/situationPicture/id")?, *id, "{label}: fetch");
            } else {
                assert_eq!(code(&single), "NOT_FOUND", "{label}: fetch");
                assert_eq!(
                    single["errors"][0]["message"], missing["errors"][0]["message"],
                    "{label}: the error tells nothing"
                );
            }
            assert_eq!(listed.contains(id), can, "{label}: list");
            assert_eq!(found.contains(id), can, "{label}: search");
            // Nested from the place: the place itself and its history.
            let place_id = &w.places[classification];
            let owner = *relation == "author";
            assert_eq!(visible_places.contains(place_id), can || owner, "{label}: places list");
            let nested = app
                .gql(
                    Some(&token),
                    "query($id: ID!) { place(id: $id) { history { picture { id } } } }",
                    json!({ "id": place_id }),
                )
                .await?;
            let history: Vec<String> = nested
                .pointer("/data/place/history")
                .and_then(Value::as_array)
                .map(|h| {
                    h.iter()
                        .filter_map(|e| {
                            e.pointer("/picture/id").and_then(Value::as_str).map(str::to_owned)
                        })
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(history.contains(id), can, "{label}: place history");
            if !can && !owner {
                assert_eq!(code(&nested), "NOT_FOUND", "{label}: place");
            }
            // Nested from a council (only for those who may see the council at all; a
            // restricted picture is shared with no council).
            let via_council = can
                && ["author", "named recipient"].contains(relation)
                && classification != "restricted";
            assert_eq!(from_councils.contains(id), via_council, "{label}: from council");
            // GeoJSON.
            let geo = app
                .gql(
                    Some(&token),
                    "query($id: ID!) { situationPicture(id: $id) { geojson } }",
                    json!({ "id": id }),
                )
                .await?;
            assert_eq!(code(&geo) == "OK", can, "{label}: geojson");
            // The regional view shows what is shared with the network, the same for
            // every partner; a restricted picture never, but apart, to whom may read it.
            if classification == "restricted" {
                assert!(!in_view.contains(id), "{label}: regional view");
                assert_eq!(
                    only_for_reader.contains(id),
                    can && ["author", "named recipient"].contains(relation),
                    "{label}: regional view, apart"
                );
            }
        }
        // Regional view: network partners see it, others get NOT_FOUND.
        let expected_view =
            ["author", "named recipient", "network partner", "advisory body"].contains(relation);
        assert_eq!(code(&view) == "OK", expected_view, "{relation}: regional view access");
        if *relation == "network partner" || *relation == "advisory body" {
            assert_eq!(
                in_view,
                vec![w.pictures["open"].clone()],
                "{relation}: latest readable picture in the view"
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn restricted_reads_are_logged_for_the_author_organisation() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let recipient = app.login(RECIPIENT).await?;
    let restricted = &w.pictures["restricted"];
    let open = &w.pictures["open"];
    app.gql(
        Some(&recipient),
        "query($id: ID!) { situationPicture(id: $id) { id } }",
        json!({ "id": restricted }),
    )
    .await?;
    app.gql(
        Some(&recipient),
        "query($id: ID!) { situationPicture(id: $id) { geojson } }",
        json!({ "id": restricted }),
    )
    .await?;
    app.gql(Some(&recipient), "{ situationPictures { edges { node { id } } } }", json!({})).await?;
    app.gql(
        Some(&recipient),
        "query($id: ID!) { situationPicture(id: $id) { id } }",
        json!({ "id": open }),
    )
    .await?;
    // A reader who may not read it leaves no trace and learns nothing.
    app.gql_as(
        Some(NETWORK_PARTNER),
        "query($id: ID!) { situationPicture(id: $id) { id } }",
        json!({ "id": restricted }),
    )
    .await?;
    let q = "query($id: ID!) { situationPicture(id: $id) { accessLog { what user { displayName } organisation { name } at } } }";
    let body = app.gql_as(Some(AUTHOR), q, json!({ "id": restricted })).await?;
    let log = body
        .pointer("/data/situationPicture/accessLog")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let by_recipient: Vec<&str> = log
        .iter()
        .filter(|e| e["user"]["displayName"] == "Erik Sandberg")
        .filter_map(|e| e["what"].as_str())
        .collect();
    for what in ["picture", "list"] {
        assert!(by_recipient.contains(&what), "{what} not logged: {log:?}");
    }
    assert!(
        by_recipient.iter().filter(|w| **w == "picture").count() >= 2,
        "the geojson read is a read too"
    );
    assert!(log.iter().all(|e| e["user"]["displayName"] != NETWORK_PARTNER));
    assert!(
        log.iter()
            .filter(|e| e["user"]["displayName"] == "Erik Sandberg")
            .all(|e| e["organisation"]["name"] == "Lokalpolisområde Gästrikland")
    );
    // Open pictures are not logged; only the author organisation reads the log.
    let body = app.gql_as(Some(AUTHOR), q, json!({ "id": open })).await?;
    assert_eq!(body.pointer("/data/situationPicture/accessLog"), Some(&json!([])));
    assert_eq!(
        code(&app.gql(Some(&recipient), q, json!({ "id": restricted })).await?),
        "FORBIDDEN"
    );
    Ok(())
}

#[tokio::test]
async fn bad_places_and_pictures_are_refused_with_nothing_stored() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let token = app.login(AUTHOR).await?;
    for (case, lat, lon, field) in [
        ("latitude 91", 91.0, 17.0, "latitude"),
        ("latitude −90.5", -90.5, 17.0, "latitude"),
        ("longitude 181", 60.0, 181.0, "longitude"),
        ("longitude −200", 60.0, -200.0, "longitude"),
    ] {
        let vars = json!({ "input": { "name": "Fel", "latitude": lat, "longitude": lon } });
        app.assert_refused(
            case,
            Some(&token),
            CREATE_PLACE,
            vars,
            ("BAD_USER_INPUT", Some(field)),
            &["place"],
        )
        .await?;
    }
    let youth = app.organisation_id("Ungdomsrådet i Gävle").await?;
    let base = json!({ "area": "Gävle", "periodStart": "2026-10-14", "periodEnd": "2026-10-28", "classification": "RESTRICTED", "summary": "x", "organisationIds": [app.organisation_id("Lokalpolisområde Gästrikland").await?], "entries": [{ "placeId": w.places["open"], "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 3 }] });
    let with = |key: &str, value: Value| {
        let mut input = base.clone();
        input[key] = value;
        input
    };
    let cases = [
        ("period ending before it starts", with("periodEnd", json!("2026-10-01")), "periodEnd"),
        (
            "unknown recipient organisation",
            with("organisationIds", json!([uuid::Uuid::now_v7().to_string()])),
            "",
        ),
        (
            "an advisory body as restricted recipient",
            with("organisationIds", json!([youth])),
            "organisationIds",
        ),
        ("restricted without recipients", with("organisationIds", json!([])), "organisationIds"),
        (
            "unknown council",
            with("classification", json!("COUNCIL"))
                .as_object()
                .map(|o| {
                    let mut o = o.clone();
                    o.insert("councilIds".into(), json!([uuid::Uuid::now_v7().to_string()]));
                    o.insert("organisationIds".into(), json!([]));
                    Value::Object(o)
                })
                .unwrap_or_default(),
            "",
        ),
        (
            "unknown place",
            with(
                "entries",
                json!([{ "placeId": uuid::Uuid::now_v7().to_string(), "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 3 }]),
            ),
            "entries",
        ),
        (
            "perceived safety 9",
            with(
                "entries",
                json!([{ "placeId": w.places["open"], "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 9 }]),
            ),
            "entries",
        ),
    ];
    for (case, input, field) in cases {
        // Unknown ids answer NOT_FOUND, as ids the author may not share with do.
        let expected =
            if field.is_empty() { ("NOT_FOUND", None) } else { ("BAD_USER_INPUT", Some(field)) };
        app.assert_refused(
            case,
            Some(&token),
            CREATE_PICTURE,
            json!({ "input": input }),
            expected,
            &["situation_picture", "picture_share", "picture_entry"],
        )
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_picture_is_shared_only_where_its_author_is_a_partner() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let token = app.login(AUTHOR).await?;
    let entries = json!([{ "placeId": w.places["open"], "category": "VIOLENCE", "trend": "STABLE", "perceivedSafety": 3 }]);
    let council_picture = |council: String| json!({ "input": { "area": "Gävle", "periodStart": "2026-10-14", "periodEnd": "2026-10-28", "classification": "COUNCIL", "summary": "x", "councilIds": [council], "entries": entries } });
    let restricted_picture = |org: String| json!({ "input": { "area": "Gävle", "periodStart": "2026-10-14", "periodEnd": "2026-10-28", "classification": "RESTRICTED", "summary": "x", "organisationIds": [org], "entries": entries } });
    let random = || uuid::Uuid::now_v7().to_string();
    let tables = ["situation_picture", "picture_share", "picture_entry"];
    // Göteborg's council exists, but Gävle is no partner there: answered as a random id.
    let goteborg = app.council_id("Göteborgs Stads trygghetsråd").await?;
    let police_west = app.organisation_id("Polisregion Väst").await?;
    for (label, real, fake) in [
        ("a council the author is not in", council_picture(goteborg), council_picture(random())),
        (
            "an organisation the author sits with nowhere",
            restricted_picture(police_west),
            restricted_picture(random()),
        ),
    ] {
        let before: Vec<_> = {
            let mut v = vec![];
            for t in tables {
                v.push(app.snapshot(t).await?);
            }
            v
        };
        let real = app.gql(Some(&token), CREATE_PICTURE, real).await?;
        let fake = app.gql(Some(&token), CREATE_PICTURE, fake).await?;
        assert_eq!(code(&real), "NOT_FOUND", "{label}: {real}");
        assert_eq!(real.pointer("/errors/0/message"), fake.pointer("/errors/0/message"), "{label}");
        assert_eq!(code(&real), code(&fake), "{label}");
        for (t, b) in tables.iter().zip(before) {
            assert_eq!(app.snapshot(t).await?, b, "{label} changed {t}");
        }
    }
    // Where the author is a partner, sharing works.
    let partnership = app.council_id(PARTNERSHIP).await?;
    let body = app.gql(Some(&token), CREATE_PICTURE, council_picture(partnership)).await?;
    assert_eq!(code(&body), "OK", "{body}");
    Ok(())
}

#[tokio::test]
async fn geojson_is_rfc_7946_with_longitude_first() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let body = app
        .gql_as(
            Some(RECIPIENT),
            "query($id: ID!) { situationPicture(id: $id) { geojson } }",
            json!({ "id": w.pictures["restricted"] }),
        )
        .await?;
    let text = str_at(&body, "/data/situationPicture/geojson")?;
    let parsed = geojson::GeoJson::from_str(&text)?;
    let collection = geojson::FeatureCollection::try_from(parsed)?;
    assert_eq!(collection.features.len(), 1);
    let feature = &collection.features[0];
    match feature.geometry.as_ref().map(|g| &g.value) {
        Some(geojson::GeometryValue::Point { coordinates }) => {
            assert_eq!((coordinates[0], coordinates[1]), (17.13, 60.67), "[longitude, latitude]");
        }
        other => anyhow::bail!("not a point: {other:?}"),
    }
    assert_eq!(feature.property("category"), Some(&json!("drug_dealing")));
    assert_eq!(feature.property("name"), Some(&json!("Adressen under spaning")));
    Ok(())
}

#[tokio::test]
async fn request_answers_show_pictures_only_to_those_who_may_read_them() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let gavle = app.organisation_id("Gävle kommun").await?;
    let create = "mutation($to: ID!) { createInfoRequest(toOrganisationId: $to, topic: \"Lägesbild centrum\", dueOn: \"2099-01-01\") { id } }";
    let answer = "mutation($id: ID!, $p: ID) { answerInfoRequest(id: $id, pictureId: $p, text: \"Se bifogad lägesbild\") { status } }";
    let mut requests = vec![];
    for email in [RECIPIENT, NETWORK_PARTNER] {
        let body = app.gql_as(Some(email), create, json!({ "to": gavle })).await?;
        requests.push((email, str_at(&body, "/data/createInfoRequest/id")?));
    }
    // Open requests are listed for both sides.
    let open = app
        .gql_as(
            Some(AUTHOR),
            "{ infoRequests(status: OPEN) { nodes { id from { name } } } }",
            json!({}),
        )
        .await?;
    assert_eq!(
        open.pointer("/data/infoRequests/nodes").and_then(Value::as_array).map(Vec::len),
        Some(2)
    );
    assert_eq!(
        code(&app.gql_as(Some(NETWORK_PARTNER), answer, json!({ "id": requests[1].1 })).await?),
        "NOT_FOUND",
        "only the asked answers"
    );
    for (_, id) in &requests {
        let body = app
            .gql_as(Some(AUTHOR), answer, json!({ "id": id, "p": w.pictures["restricted"] }))
            .await?;
        assert_eq!(str_at(&body, "/data/answerInfoRequest/status")?, "ANSWERED");
    }
    let q = "{ infoRequests { nodes { topic answerText answerPicture { id } } } }";
    let police = app.gql_as(Some(RECIPIENT), q, json!({})).await?;
    assert_eq!(
        str_at(&police, "/data/infoRequests/nodes/0/answerPicture/id")?,
        w.pictures["restricted"]
    );
    let uppsala = app.gql_as(Some(NETWORK_PARTNER), q, json!({})).await?;
    assert!(
        uppsala.pointer("/data/infoRequests/nodes/0/answerPicture").is_some_and(Value::is_null),
        "{uppsala}"
    );
    assert_eq!(str_at(&uppsala, "/data/infoRequests/nodes/0/answerText")?, "Se bifogad lägesbild");
    // Outsiders see no requests.
    assert_eq!(
        app.gql_as(Some(OUTSIDER), q, json!({})).await?.pointer("/data/infoRequests/nodes"),
        Some(&json!([]))
    );
    // A page at a time, by due date: the two requests come one per page, nothing twice.
    let paged = "query($a: String) { infoRequests(first: 1, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }";
    let first = app.gql_as(Some(AUTHOR), paged, json!({})).await?;
    assert_eq!(first.pointer("/data/infoRequests/pageInfo/hasNextPage"), Some(&json!(true)));
    let cursor = str_at(&first, "/data/infoRequests/pageInfo/endCursor")?;
    let second = app.gql_as(Some(AUTHOR), paged, json!({ "a": cursor })).await?;
    assert_eq!(second.pointer("/data/infoRequests/pageInfo/hasNextPage"), Some(&json!(false)));
    let mut seen = [&first, &second]
        .iter()
        .map(|b| str_at(b, "/data/infoRequests/nodes/0/id"))
        .collect::<anyhow::Result<Vec<_>>>()?;
    seen.sort();
    let mut expected: Vec<String> = requests.iter().map(|(_, id)| id.clone()).collect();
    expected.sort();
    assert_eq!(seen, expected);
    let body = app
        .gql_as(Some(AUTHOR), "{ infoRequests(first: 101) { nodes { id } } }", json!({}))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    Ok(())
}

#[tokio::test]
async fn overdue_follow_ups_on_a_known_fixture() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    without_demo_pictures(&app).await?;
    let token = app.login(AUTHOR).await?;
    let mut ids = vec![];
    for (name, per_year) in
        [("Överdue torget", Some(4)), ("I tid parken", Some(4)), ("Utan krav", None)]
    {
        let body = app
            .gql(Some(&token), CREATE_PLACE, json!({ "input": { "name": name, "latitude": 60.67, "longitude": 17.14, "followUpsPerYear": per_year } }))
            .await?;
        ids.push(str_at(&body, "/data/createPlace/id")?);
    }
    let record = "mutation($p: ID!, $on: NaiveDate!) { recordPlaceFollowUp(placeId: $p, followedUpOn: $on, note: \"Trygghetsvandring\") { followedUpOn } }";
    let day = |n: i64| (Utc::now() - Duration::days(n)).date_naive().to_string();
    app.gql(Some(&token), record, json!({ "p": ids[0], "on": day(100) })).await?;
    app.gql(Some(&token), record, json!({ "p": ids[1], "on": day(30) })).await?;
    assert_eq!(
        code(&app.gql(Some(&token), record, json!({ "p": ids[1], "on": day(-3) })).await?),
        "BAD_USER_INPUT",
        "future follow-up"
    );
    assert_eq!(
        code(&app.gql_as(Some(RECIPIENT), record, json!({ "p": ids[0], "on": day(1) })).await?),
        "NOT_FOUND",
        "not their place"
    );
    let body =
        app.gql(Some(&token), "{ overduePlaces { place { name } dueOn } }", json!({})).await?;
    let overdue =
        body.pointer("/data/overduePlaces").and_then(Value::as_array).cloned().unwrap_or_default();
    assert_eq!(overdue.len(), 1, "{body}");
    assert_eq!(overdue[0]["place"]["name"], "Överdue torget");
    assert_eq!(
        overdue[0]["dueOn"],
        json!((Utc::now() - Duration::days(100) + Duration::days(91)).date_naive().to_string())
    );
    Ok(())
}

#[tokio::test]
async fn missed_cadence_periods_on_a_known_fixture() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    without_demo_pictures(&app).await?;
    let token = app.login(AUTHOR).await?;
    let partnership = app.council_id(PARTNERSHIP).await?;
    let today = Utc::now().date_naive();
    let start = today - Duration::days(70);
    let set = "mutation($c: ID!, $s: NaiveDate!) { setPictureCadence(councilId: $c, intervalDays: 14, startsOn: $s) }";
    assert_eq!(
        code(
            &app.gql_as(Some(RECIPIENT), set, json!({ "c": partnership, "s": start.to_string() }))
                .await?
        ),
        "NOT_FOUND"
    );
    app.gql(Some(&token), set, json!({ "c": partnership, "s": start.to_string() })).await?;
    // Joint pictures in periods 1, 3 and 5 of the five that have ended.
    for period in [0, 2, 4] {
        let from = start + Duration::days(14 * period + 2);
        let input = json!({ "area": format!("Gävle v{period}"), "periodStart": from.to_string(), "periodEnd": (from + Duration::days(13)).to_string(), "classification": "COUNCIL", "summary": "Gemensam lägesbild", "councilIds": [partnership], "partnershipCouncilId": partnership });
        let body = app.gql(Some(&token), CREATE_PICTURE, json!({ "input": input })).await?;
        let id = str_at(&body, "/data/createSituationPicture/id")?;
        app.gql(
            Some(&token),
            "mutation($id: ID!) { publishSituationPicture(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await?;
    }
    let q = "query($c: ID!) { pictureCadence(councilId: $c) { intervalDays missedPeriods { start end } } }";
    let body = app.gql_as(Some(RECIPIENT), q, json!({ "c": partnership })).await?;
    let period = |k: i64| json!({ "start": (start + Duration::days(14 * k)).to_string(), "end": (start + Duration::days(14 * k + 13)).to_string() });
    assert_eq!(
        body.pointer("/data/pictureCadence/missedPeriods"),
        Some(&json!([period(1), period(3)]))
    );
    assert_eq!(
        code(&app.gql_as(Some(OUTSIDER), q, json!({ "c": partnership })).await?),
        "NOT_FOUND"
    );
    Ok(())
}

#[tokio::test]
async fn good_practices_are_shared_with_a_network_and_found_by_tag_and_text() -> anyhow::Result<()>
{
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let share = "mutation($input: ShareGoodPracticeInput!) { shareGoodPractice(input: $input) { id tags } }";
    let input = json!({ "councilId": w.network, "title": "Trygghetsvandringar med skolor", "problem": "Unga kände sig otrygga vid busshållplatser", "whatWasDone": "Skolvandringar och ny belysning", "result": "Färre anmälningar", "contact": "trygghet@gavle.example", "tags": ["Trygghetsvandring", "belysning"] });
    let body = app.gql_as(Some(AUTHOR), share, json!({ "input": input })).await?;
    assert_eq!(
        body.pointer("/data/shareGoodPractice/tags"),
        Some(&json!(["belysning", "trygghetsvandring"]))
    );
    assert_eq!(
        code(&app.gql_as(Some(COUNCIL_MEMBER), share, json!({ "input": input })).await?),
        "NOT_FOUND",
        "not in the network"
    );
    let q = "query($t: String, $s: String) { goodPractices(tag: $t, search: $s) { edges { node { title organisation { name } } } } }";
    let titles = |b: &Value| {
        b.pointer("/data/goodPractices/edges").and_then(Value::as_array).map_or(0, Vec::len)
    };
    assert_eq!(
        titles(&app.gql_as(Some(NETWORK_PARTNER), q, json!({ "t": "belysning" })).await?),
        1
    );
    assert_eq!(
        titles(&app.gql_as(Some(NETWORK_PARTNER), q, json!({ "s": "SKOLVANDRINGAR" })).await?),
        1
    );
    assert_eq!(
        titles(&app.gql_as(Some(NETWORK_PARTNER), q, json!({ "t": "narkotika" })).await?),
        0
    );
    assert_eq!(
        titles(&app.gql_as(Some(NETWORK_PARTNER), q, json!({ "s": "%" })).await?),
        0,
        "wildcards are literal"
    );
    assert_eq!(
        titles(&app.gql_as(Some(COUNCIL_MEMBER), q, json!({})).await?),
        0,
        "not shared with them"
    );
    Ok(())
}

/// Upper bound on statements for the regional view, whatever the number of members:
/// authentication (5), the reader's organisations and memberships (2), the network, its
/// members, the readable pictures, the access log, the entries, then organisations by
/// loader; loaders may or may not share a batch, hence the margin.
const MAX_REGIONAL_STATEMENTS: usize = 16;

#[tokio::test]
async fn the_regional_view_uses_a_bounded_number_of_statements() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let admin = app.login(ADMIN).await?;
    let reader = app.login(AUTHOR).await?;
    let q = "query($c: ID!) { regionalView(councilId: $c) { organisation { name } picture { id area author { name } } categories { category rising stable falling } } }";
    let mut counts = vec![];
    let mut columns = vec![];
    for round in 0..2 {
        if round == 1 {
            // Six more members, each with a published open picture of several places.
            let email = "natverk@example.org";
            let mut orgs = vec![];
            for i in 0..6 {
                let o = org(&app, &admin, &format!("Kommun {i}"), "MUNICIPALITY").await?;
                join(&app, &admin, &w.network, &o, "MEMBER").await?;
                orgs.push(o);
            }
            user_for(&app, &admin, email, &orgs[0]).await?;
            let user = app.user_id(email).await?;
            for o in &orgs[1..] {
                app.gql(Some(&admin), "mutation($u: ID!, $o: ID!) { addAffiliation(userId: $u, organisationId: $o) { id } }", json!({ "u": user, "o": o })).await?;
            }
            let token = app.login(email).await?;
            for (i, o) in orgs.iter().enumerate() {
                let mut entries = vec![];
                for p in 0..4 {
                    let body = app
                        .gql(Some(&token), CREATE_PLACE, json!({ "input": { "organisationId": o, "name": format!("Plats {i}-{p}"), "latitude": 59.0, "longitude": 17.0 } }))
                        .await?;
                    entries.push(json!({ "placeId": str_at(&body, "/data/createPlace/id")?, "category": if p % 2 == 0 { "VANDALISM" } else { "VIOLENCE" }, "trend": "FALLING", "perceivedSafety": 3 }));
                }
                let input = json!({ "organisationId": o, "area": format!("Kommun {i}"), "periodStart": "2026-01-01", "periodEnd": "2026-12-31", "classification": "OPEN", "summary": "Årlig lägesbild", "councilIds": [w.network], "entries": entries });
                let body = app.gql(Some(&token), CREATE_PICTURE, json!({ "input": input })).await?;
                let id = str_at(&body, "/data/createSituationPicture/id")?;
                app.gql(
                    Some(&token),
                    "mutation($id: ID!) { publishSituationPicture(id: $id) { id } }",
                    json!({ "id": id }),
                )
                .await?;
            }
        }
        let before = app.statement_count();
        let body = app.gql(Some(&reader), q, json!({ "c": w.network })).await?;
        anyhow::ensure!(code(&body) == "OK", "{body}");
        counts.push(app.statement_count() - before);
        let with_pictures = body
            .pointer("/data/regionalView")
            .and_then(Value::as_array)
            .map_or(0, |c| c.iter().filter(|x| !x["picture"].is_null()).count());
        columns.push(with_pictures);
        if round == 1 {
            let kommun0 = body
                .pointer("/data/regionalView")
                .and_then(Value::as_array)
                .and_then(|c| c.iter().find(|x| x["organisation"]["name"] == "Kommun 0").cloned())
                .unwrap_or_default();
            assert_eq!(
                kommun0["categories"],
                json!([{ "category": "VANDALISM", "rising": 0, "stable": 0, "falling": 2 }, { "category": "VIOLENCE", "rising": 0, "stable": 0, "falling": 2 }])
            );
        }
    }
    eprintln!("regional view: {counts:?} statements for {columns:?} member pictures");
    assert!(columns[1] >= columns[0] + 6, "{columns:?}");
    for n in counts {
        assert!(n <= MAX_REGIONAL_STATEMENTS, "{n} statements (bound {MAX_REGIONAL_STATEMENTS})");
    }
    Ok(())
}

/// A member whose latest picture is older than a great many of another member's still
/// has its column: the latest picture per member is found in the database, not among
/// the newest thousand.
#[tokio::test]
async fn the_regional_view_finds_every_members_latest_picture() -> anyhow::Result<()> {
    use entity::{picture_share, situation_picture};
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let admin = app.login(ADMIN).await?;
    let reader = app.login(AUTHOR).await?;
    let email = "natverk@example.org";
    let a = org(&app, &admin, "Kommun A", "MUNICIPALITY").await?;
    let b = org(&app, &admin, "Kommun B", "MUNICIPALITY").await?;
    join(&app, &admin, &w.network, &a, "MEMBER").await?;
    join(&app, &admin, &w.network, &b, "MEMBER").await?;
    user_for(&app, &admin, email, &a).await?;
    let token = app.login(email).await?;
    let body = app
        .gql(Some(&token), CREATE_PLACE, json!({ "input": { "organisationId": a, "name": "Torget", "latitude": 59.0, "longitude": 17.0 } }))
        .await?;
    let place = str_at(&body, "/data/createPlace/id")?;
    let input = json!({ "organisationId": a, "area": "Kommun A", "periodStart": "2026-01-01", "periodEnd": "2026-06-30", "classification": "OPEN", "summary": "Lägesbild", "councilIds": [w.network], "entries": [{ "placeId": place, "category": "VIOLENCE", "trend": "RISING", "perceivedSafety": 2 }] });
    let body = app.gql(Some(&token), CREATE_PICTURE, json!({ "input": input })).await?;
    let id = str_at(&body, "/data/createSituationPicture/id")?;
    let body = app
        .gql(
            Some(&token),
            "mutation($id: ID!) { publishSituationPicture(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    // 1,200 newer open pictures of B, written straight into the database.
    let author = uuid::Uuid::from_str(&app.user_id(email).await?)?;
    let (b_id, network) = (uuid::Uuid::from_str(&b)?, uuid::Uuid::from_str(&w.network)?);
    let now = Utc::now();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let ids: Vec<uuid::Uuid> = (0..1200).map(|_| uuid::Uuid::now_v7()).collect();
    for (n, chunk) in ids.chunks(200).enumerate() {
        let pictures = chunk.iter().enumerate().map(|(i, id)| {
            let k = (n * 200 + i) as i64;
            situation_picture::ActiveModel {
                id: Set(*id),
                author_organisation_id: Set(b_id),
                area: Set(format!("B {k}")),
                period_start: Set(day),
                period_end: Set(day),
                status: Set(entity::enums::PictureStatus::Published),
                classification: Set(entity::enums::Classification::Open),
                summary: Set("Lägesbild".to_owned()),
                partnership_council_id: Set(None),
                published_at: Set(Some(now + Duration::minutes(k + 1))),
                superseded_by: Set(None),
                created_by: Set(author),
                created_at: Set(now),
                updated_at: Set(now),
            }
        });
        situation_picture::Entity::insert_many(pictures).exec_without_returning(&app.db).await?;
        let shares = chunk.iter().map(|id| picture_share::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            picture_id: Set(*id),
            council_id: Set(Some(network)),
            organisation_id: Set(None),
        });
        picture_share::Entity::insert_many(shares).exec_without_returning(&app.db).await?;
    }
    let body = app
        .gql(Some(&reader), "query($c: ID!) { regionalView(councilId: $c) { organisation { name } picture { area } } }", json!({ "c": w.network }))
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    let area = |name: &str| {
        body.pointer("/data/regionalView")
            .and_then(Value::as_array)
            .and_then(|c| c.iter().find(|x| x["organisation"]["name"] == name))
            .map(|x| x["picture"]["area"].clone())
    };
    assert_eq!(area("Kommun A"), Some(json!("Kommun A")), "{body}");
    assert_eq!(area("Kommun B"), Some(json!("B 1199")), "{body}");
    Ok(())
}

#[tokio::test]
async fn publishing_the_next_picture_supersedes_the_previous_one() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(AUTHOR).await?;
    let network = app.council_id(NETWORK).await?;
    let mut ids = vec![];
    for week in ["2026-10-01", "2026-10-15"] {
        let input = json!({ "area": "Gävle kommun", "periodStart": week, "periodEnd": week, "classification": "OPEN", "summary": "Lägesbild", "councilIds": [network] });
        let body = app.gql(Some(&token), CREATE_PICTURE, json!({ "input": input })).await?;
        let id = str_at(&body, "/data/createSituationPicture/id")?;
        let published = app
            .gql(
                Some(&token),
                "mutation($id: ID!) { publishSituationPicture(id: $id) { status } }",
                json!({ "id": id }),
            )
            .await?;
        assert_eq!(str_at(&published, "/data/publishSituationPicture/status")?, "PUBLISHED");
        ids.push(id);
    }
    let q = "query($id: ID!) { situationPicture(id: $id) { status } }";
    assert_eq!(
        str_at(
            &app.gql(Some(&token), q, json!({ "id": ids[0] })).await?,
            "/data/situationPicture/status"
        )?,
        "SUPERSEDED"
    );
    assert_eq!(
        str_at(
            &app.gql(Some(&token), q, json!({ "id": ids[1] })).await?,
            "/data/situationPicture/status"
        )?,
        "PUBLISHED"
    );
    // Publishing twice, or someone else's picture, is refused.
    let publish = "mutation($id: ID!) { publishSituationPicture(id: $id) { status } }";
    assert_eq!(code(&app.gql(Some(&token), publish, json!({ "id": ids[1] })).await?), "CONFLICT");
    assert_eq!(
        code(&app.gql_as(Some(RECIPIENT), publish, json!({ "id": ids[1] })).await?),
        "NOT_FOUND"
    );
    // Drafts are the author's alone.
    let input = json!({ "area": "Gävle kommun", "periodStart": "2026-11-01", "periodEnd": "2026-11-14", "classification": "OPEN", "summary": "Utkast", "councilIds": [network] });
    let draft = str_at(
        &app.gql(Some(&token), CREATE_PICTURE, json!({ "input": input })).await?,
        "/data/createSituationPicture/id",
    )?;
    assert_eq!(code(&app.gql_as(Some(RECIPIENT), q, json!({ "id": draft })).await?), "NOT_FOUND");
    Ok(())
}

#[tokio::test]
async fn situation_mutations_need_a_signed_in_user_who_acts_for_an_organisation()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let body = app
        .gql(
            Some(&admin),
            "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
            json!({ "input": { "email": "utan-organisation@example.org", "displayName": "Utan organisation", "password": seed_password() } }),
        )
        .await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    let loner = app.login("utan-organisation@example.org").await?;
    let author = app.login(AUTHOR).await?;
    let place_id = place(&app, &author, "Rådhuset", 60.67, 17.14).await?;
    let network = app.council_id(NETWORK).await?;
    let gavle = app.organisation_id("Gävle kommun").await?;
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            CREATE_PLACE,
            json!({ "input": { "name": "X", "latitude": 60.0, "longitude": 17.0 } }),
            "FORBIDDEN",
        ),
        (
            CREATE_PICTURE,
            json!({ "input": { "area": "X", "periodStart": "2026-10-01", "periodEnd": "2026-10-02", "classification": "OPEN", "summary": "x", "councilIds": [network] } }),
            "FORBIDDEN",
        ),
        (
            "mutation($p: ID!) { recordPlaceFollowUp(placeId: $p, followedUpOn: \"2026-10-01\") { followedUpOn } }",
            json!({ "p": place_id }),
            "NOT_FOUND",
        ),
        (
            "mutation($to: ID!) { createInfoRequest(toOrganisationId: $to, topic: \"x\", dueOn: \"2099-01-01\") { id } }",
            json!({ "to": gavle }),
            "FORBIDDEN",
        ),
        (
            "mutation($c: ID!) { shareGoodPractice(input: { councilId: $c, title: \"x\", problem: \"x\", whatWasDone: \"x\", result: \"x\", contact: \"x\" }) { id } }",
            json!({ "c": network }),
            "FORBIDDEN",
        ),
        (
            "mutation($c: ID!) { setPictureCadence(councilId: $c, intervalDays: 14, startsOn: \"2026-01-01\") }",
            json!({ "c": network }),
            "NOT_FOUND",
        ),
    ];
    let tables = [
        "place",
        "situation_picture",
        "place_follow_up",
        "info_request",
        "good_practice",
        "picture_cadence",
    ];
    for (query, vars, expected) in &cases {
        let label = format!("{query:.50}");
        app.assert_refused(
            &format!("anonymous {label}"),
            None,
            query,
            vars.clone(),
            ("UNAUTHENTICATED", None),
            &tables,
        )
        .await?;
        app.assert_refused(
            &format!("no organisation {label}"),
            Some(&loner),
            query,
            vars.clone(),
            (expected, None),
            &tables,
        )
        .await?;
    }
    // Reading: nothing at all.
    let body = app.gql(Some(&loner), "{ situationPictureCount places { edges { node { id } } } infoRequests { nodes { id } } goodPractices { edges { node { id } } } }", json!({})).await?;
    assert_eq!(body.pointer("/data/situationPictureCount"), Some(&json!(0)));
    assert_eq!(body.pointer("/data/places/edges"), Some(&json!([])));
    assert_eq!(body.pointer("/data/infoRequests/nodes"), Some(&json!([])));
    assert_eq!(body.pointer("/data/goodPractices/edges"), Some(&json!([])));
    Ok(())
}

#[tokio::test]
async fn partners_of_the_partnership_record_follow_ups_of_its_joint_places() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let w = world(&app).await?;
    let author = app.login(AUTHOR).await?;
    // A joint picture of the partnership (police and municipality) names the station.
    let input = json!({ "area": "Gävle (gemensam)", "periodStart": "2026-10-15", "periodEnd": "2026-10-28", "classification": "COUNCIL", "summary": "Gemensam lägesbild", "councilIds": [w.partnership], "partnershipCouncilId": w.partnership, "entries": [{ "placeId": w.places["council"], "category": "DRUG_DEALING", "trend": "STABLE", "perceivedSafety": 3 }] });
    publish(&app, &author, input).await?;
    let record = "mutation($p: ID!) { recordPlaceFollowUp(placeId: $p, followedUpOn: \"2026-10-30\", note: \"Polisen följde upp\") { followedUpOn } }";
    let police = app.login(RECIPIENT).await?;
    let body = app.gql(Some(&police), record, json!({ "p": w.places["council"] })).await?;
    assert_eq!(code(&body), "OK", "the police in the partnership: {body}");
    // A place of the network's open picture is no partnership's: a network partner who
    // reads it may not record its follow-ups.
    let network = app.login(NETWORK_PARTNER).await?;
    let body = app.gql(Some(&network), record, json!({ "p": w.places["open"] })).await?;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
    Ok(())
}

#[tokio::test]
async fn the_network_view_is_the_same_for_every_partner_with_each_classification_shown()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let network = app.council_id(NETWORK).await?;
    let q = "query($c: ID!) { regionalView(councilId: $c) { organisation { name } picture { area classification } alsoForYou { area classification } } }";
    let gavle = |body: &Value, field: &str| {
        body.pointer("/data/regionalView")
            .and_then(Value::as_array)
            .and_then(|cols| cols.iter().find(|c| c["organisation"]["name"] == "Gävle kommun"))
            .map(|c| c[field].clone())
            .unwrap_or(Value::Null)
    };
    // The demo's Gävle published an open picture for the network and, later, a
    // restricted one for the police.
    let police = app.gql_as(Some(RECIPIENT), q, json!({ "c": network })).await?;
    let analyst = app.gql_as(Some(AUTHOR), q, json!({ "c": network })).await?;
    assert_eq!(code(&police), "OK", "{police}");
    assert_eq!(gavle(&police, "picture"), gavle(&analyst, "picture"));
    assert_eq!(gavle(&police, "picture")["classification"], json!("OPEN"), "{police}");
    assert_eq!(gavle(&police, "alsoForYou")["classification"], json!("RESTRICTED"), "{police}");
    // The shared columns do not depend on who looks.
    let shared = |body: &Value| -> Vec<Value> {
        body.pointer("/data/regionalView")
            .and_then(Value::as_array)
            .map(|cols| cols.iter().map(|c| c["picture"].clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(shared(&police), shared(&analyst));
    Ok(())
}
