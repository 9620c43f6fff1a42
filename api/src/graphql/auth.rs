//! Login, token refresh and logout.

use crate::graphql::prelude::*;
use async_graphql::{Object, SimpleObject};

use super::{AuthMutation, ClientAddr, users::User};
use crate::domain::sessions::{self, IssuedTokens};

/// Tokens for a session. Send `accessToken` as `Authorization: Bearer …`; exchange
/// `refreshToken` (single use) for new tokens before `accessTokenExpiresAt`.
#[derive(SimpleObject)]
pub struct AuthPayload {
    pub access_token: String,
    pub access_token_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub session_expires_at: DateTime<Utc>,
    pub user: User,
}

impl From<IssuedTokens> for AuthPayload {
    fn from(t: IssuedTokens) -> Self {
        Self {
            access_token: t.access_token,
            access_token_expires_at: t.access_expires_at,
            refresh_token: t.refresh_token,
            session_expires_at: t.session_expires_at,
            user: User::from(t.user),
        }
    }
}

#[Object]
impl AuthMutation {
    /// Signs in. Wrong email, wrong password and a disabled account all answer
    /// UNAUTHENTICATED; repeated failures answer RATE_LIMITED for a while.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> Res<AuthPayload> {
        let server = ctx.server().gql()?;
        let client = ctx.data::<ClientAddr>().map(|c| c.0.as_str()).unwrap_or("unknown");
        sessions::login(&server.db, &server.auth, &email, &password, client)
            .await
            .map(AuthPayload::from)
            .gql()
    }

    /// Exchanges a refresh token for new tokens; the old refresh token stops working.
    async fn refresh(&self, ctx: &Context<'_>, refresh_token: String) -> Res<AuthPayload> {
        let server = ctx.server().gql()?;
        sessions::refresh(&server.db, &server.auth, &refresh_token, None)
            .await
            .map(AuthPayload::from)
            .gql()
    }

    /// Ends the current session (and clears the browser's session cookie).
    async fn logout(&self, ctx: &Context<'_>) -> Res<bool> {
        let (db, actor) = caller(ctx)?;
        sessions::logout(db, actor).await.gql()?;
        let secure = ctx.server().gql()?.auth.settings.secure_cookies;
        if let Some(cookie) = crate::session_cookie::clear(secure) {
            ctx.append_http_header(axum::http::header::SET_COOKIE, cookie);
        }
        Ok(true)
    }
}
