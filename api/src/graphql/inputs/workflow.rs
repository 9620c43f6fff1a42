//! Writing inputs and moving them through their workflow.

use super::*;
use crate::graphql::InputMutation;
use async_graphql::{InputObject, Object};

use crate::{
    domain::inputs::Step,
    domain::inputs::{self, InputContent, NewInput, Target},
    error::AppError,
};

/// A new input. Give exactly one of `meetingId`, `agendaItemId` and `themeId`.
#[derive(InputObject)]
pub struct CreateInputInput {
    pub meeting_id: Option<ID>,
    pub agenda_item_id: Option<ID>,
    pub theme_id: Option<ID>,
    /// Needed only if you sit for more than one organisation.
    pub organisation_id: Option<ID>,
    pub content: InputContentInput,
    /// Submit at once (default) or keep as a draft.
    #[graphql(default = true)]
    pub submit: bool,
}

/// The content of an input.
#[derive(InputObject)]
pub struct InputContentInput {
    pub title: String,
    pub body: String,
    #[graphql(default)]
    pub target_groups: Vec<TargetGroup>,
    pub district: Option<String>,
    pub gathered_by: GatheredBy,
    /// Show it to other members without author or organisation.
    #[graphql(default)]
    pub anonymous: bool,
}

impl From<InputContentInput> for InputContent {
    fn from(c: InputContentInput) -> Self {
        Self {
            title: c.title,
            body: c.body,
            target_groups: c.target_groups.into_iter().map(Into::into).collect(),
            district: c.district,
            gathered_by: c.gathered_by.into(),
            anonymous: c.anonymous,
        }
    }
}

fn input_id(id: &ID) -> Result<uuid::Uuid, AppError> {
    parse_id("id", id).map_err(|_| AppError::NotFound("input"))
}

// Writing inputs and moving them through their workflow.
#[Object]
impl InputMutation {
    /// Gives input for your organisation to a meeting, an agenda item or a theme.
    async fn create_input(&self, ctx: &Context<'_>, input: CreateInputInput) -> Res<Input> {
        let (db, actor) = caller(ctx)?;
        let target = match (&input.meeting_id, &input.agenda_item_id, &input.theme_id) {
            (Some(m), None, None) => Target::Meeting(
                parse_id("meetingId", m).map_err(|_| AppError::NotFound("meeting")).gql()?,
            ),
            (None, Some(i), None) => Target::AgendaItem(
                parse_id("agendaItemId", i).map_err(|_| AppError::NotFound("agenda item")).gql()?,
            ),
            (None, None, Some(t)) => Target::Theme(
                parse_id("themeId", t).map_err(|_| AppError::NotFound("theme")).gql()?,
            ),
            _ => {
                return Err(AppError::bad_input(
                    "meetingId",
                    "give exactly one of meetingId, agendaItemId and themeId",
                ))
                .gql();
            }
        };
        let cmd = NewInput {
            target,
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            content: input.content.into(),
            submit: input.submit,
        };
        inputs::create(db, actor, cmd).await.map(Input).gql()
    }

    /// Submits a draft, within the input window.
    async fn submit_input(&self, ctx: &Context<'_>, id: ID) -> Res<Input> {
        step(ctx, &id, Step::Submit).await
    }

    /// Accepts a late submission of a draft (secretariat).
    async fn allow_late_input(&self, ctx: &Context<'_>, id: ID) -> Res<Input> {
        let (db, actor) = caller(ctx)?;
        inputs::allow_late(db, actor, input_id(&id).gql()?).await.map(Input).gql()
    }

    /// Acknowledges submitted inputs, all or none (secretariat).
    async fn acknowledge_inputs(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Res<Vec<Input>> {
        let (db, actor) = caller(ctx)?;
        let ids = ids.iter().map(input_id).collect::<Result<Vec<_>, _>>().gql()?;
        let done = inputs::acknowledge(db, actor, &ids).await.gql()?;
        Ok(done.into_iter().map(Input).collect())
    }

    /// Puts an input on an agenda item of its meeting (secretariat).
    async fn link_input_to_agenda_item(
        &self, ctx: &Context<'_>, id: ID, agenda_item_id: ID,
    ) -> Res<Input> {
        // Who asks is settled before what they sent is judged.
        ctx.actor().gql()?;
        let item = parse_id("agendaItemId", &agenda_item_id).gql()?;
        step(ctx, &id, Step::Link { agenda_item_id: item }).await
    }

    /// Records that the meeting discussed the input (secretariat).
    async fn mark_input_discussed(&self, ctx: &Context<'_>, id: ID) -> Res<Input> {
        step(ctx, &id, Step::Discuss).await
    }

    /// Answers the input; the submitter is notified (secretariat).
    async fn answer_input(&self, ctx: &Context<'_>, id: ID, answer: String) -> Res<Input> {
        step(ctx, &id, Step::Answer { text: answer }).await
    }

    /// Declines the input with a reason; the submitter is notified (secretariat).
    async fn decline_input(&self, ctx: &Context<'_>, id: ID, reason: String) -> Res<Input> {
        step(ctx, &id, Step::Decline { reason }).await
    }

    /// Withdraws your organisation's input before it is discussed.
    async fn withdraw_input(&self, ctx: &Context<'_>, id: ID) -> Res<Input> {
        step(ctx, &id, Step::Withdraw).await
    }

    /// Hides an input from other members, with a reason (secretariat; logged).
    async fn hide_input(&self, ctx: &Context<'_>, id: ID, reason: String) -> Res<Input> {
        let (db, actor) = caller(ctx)?;
        inputs::hide(db, actor, input_id(&id).gql()?, &reason).await.map(Input).gql()
    }

    /// Replaces the text other members see, with a reason (secretariat; logged).
    async fn redact_input(
        &self, ctx: &Context<'_>, id: ID, redacted_body: String, reason: String,
    ) -> Res<Input> {
        let (db, actor) = caller(ctx)?;
        inputs::redact(db, actor, input_id(&id).gql()?, &redacted_body, &reason)
            .await
            .map(Input)
            .gql()
    }
}

/// Takes one workflow step on the input `id`.
async fn step(ctx: &Context<'_>, id: &ID, step: Step) -> Res<Input> {
    let (db, actor) = caller(ctx)?;
    inputs::take_step(db, actor, input_id(id).gql()?, step).await.map(Input).gql()
}
