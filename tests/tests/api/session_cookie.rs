//! The browser's session cookie: `POST /auth/login` puts the refresh token in an HttpOnly,
//! SameSite=Strict cookie scoped to /auth; `POST /auth/refresh` rotates it; logout ends it.

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use samrad::seed::DEMO_PASSWORD;
use serde_json::{Value, json};

use crate::helpers::*;

const ME: &str = "{ me { email } }";

type Answer = (StatusCode, HeaderMap, Value);

/// A JSON POST to `path` with an optional cookie header value.
async fn post(
    app: &TestApp, path: &str, body: Value, cookie: Option<&str>,
) -> anyhow::Result<Answer> {
    let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.send_with_headers(request.body(Body::from(body.to_string()))?).await
}

/// `POST /auth/refresh` presenting `value` as the refresh cookie.
async fn refresh(app: &TestApp, value: Option<&str>) -> anyhow::Result<Answer> {
    let cookie = value.map(|v| format!("samrad_refresh={v}"));
    post(app, "/auth/refresh", json!({}), cookie.as_deref()).await
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

/// Signs in as the web UI does; the access token and the cookie's value.
async fn browser_login(app: &TestApp, email: &str) -> anyhow::Result<(String, String)> {
    let credentials = json!({ "email": email, "password": DEMO_PASSWORD });
    let (status, headers, body) = post(app, "/auth/login", credentials, None).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    Ok((str_at(&body, "/accessToken")?, cookie_value(&set_cookie(&headers)?)?))
}

#[tokio::test]
async fn login_puts_the_refresh_token_in_an_http_only_strict_cookie_that_rotates()
-> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let credentials = json!({ "email": MEMBER, "password": DEMO_PASSWORD });
    let (status, headers, body) = post(&app, "/auth/login", credentials, None).await?;
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
    let access = str_at(&body, "/accessToken")?;
    assert_eq!(str_at(&app.gql(Some(&access), ME, json!({})).await?, "/data/me/email")?, MEMBER);

    // A new tab: no tokens in the page, only the cookie.
    let (status, headers, body) = refresh(&app, Some(&first)).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    let second = cookie_value(&set_cookie(&headers)?)?;
    assert_ne!(second, first, "the refresh token must rotate");
    let access = str_at(&body, "/accessToken")?;
    assert_eq!(code(&app.gql(Some(&access), ME, json!({})).await?), "OK");
    assert_eq!(refresh(&app, Some(&second)).await?.0, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn wrong_passwords_and_throttling_answer_as_the_login_mutation_does() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let wrong = json!({ "email": MEMBER, "password": "not-the-password" });
    let (status, headers, body) = post(&app, "/auth/login", wrong.clone(), None).await?;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "UNAUTHENTICATED");
    assert!(set_cookie(&headers)?.contains("Max-Age=0"), "a refusal leaves no session cookie");
    let mut last = String::new();
    for _ in 0..20 {
        last = code(&post(&app, "/auth/login", wrong.clone(), None).await?.2);
    }
    assert_eq!(last, "RATE_LIMITED", "the cookie login must share the login throttle");
    let missing = post(&app, "/auth/login", json!({ "email": MEMBER }), None).await?;
    assert_eq!(missing.0, StatusCode::BAD_REQUEST);
    Ok(())
}

#[tokio::test]
async fn a_rotated_cookie_presented_later_ends_the_session() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (_, first) = browser_login(&app, MEMBER).await?;
    let (status, headers, _) = refresh(&app, Some(&first)).await?;
    assert_eq!(status, StatusCode::OK);
    let second = cookie_value(&set_cookie(&headers)?)?;
    // Moments later the old cookie is another tab that lost a race: try again, nothing ends.
    let (status, headers, body) = refresh(&app, Some(&first)).await?;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(headers.get(header::SET_COOKIE).is_none(), "the winner's cookie must stay");
    assert_eq!(refresh(&app, Some(&second)).await?.0, StatusCode::OK);
    // Long after its rotation it can only be a copy: the session ends, the cookie goes.
    app.exec(
        "UPDATE session SET last_used_at = ?",
        vec![(chrono::Utc::now() - chrono::Duration::minutes(5)).into()],
    )
    .await?;
    let (status, headers, body) = refresh(&app, Some(&second)).await?;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(code(&body), "UNAUTHENTICATED");
    assert!(set_cookie(&headers)?.contains("Max-Age=0"), "the cookie is not cleared");
    Ok(())
}

#[tokio::test]
async fn two_tabs_refreshing_at_once_keep_the_session() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (_, cookie) = browser_login(&app, SECRETARIAT).await?;
    let (a, b) = tokio::join!(refresh(&app, Some(&cookie)), refresh(&app, Some(&cookie)));
    let mut statuses = [a?, b?];
    statuses.sort_by_key(|(status, _, _)| status.as_u16());
    let [(won, headers, _), (lost, lost_headers, _)] = statuses;
    assert_eq!((won, lost), (StatusCode::OK, StatusCode::CONFLICT));
    assert!(lost_headers.get(header::SET_COOKIE).is_none(), "the loser must not clear the cookie");
    let current = cookie_value(&set_cookie(&headers)?)?;
    assert_eq!(refresh(&app, Some(&current)).await?.0, StatusCode::OK, "the session ended");
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

    let (status, _, body) = refresh(&app, Some(&cookie)).await?;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "UNAUTHENTICATED");
    assert_eq!(code(&app.gql(Some(&access), ME, json!({})).await?), "UNAUTHENTICATED");
    Ok(())
}

#[tokio::test]
async fn the_cookie_logout_ends_the_session_even_with_an_expired_access_token() -> anyhow::Result<()>
{
    let app = TestApp::seeded().await?;
    let (access, cookie) = browser_login(&app, MEMBER).await?;
    let (_, other) = browser_login(&app, MEMBER).await?;
    // No bearer token at all: the cookie alone says which session ends.
    let ours = format!("samrad_refresh={cookie}");
    let (status, headers, _) = post(&app, "/auth/logout", json!({}), Some(&ours)).await?;
    assert_eq!(status, StatusCode::OK);
    assert!(set_cookie(&headers)?.contains("Max-Age=0"), "the cookie is not cleared");
    assert_eq!(code(&app.gql(Some(&access), ME, json!({})).await?), "UNAUTHENTICATED");
    assert_eq!(refresh(&app, Some(&cookie)).await?.0, StatusCode::UNAUTHORIZED);
    // The user's other session (another browser) goes on.
    let (status, headers, _) = refresh(&app, Some(&other)).await?;
    assert_eq!(status, StatusCode::OK);
    let other = cookie_value(&set_cookie(&headers)?)?;
    // Without a cookie, or with an unknown one, logout still just clears.
    let (status, _, _) = post(&app, "/auth/logout", json!({}), Some("samrad_refresh=x")).await?;
    assert_eq!(status, StatusCode::OK);
    let form = Request::post("/auth/logout")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::COOKIE, format!("samrad_refresh={other}"))
        .body(Body::from("{}"))?;
    assert_eq!(app.send_with_headers(form).await?.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(refresh(&app, Some(&other)).await?.0, StatusCode::OK, "a form ended the session");
    Ok(())
}

#[tokio::test]
async fn refresh_without_a_session_from_a_form_or_another_site_is_refused() -> anyhow::Result<()> {
    let app = TestApp::seeded().await?;
    let (_, cookie) = browser_login(&app, MEMBER).await?;
    // No cookie, an unknown one, an oversized one: UNAUTHENTICATED, nothing else said.
    for presented in [None, Some("not-a-token"), Some(&*"x".repeat(4000))] {
        let (status, _, body) = refresh(&app, presented).await?;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{presented:?}");
        assert_eq!(code(&body), "UNAUTHENTICATED");
    }
    // Two cookies of that name (one planted by a sibling site): refused, neither used.
    let two = format!("samrad_refresh=planted; samrad_refresh={cookie}");
    assert_eq!(
        post(&app, "/auth/refresh", json!({}), Some(&two)).await?.0,
        StatusCode::UNAUTHORIZED
    );
    let ours = format!("samrad_refresh={cookie}");
    // What a cross-site form can send (no JSON content type) never reaches the session.
    let form = Request::post("/auth/refresh")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &ours)
        .body(Body::from("a=b"))?;
    let (status, headers, _) = app.send_with_headers(form).await?;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(headers.get(header::SET_COOKIE).is_none());
    // Nor does a request the browser marks as coming from another site.
    let cross = Request::post("/auth/refresh")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "cross-site")
        .header(header::COOKIE, &ours)
        .body(Body::from("{}"))?;
    assert_eq!(app.send_with_headers(cross).await?.0, StatusCode::FORBIDDEN);
    let broken = Request::post("/auth/refresh")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{"))?;
    assert_eq!(app.send_with_headers(broken).await?.0, StatusCode::BAD_REQUEST);
    let get = Request::get("/auth/refresh").body(Body::empty())?;
    assert_eq!(app.send_with_headers(get).await?.0, StatusCode::METHOD_NOT_ALLOWED);
    // The refused attempts left the real session alone.
    assert_eq!(refresh(&app, Some(&cookie)).await?.0, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_and_prefixed() -> anyhow::Result<()> {
    let app = TestApp::with_settings(samrad::config::AuthSettings {
        secure_cookies: true,
        ..test_auth_settings()
    })
    .await?;
    anyhow::ensure!(samrad::seed::seed_demo(&app.db, &app.state.server.auth.hasher).await?);
    let credentials = json!({ "email": MEMBER, "password": DEMO_PASSWORD });
    let (status, headers, _) = post(&app, "/auth/login", credentials, None).await?;
    assert_eq!(status, StatusCode::OK);
    let set = set_cookie(&headers)?;
    assert!(set.starts_with("__Secure-samrad_refresh=") && set.contains("Secure"), "{set}");
    let value = set.split(';').next().unwrap_or_default().to_owned();
    assert_eq!(post(&app, "/auth/refresh", json!({}), Some(&value)).await?.0, StatusCode::OK);
    // The unprefixed name that plain http could set is not taken for the session.
    let plain = value.replacen("__Secure-", "", 1);
    assert_eq!(
        post(&app, "/auth/refresh", json!({}), Some(&plain)).await?.0,
        StatusCode::UNAUTHORIZED
    );
    Ok(())
}
