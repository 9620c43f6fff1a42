//! Follow-up actions taken back to organisations.

use super::meetings::*;
use crate::graphql::prelude::*;
use async_graphql::{InputObject, Object};
use entity::follow_up_action;

use super::{ActionMutation, organisations::Organisation};
use crate::domain::actions::{self, NewAction};

/// An action taken back to a member organisation.
pub struct FollowUpAction(pub follow_up_action::Model);

object! {
    #[Object]
    impl FollowUpAction {
        id: ID,
        meeting: Option<Meeting> = meeting_id,
        organisation: Option<Organisation> = organisation_id,
        title: &str,
        description: &str,
        due_on: NaiveDate,
        status as ActionStatus,
        status_note: Option<&str>,

        /// Past its due date and not done.
        async fn overdue(&self) -> bool {
            actions::is_overdue(&self.0)
        }

        updated_at: DateTime<Utc>,
    }
}

/// A follow-up action.
#[derive(InputObject)]
pub struct CreateActionInput {
    pub meeting_id: ID,
    pub organisation_id: ID,
    pub title: String,
    pub description: Option<String>,
    pub due_on: NaiveDate,
}

// Creating and updating follow-up actions.
#[Object]
impl ActionMutation {
    /// Assigns a follow-up action to a member organisation (secretariat or admin).
    async fn create_action(
        &self, ctx: &Context<'_>, input: CreateActionInput,
    ) -> Res<FollowUpAction> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewAction {
            meeting_id: target_id("meeting", &input.meeting_id)?,
            organisation_id: parse_id("organisationId", &input.organisation_id).gql()?,
            title: input.title,
            description: input.description,
            due_on: input.due_on,
        };
        actions::create(db, actor, cmd).await.map(FollowUpAction).gql()
    }

    /// Updates an action's status: the assigned organisation's representatives or the
    /// secretariat.
    async fn update_action_status(
        &self, ctx: &Context<'_>, id: ID, status: ActionStatus, note: Option<String>,
    ) -> Res<FollowUpAction> {
        let (db, actor, id) = target(ctx, "action", &id)?;
        actions::update_status(db, actor, id, status.into(), note.as_deref())
            .await
            .map(FollowUpAction)
            .gql()
    }
}
