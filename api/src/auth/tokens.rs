//! Access tokens (HS256 JWT) and opaque refresh tokens.
//!
//! Validation pins the algorithm to HS256 and requires `exp`, `iss`, `aud` and `sub`;
//! `nbf` is checked when present. A token only names a session: whether that session
//! and its user are still valid is read from the database on every request.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    config::AuthSettings,
    error::{AppError, AppResult},
};

/// Minimum length of the HMAC secret in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

/// The claims Samråd puts in an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// Session id.
    pub sid: Uuid,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
}

/// Signing and verification keys with the strict validation rules.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: chrono::Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Builds the keys; the secret must be at least [`MIN_SECRET_BYTES`] long.
    pub fn new(secret: &SecretString, settings: &AuthSettings) -> anyhow::Result<Self> {
        let bytes = secret.expose_secret().as_bytes();
        anyhow::ensure!(
            bytes.len() >= MIN_SECRET_BYTES,
            "the JWT secret must be at least {MIN_SECRET_BYTES} bytes"
        );
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = 5;
        Ok(Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            ttl: chrono::Duration::from_std(settings.access_ttl)?,
        })
    }

    /// Issues an access token for a session; returns it with its expiry.
    pub fn issue(
        &self, user_id: Uuid, session_id: Uuid, now: DateTime<Utc>,
    ) -> AppResult<(String, DateTime<Utc>)> {
        let expires = now + self.ttl;
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            exp: expires.timestamp(),
            nbf: now.timestamp(),
            iat: now.timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(e.into()))?;
        Ok((token, expires))
    }

    /// Verifies a token strictly; any failure is `Unauthenticated`.
    pub fn verify(&self, token: &str) -> AppResult<(Uuid, Uuid)> {
        let claims = self.claims(token)?;
        let user_id = Uuid::parse_str(&claims.sub).map_err(|_| AppError::Unauthenticated)?;
        Ok((user_id, claims.sid))
    }

    /// When a valid token expires (a live connection closes then).
    pub fn expiry(&self, token: &str) -> AppResult<DateTime<Utc>> {
        let exp = self.claims(token)?.exp;
        DateTime::from_timestamp(exp, 0).ok_or(AppError::Unauthenticated)
    }

    fn claims(&self, token: &str) -> AppResult<Claims> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| {
                tracing::debug!(error = %e, "access token rejected");
                AppError::Unauthenticated
            })?;
        Ok(data.claims)
    }
}

/// The claims of an invitation link: which invitation, for which meeting and organisation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvitationClaims {
    /// Invitation id.
    pub sub: Uuid,
    /// Meeting id.
    pub mid: Uuid,
    /// Organisation id.
    pub org: Uuid,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
}

impl TokenKeys {
    fn invitation_audience(&self) -> String {
        format!("{}-invitation", self.audience)
    }

    /// Signs an invitation link token that expires with the invitation.
    pub fn issue_invitation(
        &self, invitation_id: Uuid, meeting_id: Uuid, organisation_id: Uuid,
        expires_at: DateTime<Utc>,
    ) -> AppResult<String> {
        let claims = InvitationClaims {
            sub: invitation_id,
            mid: meeting_id,
            org: organisation_id,
            iss: self.issuer.clone(),
            aud: self.invitation_audience(),
            exp: expires_at.timestamp(),
            iat: Utc::now().timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(e.into()))
    }

    /// Verifies an invitation token as strictly as an access token, for its own
    /// audience (so neither can stand in for the other).
    pub fn verify_invitation(&self, token: &str) -> AppResult<InvitationClaims> {
        let mut validation = self.validation.clone();
        validation.set_audience(&[self.invitation_audience()]);
        jsonwebtoken::decode::<InvitationClaims>(token, &self.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|_| AppError::NotFound("invitation"))
    }
}

/// The claims of a download link for one attachment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DownloadClaims {
    /// Attachment id.
    pub sub: Uuid,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
}

impl TokenKeys {
    fn download_audience(&self) -> String {
        format!("{}-download", self.audience)
    }

    /// Signs a download link for an attachment, valid for `ttl`.
    pub fn issue_download(&self, attachment_id: Uuid, ttl: chrono::Duration) -> AppResult<String> {
        let claims = DownloadClaims {
            sub: attachment_id,
            iss: self.issuer.clone(),
            aud: self.download_audience(),
            exp: (Utc::now() + ttl).timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(e.into()))
    }

    /// The attachment a download token is for, if the token is valid and unexpired.
    pub fn verify_download(&self, token: &str) -> Option<Uuid> {
        let mut validation = self.validation.clone();
        validation.set_audience(&[self.download_audience()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        jsonwebtoken::decode::<DownloadClaims>(token, &self.decoding, &validation)
            .ok()
            .map(|d| d.claims.sub)
    }
}

/// A new random refresh token (256 bits, URL-safe).
pub fn new_refresh_token() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a refresh token: SHA-256, hex.
pub fn hash_refresh_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random secret for development, URL-safe base64 of 48 bytes.
pub fn generate_secret() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 48];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}
