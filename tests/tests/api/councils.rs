//! Councils, memberships and seats: visibility per role, management per role, input
//! rules and history.

use serde_json::{Value, json};

use crate::helpers::*;

const GBG: &str = "Göteborgs Stads trygghetsråd";
const GAVLE: &str = "Medborgarlöften Gävle";
const NETWORK: &str = "Brottsförebyggande samverkan Gävle–Uppsala–Västerås";

const UPDATE: &str = "mutation($id: ID!, $input: UpdateCouncilInput!) { updateCouncil(id: $id, input: $input) { id description } }";
const ADD_MEMBERSHIP: &str = "mutation($input: AddMembershipInput!) { addMembership(input: $input) { id role organisation { name } } }";
const END_MEMBERSHIP: &str =
    "mutation($id: ID!, $on: NaiveDate) { endMembership(id: $id, leftOn: $on) { id leftOn } }";
const ASSIGN_SEAT: &str = "mutation($input: AssignSeatInput!) { assignSeat(input: $input) { id role user { displayName } } }";
const END_SEAT: &str = "mutation($id: ID!) { endSeat(id: $id) { id endedOn } }";

/// Expected outcome of managing Göteborg's council, per role.
fn manage(role: Role) -> &'static str {
    match role {
        Role::Admin | Role::Secretariat => "OK",
        Role::Anonymous => "UNAUTHENTICATED",
        // A change refused on a real council answers as one on an unknown id.
        _ => "NOT_FOUND",
    }
}

async fn new_user(app: &TestApp, admin: &str, email: &str) -> anyhow::Result<String> {
    let body = app
        .gql(
            Some(admin),
            "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
            json!({ "input": { "email": email, "displayName": email, "password": "ett-långt-lösenord" } }),
        )
        .await?;
    str_at(&body, "/data/createUser/id")
}

async fn new_org(app: &TestApp, admin: &str, name: &str) -> anyhow::Result<String> {
    let body = app
        .gql(
            Some(admin),
            "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }",
            json!({ "input": { "name": name, "kind": "CIVIL_SOCIETY" } }),
        )
        .await?;
    str_at(&body, "/data/createOrganisation/id")
}

async fn membership_id(app: &TestApp, council: &str, org_name: &str) -> anyhow::Result<String> {
    let body = app
        .gql_as(
            Some(ADMIN),
            "query($id: ID!) { council(id: $id) { memberships { id organisation { name } } } }",
            json!({ "id": council }),
        )
        .await?;
    body.pointer("/data/council/memberships")
        .and_then(Value::as_array)
        .and_then(|ms| {
            ms.iter().find(|m| m.pointer("/organisation/name") == Some(&json!(org_name)))
        })
        .and_then(|m| m.get("id").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| anyhow::anyhow!("no membership for {org_name}"))
}

fn names(body: &Value, pointer: &str) -> Vec<String> {
    body.pointer(pointer)
        .and_then(Value::as_array)
        .map(|edges| {
            edges
                .iter()
                .filter_map(|e| e.pointer("/node/name").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_council_is_visible_only_to_those_who_sit_in_it() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.council_id(GBG).await?;
    let q = "query($id: ID!) { council(id: $id) { name myAccess memberships { role } } }";
    for (role, email) in ROLES {
        let body = app.gql_as(*email, q, json!({ "id": id })).await?;
        let (expected, access) = match *role {
            Role::Admin | Role::Secretariat => ("OK", Some("MANAGE")),
            Role::Chair | Role::Member => ("OK", Some("MEMBER")),
            Role::Advisory => ("OK", Some("ADVISORY")),
            Role::Anonymous => ("UNAUTHENTICATED", None),
            _ => ("NOT_FOUND", None),
        };
        assert_eq!(code(&body), expected, "{role}");
        assert_eq!(
            body.pointer("/data/council/myAccess").and_then(Value::as_str),
            access,
            "{role}"
        );
        if expected == "NOT_FOUND" {
            // Indistinguishable from a council that does not exist.
            let missing =
                app.gql_as(*email, q, json!({ "id": uuid::Uuid::now_v7().to_string() })).await?;
            assert_eq!(
                missing.get("errors").map(|e| e[0]["message"].clone()),
                body.get("errors").map(|e| e[0]["message"].clone())
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_council_list_holds_only_the_actors_councils() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let q = "{ councils(first: 10) { edges { node { name } } } }";
    let cases: [(&str, Vec<&str>); 5] = [
        (ADMIN, vec![NETWORK, GBG, GAVLE]),
        (SECRETARIAT, vec![GBG]),
        (ADVISORY, vec![GBG]),
        (OTHER_SECRETARIAT, vec![NETWORK, GAVLE]),
        (OUTSIDER, vec![]),
    ];
    for (email, expected) in cases {
        let body = app.gql_as(Some(email), q, json!({})).await?;
        let mut got = names(&body, "/data/councils/edges");
        got.sort();
        let mut expected: Vec<String> = expected.into_iter().map(str::to_owned).collect();
        expected.sort();
        assert_eq!(got, expected, "{email}");
    }
    assert_eq!(code(&app.gql_as(None, q, json!({})).await?), "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn advisory_bodies_see_memberships_but_not_seats_or_history() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.council_id(GBG).await?;
    let token = app.login(ADVISORY).await?;
    let body = app
        .gql(
            Some(&token),
            "query($id: ID!) { council(id: $id) { memberships { organisation { name } } } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(
        body.pointer("/data/council/memberships").and_then(Value::as_array).map(Vec::len),
        Some(13)
    );
    let body = app
        .gql(
            Some(&token),
            "query($id: ID!) { council(id: $id) { seats { id } } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(code(&body), "FORBIDDEN");
    let body = app
        .gql(
            Some(&token),
            "query($id: ID!) { council(id: $id) { history { edges { node { action } } } } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(code(&body), "FORBIDDEN");
    Ok(())
}

#[tokio::test]
async fn only_the_secretariat_and_admins_read_the_history() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.council_id(GBG).await?;
    // Make one change so the history has an entry.
    app.gql_as(
        Some(SECRETARIAT),
        UPDATE,
        json!({ "id": id, "input": { "description": "Nytt tema: mäns våld mot kvinnor" } }),
    )
    .await?;
    let q = "query($id: ID!) { council(id: $id) { history(first: 100) { edges { node { action actor { displayName } } } } } }";
    for (role, email) in ROLES {
        let body = app.gql_as(*email, q, json!({ "id": id })).await?;
        let expected = match *role {
            Role::Admin | Role::Secretariat => "OK",
            Role::Anonymous => "UNAUTHENTICATED",
            Role::Chair | Role::Member | Role::Advisory => "FORBIDDEN",
            _ => "NOT_FOUND",
        };
        assert_eq!(code(&body), expected, "{role}");
        if expected == "OK" {
            // The demo data was made through the services, so the history opens with
            // the council's creation by the platform; the change above is the last entry.
            let edges = body
                .pointer("/data/council/history/edges")
                .and_then(Value::as_array)
                .ok_or_else(|| anyhow::anyhow!("no history: {body}"))?;
            assert_eq!(edges[0]["node"]["action"], "council.create", "{body}");
            let last = edges.last().map(|e| &e["node"]);
            assert_eq!(
                last.map(|n| (&n["action"], &n["actor"]["displayName"])),
                Some((&json!("council.update"), &json!("Maria Lindqvist"))),
                "{body}"
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn only_a_platform_admin_creates_councils() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let host = app.organisation_id("Uppsala kommun").await?;
    let q = "mutation($input: CreateCouncilInput!) { createCouncil(input: $input) { id name myAccess memberships { role organisation { name } } } }";
    for (role, email) in ROLES {
        let before = app.snapshot("council").await?;
        let input = json!({ "name": format!("Trygghetsrådet i Uppsala ({role})"), "kind": "SAFETY_COUNCIL", "hostOrganisationId": host, "meetingsPerYear": 4 });
        let body = app.gql_as(*email, q, json!({ "input": input })).await?;
        let expected = admin_only(*role);
        assert_eq!(code(&body), expected, "{role}");
        if expected == "OK" {
            assert_eq!(str_at(&body, "/data/createCouncil/memberships/0/role")?, "HOST");
            assert_eq!(
                str_at(&body, "/data/createCouncil/memberships/0/organisation/name")?,
                "Uppsala kommun"
            );
        } else {
            assert_eq!(app.snapshot("council").await?, before, "{role}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_secretariat_updates_its_council() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.council_id(GBG).await?;
    for (role, email) in ROLES {
        let before = app.snapshot("council").await?;
        let body = app
            .gql_as(
                *email,
                UPDATE,
                json!({ "id": id, "input": { "description": format!("Ändrad av {role}") } }),
            )
            .await?;
        assert_eq!(code(&body), manage(*role), "{role}");
        if manage(*role) != "OK" {
            assert_eq!(app.snapshot("council").await?, before, "{role}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_secretariat_adds_member_organisations() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let id = app.council_id(GBG).await?;
    for (role, email) in ROLES {
        let org = new_org(&app, &admin, &format!("Förening för {role}")).await?;
        let before = app.snapshot("membership").await?;
        let body = app
            .gql_as(
                *email,
                ADD_MEMBERSHIP,
                json!({ "input": { "councilId": id, "organisationId": org, "role": "MEMBER" } }),
            )
            .await?;
        assert_eq!(code(&body), manage(*role), "{role}");
        if manage(*role) != "OK" {
            assert_eq!(app.snapshot("membership").await?, before, "{role}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_secretariat_ends_memberships_and_history_is_kept() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.council_id(GBG).await?;
    let by_admin = membership_id(&app, &id, "Västsvenska Handelskammaren").await?;
    let by_secretariat = membership_id(&app, &id, "Göteborgs universitet").await?;
    let untouched = membership_id(&app, &id, "Försvarsmakten").await?;
    for (role, email) in ROLES {
        let target = match *role {
            Role::Admin => &by_admin,
            Role::Secretariat => &by_secretariat,
            _ => &untouched,
        };
        let before = app.snapshot("membership").await?;
        let body = app.gql_as(*email, END_MEMBERSHIP, json!({ "id": target })).await?;
        let expected = manage(*role);
        assert_eq!(code(&body), expected, "{role}");
        if expected != "OK" {
            assert_eq!(app.snapshot("membership").await?, before, "{role}");
        }
    }
    let token = app.login(SECRETARIAT).await?;
    let q = "query($id: ID!, $all: Boolean) { council(id: $id) { memberships(includeEnded: $all) { organisation { name } leftOn } } }";
    let open = app.gql(Some(&token), q, json!({ "id": id, "all": false })).await?;
    let all = app.gql(Some(&token), q, json!({ "id": id, "all": true })).await?;
    let count = |b: &Value| {
        b.pointer("/data/council/memberships").and_then(Value::as_array).map_or(0, Vec::len)
    };
    assert_eq!(count(&open), 11);
    assert_eq!(count(&all), 13);
    // Ending twice is a conflict.
    let body = app.gql(Some(&token), END_MEMBERSHIP, json!({ "id": by_admin })).await?;
    assert_eq!(code(&body), "CONFLICT");
    Ok(())
}

#[tokio::test]
async fn when_an_organisation_leaves_its_representatives_lose_access() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.council_id(GBG).await?;
    let police = membership_id(&app, &id, "Polisregion Väst").await?;
    let q = "query($id: ID!) { council(id: $id) { name } }";
    assert_eq!(code(&app.gql_as(Some(MEMBER), q, json!({ "id": id })).await?), "OK");
    let body = app.gql_as(Some(SECRETARIAT), END_MEMBERSHIP, json!({ "id": police })).await?;
    assert_eq!(code(&body), "OK");
    assert_eq!(code(&app.gql_as(Some(MEMBER), q, json!({ "id": id })).await?), "NOT_FOUND");
    let seats = app
        .gql_as(Some(SECRETARIAT), "query($id: ID!) { council(id: $id) { open: seats { user { displayName } } all: seats(includeEnded: true) { user { displayName } endedOn } } }", json!({ "id": id }))
        .await?;
    let holders = |key: &str| -> Vec<String> {
        seats
            .pointer(&format!("/data/council/{key}"))
            .and_then(Value::as_array)
            .map(|s| {
                s.iter()
                    .filter_map(|x| {
                        x.pointer("/user/displayName").and_then(Value::as_str).map(str::to_owned)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(!holders("open").contains(&"Karin Holm".to_owned()));
    assert!(holders("all").contains(&"Karin Holm".to_owned()));
    Ok(())
}

#[tokio::test]
async fn the_secretariat_assigns_and_ends_seats() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let id = app.council_id(GBG).await?;
    for (role, email) in ROLES {
        let user = new_user(
            &app,
            &admin,
            &format!("stol-{}@goteborg.example", role.to_string().replace([' ', '\''], "-")),
        )
        .await?;
        let before = app.snapshot("seat").await?;
        let body = app
            .gql_as(
                *email,
                ASSIGN_SEAT,
                json!({ "input": { "councilId": id, "userId": user, "role": "CHAIR" } }),
            )
            .await?;
        assert_eq!(code(&body), manage(*role), "assign as {role}");
        if manage(*role) == "OK" {
            let seat = str_at(&body, "/data/assignSeat/id")?;
            let ended = app.gql_as(*email, END_SEAT, json!({ "id": seat })).await?;
            assert_eq!(code(&ended), "OK", "end as {role}");
        } else {
            assert_eq!(app.snapshot("seat").await?, before, "{role}");
        }
    }
    // Ending someone else's seat follows the same rule.
    let chair_seat = {
        let body = app
            .gql(
                Some(&admin),
                "query($id: ID!) { council(id: $id) { seats { id role } } }",
                json!({ "id": id }),
            )
            .await?;
        body.pointer("/data/council/seats")
            .and_then(Value::as_array)
            .and_then(|s| s.iter().find(|x| x["role"] == "CHAIR"))
            .and_then(|x| x["id"].as_str().map(str::to_owned))
            .ok_or_else(|| anyhow::anyhow!("no chair seat"))?
    };
    for (role, email) in ROLES {
        if manage(*role) == "OK" {
            continue;
        }
        let before = app.snapshot("seat").await?;
        let body = app.gql_as(*email, END_SEAT, json!({ "id": chair_seat })).await?;
        assert_eq!(code(&body), manage(*role), "end as {role}");
        assert_eq!(app.snapshot("seat").await?, before, "{role}");
    }
    Ok(())
}

#[tokio::test]
async fn bad_council_input_is_refused_and_changes_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let gbg = app.council_id(GBG).await?;
    let host = app.organisation_id("Uppsala kommun").await?;
    let unknown = uuid::Uuid::now_v7().to_string();
    let create = "mutation($input: CreateCouncilInput!) { createCouncil(input: $input) { id } }";
    let cases = [
        (
            create,
            json!({ "input": { "name": "", "kind": "SAFETY_COUNCIL", "hostOrganisationId": host, "meetingsPerYear": 4 } }),
            "BAD_USER_INPUT",
            "name",
        ),
        (
            create,
            json!({ "input": { "name": "R", "kind": "SAFETY_COUNCIL", "hostOrganisationId": host, "meetingsPerYear": 0 } }),
            "BAD_USER_INPUT",
            "meetingsPerYear",
        ),
        (
            create,
            json!({ "input": { "name": "R", "kind": "SAFETY_COUNCIL", "hostOrganisationId": unknown, "meetingsPerYear": 4 } }),
            "BAD_USER_INPUT",
            "hostOrganisationId",
        ),
        (
            create,
            json!({ "input": { "name": GBG, "kind": "SAFETY_COUNCIL", "hostOrganisationId": host, "meetingsPerYear": 4 } }),
            "CONFLICT",
            "name",
        ),
        (
            UPDATE,
            json!({ "id": gbg, "input": { "meetingsPerYear": 53 } }),
            "BAD_USER_INPUT",
            "meetingsPerYear",
        ),
        (
            ADD_MEMBERSHIP,
            json!({ "input": { "councilId": gbg, "organisationId": unknown, "role": "MEMBER" } }),
            "BAD_USER_INPUT",
            "organisationId",
        ),
        (
            ADD_MEMBERSHIP,
            json!({ "input": { "councilId": gbg, "organisationId": host, "role": "HOST" } }),
            "BAD_USER_INPUT",
            "role",
        ),
        (
            ADD_MEMBERSHIP,
            json!({ "input": { "councilId": gbg, "organisationId": host, "role": "MEMBER", "joinedOn": "2999-01-01" } }),
            "BAD_USER_INPUT",
            "joinedOn",
        ),
    ];
    for (q, vars, expected, field) in cases {
        let label = vars.to_string();
        app.assert_refused(
            &label,
            Some(&admin),
            q,
            vars,
            (expected, Some(field)),
            &["council", "membership"],
        )
        .await?;
    }
    // Unknown targets are NOT_FOUND.
    let body = app
        .gql(Some(&admin), UPDATE, json!({ "id": unknown, "input": { "description": "x" } }))
        .await?;
    assert_eq!(code(&body), "NOT_FOUND");
    let body = app.gql(Some(&admin), END_MEMBERSHIP, json!({ "id": unknown })).await?;
    assert_eq!(code(&body), "NOT_FOUND");
    let body = app.gql(Some(&admin), END_SEAT, json!({ "id": unknown })).await?;
    assert_eq!(code(&body), "NOT_FOUND");
    Ok(())
}

#[tokio::test]
async fn membership_and_seat_rules_are_enforced() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let gbg = app.council_id(GBG).await?;
    let police = app.organisation_id("Polisregion Väst").await?;
    let gavle = app.organisation_id("Gävle kommun").await?;
    let outsider = app.user_id(OUTSIDER).await?;
    let member = app.user_id(MEMBER).await?;
    let before = (app.snapshot("membership").await?, app.snapshot("seat").await?);
    let cases = [
        (
            ADD_MEMBERSHIP,
            json!({ "input": { "councilId": gbg, "organisationId": police, "role": "MEMBER" } }),
            "CONFLICT",
            "already a member",
        ),
        (
            ASSIGN_SEAT,
            json!({ "input": { "councilId": gbg, "userId": outsider, "role": "REPRESENTATIVE" } }),
            "BAD_USER_INPUT",
            "representative without organisation",
        ),
        (
            ASSIGN_SEAT,
            json!({ "input": { "councilId": gbg, "userId": outsider, "role": "REPRESENTATIVE", "organisationId": police } }),
            "BAD_USER_INPUT",
            "not affiliated",
        ),
        (
            ASSIGN_SEAT,
            json!({ "input": { "councilId": gbg, "userId": member, "role": "REPRESENTATIVE", "organisationId": police } }),
            "CONFLICT",
            "seat already held",
        ),
        (
            ASSIGN_SEAT,
            json!({ "input": { "councilId": gbg, "userId": uuid::Uuid::now_v7().to_string(), "role": "CHAIR" } }),
            "BAD_USER_INPUT",
            "unknown user",
        ),
    ];
    for (q, vars, expected, case) in cases {
        let body = app.gql(Some(&admin), q, vars).await?;
        assert_eq!(code(&body), expected, "{case}");
    }
    // The organisation must be a member for its people to represent it.
    let aff = app
        .gql(
            Some(&admin),
            "mutation($u: ID!, $o: ID!) { addAffiliation(userId: $u, organisationId: $o) { id } }",
            json!({ "u": outsider, "o": gavle }),
        )
        .await?;
    assert_eq!(code(&aff), "OK");
    let body = app
        .gql(Some(&admin), ASSIGN_SEAT, json!({ "input": { "councilId": gbg, "userId": outsider, "role": "REPRESENTATIVE", "organisationId": gavle } }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!((app.snapshot("membership").await?, app.snapshot("seat").await?), before);
    Ok(())
}
