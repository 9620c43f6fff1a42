//! Users and their affiliations (which organisations they act for).
//!
//! A platform admin manages users; a user may change their own name and language.
//! Disabling a user revokes every session at once.

use crate::domain::batch;
use crate::domain::prelude::*;
use crate::{
    auth::password::PasswordHasher,
    domain::access::{Checked, UserPrivate},
    domain::{
        audit, organisations, policy,
        types::{Email, Locale, parse_name, parse_optional_text},
    },
};
use entity::{affiliation, app_user, seat, session};
use sea_orm::ActiveEnum as _;

/// Longest display name.
pub const MAX_NAME: usize = 200;

/// Input for a new user.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub locale: Locale,
    pub is_platform_admin: bool,
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub locale: Option<Locale>,
    /// Admin only.
    pub disabled: Option<bool>,
    /// Admin only.
    pub is_platform_admin: Option<bool>,
}

/// A user as anyone may see them: name, language, admin flag. The row stays inside, so
/// the e-mail address (and the password hash) reach a reader only through
/// [`UserView::email`], which makes the check, and affiliations only with the proof
/// [`UserView::private_to`] gives:
///
/// ```no_run
/// # use samrad::{auth::Actor, domain::users::UserView};
/// # fn f<'a>(view: &'a UserView, actor: &Actor) -> Option<&'a str> {
/// view.email(actor)
/// # }
/// ```
///
/// ```compile_fail
/// # use samrad::{auth::Actor, domain::users::UserView};
/// # fn f<'a>(view: &'a UserView, actor: &Actor) -> Option<&'a str> {
/// Some(&view.model.email)
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct UserView {
    model: app_user::Model,
}

impl From<app_user::Model> for UserView {
    fn from(model: app_user::Model) -> Self {
        Self { model }
    }
}

impl UserView {
    pub fn id(&self) -> Uuid {
        self.model.id
    }

    pub fn display_name(&self) -> &str {
        &self.model.display_name
    }

    pub fn locale(&self) -> Locale {
        self.model.locale
    }

    pub fn is_platform_admin(&self) -> bool {
        self.model.is_platform_admin
    }

    pub fn disabled(&self) -> bool {
        self.model.disabled_at.is_some()
    }

    pub fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.model.created_at
    }

    /// The proof that `actor` may see this user's own data: the user, or an admin.
    pub fn private_to(&self, actor: &Actor) -> Option<Checked<UserPrivate>> {
        policy::can_see_email(actor, self.model.id).then_some(Checked::new(self.model.id))
    }

    /// The e-mail address, for the user themself and admins.
    pub fn email(&self, actor: &Actor) -> Option<&str> {
        self.private_to(actor).map(|_| self.model.email.as_str())
    }
}

/// The signed-in user.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn me(db: &DatabaseConnection, actor: &Actor) -> AppResult<app_user::Model> {
    app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(AppError::Unauthenticated)
}

/// One user: the user themself or an admin; anyone else gets NOT_FOUND.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<app_user::Model> {
    if policy::require_profile_edit(actor, id).is_err() {
        return Err(AppError::NotFound("user"));
    }
    app_user::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("user"))
}

/// All users by name (platform admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn list(
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest,
) -> AppResult<Page<app_user::Model>> {
    policy::require_admin(actor)?;
    let query = app_user::Entity::find();
    let rows =
        page.rows_after(db, query, app_user::Column::DisplayName, app_user::Column::Id).await?;
    Ok(Page::from_rows(page, rows, |u| Cursor { key: u.display_name.clone(), id: u.id }))
}

/// Users by id, for batch loading behind an access-checked parent (a seat).
#[tracing::instrument(skip_all)]
pub async fn by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<app_user::Model>> {
    batch::rows_in::<app_user::Entity>(db, app_user::Column::Id, ids, &[]).await
}

batch::rows_of! {
    /// Affiliations of several users, for batch loading.
    pub fn affiliations_of(UserPrivate) -> affiliation by UserId order CreatedAt;
}

/// Creates a user (platform admin). A duplicate email is a CONFLICT on `email`.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create(
    db: &DatabaseConnection, hasher: &PasswordHasher, actor: &Actor, input: NewUser,
) -> AppResult<app_user::Model> {
    policy::require_admin(actor)?;
    let email = Email::parse(&input.email)?;
    let display_name = parse_name("displayName", &input.display_name, MAX_NAME)?;
    PasswordHasher::validate(&input.password)?;
    let exists = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.as_str()))
        .count(db)
        .await?;
    if exists > 0 {
        return Err(AppError::conflict("email", "a user with this email already exists"));
    }
    let hash = hasher.hash(&input.password).await?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let user = app_user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        password_hash: Set(hash),
        display_name: Set(display_name),
        locale: Set(input.locale),
        is_platform_admin: Set(input.is_platform_admin),
        disabled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "email", "a user with this email"))?;
    audit::Event::new(actor, "user.create", ("user", user.id))
        .detail(json!({ "isPlatformAdmin": user.is_platform_admin }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, user).await
}

/// Changes a user. Name and language: the user or an admin; disabling and admin rights:
/// an admin, never on their own account (so the last admin cannot lock everyone out).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn update(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, patch: UserPatch,
) -> AppResult<app_user::Model> {
    let privileged = patch.disabled.is_some() || patch.is_platform_admin.is_some();
    if privileged {
        policy::require_admin(actor)?;
        if actor.user_id == id {
            return Err(AppError::bad_input(
                if patch.disabled.is_some() { "disabled" } else { "isPlatformAdmin" },
                "you cannot disable yourself or change your own admin rights",
            ));
        }
    } else if policy::require_profile_edit(actor, id).is_err() {
        return Err(AppError::NotFound("user"));
    }
    let txn = crate::db::begin_write(db).await?;
    let current =
        app_user::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("user"))?;
    let mut model: app_user::ActiveModel = current.clone().into();
    if let Some(name) = &patch.display_name {
        model.display_name = Set(parse_name("displayName", name, MAX_NAME)?);
    }
    if let Some(locale) = patch.locale {
        model.locale = Set(locale);
    }
    if let Some(admin) = patch.is_platform_admin {
        model.is_platform_admin = Set(admin);
    }
    let now = Utc::now();
    match (patch.disabled, current.disabled_at) {
        (Some(true), None) => {
            model.disabled_at = Set(Some(now));
            session::Entity::update_many()
                .col_expr(session::Column::RevokedAt, Expr::value(now))
                .filter(session::Column::UserId.eq(id))
                .filter(session::Column::RevokedAt.is_null())
                .exec(&txn)
                .await?;
        }
        (Some(false), Some(_)) => model.disabled_at = Set(None),
        _ => {}
    }
    model.updated_at = Set(now);
    let updated = model.update(&txn).await?;
    audit::Event::new(actor, "user.update", ("user", id))
        .detail(json!({
            "displayName": patch.display_name.is_some(),
            "locale": patch.locale.map(|l| l.to_value()),
            "disabled": patch.disabled,
            "isPlatformAdmin": patch.is_platform_admin,
        }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, updated).await
}

/// Lets a user act for an organisation (platform admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, user_id = %user_id, organisation_id = %organisation_id))]
pub async fn add_affiliation(
    db: &DatabaseConnection, actor: &Actor, user_id: Uuid, organisation_id: Uuid,
    title: Option<&str>,
) -> AppResult<affiliation::Model> {
    policy::require_admin(actor)?;
    let title = parse_optional_text("title", title, 200)?;
    let txn = crate::db::begin_write(db).await?;
    app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::bad_input("userId", "unknown user"))?;
    organisations::require_exists(&txn, organisation_id, "organisationId").await?;
    let model = affiliation::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        title: Set(title),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "organisationId", "this affiliation"))?;
    audit::Event::new(actor, "affiliation.add", ("user", user_id))
        .detail(json!({ "organisationId": organisation_id }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// Ends an affiliation (platform admin). Refused while the user holds an open seat for
/// that organisation: end the seat first, so no council loses a representative silently.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn remove_affiliation(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
) -> AppResult<Uuid> {
    policy::require_admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let current = affiliation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("affiliation"))?;
    let open_seats = seat::Entity::find()
        .filter(seat::Column::UserId.eq(current.user_id))
        .filter(seat::Column::OrganisationId.eq(current.organisation_id))
        .filter(seat::Column::EndedOn.is_null())
        .count(&txn)
        .await?;
    if open_seats > 0 {
        return Err(AppError::conflict(
            "id",
            "the user still holds a seat for this organisation; end the seat first",
        ));
    }
    affiliation::Entity::delete_by_id(id).exec(&txn).await?;
    audit::Event::new(actor, "affiliation.remove", ("user", current.user_id))
        .detail(json!({ "organisationId": current.organisation_id }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, id).await
}
