//! A change happened: told live to subscribers and queued for the notification fan-out,
//! both in the transaction that makes it (so a rolled-back change tells no one).

use crate::domain::prelude::*;
use entity::change_outbox;

use crate::live::{self, Change};

/// Announces `change` and queues it for notifications; `actor` is not told of it.
pub async fn happened(
    txn: &impl ConnectionTrait, actor: Option<&Actor>, change: Change,
) -> AppResult<()> {
    live::announce(txn, change).await?;
    let payload = serde_json::to_string(&change).map_err(|e| AppError::Internal(e.into()))?;
    change_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        payload: Set(payload),
        actor_user_id: Set(actor.map(|a| a.user_id).filter(|id| !id.is_nil())),
        created_at: Set(Utc::now()),
    }
    .insert(txn)
    .await?;
    Ok(())
}
