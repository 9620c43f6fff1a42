//! No N+1: the number of SQL statements of a nested query does not grow with the rows.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

/// Upper bound on the statements of [`NESTED`], whatever the number of rows.
const MAX_STATEMENTS: usize = 14;

const NESTED: &str = "{ councils(first: 100) { edges { node { name host { name } memberships { role organisation { name parent { name parent { name } } } } seats { user { displayName } organisation { name } } } } } }";

/// Builds `councils` councils with `members` member organisations each; every member
/// has a parent, and the parent a parent of its own.
async fn world(app: &TestApp, admin: &str, councils: usize, members: usize) -> anyhow::Result<()> {
    let create_org =
        "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }";
    let tag = Uuid::now_v7().simple().to_string();
    let mut grandparent_ids = vec![];
    let mut parent_ids = vec![];
    for i in 0..members {
        let body = app.gql(Some(admin), create_org, json!({ "input": { "name": format!("Polisregion {tag}-{i}"), "kind": "POLICE_REGION" } })).await?;
        grandparent_ids.push(str_at(&body, "/data/createOrganisation/id")?);
        let body = app
            .gql(Some(admin), create_org, json!({ "input": { "name": format!("Polisområde {tag}-{i}"), "kind": "LOCAL_POLICE_AREA", "parentId": grandparent_ids[i] } }))
            .await?;
        parent_ids.push(str_at(&body, "/data/createOrganisation/id")?);
    }
    for c in 0..councils {
        let host = app
            .gql(
                Some(admin),
                create_org,
                json!({ "input": { "name": format!("Kommun {tag}-{c}"), "kind": "MUNICIPALITY" } }),
            )
            .await?;
        let host = str_at(&host, "/data/createOrganisation/id")?;
        let council = app
            .gql(
                Some(admin),
                "mutation($input: CreateCouncilInput!) { createCouncil(input: $input) { id } }",
                json!({ "input": { "name": format!("Råd {tag}-{c}"), "kind": "SAFETY_COUNCIL", "hostOrganisationId": host, "meetingsPerYear": 4 } }),
            )
            .await?;
        let council = str_at(&council, "/data/createCouncil/id")?;
        for (i, parent) in parent_ids.iter().enumerate() {
            let org = app
                .gql(Some(admin), create_org, json!({ "input": { "name": format!("Grupp {tag}-{c}-{i}"), "kind": "LOCAL_POLICE_AREA", "parentId": parent } }))
                .await?;
            let org = str_at(&org, "/data/createOrganisation/id")?;
            let added = app
                .gql(
                    Some(admin),
                    "mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }",
                    json!({ "input": { "councilId": council, "organisationId": org, "role": "MEMBER" } }),
                )
                .await?;
            anyhow::ensure!(code(&added) == "OK", "{added}");
        }
    }
    Ok(())
}

async fn count_nested(app: &TestApp, token: &str) -> anyhow::Result<(usize, usize)> {
    let before = app.statement_count();
    let body = app.gql(Some(token), NESTED, json!({})).await?;
    anyhow::ensure!(code(&body) == "OK", "{body}");
    let statements = app.statement_count() - before;
    let memberships: usize = body
        .pointer("/data/councils/edges")
        .and_then(Value::as_array)
        .map(|edges| {
            edges
                .iter()
                .map(|e| {
                    e.pointer("/node/memberships").and_then(Value::as_array).map_or(0, Vec::len)
                })
                .sum()
        })
        .unwrap_or_default();
    Ok((statements, memberships))
}

#[tokio::test]
async fn nested_council_query_uses_a_constant_number_of_statements() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;

    world(&app, &admin, 2, 2).await?;
    let (small, small_rows) = count_nested(&app, &admin).await?;

    world(&app, &admin, 8, 6).await?;
    let (large, large_rows) = count_nested(&app, &admin).await?;

    assert!(large_rows >= small_rows * 3, "the data did not grow: {small_rows} → {large_rows}");
    eprintln!("statements: {small} for {small_rows} memberships, {large} for {large_rows}");
    // Authentication takes 4 statements, the query one per loader level (councils,
    // hosts, memberships, seats, organisations, parents, grandparents, users). DataLoader
    // batches by time, so two levels that resolve close together may share a statement
    // or not: the count is bounded, not exact. With one statement per row the large
    // world alone would need over 80.
    for (size, n) in [("small", small), ("large", large)] {
        assert!(n <= MAX_STATEMENTS, "{size} world: {n} statements (bound {MAX_STATEMENTS})");
    }
    Ok(())
}
