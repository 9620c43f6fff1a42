//! Meetings: themes, the year planner, agendas and proposals, attendance, minutes,
//! follow-up actions and calendar feeds.
//!
//! Times are given and shown in Europe/Stockholm (`…Local` fields, `NaiveDateTime`)
//! and also as UTC instants. Changes to a meeting or its agenda name the
//! `expectedVersion` they were based on.

use super::{
    actions::FollowUpAction,
    councils::Council,
    inputs::{Input, InputStatus, InputTriage, Invitation, input_connection},
    minutes::Minutes,
};
use crate::domain::{
    inputs,
    meetings::{self, MeetingView},
    minutes::MinutesView,
    time,
};
use crate::graphql::MeetingQuery;
use crate::graphql::prelude::*;
use async_graphql::{Object, connection::Connection};
use chrono::NaiveDateTime;

mod agenda;
mod attendance;
mod lifecycle;
mod planning;
pub use agenda::*;
pub use attendance::*;
pub use planning::*;

/// Where a meeting is in its life.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::MeetingStatus")]
pub enum MeetingStatus {
    Draft,
    Scheduled,
    Held,
    MinutesApproved,
    Cancelled,
}
/// What an agenda item is for.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::AgendaItemKind")]
pub enum AgendaItemKind {
    Information,
    Discussion,
    Decision,
}
/// A proposal's state.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::ProposalStatus")]
pub enum ProposalStatus {
    Proposed,
    Accepted,
    Declined,
}
/// An answer to a meeting invitation.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::AttendanceResponse")]
pub enum AttendanceResponse {
    Attending,
    Apologies,
    Substitute,
}
/// Minutes are drafted, then approved and locked.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::MinutesStatus")]
pub enum MinutesStatus {
    Draft,
    Approved,
}
/// A follow-up action's state.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::ActionStatus")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// A council meeting.
pub struct Meeting(pub MeetingView);

impl crate::graphql::Related for Meeting {
    async fn of(ctx: &Context<'_>, id: Uuid) -> Res<Option<Self>> {
        let actor = ctx.actor().gql()?;
        let row = load(ctx, |l| &l.meeting, id).await?;
        Ok(row.and_then(|m| meetings::view_of(actor, m)).map(Meeting))
    }
}

#[Object]
impl Meeting {
    async fn id(&self) -> ID {
        id(self.0.model().id)
    }

    /// Changes name this version in `expectedVersion`.
    async fn version(&self) -> i32 {
        self.0.model().version
    }

    async fn council(&self, ctx: &Context<'_>) -> Res<Option<Council>> {
        Council::of(ctx, self.0.model().council_id).await
    }

    async fn title(&self) -> &str {
        &self.0.model().title
    }

    async fn theme(&self, ctx: &Context<'_>) -> Res<Option<CouncilTheme>> {
        let Some(theme) = self.0.model().theme_id else { return Ok(None) };
        let themes = load(ctx, |l| &l.themes, self.0.model().council_id).await?;
        Ok(themes.unwrap_or_default().into_iter().find(|t| t.id == theme).map(CouncilTheme))
    }

    /// Shown to members and the secretariat; `null` for advisory bodies.
    async fn description(&self) -> Option<&str> {
        self.0.details_visible().then_some(self.0.model().description.as_str())
    }

    async fn status(&self) -> Res<MeetingStatus> {
        Ok(self.0.status().into())
    }

    async fn cancel_reason(&self) -> Option<&str> {
        self.0.model().cancel_reason.as_deref()
    }

    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.model().starts_at
    }

    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.model().ends_at
    }

    /// Start in Swedish time.
    async fn starts_at_local(&self) -> NaiveDateTime {
        time::to_local(self.0.model().starts_at)
    }

    /// End in Swedish time.
    async fn ends_at_local(&self) -> NaiveDateTime {
        time::to_local(self.0.model().ends_at)
    }

    async fn duration_minutes(&self) -> i64 {
        (self.0.model().ends_at - self.0.model().starts_at).num_minutes()
    }

    async fn location(&self) -> Option<&str> {
        self.0.model().location.as_deref()
    }

    /// Shown to members and the secretariat; `null` for advisory bodies.
    async fn online_url(&self) -> Option<&str> {
        self.0.details_visible().then_some(()).and(self.0.model().online_url.as_deref())
    }

    async fn input_opens_at_local(&self) -> Option<NaiveDateTime> {
        self.0.model().input_opens_at.map(time::to_local)
    }

    async fn input_deadline(&self) -> Option<DateTime<Utc>> {
        self.0.model().input_deadline
    }

    /// The input deadline in Swedish time.
    async fn input_deadline_local(&self) -> Option<NaiveDateTime> {
        self.0.model().input_deadline.map(time::to_local)
    }

    /// The agenda in order (members and secretariat; FORBIDDEN for advisory bodies).
    async fn agenda(&self, ctx: &Context<'_>) -> Res<Vec<AgendaItem>> {
        let rows = load(ctx, |l| &l.agenda, self.0.details().gql()?).await?;
        Ok(rows.unwrap_or_default().into_iter().map(AgendaItem).collect())
    }

    /// Minutes allotted on the agenda in total, to compare with `durationMinutes`.
    async fn agenda_minutes_total(&self, ctx: &Context<'_>) -> Res<i64> {
        let rows = load(ctx, |l| &l.agenda, self.0.details().gql()?).await?;
        Ok(rows.unwrap_or_default().iter().map(|i| i64::from(i.minutes_allotted)).sum())
    }

    /// Proposals for the agenda: all for the secretariat, your organisation's for members.
    async fn proposals(&self, ctx: &Context<'_>) -> Res<Vec<AgendaProposal>> {
        let actor = ctx.actor().gql()?;
        let rows = load(ctx, |l| &l.proposals, self.0.details().gql()?).await?;
        let visible =
            meetings::visible_proposals(actor, &self.0, rows.unwrap_or_default()).gql()?;
        Ok(visible.into_iter().map(AgendaProposal).collect())
    }

    /// Every answer to the invitation.
    async fn attendance(&self, ctx: &Context<'_>) -> Res<Vec<AttendanceAnswer>> {
        let rows = load(ctx, |l| &l.attendance, self.0.details().gql()?).await?;
        Ok(rows.unwrap_or_default().into_iter().map(AttendanceAnswer).collect())
    }

    /// Your own answer to the invitation; `null` until you have given one.
    async fn my_attendance(&self, ctx: &Context<'_>) -> Res<Option<AttendanceAnswer>> {
        let actor = ctx.actor().gql()?;
        let rows = load(ctx, |l| &l.attendance, self.0.details().gql()?).await?;
        let mine = rows.unwrap_or_default().into_iter().find(|a| a.user_id == actor.user_id);
        Ok(mine.map(AttendanceAnswer))
    }

    /// Who is coming, per member organisation.
    async fn attendance_by_organisation(
        &self, ctx: &Context<'_>,
    ) -> Res<Vec<AttendanceOfOrganisation>> {
        let loaders = ctx.loaders().gql()?;
        let (details, seats) = (self.0.details().gql()?, self.0.seats().gql()?);
        let (memberships, seats, answers) = futures_util::try_join!(
            loaders.memberships.load_one(self.0.model().council_id),
            loaders.seats.load_one(seats),
            loaders.attendance.load_one(details),
        )
        .map_err(|e| async_graphql::ErrorExtensions::extend(e.as_ref()))?;
        let summary = meetings::summarise_attendance(
            &memberships.unwrap_or_default(),
            &seats.unwrap_or_default(),
            &answers.unwrap_or_default(),
        );
        Ok(summary.into_iter().map(AttendanceOfOrganisation).collect())
    }

    /// The minutes, once drafted.
    async fn minutes(&self, ctx: &Context<'_>) -> Res<Option<Minutes>> {
        let details = self.0.details().gql()?;
        let rows = load(ctx, |l| &l.minutes, details).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .next()
            .and_then(|m| MinutesView::of(details, m))
            .map(Minutes))
    }

    /// Actions the meeting sent back to organisations.
    async fn actions(&self, ctx: &Context<'_>) -> Res<Vec<FollowUpAction>> {
        let rows = load(ctx, |l| &l.actions, self.0.details().gql()?).await?;
        Ok(rows.unwrap_or_default().into_iter().map(FollowUpAction).collect())
    }

    /// Inputs to this meeting that you may see, oldest first.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn inputs(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
        status: Option<InputStatus>,
    ) -> Res<Connection<String, Input>> {
        let (db, actor, page) = paging(ctx, first, after.as_deref())?;
        let result =
            inputs::for_meeting(db, actor, &self.0, &page, status.map(Into::into)).await.gql()?;
        input_connection(ctx, result).await
    }

    /// Inputs grouped by status, agenda item and theme (secretariat).
    async fn input_triage(&self, ctx: &Context<'_>) -> Res<InputTriage> {
        let (db, actor) = caller(ctx)?;
        let triage = inputs::triage(db, actor, &self.0).await.gql()?;
        let details = self.0.details().gql()?;
        Ok(InputTriage::new(triage, details, self.0.model().council_id))
    }

    /// Inputs and answers as CSV (UTF-8 with BOM; formulas neutralised) (secretariat).
    async fn inputs_csv(&self, ctx: &Context<'_>) -> Res<String> {
        let (db, actor) = caller(ctx)?;
        inputs::export_csv(db, actor, &self.0).await.gql()
    }

    /// Invitations to give input without an account (secretariat).
    async fn invitations(&self, ctx: &Context<'_>) -> Res<Vec<Invitation>> {
        let (db, actor) = caller(ctx)?;
        let rows = inputs::invitations_of(db, actor, &self.0).await.gql()?;
        Ok(rows.into_iter().map(super::inputs::invitation).collect())
    }

    /// Other councils' meetings at an overlapping time that share member organisations
    /// (secretariat and admin).
    async fn conflicts(&self, ctx: &Context<'_>) -> Res<Vec<MeetingConflict>> {
        let (db, actor) = caller(ctx)?;
        let conflicts = meetings::conflicts_of(db, actor, &self.0).await.gql()?;
        Ok(conflicts.into_iter().map(MeetingConflict).collect())
    }
}

#[Object]
impl MeetingQuery {
    /// One meeting; NOT_FOUND unless you may see it.
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> Res<Meeting> {
        let (db, actor, id) = target(ctx, "meeting", &id)?;
        let view = meetings::get(db, actor, id).await.gql()?;
        // Fields below (an input's agenda item) look the meeting up again: read it once.
        ctx.loaders().gql()?.meeting.feed_one(view.model().id, view.model().clone()).await;
        Ok(Meeting(view))
    }
}
