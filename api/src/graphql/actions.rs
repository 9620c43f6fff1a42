//! Follow-up actions taken back to organisations.

use super::meetings::*;
use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entity::follow_up_action;

use super::{
    ActionMutation, Related, Res, caller, id, organisations::Organisation, parse_id, target,
    target_id,
};
use crate::{
    domain::actions::{self, NewAction},
    error::GqlResultExt,
};

/// An action taken back to a member organisation.
pub struct FollowUpAction(pub follow_up_action::Model);

#[Object]
impl FollowUpAction {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn meeting(&self, ctx: &Context<'_>) -> Res<Option<Meeting>> {
        Meeting::of(ctx, self.0.meeting_id).await
    }

    async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        Organisation::of(ctx, self.0.organisation_id).await
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn due_on(&self) -> NaiveDate {
        self.0.due_on
    }

    async fn status(&self) -> Res<ActionStatus> {
        Ok(self.0.status.into())
    }

    async fn status_note(&self) -> Option<&str> {
        self.0.status_note.as_deref()
    }

    /// Past its due date and not done.
    async fn overdue(&self) -> bool {
        actions::is_overdue(&self.0)
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
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
