//! Sessions: login, refresh-token rotation, logout, and turning an access token into
//! the [`Actor`] of a request.
//!
//! Rules: a login fails the same way, in the same time, for an unknown email, a wrong
//! password and a disabled account; failures are throttled per account and per client.
//! A refresh token is single-use: presenting a rotated one again revokes the session.
//! Every request re-reads session, user, seats and affiliations from the database, in one
//! statement.

use crate::domain::prelude::*;
use crate::live::{self, Change};
use crate::{
    auth::{
        SeatGrant,
        password::PasswordHasher,
        throttle::LoginThrottle,
        tokens::{self, TokenKeys},
    },
    config::AuthSettings,
    domain::types::{MembershipRole, SeatRole},
};
use chrono::DateTime;
use entity::{affiliation, app_user, membership, seat, session};
use sea_orm::ActiveEnum as _;
use sea_orm::sea_query::{ExprTrait, Query, SelectStatement, UnionType};
use std::time::Duration;

/// Everything login and token handling needs, built once at start.
#[derive(Debug)]
pub struct AuthKit {
    pub tokens: TokenKeys,
    pub hasher: PasswordHasher,
    pub throttle: LoginThrottle,
    /// Counts submissions through invitation links, per invitation and per client.
    pub invitation_throttle: LoginThrottle,
    /// Counts receipt e-mails, per recipient (hashed) and per invitation.
    pub receipt_throttle: LoginThrottle,
    pub settings: AuthSettings,
}

/// The result of a login or refresh.
#[derive(Debug, Clone)]
pub struct IssuedTokens {
    pub access_token: String,
    pub access_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub session_expires_at: DateTime<Utc>,
    pub user: app_user::Model,
}

/// Signs in with email and password from `client` (the caller's address).
#[tracing::instrument(skip_all)]
pub async fn login(
    db: &DatabaseConnection, kit: &AuthKit, email: &str, password: &str, client: &str,
) -> AppResult<IssuedTokens> {
    let account: String = email.trim().to_lowercase().chars().take(254).collect();
    kit.throttle.attempt(db, &account, client).await?;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(account.as_str()))
        .one(db)
        .await?;
    let verified =
        kit.hasher.verify(password, user.as_ref().map(|u| u.password_hash.as_str())).await?;
    let user = match user {
        Some(user) if verified && user.disabled_at.is_none() => user,
        _ => {
            tracing::info!(client, "login failed");
            return Err(AppError::InvalidCredentials);
        }
    };
    kit.throttle.succeeded(db, &account, client).await?;
    let now = Utc::now();
    let refresh_token = tokens::new_refresh_token();
    let session_expires_at = now
        + chrono::Duration::from_std(kit.settings.session_ttl)
            .map_err(|e| AppError::Internal(e.into()))?;
    let session = session::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        refresh_hash: Set(tokens::hash_refresh_token(&refresh_token)),
        previous_refresh_hash: Set(None),
        created_at: Set(now),
        last_used_at: Set(now),
        expires_at: Set(session_expires_at),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    let (access_token, access_expires_at) = kit.tokens.issue(user.id, session.id, now)?;
    tracing::info!(user_id = %user.id, session_id = %session.id, "login");
    Ok(IssuedTokens { access_token, access_expires_at, refresh_token, session_expires_at, user })
}

/// Exchanges a refresh token for a new access token and a new refresh token.
///
/// A rotated token presented again is taken for a stolen one and ends the session — except
/// within `grace` of its rotation, which answers CONFLICT and changes nothing: browser tabs
/// share one cookie and may refresh at the same moment; the loser tries again with the
/// cookie the winner set. That answer carries no tokens, so a thief gains nothing by it.
#[tracing::instrument(skip_all)]
pub async fn refresh(
    db: &DatabaseConnection, kit: &AuthKit, refresh_token: &str, grace: Option<Duration>,
) -> AppResult<IssuedTokens> {
    if refresh_token.is_empty() || refresh_token.len() > 128 {
        return Err(AppError::Unauthenticated);
    }
    let hash = tokens::hash_refresh_token(refresh_token);
    let now = Utc::now();
    let Some(current) = session::Entity::find()
        .filter(session::Column::RefreshHash.eq(hash.as_str()))
        .one(db)
        .await?
    else {
        if let Some(grace) = grace
            && just_rotated(db, &hash, now, grace).await?
        {
            return Err(superseded());
        }
        // A rotated token presented again means it was copied: end that session, and with
        // it the live connections it holds, as a logout does.
        let reused = session::Entity::find()
            .filter(session::Column::PreviousRefreshHash.eq(hash.as_str()))
            .filter(session::Column::RevokedAt.is_null())
            .one(db)
            .await?;
        if let Some(session) = reused {
            tracing::warn!("reuse of a rotated refresh token; session revoked");
            end(db, session.id).await?;
        }
        return Err(AppError::Unauthenticated);
    };
    if current.revoked_at.is_some() || current.expires_at <= now {
        return Err(AppError::Unauthenticated);
    }
    let user = app_user::Entity::find_by_id(current.user_id)
        .one(db)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or(AppError::Unauthenticated)?;
    let new_token = tokens::new_refresh_token();
    // Compare-and-swap on the old hash: of two concurrent refreshes only one wins.
    let swapped = session::Entity::update_many()
        .col_expr(session::Column::RefreshHash, Expr::value(tokens::hash_refresh_token(&new_token)))
        .col_expr(session::Column::PreviousRefreshHash, Expr::value(hash.clone()))
        .col_expr(session::Column::LastUsedAt, Expr::value(now))
        .filter(session::Column::Id.eq(current.id))
        .filter(session::Column::RefreshHash.eq(hash.as_str()))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if swapped.rows_affected != 1 {
        // Another refresh of the same token won the swap.
        return Err(if grace.is_some() { superseded() } else { AppError::Unauthenticated });
    }
    let (access_token, access_expires_at) = kit.tokens.issue(user.id, current.id, now)?;
    Ok(IssuedTokens {
        access_token,
        access_expires_at,
        refresh_token: new_token,
        session_expires_at: current.expires_at,
        user,
    })
}

/// The token was replaced less than `grace` ago in a session that still stands.
async fn just_rotated(
    db: &DatabaseConnection, hash: &str, now: DateTime<Utc>, grace: Duration,
) -> AppResult<bool> {
    let since = now - chrono::Duration::from_std(grace).unwrap_or_default();
    let rotated = session::Entity::find()
        .filter(session::Column::PreviousRefreshHash.eq(hash))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::LastUsedAt.gt(since))
        .count(db)
        .await?;
    Ok(rotated > 0)
}

fn superseded() -> AppError {
    AppError::Conflict {
        field: None,
        message: "the session was just renewed elsewhere; try again".into(),
    }
}

/// Ends the actor's session: its access and refresh tokens stop working at once.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn logout(db: &DatabaseConnection, actor: &Actor) -> AppResult<()> {
    end(db, actor.session_id).await
}

/// Revokes a session that is still live and tells every instance, so that its
/// subscriptions close.
async fn end(db: &DatabaseConnection, id: Uuid) -> AppResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    live::publish(db, Change::SessionEnded { id }).await
}

/// Ends the session a refresh token (current, or just replaced) belongs to, as `logout`
/// does; an unknown token changes nothing.
#[tracing::instrument(skip_all)]
pub async fn logout_by_refresh(db: &DatabaseConnection, refresh_token: &str) -> AppResult<()> {
    if refresh_token.is_empty() || refresh_token.len() > 128 {
        return Ok(());
    }
    let hash = tokens::hash_refresh_token(refresh_token);
    let Some(current) = session::Entity::find()
        .filter(
            Condition::any()
                .add(session::Column::RefreshHash.eq(hash.as_str()))
                .add(session::Column::PreviousRefreshHash.eq(hash.as_str())),
        )
        .filter(session::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(());
    };
    end(db, current.id).await
}

/// Verifies a bearer token and loads the actor: session, user, affiliations and open
/// seats (with the membership role of the organisation each seat is held for), all in
/// one statement, since every authenticated request pays for it.
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    db: &DatabaseConnection, kit: &AuthKit, bearer: &str,
) -> AppResult<Actor> {
    let (user_id, session_id) = kit.tokens.verify(bearer)?;
    let mut query = session_row(user_id, session_id);
    for grants in grant_rows(user_id) {
        query.union(UnionType::All, grants);
    }
    let rows = query_rows(db, &query).await?;
    let now = Utc::now();
    let mut admin = None;
    for row in &rows {
        if row.try_get::<String>("", "kind")? == "user" {
            let expires_at: Option<DateTime<Utc>> = row.try_get("", "expires_at")?;
            let is_admin: Option<bool> = row.try_get("", "admin")?;
            if expires_at.is_some_and(|at| at > now) {
                admin = Some(is_admin.unwrap_or(false));
            }
        }
    }
    let is_platform_admin = admin.ok_or(AppError::Unauthenticated)?;
    actor_from_rows(user_id, session_id, is_platform_admin, &rows)
}

/// The actor for an enabled user: affiliations and open seats with the membership role
/// of the organisation each seat is held for (one statement). Also used for calendar
/// feeds, which act for their owner.
#[tracing::instrument(skip_all, fields(session_id = %session_id))]
pub async fn actor_for_user(
    db: &DatabaseConnection, user: &app_user::Model, session_id: Uuid,
) -> AppResult<Actor> {
    let [mut query, seats] = grant_rows(user.id);
    query.union(UnionType::All, seats);
    let rows = query_rows(db, &query).await?;
    actor_from_rows(user.id, session_id, user.is_platform_admin, &rows)
}

async fn query_rows(
    db: &DatabaseConnection, query: &SelectStatement,
) -> AppResult<Vec<sea_orm::QueryResult>> {
    let backend = db.get_database_backend();
    Ok(db.query_all_raw(backend.build(query)).await?)
}

/// The actor from `affiliation` and `seat` rows (other rows are skipped).
fn actor_from_rows(
    user_id: Uuid, session_id: Uuid, is_platform_admin: bool, rows: &[sea_orm::QueryResult],
) -> AppResult<Actor> {
    let mut organisation_ids = vec![];
    let mut seats = vec![];
    for row in rows {
        let kind: String = row.try_get("", "kind")?;
        let ref_id: Uuid = row.try_get("", "ref_id")?;
        match kind.as_str() {
            "affiliation" => organisation_ids.push(ref_id),
            "seat" => {
                let role: Option<String> = row.try_get("", "role")?;
                let membership_role: Option<String> = row.try_get("", "membership_role")?;
                seats.push(SeatGrant {
                    council_id: ref_id,
                    role: SeatRole::try_from_value(&role.unwrap_or_default())?,
                    organisation_id: row.try_get("", "organisation_id")?,
                    membership_role: membership_role
                        .as_ref()
                        .map(MembershipRole::try_from_value)
                        .transpose()?,
                });
            }
            _ => {}
        }
    }
    Ok(Actor { user_id, session_id, is_platform_admin, organisation_ids, seats })
}

/// The columns of the actor rows: `kind`, `ref_id`, then these, NULL where a kind has
/// none. Typed NULLs (CAST, not bound parameters) keep the statement's types when it is
/// logged with its values inlined (`--log-sql`) and replayed.
const ACTOR_COLUMNS: [(&str, &str); 5] = [
    ("organisation_id", "uuid"),
    ("role", "text"),
    ("membership_role", "text"),
    ("admin", "boolean"),
    ("expires_at", "timestamptz"),
];

fn typed_nulls(query: &mut SelectStatement, columns: &[(&'static str, &'static str)]) {
    for (name, sql_type) in columns {
        query.expr_as(Expr::cust(format!("CAST(NULL AS {sql_type})")), *name);
    }
}

/// A `user` row only while the session is open and the user enabled (expiry is checked
/// by the caller).
fn session_row(user_id: Uuid, session_id: Uuid) -> SelectStatement {
    let mut query = Query::select();
    query
        .expr_as(Expr::val("user"), "kind")
        .expr_as(Expr::col((app_user::Entity, app_user::Column::Id)), "ref_id");
    typed_nulls(&mut query, &ACTOR_COLUMNS[..3]);
    query
        .expr_as(Expr::col((app_user::Entity, app_user::Column::IsPlatformAdmin)), "admin")
        .expr_as(Expr::col((session::Entity, session::Column::ExpiresAt)), "expires_at")
        .from(session::Entity)
        .inner_join(
            app_user::Entity,
            Expr::col((app_user::Entity, app_user::Column::Id))
                .equals((session::Entity, session::Column::UserId)),
        )
        .and_where(Expr::col((session::Entity, session::Column::Id)).eq(session_id))
        .and_where(Expr::col((session::Entity, session::Column::UserId)).eq(user_id))
        .and_where(Expr::col((session::Entity, session::Column::RevokedAt)).is_null())
        .and_where(Expr::col((app_user::Entity, app_user::Column::DisabledAt)).is_null());
    query
}

/// An `affiliation` row per organisation and a `seat` row per open seat with its
/// organisation's open membership role (two selects, for one flat `UNION ALL`).
fn grant_rows(user_id: Uuid) -> [SelectStatement; 2] {
    let mut affiliations = Query::select();
    affiliations
        .expr_as(Expr::val("affiliation"), "kind")
        .expr_as(Expr::col((affiliation::Entity, affiliation::Column::OrganisationId)), "ref_id");
    typed_nulls(&mut affiliations, &ACTOR_COLUMNS);
    affiliations
        .from(affiliation::Entity)
        .and_where(Expr::col((affiliation::Entity, affiliation::Column::UserId)).eq(user_id));
    let mut seats = Query::select();
    seats
        .expr_as(Expr::val("seat"), "kind")
        .expr_as(Expr::col((seat::Entity, seat::Column::CouncilId)), "ref_id")
        .expr_as(Expr::col((seat::Entity, seat::Column::OrganisationId)), "organisation_id")
        .expr_as(Expr::col((seat::Entity, seat::Column::Role)), "role")
        .expr_as(Expr::col((membership::Entity, membership::Column::Role)), "membership_role");
    typed_nulls(&mut seats, &ACTOR_COLUMNS[3..]);
    seats
        .from(seat::Entity)
        .left_join(
            membership::Entity,
            Condition::all()
                .add(
                    Expr::col((membership::Entity, membership::Column::CouncilId))
                        .equals((seat::Entity, seat::Column::CouncilId)),
                )
                .add(
                    Expr::col((membership::Entity, membership::Column::OrganisationId))
                        .equals((seat::Entity, seat::Column::OrganisationId)),
                )
                .add(Expr::col((membership::Entity, membership::Column::LeftOn)).is_null()),
        )
        .and_where(Expr::col((seat::Entity, seat::Column::UserId)).eq(user_id))
        .and_where(Expr::col((seat::Entity, seat::Column::EndedOn)).is_null());
    [affiliations, seats]
}
