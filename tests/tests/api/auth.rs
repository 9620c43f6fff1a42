//! Authentication: login, refresh rotation, logout, strict token validation, throttling.

use std::net::SocketAddr;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use samrad::seed::DEMO_PASSWORD;
use serde_json::{Value, json};

use crate::helpers::*;

const ME: &str = "{ me { id displayName email } }";

async fn me_code(app: &TestApp, token: &str) -> anyhow::Result<String> {
    Ok(code(&app.gql(Some(token), ME, json!({})).await?))
}

/// Claims of a real session, to forge tokens that differ in one property only.
async fn real_claims(app: &TestApp) -> anyhow::Result<serde_json::Map<String, Value>> {
    let token = app.login(MEMBER).await?;
    let payload = token.split('.').nth(1).ok_or_else(|| anyhow::anyhow!("not a JWT"))?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload)?)?;
    claims.as_object().cloned().ok_or_else(|| anyhow::anyhow!("claims are not an object"))
}

fn sign(alg: Algorithm, claims: &serde_json::Map<String, Value>) -> anyhow::Result<String> {
    Ok(jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )?)
}

#[tokio::test]
async fn login_then_me_returns_the_user() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let token = app.login(SECRETARIAT).await?;
    let body = app.gql(Some(&token), ME, json!({})).await?;
    assert_eq!(str_at(&body, "/data/me/email")?, SECRETARIAT);
    assert_eq!(str_at(&body, "/data/me/displayName")?, "Maria Lindqvist");
    Ok(())
}

#[tokio::test]
async fn email_is_matched_case_insensitively() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    app.login_payload("  Sekretariat@Goteborg.EXAMPLE ", DEMO_PASSWORD).await?;
    Ok(())
}

#[tokio::test]
async fn me_without_a_token_is_unauthenticated() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    assert_eq!(code(&app.gql(None, ME, json!({})).await?), "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn wrong_password_unknown_email_and_disabled_user_fail_alike() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let admin = app.login(ADMIN).await?;
    let outsider = app.user_id(OUTSIDER).await?;
    let disable = app
        .gql(
            Some(&admin),
            "mutation($id: ID!) { updateUser(id: $id, input: { disabled: true }) { disabled } }",
            json!({ "id": outsider }),
        )
        .await?;
    assert_eq!(disable.pointer("/data/updateUser/disabled"), Some(&json!(true)));
    let q = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
    let mut messages = vec![];
    for (email, password) in [
        (MEMBER, "wrong-password-123"),
        ("nobody@example.org", DEMO_PASSWORD),
        (OUTSIDER, DEMO_PASSWORD),
    ] {
        let before = app.state.server.auth.hasher.verifications();
        let body = app.gql(None, q, json!({ "e": email, "p": password })).await?;
        assert_eq!(code(&body), "UNAUTHENTICATED", "{email}");
        // Each failure costs exactly one full password hash, known account or not.
        assert_eq!(app.state.server.auth.hasher.verifications(), before + 1, "{email}");
        messages.push(str_at(&body, "/errors/0/message")?);
    }
    assert!(messages.windows(2).all(|w| w[0] == w[1]), "messages differ: {messages:?}");
    Ok(())
}

#[tokio::test]
async fn forged_and_invalid_tokens_are_unauthenticated() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let claims = real_claims(&app).await?;
    let now = chrono::Utc::now().timestamp();

    // Control: a token forged with the right secret and the real claims is accepted, so
    // each case below fails for its one changed property.
    assert_eq!(me_code(&app, &sign(Algorithm::HS256, &claims)?).await?, "OK");

    let header_none = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims)?);
    let alg_none = format!("{header_none}.{payload}.");

    let other_alg = sign(Algorithm::HS512, &claims)?;

    let valid = sign(Algorithm::HS256, &claims)?;
    let (head, sig) = valid.rsplit_once('.').ok_or_else(|| anyhow::anyhow!("no signature"))?;
    // Change the first character of the signature (to a different one).
    let rest = sig.get(1..).unwrap_or_default();
    let flipped = if sig.starts_with('A') { format!("B{rest}") } else { format!("A{rest}") };
    let tampered_signature = format!("{head}.{flipped}");

    let mut tampered_claims = claims.clone();
    tampered_claims.insert("sub".into(), json!(uuid::Uuid::now_v7().to_string()));
    let tampered_payload = format!(
        "{}.{}.{}",
        valid.split('.').next().unwrap_or_default(),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&tampered_claims)?),
        sig
    );

    let with = |key: &str, value: Value| {
        let mut c = claims.clone();
        c.insert(key.into(), value);
        c
    };
    let without = |key: &str| {
        let mut c = claims.clone();
        c.remove(key);
        c
    };
    let cases: Vec<(&str, String)> = vec![
        ("alg none", alg_none),
        ("another algorithm", other_alg),
        ("tampered signature", tampered_signature),
        ("tampered payload", tampered_payload),
        ("expired", sign(Algorithm::HS256, &with("exp", json!(now - 3600)))?),
        ("not yet valid", sign(Algorithm::HS256, &with("nbf", json!(now + 3600)))?),
        ("missing aud", sign(Algorithm::HS256, &without("aud"))?),
        ("missing iss", sign(Algorithm::HS256, &without("iss"))?),
        ("missing exp", sign(Algorithm::HS256, &without("exp"))?),
        ("missing sub", sign(Algorithm::HS256, &without("sub"))?),
        ("wrong audience", sign(Algorithm::HS256, &with("aud", json!("someone-else")))?),
        ("wrong issuer", sign(Algorithm::HS256, &with("iss", json!("evil")))?),
        (
            "unknown session",
            sign(Algorithm::HS256, &with("sid", json!(uuid::Uuid::now_v7().to_string())))?,
        ),
        (
            "other secret",
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &claims,
                &EncodingKey::from_secret(b"another-secret-another-secret-another"),
            )?,
        ),
        ("garbage", "not.a.jwt".into()),
    ];
    for (case, token) in cases {
        assert_eq!(me_code(&app, &token).await?, "UNAUTHENTICATED", "{case}");
    }
    Ok(())
}

#[tokio::test]
async fn a_non_bearer_authorization_header_is_unauthenticated() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let request = axum::http::Request::post("/graphql")
        .header("content-type", "application/json")
        .header("authorization", "Basic YWRtaW46YWRtaW4=")
        .body(axum::body::Body::from(json!({ "query": ME }).to_string()))?;
    let (_, body) = app.send(request).await?;
    assert_eq!(code(&body), "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn access_tokens_live_at_most_fifteen_minutes() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let claims = real_claims(&app).await?;
    let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or_default();
    let iat = claims.get("iat").and_then(Value::as_i64).unwrap_or_default();
    assert!(exp - iat <= 900 && exp > iat, "lifetime {}", exp - iat);
    Ok(())
}

#[tokio::test]
async fn logout_stops_the_access_and_refresh_tokens_at_once() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let payload = app.login_payload(MEMBER, DEMO_PASSWORD).await?;
    let access = str_at(&payload, "/accessToken")?;
    let refresh = str_at(&payload, "/refreshToken")?;
    let body = app.gql(Some(&access), "mutation { logout }", json!({})).await?;
    assert_eq!(body.pointer("/data/logout"), Some(&json!(true)));
    assert_eq!(me_code(&app, &access).await?, "UNAUTHENTICATED");
    let body = app
        .gql(
            None,
            "mutation($t: String!) { refresh(refreshToken: $t) { accessToken } }",
            json!({ "t": refresh }),
        )
        .await?;
    assert_eq!(code(&body), "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn disabling_a_user_stops_their_tokens_at_once() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let member = app.login(MEMBER).await?;
    assert_eq!(me_code(&app, &member).await?, "OK");
    let admin = app.login(ADMIN).await?;
    let id = app.user_id(MEMBER).await?;
    let body = app
        .gql(
            Some(&admin),
            "mutation($id: ID!) { updateUser(id: $id, input: { disabled: true }) { disabled } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(code(&body), "OK");
    assert_eq!(me_code(&app, &member).await?, "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_revokes_the_session() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let first = app.login_payload(MEMBER, DEMO_PASSWORD).await?;
    let refresh_q =
        "mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }";
    let old = str_at(&first, "/refreshToken")?;
    let second = app.gql(None, refresh_q, json!({ "t": old })).await?;
    let new_access = str_at(&second, "/data/refresh/accessToken")?;
    let new_refresh = str_at(&second, "/data/refresh/refreshToken")?;
    assert_ne!(new_refresh, old);
    assert_eq!(me_code(&app, &new_access).await?, "OK");

    // The old token again: refused, and the whole session ends.
    assert_eq!(code(&app.gql(None, refresh_q, json!({ "t": old })).await?), "UNAUTHENTICATED");
    assert_eq!(me_code(&app, &new_access).await?, "UNAUTHENTICATED");
    assert_eq!(
        code(&app.gql(None, refresh_q, json!({ "t": new_refresh })).await?),
        "UNAUTHENTICATED"
    );
    Ok(())
}

#[tokio::test]
async fn refresh_tokens_are_stored_hashed() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let payload = app.login_payload(MEMBER, DEMO_PASSWORD).await?;
    let refresh = str_at(&payload, "/refreshToken")?;
    let rows = app.snapshot("session").await?;
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].contains(&refresh), "the refresh token is stored in clear");
    Ok(())
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account_even_within_one_request() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    // Seven aliased attempts in one request: the limit (5) applies inside the request.
    let attempts: String = (0..7)
        .map(|i| format!("a{i}: login(email: \"{MEMBER}\", password: \"wrong-password-{i}\") {{ accessToken }}\n"))
        .collect();
    let body = app.gql(None, &format!("mutation {{ {attempts} }}"), json!({})).await?;
    let codes: Vec<String> = body
        .get("errors")
        .and_then(Value::as_array)
        .map(|errs| {
            errs.iter()
                .map(|e| {
                    e.pointer("/extensions/code").and_then(Value::as_str).unwrap_or("").to_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(codes.iter().filter(|c| *c == "UNAUTHENTICATED").count(), 5, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| *c == "RATE_LIMITED").count(), 2, "{codes:?}");
    // Now even the right password is refused for this account, without hashing…
    let before = app.state.server.auth.hasher.verifications();
    let body = app
        .gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            json!({ "e": MEMBER, "p": DEMO_PASSWORD }),
        )
        .await?;
    assert_eq!(code(&body), "RATE_LIMITED");
    assert_eq!(app.state.server.auth.hasher.verifications(), before);
    // …while other accounts still sign in.
    app.login(CHAIR).await?;
    Ok(())
}

#[tokio::test]
async fn failed_logins_are_throttled_per_client_address() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let attacker = SocketAddr::from(([203, 0, 113, 7], 5555));
    let q = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
    for i in 0..20 {
        let body = app
            .gql_from(
                attacker,
                None,
                q,
                json!({ "e": format!("guess{i}@example.org"), "p": "wrong-password-x" }),
            )
            .await?;
        assert_eq!(code(&body), "UNAUTHENTICATED");
    }
    let body = app.gql_from(attacker, None, q, json!({ "e": CHAIR, "p": DEMO_PASSWORD })).await?;
    assert_eq!(code(&body), "RATE_LIMITED");
    let elsewhere = SocketAddr::from(([198, 51, 100, 1], 5555));
    let body = app.gql_from(elsewhere, None, q, json!({ "e": CHAIR, "p": DEMO_PASSWORD })).await?;
    assert_eq!(code(&body), "OK");
    Ok(())
}
