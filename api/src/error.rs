//! The one error type of the service layer and its mapping to GraphQL error codes.
//!
//! Rule: database and unexpected errors are logged here with a correlation id and reach
//! the client only as "internal error". `Display` of [`AppError::Internal`] never shows
//! its source, so even an accidental blanket conversion cannot leak database text.

use async_graphql::ErrorExtensions;
use sea_orm::{DbErr, SqlErr};

/// Everything a service can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid session: missing, expired, revoked or malformed credentials.
    #[error("authentication required")]
    Unauthenticated,
    /// Wrong email or password (deliberately says no more).
    #[error("invalid email or password")]
    InvalidCredentials,
    /// Too many failed attempts; try again later.
    #[error("too many failed attempts, try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// Authenticated but not allowed. Only for reads of what the actor already sees and
    /// for capabilities that address no object (platform administration); a refused
    /// change of an object addressed by id is [`AppError::NotFound`].
    #[error("not allowed")]
    Forbidden,
    /// Unknown, or invisible to this actor, or not the actor's to change: the three are
    /// never told apart, so the message does not even say which lookup failed (the
    /// name is for the server's own logs).
    #[error("not found")]
    NotFound(&'static str),
    /// Invalid input; `field` names the input field in the API's spelling.
    #[error("{message}")]
    BadInput { field: &'static str, message: String },
    /// The change clashes with the current state (duplicate, stale version…).
    #[error("{message}")]
    Conflict { field: Option<&'static str>, message: String },
    /// Anything else. Logged with detail; the client sees only a correlation id.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// Shorthand for service results.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A bad-input error for `field`.
    pub fn bad_input(field: &'static str, message: impl Into<String>) -> Self {
        Self::BadInput { field, message: message.into() }
    }

    /// A conflict on `field`.
    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict { field: Some(field), message: message.into() }
    }

    /// The `extensions.code` this error is reported with.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated | Self::InvalidCredentials => "UNAUTHENTICATED",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound(_) => "NOT_FOUND",
            Self::BadInput { .. } => "BAD_USER_INPUT",
            Self::Conflict { .. } => "CONFLICT",
            Self::Internal(_) => "INTERNAL",
        }
    }

    /// Maps a database error from a write: unique violations become a conflict on
    /// `field`, everything else is internal.
    #[track_caller]
    pub fn from_write(err: DbErr, field: &'static str, what: &str) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                Self::conflict(field, format!("{what} already exists"))
            }
            _ => err.into(),
        }
    }
}

impl From<DbErr> for AppError {
    /// A write that names an id no row has (a foreign key) is the caller's unknown id,
    /// not a fault of the server; it happens inside the write, which then stores nothing.
    /// Anything else keeps where it happened (the `?` that converted it), so that the
    /// log line a correlation id leads to names the statement's call site.
    #[track_caller]
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => Self::NotFound("referenced object"),
            _ => {
                let at = std::panic::Location::caller();
                Self::Internal(anyhow::Error::new(err).context(format!("database error at {at}")))
            }
        }
    }
}

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        let correlation_id = match self {
            Self::Internal(source) => {
                let id = uuid::Uuid::new_v4();
                tracing::error!(correlation_id = %id, error = ?source, "internal error");
                Some(id)
            }
            _ => None,
        };
        async_graphql::Error::new(self.to_string()).extend_with(|_, ext| {
            ext.set("code", self.code());
            match self {
                Self::BadInput { field, .. } | Self::Conflict { field: Some(field), .. } => {
                    ext.set("field", *field)
                }
                Self::RateLimited { retry_after_secs } => {
                    ext.set("retryAfterSeconds", *retry_after_secs)
                }
                _ => {}
            }
            if let Some(id) = correlation_id {
                ext.set("correlationId", id.to_string());
            }
        })
    }
}

/// Converts service results in resolvers: `service(..).await.gql()?`.
pub trait GqlResultExt<T> {
    /// Maps the error to a GraphQL error carrying `extensions.code`.
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResultExt<T> for AppResult<T> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|e| e.extend())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of the `?` in `failing_read`.
    const FAILING_LINE: u32 = line!() + 3;

    fn failing_read() -> AppResult<()> {
        Err(DbErr::Custom("connection reset".into()))?;
        Ok(())
    }

    #[test]
    fn a_database_error_keeps_the_line_that_met_it_and_the_client_sees_none_of_it() {
        let Err(err) = failing_read() else {
            panic!("the read was meant to fail");
        };
        let AppError::Internal(source) = &err else {
            panic!("a database error is internal: {err:?}");
        };
        let logged = format!("{source:?}");
        let at = format!("api/src/error.rs:{FAILING_LINE}:");
        assert!(logged.contains(&at), "{at} not in {logged}");
        assert!(logged.contains("connection reset"), "{logged}");
        assert_eq!(err.to_string(), "internal error");
    }
}
