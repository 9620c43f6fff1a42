//! The browser's session: its refresh token lives in an `HttpOnly`, `SameSite=Strict`
//! cookie scoped to `/auth` (and `Secure` when Samråd is served over https), so page
//! scripts never hold it and a new tab can pick the session up.
//!
//! `POST /auth/refresh` (a JSON body) exchanges a refresh token for an access token: the
//! one in the body (just after `login`), else the cookie's. The new refresh token goes into
//! the cookie only. A refusal clears the cookie. `logout` ends the session on the server
//! and clears the cookie too.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use cookie::{Cookie, SameSite, time::Duration};
use serde::Deserialize;
use serde_json::json;

use crate::{
    app::{AppState, http_error, internal_error, is_json},
    domain::sessions,
    error::AppError,
};

/// The cookie's name.
pub const NAME: &str = "samrad_refresh";
/// The only path the browser sends the cookie to.
pub const PATH: &str = "/auth";

/// `Set-Cookie` for `token`, kept until the session ends.
pub fn set(token: &str, until: DateTime<Utc>, secure: bool) -> Option<HeaderValue> {
    let seconds = (until - Utc::now()).num_seconds().max(0);
    header_value(token, Duration::seconds(seconds), secure)
}

/// `Set-Cookie` that removes the cookie.
pub fn clear(secure: bool) -> Option<HeaderValue> {
    header_value("", Duration::ZERO, secure)
}

fn header_value(value: &str, max_age: Duration, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((NAME, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path(PATH)
        .secure(secure)
        .max_age(max_age)
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// The refresh token in the request's cookies.
fn from_cookies(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == NAME && !c.value().is_empty())
        .map(|c| c.value().to_owned())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefreshBody {
    refresh_token: Option<String>,
}

/// `POST /auth/refresh`.
pub async fn refresh(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    if !is_json(&headers) {
        return http_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send a JSON body",
        );
    }
    let Ok(parsed) = serde_json::from_slice::<RefreshBody>(&body) else {
        return http_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", "the body is not valid JSON");
    };
    let secure = state.server.auth.settings.secure_cookies;
    let Some(token) = parsed.refresh_token.or_else(|| from_cookies(&headers)) else {
        return refused(secure);
    };
    match sessions::refresh(&state.server.db, &state.server.auth, &token).await {
        Ok(issued) => {
            let body = json!({
                "accessToken": issued.access_token,
                "accessTokenExpiresAt": issued.access_expires_at,
                "sessionExpiresAt": issued.session_expires_at,
            });
            let mut response = (StatusCode::OK, axum::Json(body)).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Some(cookie) = set(&issued.refresh_token, issued.session_expires_at, secure) {
                headers.insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(AppError::Internal(err)) => internal_error(&err, "refresh failed internally"),
        Err(_) => refused(secure),
    }
}

/// UNAUTHENTICATED, and the cookie goes.
fn refused(secure: bool) -> Response {
    let mut response =
        http_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", "the session has ended");
    if let Some(cookie) = clear(secure) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}
