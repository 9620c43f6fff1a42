//! The browser's session: its refresh token lives in an `HttpOnly`, `SameSite=Strict`
//! cookie scoped to `/auth` (`Secure`, and named with the `__Secure-` prefix, when Samråd
//! is served over https), so page scripts never see it and a new tab can pick the session
//! up. API clients keep using the `login` and `refresh` mutations.
//!
//! - `POST /auth/login` `{"email", "password"}` signs in like `login` (same throttling and
//!   answers) and sets the cookie.
//! - `POST /auth/refresh` `{}` exchanges the cookie's refresh token for an access token and
//!   a new cookie. A refusal clears the cookie. Two tabs refreshing at the same moment: the
//!   loser gets 409 CONFLICT, keeps the cookie the winner set, and tries again.
//! - `POST /auth/logout` `{}` ends the cookie's session and clears the cookie, even when
//!   the page's access token has expired; `logout` does the same for the bearer's session.
//!
//! Both answer `{accessToken, accessTokenExpiresAt, sessionExpiresAt}`. Both take JSON only
//! (a cross-site form cannot send it without a CORS preflight, which Samråd never grants)
//! and refuse requests a browser marks as coming from another site.

use crate::{
    app::{AppState, client_addr, http_error, internal_error, is_json},
    domain::sessions::{self, IssuedTokens},
    error::AppError,
};
use axum::{
    body::Bytes,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use cookie::{Cookie, SameSite};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;

/// The only path the browser sends the cookie to.
pub const PATH: &str = "/auth";
/// How long after a rotation the replaced token answers "try again" instead of ending the
/// session (browser tabs refreshing at the same moment).
const GRACE: Duration = Duration::from_secs(20);

/// The cookie's name: `__Secure-` prefixed when it is `Secure`, so that a plain-http page
/// of the same site cannot set one in its place.
pub fn name(secure: bool) -> &'static str {
    if secure { "__Secure-samrad_refresh" } else { "samrad_refresh" }
}

/// `Set-Cookie` for `token`, kept until the session ends.
pub fn set(token: &str, until: DateTime<Utc>, secure: bool) -> Option<HeaderValue> {
    let seconds = (until - Utc::now()).num_seconds().max(0);
    header_value(token, cookie::time::Duration::seconds(seconds), secure)
}

/// `Set-Cookie` that removes the cookie.
pub fn clear(secure: bool) -> Option<HeaderValue> {
    header_value("", cookie::time::Duration::ZERO, secure)
}

fn header_value(value: &str, max_age: cookie::time::Duration, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((name(secure), value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path(PATH)
        .secure(secure)
        .max_age(max_age)
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// The refresh tokens in the request's cookies (more than one means a planted cookie).
fn from_cookies(headers: &HeaderMap, secure: bool) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|c| c.name() == name(secure) && !c.value().is_empty())
        .map(|c| c.value().to_owned())
        .collect()
}

/// What is refused before any token is looked at: not JSON, or sent from another site.
fn refuse_request(headers: &HeaderMap) -> Option<Response> {
    if !is_json(headers) {
        return Some(http_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send a JSON body",
        ));
    }
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| s != "same-origin" && s != "none") {
        return Some(http_error(StatusCode::FORBIDDEN, "FORBIDDEN", "cross-site request"));
    }
    None
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

/// `POST /auth/login`.
pub async fn login(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if let Some(refusal) = refuse_request(&parts.headers) {
        return refusal;
    }
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024).await else {
        return http_error(StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "body too large");
    };
    let Ok(credentials) = serde_json::from_slice::<Credentials>(&bytes) else {
        return http_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", "send email and password");
    };
    let client = client_addr(&parts.headers, &parts.extensions, state.trust_forwarded_for);
    let kit = &state.server.auth;
    let issued =
        sessions::login(&state.server.db, kit, &credentials.email, &credentials.password, &client)
            .await;
    answer(issued, kit.settings.secure_cookies)
}

/// `POST /auth/refresh`.
pub async fn refresh(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refusal) = refuse_request(&headers) {
        return refusal;
    }
    if !body.is_empty() && serde_json::from_slice::<serde_json::Value>(&body).is_err() {
        return http_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", "the body is not valid JSON");
    }
    let secure = state.server.auth.settings.secure_cookies;
    let tokens = from_cookies(&headers, secure);
    let [token] = tokens.as_slice() else { return answer(Err(AppError::Unauthenticated), secure) };
    let kit = &state.server.auth;
    answer(sessions::refresh(&state.server.db, kit, token, Some(GRACE)).await, secure)
}

/// `POST /auth/logout`: ends the cookie's session (its access tokens stop at once) and
/// clears the cookie, whether or not the page still holds a valid access token.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(refusal) = refuse_request(&headers) {
        return refusal;
    }
    let secure = state.server.auth.settings.secure_cookies;
    for token in from_cookies(&headers, secure) {
        if let Err(err) = sessions::logout_by_refresh(&state.server.db, &token).await {
            return internal_error(&err, "logout failed internally");
        }
    }
    with_cookie((StatusCode::OK, axum::Json(json!({}))).into_response(), clear(secure))
}

/// The access token and the cookie, or the refusal: UNAUTHENTICATED clears the cookie;
/// CONFLICT (another tab just refreshed) leaves it.
fn answer(issued: Result<IssuedTokens, AppError>, secure: bool) -> Response {
    let (status, cookie, body) = match issued {
        Ok(issued) => {
            let body = json!({
                "accessToken": issued.access_token,
                "accessTokenExpiresAt": issued.access_expires_at,
                "sessionExpiresAt": issued.session_expires_at,
            });
            let cookie = set(&issued.refresh_token, issued.session_expires_at, secure);
            return with_cookie((StatusCode::OK, axum::Json(body)).into_response(), cookie);
        }
        Err(AppError::Internal(err)) => return internal_error(&err, "session failed internally"),
        Err(err @ AppError::Conflict { .. }) => (StatusCode::CONFLICT, None, err),
        Err(err @ AppError::RateLimited { .. }) => (StatusCode::TOO_MANY_REQUESTS, None, err),
        Err(err @ AppError::BadInput { .. }) => (StatusCode::BAD_REQUEST, None, err),
        Err(err) => (StatusCode::UNAUTHORIZED, clear(secure), err),
    };
    with_cookie(http_error(status, body.code(), &body.to_string()), cookie)
}

fn with_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = cookie {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}
