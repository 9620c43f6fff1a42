//! Argon2id password hashing off the async runtime, with a bounded number of hashes
//! running at once so a burst of logins cannot starve the server.
//!
//! Verifying against an unknown account still computes a hash (against a dummy), so a
//! login takes the same time whether or not the email exists.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{
        PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
    },
};
use tokio::sync::Semaphore;

use crate::{
    config::PasswordCost,
    error::{AppError, AppResult},
};

/// Shortest accepted password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest accepted password, in bytes (bounds hashing work).
pub const MAX_PASSWORD_BYTES: usize = 256;

/// Hashes and verifies passwords.
#[derive(Clone)]
pub struct PasswordHasher {
    argon: Arc<Argon2<'static>>,
    dummy_hash: Arc<str>,
    permits: Arc<Semaphore>,
    verifications: Arc<AtomicU64>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher").finish_non_exhaustive()
    }
}

impl PasswordHasher {
    /// Builds a hasher with the given cost.
    pub fn new(cost: PasswordCost) -> anyhow::Result<Self> {
        let params = match cost {
            PasswordCost::Production => Params::new(19 * 1024, 2, 1, None),
            PasswordCost::Minimal => Params::new(Params::MIN_M_COST, 1, 1, None),
        }
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let salt = SaltString::generate(&mut OsRng);
        let dummy_hash = argon
            .hash_password(b"samrad-dummy-password", &salt)
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))?
            .to_string();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Self {
            argon: Arc::new(argon),
            dummy_hash: dummy_hash.into(),
            permits: Arc::new(Semaphore::new(workers)),
            verifications: Arc::new(AtomicU64::new(0)),
        })
    }

    /// How many verifications ran (each costs one full Argon2 hash); lets tests show
    /// that unknown accounts cost the same work as known ones without timing anything.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// Checks length rules; returns the error for field `password`.
    pub fn validate(password: &str) -> AppResult<()> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(AppError::bad_input(
                "password",
                format!("password must be at least {MIN_PASSWORD_CHARS} characters"),
            ));
        }
        if password.len() > MAX_PASSWORD_BYTES {
            return Err(AppError::bad_input(
                "password",
                format!("password must be at most {MAX_PASSWORD_BYTES} bytes"),
            ));
        }
        Ok(())
    }

    /// Hashes a new password (after [`Self::validate`]).
    pub async fn hash(&self, password: &str) -> AppResult<String> {
        let argon = Arc::clone(&self.argon);
        let password = password.to_owned();
        let _permit = self.permits.acquire().await.map_err(|e| AppError::Internal(e.into()))?;
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2: {e}")))
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?
    }

    /// Verifies `password` against `hash`; with no hash (unknown account) it verifies
    /// against a dummy so the time taken is the same, and returns false.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> AppResult<bool> {
        let known = hash.is_some();
        self.verifications.fetch_add(1, Ordering::Relaxed);
        let hash = hash.unwrap_or(&self.dummy_hash).to_owned();
        let argon = Arc::clone(&self.argon);
        // Overlong input is refused after the same work, not before it.
        let password = password.as_bytes()[..password.len().min(MAX_PASSWORD_BYTES)].to_vec();
        let _permit = self.permits.acquire().await.map_err(|e| AppError::Internal(e.into()))?;
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| argon.verify_password(&password, &parsed).is_ok())
                .unwrap_or(false)
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
        Ok(ok && known)
    }
}
