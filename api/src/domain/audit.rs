//! The audit log: every change is recorded in the same transaction as the change.

use crate::domain::prelude::*;
use entity::audit_event;

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

impl<'a> Event<'a> {
    /// `actor` did `action` to the subject (`("meeting", id)`), with no detail yet.
    pub fn new(actor: &'a Actor, action: &'static str, subject: (&'static str, Uuid)) -> Self {
        Self {
            action,
            subject_type: subject.0,
            subject_id: subject.1,
            council_id: None,
            detail: serde_json::json!({}),
            actor: Some(actor),
        }
    }

    /// The council whose history shows the event.
    pub fn in_council(self, council_id: impl Into<Option<Uuid>>) -> Self {
        Self { council_id: council_id.into(), ..self }
    }

    /// What the event changed, for the history.
    pub fn detail(self, detail: serde_json::Value) -> Self {
        Self { detail, ..self }
    }

    /// Writes the event with the caller's connection or transaction.
    #[tracing::instrument(skip_all, fields(action = self.action))]
    pub async fn record(self, db: &impl ConnectionTrait) -> AppResult<()> {
        audit_event::Entity::insert(audit_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            at: Set(Utc::now()),
            actor_user_id: Set(self.actor.map(|a| a.user_id)),
            action: Set(self.action.to_owned()),
            subject_type: Set(self.subject_type.to_owned()),
            subject_id: Set(self.subject_id),
            council_id: Set(self.council_id),
            detail: Set(self.detail.to_string()),
        })
        .exec_without_returning(db)
        .await?;
        Ok(())
    }
}
