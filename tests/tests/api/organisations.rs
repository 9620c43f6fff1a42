//! Organisations: who may read and change the directory, input rules, pagination.

use serde_json::{Value, json};

use crate::helpers::*;

const CREATE: &str = "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name kind municipalityCode parent { name } } }";
const UPDATE: &str = "mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id name parent { name } } }";

#[tokio::test]
async fn only_a_platform_admin_creates_organisations() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    for (role, email) in ROLES {
        let before = app.snapshot("organisation").await?;
        let input = json!({ "name": format!("Föreningen {role}"), "kind": "CIVIL_SOCIETY" });
        let body = app.gql_as(*email, CREATE, json!({ "input": input })).await?;
        let expected = admin_only(*role);
        assert_eq!(code(&body), expected, "{role}");
        if expected != "OK" {
            assert_eq!(app.snapshot("organisation").await?, before, "{role} changed organisations");
        } else {
            assert_eq!(
                str_at(&body, "/data/createOrganisation/name")?,
                format!("Föreningen {role}")
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn only_a_platform_admin_updates_organisations() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.organisation_id("Göteborgs Stadsmission").await?;
    for (role, email) in ROLES {
        let before = app.snapshot("organisation").await?;
        let body = app
            .gql_as(
                *email,
                UPDATE,
                json!({ "id": id, "input": { "name": format!("Stadsmissionen ({role})") } }),
            )
            .await?;
        let expected = admin_only(*role);
        assert_eq!(code(&body), expected, "{role}");
        if expected != "OK" {
            assert_eq!(app.snapshot("organisation").await?, before, "{role} changed organisations");
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_local_police_area_belongs_to_its_police_region() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let region = app.organisation_id("Polisregion Mitt").await?;
    let input = json!({ "name": "Lokalpolisområde Sandviken", "kind": "LOCAL_POLICE_AREA", "parentId": region });
    let body = app.gql_as(Some(ADMIN), CREATE, json!({ "input": input })).await?;
    assert_eq!(str_at(&body, "/data/createOrganisation/parent/name")?, "Polisregion Mitt");
    Ok(())
}

#[tokio::test]
async fn bad_organisation_input_is_refused_and_changes_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let unknown = uuid::Uuid::now_v7().to_string();
    let cases = [
        ("empty name", json!({ "name": "   ", "kind": "BUSINESS" }), "BAD_USER_INPUT", "name"),
        (
            "over-long name",
            json!({ "name": "x".repeat(201), "kind": "BUSINESS" }),
            "BAD_USER_INPUT",
            "name",
        ),
        (
            "bad code",
            json!({ "name": "Sandvikens kommun", "kind": "MUNICIPALITY", "municipalityCode": "21a" }),
            "BAD_USER_INPUT",
            "municipalityCode",
        ),
        (
            "code on a company",
            json!({ "name": "Företaget AB", "kind": "BUSINESS", "municipalityCode": "2180" }),
            "BAD_USER_INPUT",
            "municipalityCode",
        ),
        (
            "unknown parent",
            json!({ "name": "Lokalpolisområde X", "kind": "LOCAL_POLICE_AREA", "parentId": unknown }),
            "BAD_USER_INPUT",
            "parentId",
        ),
        (
            "malformed parent",
            json!({ "name": "Lokalpolisområde Y", "kind": "LOCAL_POLICE_AREA", "parentId": "nope" }),
            "BAD_USER_INPUT",
            "parentId",
        ),
        (
            "duplicate name",
            json!({ "name": "Gävle kommun", "kind": "MUNICIPALITY" }),
            "CONFLICT",
            "name",
        ),
    ];
    for (case, input, expected, field) in cases {
        let vars = json!({ "input": input });
        app.assert_refused(
            case,
            Some(&token),
            CREATE,
            vars,
            (expected, Some(field)),
            &["organisation"],
        )
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn updating_an_unknown_organisation_is_not_found() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let body = app
        .gql_as(
            Some(ADMIN),
            UPDATE,
            json!({ "id": uuid::Uuid::now_v7().to_string(), "input": { "name": "X" } }),
        )
        .await?;
    assert_eq!(code(&body), "NOT_FOUND");
    Ok(())
}

#[tokio::test]
async fn an_organisation_cannot_become_its_own_ancestor() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let region = app.organisation_id("Polisregion Mitt").await?;
    let area = app.organisation_id("Lokalpolisområde Gästrikland").await?;
    let before = app.snapshot("organisation").await?;
    let body = app
        .gql_as(Some(ADMIN), UPDATE, json!({ "id": region, "input": { "parentId": area } }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    let body = app
        .gql_as(Some(ADMIN), UPDATE, json!({ "id": region, "input": { "parentId": region } }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(app.snapshot("organisation").await?, before);
    Ok(())
}

#[tokio::test]
async fn the_directory_is_read_by_signed_in_users_only() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let q = "{ organisations(first: 3) { edges { node { name } } } }";
    assert_eq!(code(&app.gql_as(None, q, json!({})).await?), "UNAUTHENTICATED");
    let body = app.gql_as(Some(OUTSIDER), q, json!({})).await?;
    assert_eq!(
        body.pointer("/data/organisations/edges").and_then(Value::as_array).map(Vec::len),
        Some(3)
    );
    Ok(())
}

#[tokio::test]
async fn organisations_page_by_name_with_cursors() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(MEMBER).await?;
    let q = "query($after: String) { organisations(first: 4, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
    let mut names = vec![];
    let mut after = Value::Null;
    for _ in 0..20 {
        let body = app.gql(Some(&token), q, json!({ "after": after })).await?;
        let page = body.pointer("/data/organisations").cloned().unwrap_or_default();
        for edge in page.pointer("/edges").and_then(Value::as_array).cloned().unwrap_or_default() {
            names.push(str_at(&edge, "/node/name")?);
        }
        if page.pointer("/pageInfo/hasNextPage") != Some(&json!(true)) {
            break;
        }
        after = page.pointer("/pageInfo/endCursor").cloned().unwrap_or_default();
    }
    assert_eq!(names.len() as i64, app.count("organisation").await?);
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "a name was returned twice");
    Ok(())
}

#[tokio::test]
async fn page_size_and_cursor_are_validated() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(MEMBER).await?;
    for (first, after) in [
        (json!(0), Value::Null),
        (json!(101), Value::Null),
        (json!(-5), Value::Null),
        (json!(5), json!("garbage")),
    ] {
        let body = app
            .gql(Some(&token), "query($f: Int, $a: String) { organisations(first: $f, after: $a) { edges { cursor } } }", json!({ "f": first, "a": after }))
            .await?;
        assert_eq!(code(&body), "BAD_USER_INPUT", "first={first} after={after}");
    }
    Ok(())
}

#[tokio::test]
async fn one_organisation_by_id() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let id = app.organisation_id("Lokalpolisområde Gästrikland").await?;
    let q = "query($id: ID!) { organisation(id: $id) { name kind parent { name } } }";
    for (role, email) in ROLES {
        let body = app.gql_as(*email, q, json!({ "id": id })).await?;
        if email.is_none() {
            assert_eq!(code(&body), "UNAUTHENTICATED", "{role}");
        } else {
            assert_eq!(
                str_at(&body, "/data/organisation/parent/name")?,
                "Polisregion Mitt",
                "{role}"
            );
            assert_eq!(str_at(&body, "/data/organisation/kind")?, "LOCAL_POLICE_AREA");
        }
    }
    for id in [json!(uuid::Uuid::now_v7().to_string()), json!("not-an-id")] {
        let body = app.gql_as(Some(MEMBER), q, json!({ "id": id })).await?;
        assert_eq!(code(&body), "NOT_FOUND");
    }
    Ok(())
}
