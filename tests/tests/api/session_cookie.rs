//! The browser's session cookie: the refresh token lives in an HttpOnly, SameSite=Strict
//! cookie scoped to /auth, rotates on every use, and dies at logout.

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use samrad::seed::DEMO_PASSWORD;
use serde_json::{Value, json};

use crate::helpers::*;

const ME: &str = "{ me { email } }";

/// `POST /auth/refresh` with a JSON body and, optionally, the cookie.
async fn refresh(
    app: &TestApp, body: Value, cookie: Option<&str>,
) -> anyhow::Result<(StatusCode, HeaderMap, Value)> {
    let mut request =
        Request::post("/auth/refresh").header(header::CONTENT_TYPE, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, format!("samrad_refresh={cookie}"));
    }
    app.send_with_headers(request.body(Body::from(body.to_string()))?).await
}

/// The `Set-Cookie` header of a response.
fn set_cookie(headers: &HeaderMap) -> anyhow::Result<String> {
    let value = headers.get(header::SET_COOKIE).ok_or_else(|| anyhow::anyhow!("no Set-Cookie"))?;
    Ok(value.to_str()?.to_owned())
}

/// The cookie's value in a `Set-Cookie` header.
fn cookie_value(set_cookie: &str) -> anyhow::Result<String> {
    let pair = set_cookie.split(';').next().unwrap_or_default();
    let (name, value) = pair.split_once('=').ok_or_else(|| anyhow::anyhow!("no cookie"))?;
    anyhow::ensure!(name == "samrad_refresh", "cookie {name}");
    Ok(value.to_owned())
}

/// Signs in and moves the refresh token into the cookie, as the web UI does; returns the
/// access token and the cookie's value.
async fn browser_login(app: &TestApp, email: &str) -> anyhow::Result<(String, String)> {
    let payload = app.login_payload(email, DEMO_PASSWORD).await?;
    let refresh_token = str_at(&payload, "/refreshToken")?;
    let (status, headers, body) =
        refresh(app, json!({ "refreshToken": refresh_token }), None).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    Ok((str_at(&body, "/accessToken")?, cookie_value(&set_cookie(&headers)?)?))
}

#[tokio::test]
async fn the_refresh_token_moves_into_an_http_only_strict_cookie_and_rotates() -> anyhow::Result<()>
{
    let app = TestApp::seeded().await?;
    let payload = app.login_payload(MEMBER, DEMO_PASSWORD).await?;
    let from_login = str_at(&payload, "/refreshToken")?;
    let (status, headers, body) =
        refresh(&app, json!({ "refreshToken": from_login }), None).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The body holds the access token only; the refresh token is in the cookie alone.
    assert!(body.get("refreshToken").is_none(), "{body}");
    assert!(body.get("sessionExpiresAt").is_some(), "{body}");
    assert_eq!(headers.get(header::CACHE_CONTROL).map(|v| v.as_bytes()), Some(&b"no-store"[..]));
    let set = set_cookie(&headers)?;
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/auth", "Max-Age="] {
        assert!(set.contains(attribute), "{attribute} missing from {set}");
    }
    assert!(!set.contains("Secure"), "Secure over plain http: {set}");
    let first = cookie_value(&set)?;
    assert_ne!(first, from_login, "the login's refresh token must rotate");
    let access = str_at(&body, "/accessToken")?;
    assert_eq!(str_at(&app.gql(Some(&access), ME, json!({})).await?, "/data/me/email")?, MEMBER);

    // A new tab: no tokens in the page, only the cookie.
    let (status, headers, body) = refresh(&app, json!({}), Some(&first)).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    let second = cookie_value(&set_cookie(&headers)?)?;
    assert_ne!(second, first);
    let access = str_at(&body, "/accessToken")?;
    assert_eq!(code(&app.gql(Some(&access), ME, json!({})).await?), "OK");

    // The login's token and the first cookie are spent; presenting one again is taken for
    // theft and ends the session, and the refusal clears the cookie.
    let (status, headers, body) = refresh(&app, json!({}), Some(&first)).await?;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "UNAUTHENTICATED");
    assert!(set_cookie(&headers)?.contains("Max-Age=0"), "the cookie is not cleared");
    let (status, _, _) = refresh(&app, json!({}), Some(&second)).await?;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the session survived a reused token");
    Ok(())
}

#[tokio::test]
async fn after_logout_the_old_refresh_cookie_is_refused() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (access, cookie) = browser_login(&app, SECRETARIAT).await?;
    let request = Request::post("/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {access}"))
        .body(Body::from(json!({ "query": "mutation { logout }" }).to_string()))?;
    let (status, headers, body) = app.send_with_headers(request).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.pointer("/data/logout"), Some(&json!(true)), "{body}");
    let cleared = set_cookie(&headers)?;
    assert!(cleared.contains("Max-Age=0") && cleared.contains("Path=/auth"), "{cleared}");

    let (status, _, body) = refresh(&app, json!({}), Some(&cookie)).await?;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "UNAUTHENTICATED");
    assert_eq!(code(&app.gql(Some(&access), ME, json!({})).await?), "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn refresh_without_a_session_or_from_a_form_is_refused() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (_, cookie) = browser_login(&app, MEMBER).await?;
    // No cookie, an unknown one, an oversized one: UNAUTHENTICATED, nothing else said.
    for presented in [None, Some("not-a-token"), Some(&*"x".repeat(4000))] {
        let (status, _, body) = refresh(&app, json!({}), presented).await?;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{presented:?}");
        assert_eq!(code(&body), "UNAUTHENTICATED");
    }
    // What a cross-site form can send (no JSON content type) never reaches the session.
    let form = Request::post("/auth/refresh")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("samrad_refresh={cookie}"))
        .body(Body::from("a=b"))?;
    let (status, headers, _) = app.send_with_headers(form).await?;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(headers.get(header::SET_COOKIE).is_none());
    let broken = Request::post("/auth/refresh")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{"))?;
    let (status, _, _) = app.send_with_headers(broken).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let get = Request::get("/auth/refresh").body(Body::empty())?;
    let (status, _, _) = app.send_with_headers(get).await?;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    // The refused attempts left the real session alone.
    let (status, _, _) = refresh(&app, json!({}), Some(&cookie)).await?;
    assert_eq!(status, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn over_https_the_cookie_is_secure() -> anyhow::Result<()> {
    let app = TestApp::with_settings(samrad::config::AuthSettings {
        secure_cookies: true,
        ..test_auth_settings()
    })
    .await?;
    anyhow::ensure!(samrad::seed::seed_demo(&app.db, &app.state.server.auth.hasher).await?);
    let payload = app.login_payload(MEMBER, DEMO_PASSWORD).await?;
    let token = str_at(&payload, "/refreshToken")?;
    let (status, headers, _) = refresh(&app, json!({ "refreshToken": token }), None).await?;
    assert_eq!(status, StatusCode::OK);
    assert!(set_cookie(&headers)?.contains("Secure"));
    Ok(())
}
