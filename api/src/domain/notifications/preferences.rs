//! How each user wants each kind of notification; no row means in the list only.

use crate::domain::prelude::*;
use crate::domain::{
    audit,
    types::{ActiveEnum, Iterable, NotificationChannel, NotificationKind},
};
use entity::notification_preference as pref;
use sea_orm::sea_query::OnConflict;

/// The channel a user chose for a kind (in the list when they chose none).
pub async fn channel(
    db: &impl ConnectionTrait, user_id: Uuid, kind: NotificationKind,
) -> AppResult<NotificationChannel> {
    let row = pref::Entity::find_by_id((user_id, kind)).one(db).await?;
    Ok(row.map_or(NotificationChannel::InApp, |p| p.channel))
}

/// The actor's choice for every kind, in the order of the kinds.
#[tracing::instrument(skip_all)]
pub async fn mine(
    db: &DatabaseConnection, actor: &Actor,
) -> AppResult<Vec<(NotificationKind, NotificationChannel)>> {
    let rows = pref::Entity::find().filter(pref::Column::UserId.eq(actor.user_id)).all(db).await?;
    Ok(NotificationKind::iter()
        .map(|kind| {
            let chosen = rows.iter().find(|p| p.kind == kind).map(|p| p.channel);
            (kind, chosen.unwrap_or(NotificationChannel::InApp))
        })
        .collect())
}

/// Sets how the actor wants one kind; the actor's own setting, audited like any change.
#[tracing::instrument(skip_all, fields(kind = ?kind, channel = ?channel))]
pub async fn set(
    db: &DatabaseConnection, actor: &Actor, kind: NotificationKind, channel: NotificationChannel,
) -> AppResult<(NotificationKind, NotificationChannel)> {
    let txn = crate::db::begin_write(db).await?;
    let row =
        pref::ActiveModel { user_id: Set(actor.user_id), kind: Set(kind), channel: Set(channel) };
    pref::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([pref::Column::UserId, pref::Column::Kind])
                .update_column(pref::Column::Channel)
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    audit::Event::new(actor, "notification.preference", ("user", actor.user_id))
        .detail(json!({ "kind": kind.to_value(), "channel": channel.to_value() }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, (kind, channel)).await
}
