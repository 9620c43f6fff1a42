//! The audit log: every change is recorded in the same transaction as the change.

use chrono::Utc;
use entity::audit_event;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{auth::Actor, error::AppResult};

/// What changed.
#[derive(Debug)]
pub struct Event<'a> {
    pub action: &'static str,
    pub subject_type: &'static str,
    pub subject_id: Uuid,
    pub council_id: Option<Uuid>,
    pub detail: serde_json::Value,
    pub actor: Option<&'a Actor>,
}

/// Writes one event with the caller's connection or transaction.
#[tracing::instrument(skip_all)]
pub async fn record(db: &impl ConnectionTrait, event: Event<'_>) -> AppResult<()> {
    audit_event::Entity::insert(audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(Utc::now()),
        actor_user_id: Set(event.actor.map(|a| a.user_id)),
        action: Set(event.action.to_owned()),
        subject_type: Set(event.subject_type.to_owned()),
        subject_id: Set(event.subject_id),
        council_id: Set(event.council_id),
        detail: Set(event.detail.to_string()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
