//! Inputs, invitations for submitting without an account, receipts, triage, feedback
//! figures, representation and notifications.

use super::{
    attachments::Attachment,
    meetings::{AgendaItem, CouncilTheme, Meeting},
    organisations::Organisation,
    users::User,
};
use crate::domain::{inputs::InputView, meetings};
use crate::graphql::prelude::*;
use async_graphql::Object;
use entity::input_event;

mod figures;
mod invitations;
mod reading;
mod workflow;
pub use figures::*;
pub use invitations::*;
pub use reading::*;
pub use workflow::*;

/// Where an input is in its life.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::InputStatus")]
pub enum InputStatus {
    Draft,
    Submitted,
    Acknowledged,
    OnAgenda,
    Discussed,
    Answered,
    Declined,
    Withdrawn,
}
/// A group an input speaks for.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::TargetGroup")]
pub enum TargetGroup {
    Youth,
    Children,
    GirlsAndYoungWomen,
    Women,
    Elderly,
    PeopleWithDisabilities,
    DistrictResidents,
    Lgbtq,
    NewArrivals,
    BusinessOwners,
    Students,
}
/// How an input was gathered.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::GatheredBy")]
pub enum GatheredBy {
    SafetyWalk,
    Survey,
    DialogueMeeting,
    FocusGroup,
    School,
    EService,
    OrganisationView,
}

/// Input from a member organisation, a youth council or an advisory body.
pub struct Input(pub InputView);

object! {
    #[Object]
    impl Input {
        id(): ID,
        title(): &str,
        /// The text; other members see the redacted text when there is one.
        body(): &str,
        status() as InputStatus,

        async fn target_groups(&self) -> Res<Vec<TargetGroup>> {
            let groups = self.0.target_groups().gql()?;
            Ok(groups.into_iter().map(Into::into).collect())
        }

        district(): Option<&str>,
        gathered_by() as GatheredBy,
        /// Shown to other members without author or organisation.
        anonymous(): bool,

        /// The submitting organisation; `null` for other members when the input is anonymous.
        async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
            let Some(submitter) = self.0.submitter() else { return Ok(None) };
            Organisation::of(ctx, submitter.organisation_id).await
        }

        /// Who wrote it; `null` for other members when the input is anonymous.
        async fn author_name(&self, ctx: &Context<'_>) -> Res<Option<String>> {
            let Some(submitter) = self.0.submitter() else { return Ok(None) };
            if let Some(user) = submitter.author_user_id {
                let user = load(ctx, |l| &l.user, user).await?;
                return Ok(user.map(|u| u.display_name));
            }
            Ok(submitter.author_name.map(str::to_owned))
        }

        async fn meeting(&self, ctx: &Context<'_>) -> Res<Option<Meeting>> {
            related(ctx, self.0.meeting_id()).await
        }

        /// The agenda item it is about or was put on, when you may see the agenda.
        async fn agenda_item(&self, ctx: &Context<'_>) -> Res<Option<AgendaItem>> {
            let (Some(item), Some(meeting)) = (self.0.agenda_item_id(), self.0.meeting_id()) else {
                return Ok(None);
            };
            let actor = ctx.actor().gql()?;
            let loaders = ctx.loaders().gql()?;
            let details = loaded(loaders.meeting.load_one(meeting).await)?
                .and_then(|m| meetings::view_of(actor, m))
                .and_then(|m| m.details().ok());
            let Some(details) = details else { return Ok(None) };
            let items = loaded(loaders.agenda.load_one(details).await)?;
            Ok(items.unwrap_or_default().into_iter().find(|i| i.id == item).map(AgendaItem))
        }

        async fn theme(&self, ctx: &Context<'_>) -> Res<Option<CouncilTheme>> {
            let Some(theme) = self.0.theme_id() else { return Ok(None) };
            let themes = load(ctx, |l| &l.themes, self.0.council_id()).await?;
            Ok(themes.unwrap_or_default().into_iter().find(|t| t.id == theme).map(CouncilTheme))
        }

        submitted_at(): Option<DateTime<Utc>>,
        /// The answer (återkoppling).
        answer(): Option<&str>,
        decline_reason(): Option<&str>,
        answered_at(): Option<DateTime<Utc>>,
        /// Hidden from other members (secretariat and submitter only).
        hidden(): Option<bool>,
        /// Why it was hidden (secretariat only).
        hidden_reason(): Option<&str>,
        /// Other members see a redacted text.
        redacted(): bool,

        /// Attached files (secretariat and submitting organisation; `null` for others).
        async fn attachments(&self, ctx: &Context<'_>) -> Res<Option<Vec<Attachment>>> {
            let Some(record) = self.0.record() else { return Ok(None) };
            let rows = load(ctx, |l| &l.attachments, record).await?;
            Ok(Some(rows.unwrap_or_default().into_iter().map(Attachment).collect()))
        }

        /// Every step, with who and when (secretariat and submitting organisation).
        async fn history(&self, ctx: &Context<'_>) -> Res<Option<Vec<InputHistoryEntry>>> {
            let Some(record) = self.0.record() else { return Ok(None) };
            let rows = load(ctx, |l| &l.input_events, record).await?;
            Ok(Some(
                self.0
                    .visible_history(rows.unwrap_or_default())
                    .into_iter()
                    .map(InputHistoryEntry)
                    .collect(),
            ))
        }
    }
}

/// One step in an input's life.
pub struct InputHistoryEntry(pub input_event::Model);

object! {
    #[Object]
    impl InputHistoryEntry {
        at: DateTime<Utc>,
        /// E.g. `submit`, `acknowledge`, `answer`, `hide`.
        action: &str,

        async fn status(&self) -> Res<InputStatus> {
            Ok(self.0.to_status.into())
        }

        note: Option<&str>,

        /// Who took the step (none for submissions through an invitation).
        async fn actor(&self, ctx: &Context<'_>) -> Res<Option<User>> {
            related(ctx, self.0.actor_user_id).await
        }
    }
}
