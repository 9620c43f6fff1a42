//! Users and affiliations: who may create and change them, and input rules.

use serde_json::{Value, json};

use crate::helpers::*;

const CREATE: &str = "mutation($input: CreateUserInput!) { createUser(input: $input) { id email displayName locale } }";
const UPDATE: &str = "mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id displayName disabled } }";
const ADD_AFFILIATION: &str = "mutation($u: ID!, $o: ID!, $t: String) { addAffiliation(userId: $u, organisationId: $o, title: $t) { id title organisation { name } } }";
const REMOVE_AFFILIATION: &str = "mutation($id: ID!) { removeAffiliation(id: $id) }";

#[tokio::test]
async fn only_a_platform_admin_creates_users() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    for (i, (role, email)) in ROLES.iter().enumerate() {
        let before = app.snapshot("app_user").await?;
        let input = json!({ "email": format!("ny{i}@gavle.example"), "displayName": "Ny Användare", "password": "ett-långt-lösenord" });
        let body = app.gql_as(*email, CREATE, json!({ "input": input })).await?;
        assert_eq!(code(&body), admin_only(*role), "{role}");
        if admin_only(*role) != "OK" {
            assert_eq!(app.snapshot("app_user").await?, before, "{role} changed users");
        } else {
            assert_eq!(str_at(&body, "/data/createUser/locale")?, "SV");
            // The new user can sign in.
            app.login_payload(&format!("ny{i}@gavle.example"), "ett-långt-lösenord").await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn bad_user_input_is_refused_and_changes_nothing() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let cases = [
        (
            "invalid email",
            json!({ "email": "inte-en-adress", "displayName": "A", "password": "ett-långt-lösenord" }),
            "BAD_USER_INPUT",
            "email",
        ),
        (
            "empty name",
            json!({ "email": "a@b.se", "displayName": " ", "password": "ett-långt-lösenord" }),
            "BAD_USER_INPUT",
            "displayName",
        ),
        (
            "over-long name",
            json!({ "email": "a@b.se", "displayName": "n".repeat(201), "password": "ett-långt-lösenord" }),
            "BAD_USER_INPUT",
            "displayName",
        ),
        (
            "short password",
            json!({ "email": "a@b.se", "displayName": "A", "password": "kort" }),
            "BAD_USER_INPUT",
            "password",
        ),
        (
            "duplicate email in other case",
            json!({ "email": "Polis@VAST.example", "displayName": "A", "password": "ett-långt-lösenord" }),
            "CONFLICT",
            "email",
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
            &["app_user"],
        )
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn users_change_their_own_profile_but_not_others() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let member = app.login(MEMBER).await?;
    let own = app.user_id(MEMBER).await?;
    let other = app.user_id(CHAIR).await?;
    let body = app
        .gql(
            Some(&member),
            UPDATE,
            json!({ "id": own, "input": { "displayName": "Karin H.", "locale": "EN" } }),
        )
        .await?;
    assert_eq!(str_at(&body, "/data/updateUser/displayName")?, "Karin H.");

    let before = app.snapshot("app_user").await?;
    let body = app
        .gql(Some(&member), UPDATE, json!({ "id": other, "input": { "displayName": "Hacked" } }))
        .await?;
    assert_eq!(code(&body), "NOT_FOUND");
    let body = app
        .gql(Some(&member), UPDATE, json!({ "id": own, "input": { "isPlatformAdmin": true } }))
        .await?;
    assert_eq!(code(&body), "FORBIDDEN");
    let body = app
        .gql(Some(&member), UPDATE, json!({ "id": other, "input": { "disabled": true } }))
        .await?;
    assert_eq!(code(&body), "FORBIDDEN");
    assert_eq!(app.snapshot("app_user").await?, before);
    Ok(())
}

#[tokio::test]
async fn only_an_admin_disables_users_and_never_themself() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let target = app.user_id(OUTSIDER).await?;
    for (role, email) in ROLES {
        if *role == Role::Outsider {
            continue; // disabling oneself is covered below
        }
        let body = app
            .gql_as(*email, UPDATE, json!({ "id": target, "input": { "disabled": true } }))
            .await?;
        assert_eq!(code(&body), admin_only(*role), "{role}");
        if *role == Role::Admin {
            app.gql_as(*email, UPDATE, json!({ "id": target, "input": { "disabled": false } }))
                .await?;
        }
    }
    let own = app.user_id(ADMIN).await?;
    let body = app
        .gql_as(Some(ADMIN), UPDATE, json!({ "id": own, "input": { "disabled": true } }))
        .await?;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    Ok(())
}

#[tokio::test]
async fn only_a_platform_admin_manages_affiliations() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let user = app.user_id(OUTSIDER).await?;
    let org = app.organisation_id("Gävle kommun").await?;
    let existing = {
        let admin = app.login(ADMIN).await?;
        let body = app
            .gql(
                Some(&admin),
                "query($id: ID!) { user(id: $id) { affiliations { id } } }",
                json!({ "id": user }),
            )
            .await?;
        str_at(&body, "/data/user/affiliations/0/id")?
    };
    for (role, email) in ROLES {
        let before = app.snapshot("affiliation").await?;
        let body = app
            .gql_as(*email, ADD_AFFILIATION, json!({ "u": user, "o": org, "t": "Samordnare" }))
            .await?;
        assert_eq!(code(&body), admin_only(*role), "add as {role}");
        if *role == Role::Admin {
            let id = str_at(&body, "/data/addAffiliation/id")?;
            // A second identical affiliation is a conflict.
            let again = app.gql_as(*email, ADD_AFFILIATION, json!({ "u": user, "o": org })).await?;
            assert_eq!(code(&again), "CONFLICT");
            let removed = app.gql_as(*email, REMOVE_AFFILIATION, json!({ "id": id })).await?;
            assert_eq!(str_at(&removed, "/data/removeAffiliation")?, id);
        } else {
            // Removing someone's affiliation is refused just the same.
            let removed = app.gql_as(*email, REMOVE_AFFILIATION, json!({ "id": existing })).await?;
            assert_eq!(code(&removed), admin_only(*role), "remove as {role}");
            assert_eq!(app.snapshot("affiliation").await?, before, "{role}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn removing_an_affiliation_is_refused_while_a_seat_depends_on_it() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let id = app.user_id(MEMBER).await?;
    let body = app
        .gql(
            Some(&token),
            "query($id: ID!) { user(id: $id) { affiliations { id } } }",
            json!({ "id": id }),
        )
        .await?;
    let affiliation = str_at(&body, "/data/user/affiliations/0/id")?;
    let non_admin =
        app.gql_as(Some(SECRETARIAT), REMOVE_AFFILIATION, json!({ "id": affiliation })).await?;
    assert_eq!(code(&non_admin), "FORBIDDEN");
    let body = app.gql(Some(&token), REMOVE_AFFILIATION, json!({ "id": affiliation })).await?;
    assert_eq!(code(&body), "CONFLICT");
    Ok(())
}

#[tokio::test]
async fn unknown_ids_in_affiliations_are_bad_input() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(ADMIN).await?;
    let user = app.user_id(OUTSIDER).await?;
    let org = app.organisation_id("Gävle kommun").await?;
    let unknown = uuid::Uuid::now_v7().to_string();
    let before = app.snapshot("affiliation").await?;
    let body = app.gql(Some(&token), ADD_AFFILIATION, json!({ "u": unknown, "o": org })).await?;
    assert_eq!(
        (code(&body), body.pointer("/errors/0/extensions/field").cloned()),
        ("BAD_USER_INPUT".into(), Some(json!("userId")))
    );
    let body = app.gql(Some(&token), ADD_AFFILIATION, json!({ "u": user, "o": unknown })).await?;
    assert_eq!(
        (code(&body), body.pointer("/errors/0/extensions/field").cloned()),
        ("BAD_USER_INPUT".into(), Some(json!("organisationId")))
    );
    let body = app.gql(Some(&token), REMOVE_AFFILIATION, json!({ "id": unknown })).await?;
    assert_eq!(code(&body), "NOT_FOUND");
    assert_eq!(app.snapshot("affiliation").await?, before);
    Ok(())
}

#[tokio::test]
async fn user_queries_follow_the_policy() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let chair = app.user_id(CHAIR).await?;
    let q_user = "query($id: ID!) { user(id: $id) { displayName email } }";
    let q_users = "{ users(first: 50) { edges { node { email } } } }";
    for (role, email) in ROLES {
        let body = app.gql_as(*email, q_user, json!({ "id": chair })).await?;
        let expected = match *role {
            Role::Admin | Role::Chair => "OK",
            Role::Anonymous => "UNAUTHENTICATED",
            _ => "NOT_FOUND",
        };
        assert_eq!(code(&body), expected, "user as {role}");
        let body = app.gql_as(*email, q_users, json!({})).await?;
        assert_eq!(code(&body), admin_only(*role), "users as {role}");
        if *role == Role::Admin {
            let n = body.pointer("/data/users/edges").and_then(Value::as_array).map(Vec::len);
            assert_eq!(n, Some(8));
        }
    }
    Ok(())
}

#[tokio::test]
async fn other_members_see_a_seat_holders_name_but_not_their_email() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let council = app.council_id("Göteborgs Stads trygghetsråd").await?;
    let q = "query($id: ID!) { council(id: $id) { seats { user { displayName email affiliations { id } } } } }";
    let body = app.gql_as(Some(MEMBER), q, json!({ "id": council })).await?;
    let seats =
        body.pointer("/data/council/seats").and_then(Value::as_array).cloned().unwrap_or_default();
    assert!(seats.len() >= 4);
    for seat in seats {
        let own = seat.pointer("/user/displayName") == Some(&json!("Karin Holm"));
        assert_eq!(seat.pointer("/user/email").is_some_and(|e| !e.is_null()), own, "{seat}");
        assert_eq!(seat.pointer("/user/affiliations").is_some_and(|a| !a.is_null()), own, "{seat}");
    }
    Ok(())
}
