//! Notifications to users: a list per user, and by e-mail at once or in a daily digest
//! as each user chooses per kind ([`preferences`]). Changes become notifications after
//! they commit ([`fan_out`]); reminders come from a sweep ([`reminders`]); e-mail is
//! written to the outbox in the same transaction as the notification ([`email`]).

pub mod email;
pub mod fan_out;
pub mod preferences;
pub mod reminders;

use crate::domain::prelude::*;
use entity::notification;
use sea_orm::sea_query::OnConflict;

use crate::{
    domain::types::{NotificationChannel, NotificationKind},
    live::{self, Change},
};

/// Something to tell a user.
#[derive(Debug, Clone)]
pub struct Notice {
    pub user_id: Uuid,
    pub kind: NotificationKind,
    pub input_id: Option<Uuid>,
    pub message: String,
    /// Where in the web UI it leads (ids only).
    pub link: Option<String>,
    /// For reminders: at most one notification per user and key.
    pub dedupe_key: Option<String>,
}

/// Delivers a notice in the caller's transaction, as the user wants this kind: not at
/// all, in the list, and by e-mail at once (written to the outbox in this transaction).
/// Returns whether a notification was written (a reminder already sent is not).
#[tracing::instrument(skip_all, fields(kind = ?notice.kind))]
pub async fn send(db: &impl ConnectionTrait, notice: Notice) -> AppResult<bool> {
    let channel = preferences::channel(db, notice.user_id, notice.kind).await?;
    if channel == NotificationChannel::Off {
        return Ok(false);
    }
    let id = Uuid::now_v7();
    let row = notification::ActiveModel {
        id: Set(id),
        user_id: Set(notice.user_id),
        kind: Set(notice.kind),
        input_id: Set(notice.input_id),
        message: Set(notice.message.clone()),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        link: Set(notice.link.clone()),
        dedupe_key: Set(notice.dedupe_key.clone()),
        digested_at: Set(None),
    };
    let written = notification::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([notification::Column::UserId, notification::Column::DedupeKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if written == 0 {
        return Ok(false);
    }
    if channel == NotificationChannel::Email {
        email::enqueue_notice(db, &notice).await?;
    }
    live::announce(db, Change::Notification { id, user: notice.user_id }).await?;
    Ok(true)
}

/// How many of the actor's notifications are unread.
#[tracing::instrument(skip_all)]
pub async fn unread_count(db: &DatabaseConnection, actor: &Actor) -> AppResult<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// One of the actor's own notifications; anyone else's is NOT_FOUND.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn mine_by_id(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
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
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest, unread_only: bool,
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
