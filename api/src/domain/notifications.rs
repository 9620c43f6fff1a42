//! Notifications to users. Today they are delivered in-app (a list per user); e-mail can
//! be added behind [`send`] without touching the services that notify.

use chrono::Utc;
use entity::notification;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    auth::Actor,
    domain::pagination::{Cursor, Page, PageRequest},
    error::{AppError, AppResult},
    live::{self, Change},
};

/// Something to tell a user.
#[derive(Debug, Clone)]
pub struct Notice {
    pub user_id: Uuid,
    pub kind: &'static str,
    pub input_id: Option<Uuid>,
    pub message: String,
}

/// Delivers a notice, in the caller's transaction.
#[tracing::instrument(skip_all)]
pub async fn send(db: &impl ConnectionTrait, notice: Notice) -> AppResult<()> {
    let id = Uuid::now_v7();
    notification::ActiveModel {
        id: Set(id),
        user_id: Set(notice.user_id),
        kind: Set(notice.kind.to_owned()),
        input_id: Set(notice.input_id),
        message: Set(notice.message),
        created_at: Set(Utc::now()),
        read_at: Set(None),
    }
    .insert(db)
    .await?;
    live::announce(db, Change::Notification { id, user: notice.user_id }).await
}

/// One of the actor's own notifications; anyone else's is NOT_FOUND.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn mine_by_id(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> AppResult<notification::Model> {
    notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(actor.user_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("notification"))
}

/// The actor's notifications, newest first.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn mine(
    db: &DatabaseConnection,
    actor: &Actor,
    page: &PageRequest,
    unread_only: bool,
) -> AppResult<Page<notification::Model>> {
    let mut query =
        notification::Entity::find().filter(notification::Column::UserId.eq(actor.user_id));
    if let Some(after) = &page.after {
        query = query.filter(notification::Column::Id.lt(after.id));
    }
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    let rows = query.order_by_desc(notification::Column::Id).limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(page, rows, |n| Cursor { key: String::new(), id: n.id }))
}

/// Marks some of the actor's notifications read; others' ids are ignored.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn mark_read(db: &DatabaseConnection, actor: &Actor, ids: &[Uuid]) -> AppResult<u64> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::Id.is_in(ids.iter().copied()))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
