//! Meetings: themes, the year planner, agendas and proposals, attendance, minutes,
//! follow-up actions and calendar feeds.
//!
//! Times are given and shown in Europe/Stockholm (`…Local` fields, `NaiveDateTime`)
//! and also as UTC instants. Changes to a meeting or its agenda name the
//! `expectedVersion` they were based on.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject, connection::Connection};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use entity::{
    agenda_item, agenda_proposal, attendance, calendar_feed, council_theme, follow_up_action,
    minutes, minutes_comment, minutes_revision,
};

use super::{
    ContextExt,
    councils::Council,
    inputs::{Input, InputStatus, InputTriage, Invitation, input_connection},
    loaded, mirror_enum,
    organisations::Organisation,
    parse_id,
    users::User,
};
use crate::{
    domain::{
        actions::{self, NewAction},
        calendar, councils, inputs,
        meetings::{
            self, AgendaItemFields, Conflict, MeetingFields, MeetingView, NewProposal,
            OrganisationAttendance, YearPlanRequest,
        },
        minutes::{self as minutes_domain, Decision},
        pagination::PageRequest,
        time, types,
    },
    error::{AppError, GqlResultExt},
};

mirror_enum!(
    /// Where a meeting is in its life.
    MeetingStatus => types::MeetingStatus { Draft, Scheduled, Held, MinutesApproved, Cancelled }
);
mirror_enum!(
    /// What an agenda item is for.
    AgendaItemKind => types::AgendaItemKind { Information, Discussion, Decision }
);
mirror_enum!(
    /// A proposal's state.
    ProposalStatus => types::ProposalStatus { Proposed, Accepted, Declined }
);
mirror_enum!(
    /// An answer to a meeting invitation.
    AttendanceResponse => types::AttendanceResponse { Attending, Apologies, Substitute }
);
mirror_enum!(
    /// Minutes are drafted, then approved and locked.
    MinutesStatus => types::MinutesStatus { Draft, Approved }
);
mirror_enum!(
    /// A follow-up action's state.
    ActionStatus => types::ActionStatus { Open, InProgress, Done, Cancelled }
);
/// A day of the working week.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

impl From<Weekday> for chrono::Weekday {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Monday => Self::Mon,
            Weekday::Tuesday => Self::Tue,
            Weekday::Wednesday => Self::Wed,
            Weekday::Thursday => Self::Thu,
            Weekday::Friday => Self::Fri,
        }
    }
}

fn id(uuid: uuid::Uuid) -> ID {
    ID(uuid.to_string())
}

/// One of a council's themes, e.g. "Mäns våld mot kvinnor".
pub struct CouncilTheme(pub council_theme::Model);

#[Object]
impl CouncilTheme {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }
}

/// A council meeting.
pub struct Meeting(pub MeetingView);

#[Object]
impl Meeting {
    async fn id(&self) -> ID {
        id(self.0.model.id)
    }

    /// Changes name this version in `expectedVersion`.
    async fn version(&self) -> i32 {
        self.0.model.version
    }

    async fn council(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Council>> {
        let actor = ctx.actor().gql()?;
        let row = loaded(
            ctx.loaders()
                .gql()?
                .council
                .load_one(self.0.model.council_id)
                .await,
        )?;
        Ok(row.and_then(|m| councils::view_of(actor, m)).map(Council))
    }

    async fn title(&self) -> &str {
        &self.0.model.title
    }

    async fn theme(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CouncilTheme>> {
        let Some(theme) = self.0.model.theme_id else {
            return Ok(None);
        };
        let themes = loaded(
            ctx.loaders()
                .gql()?
                .themes
                .load_one(self.0.model.council_id)
                .await,
        )?;
        Ok(themes
            .unwrap_or_default()
            .into_iter()
            .find(|t| t.id == theme)
            .map(CouncilTheme))
    }

    /// Shown to members and the secretariat; `null` for advisory bodies.
    async fn description(&self) -> Option<&str> {
        self.0
            .details_visible()
            .then_some(self.0.model.description.as_str())
    }

    async fn status(&self) -> async_graphql::Result<MeetingStatus> {
        self.0.status().map(Into::into).gql()
    }

    async fn cancel_reason(&self) -> Option<&str> {
        self.0.model.cancel_reason.as_deref()
    }

    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.model.starts_at
    }

    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.model.ends_at
    }

    /// Start in Swedish time.
    async fn starts_at_local(&self) -> NaiveDateTime {
        time::to_local(self.0.model.starts_at)
    }

    /// End in Swedish time.
    async fn ends_at_local(&self) -> NaiveDateTime {
        time::to_local(self.0.model.ends_at)
    }

    async fn duration_minutes(&self) -> i64 {
        (self.0.model.ends_at - self.0.model.starts_at).num_minutes()
    }

    async fn location(&self) -> Option<&str> {
        self.0.model.location.as_deref()
    }

    /// Shown to members and the secretariat; `null` for advisory bodies.
    async fn online_url(&self) -> Option<&str> {
        self.0
            .details_visible()
            .then_some(())
            .and(self.0.model.online_url.as_deref())
    }

    async fn input_opens_at_local(&self) -> Option<NaiveDateTime> {
        self.0.model.input_opens_at.map(time::to_local)
    }

    async fn input_deadline(&self) -> Option<DateTime<Utc>> {
        self.0.model.input_deadline
    }

    /// The input deadline in Swedish time.
    async fn input_deadline_local(&self) -> Option<NaiveDateTime> {
        self.0.model.input_deadline.map(time::to_local)
    }

    /// The agenda in order (members and secretariat; FORBIDDEN for advisory bodies).
    async fn agenda(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AgendaItem>> {
        self.0.require_details().gql()?;
        let rows = loaded(ctx.loaders().gql()?.agenda.load_one(self.0.model.id).await)?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(AgendaItem)
            .collect())
    }

    /// Minutes allotted on the agenda in total, to compare with `durationMinutes`.
    async fn agenda_minutes_total(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        self.0.require_details().gql()?;
        let rows = loaded(ctx.loaders().gql()?.agenda.load_one(self.0.model.id).await)?;
        Ok(rows
            .unwrap_or_default()
            .iter()
            .map(|i| i64::from(i.minutes_allotted))
            .sum())
    }

    /// Proposals for the agenda: all for the secretariat, your organisation's for members.
    async fn proposals(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AgendaProposal>> {
        let actor = ctx.actor().gql()?;
        self.0.require_details().gql()?;
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .proposals
                .load_one(self.0.model.id)
                .await,
        )?;
        let visible =
            meetings::visible_proposals(actor, &self.0, rows.unwrap_or_default()).gql()?;
        Ok(visible.into_iter().map(AgendaProposal).collect())
    }

    /// Every answer to the invitation.
    async fn attendance(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AttendanceAnswer>> {
        self.0.require_details().gql()?;
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .attendance
                .load_one(self.0.model.id)
                .await,
        )?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(AttendanceAnswer)
            .collect())
    }

    /// Who is coming, per member organisation.
    async fn attendance_by_organisation(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<AttendanceOfOrganisation>> {
        self.0.require_details().gql()?;
        let loaders = ctx.loaders().gql()?;
        let council = self.0.model.council_id;
        let (memberships, seats, answers) = futures_util::try_join!(
            loaders.memberships.load_one(council),
            loaders.seats.load_one(council),
            loaders.attendance.load_one(self.0.model.id),
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
    async fn minutes(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Minutes>> {
        self.0.require_details().gql()?;
        let rows = loaded(ctx.loaders().gql()?.minutes.load_one(self.0.model.id).await)?;
        Ok(rows.unwrap_or_default().into_iter().next().map(Minutes))
    }

    /// Actions the meeting sent back to organisations.
    async fn actions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<FollowUpAction>> {
        self.0.require_details().gql()?;
        let rows = loaded(ctx.loaders().gql()?.actions.load_one(self.0.model.id).await)?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(FollowUpAction)
            .collect())
    }

    /// Inputs to this meeting that you may see, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity + 1")]
    async fn inputs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<InputStatus>,
    ) -> async_graphql::Result<Connection<String, Input>> {
        let actor = ctx.actor().gql()?;
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let result = inputs::for_meeting(
            ctx.db().gql()?,
            actor,
            &self.0,
            &page,
            status.map(Into::into),
        )
        .await
        .gql()?;
        input_connection(ctx, result).await
    }

    /// Inputs grouped by status, agenda item and theme (secretariat).
    async fn input_triage(&self, ctx: &Context<'_>) -> async_graphql::Result<InputTriage> {
        let actor = ctx.actor().gql()?;
        let triage = inputs::triage(ctx.db().gql()?, actor, &self.0)
            .await
            .gql()?;
        Ok(InputTriage::new(
            triage,
            self.0.model.id,
            self.0.model.council_id,
        ))
    }

    /// Inputs and answers as CSV (UTF-8 with BOM; formulas neutralised) (secretariat).
    async fn inputs_csv(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let actor = ctx.actor().gql()?;
        inputs::export_csv(ctx.db().gql()?, actor, &self.0)
            .await
            .gql()
    }

    /// Invitations to give input without an account (secretariat).
    async fn invitations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Invitation>> {
        let actor = ctx.actor().gql()?;
        let rows = inputs::invitations_of(ctx.db().gql()?, actor, &self.0)
            .await
            .gql()?;
        Ok(rows.into_iter().map(super::inputs::invitation).collect())
    }

    /// Other councils' meetings at an overlapping time that share member organisations
    /// (secretariat and admin).
    async fn conflicts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MeetingConflict>> {
        let actor = ctx.actor().gql()?;
        let conflicts = meetings::conflicts_of(ctx.db().gql()?, actor, &self.0)
            .await
            .gql()?;
        Ok(conflicts.into_iter().map(MeetingConflict).collect())
    }
}

/// An item on a meeting's agenda.
pub struct AgendaItem(pub agenda_item::Model);

#[Object]
impl AgendaItem {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn position(&self) -> i32 {
        self.0.position
    }

    async fn kind(&self) -> async_graphql::Result<AgendaItemKind> {
        types::AgendaItemKind::parse(&self.0.kind)
            .map(Into::into)
            .gql()
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn presenter(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        let Some(org) = self.0.presenter_organisation_id else {
            return Ok(None);
        };
        Ok(loaded(ctx.loaders().gql()?.organisation.load_one(org).await)?.map(Organisation))
    }

    async fn minutes_allotted(&self) -> i32 {
        self.0.minutes_allotted
    }

    /// The decision recorded in the minutes.
    async fn decision(&self) -> Option<&str> {
        self.0.decision.as_deref()
    }
}

/// A member organisation's proposal for the agenda.
pub struct AgendaProposal(pub agenda_proposal::Model);

#[Object]
impl AgendaProposal {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    async fn proposed_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        Ok(loaded(ctx.loaders().gql()?.user.load_one(self.0.proposed_by).await)?.map(User))
    }

    async fn kind(&self) -> async_graphql::Result<AgendaItemKind> {
        types::AgendaItemKind::parse(&self.0.kind)
            .map(Into::into)
            .gql()
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn minutes_allotted(&self) -> i32 {
        self.0.minutes_allotted
    }

    async fn status(&self) -> async_graphql::Result<ProposalStatus> {
        types::ProposalStatus::parse(&self.0.status)
            .map(Into::into)
            .gql()
    }

    async fn decline_reason(&self) -> Option<&str> {
        self.0.decline_reason.as_deref()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// One person's answer to a meeting invitation.
pub struct AttendanceAnswer(pub attendance::Model);

#[Object]
impl AttendanceAnswer {
    async fn user(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        Ok(loaded(ctx.loaders().gql()?.user.load_one(self.0.user_id).await)?.map(User))
    }

    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        let Some(org) = self.0.organisation_id else {
            return Ok(None);
        };
        Ok(loaded(ctx.loaders().gql()?.organisation.load_one(org).await)?.map(Organisation))
    }

    async fn response(&self) -> async_graphql::Result<AttendanceResponse> {
        types::AttendanceResponse::parse(&self.0.response)
            .map(Into::into)
            .gql()
    }

    async fn substitute_name(&self) -> Option<&str> {
        self.0.substitute_name.as_deref()
    }
}

/// Who is coming from one member organisation.
pub struct AttendanceOfOrganisation(pub OrganisationAttendance);

#[Object]
impl AttendanceOfOrganisation {
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    async fn attending(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        users_by_ids(ctx, &self.0.attending).await
    }

    async fn apologies(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        users_by_ids(ctx, &self.0.apologies).await
    }

    /// Names of substitutes sent in representatives' place.
    async fn substitutes(&self) -> Vec<&str> {
        self.0
            .substitutes
            .iter()
            .map(|(_, name)| name.as_str())
            .collect()
    }

    async fn no_answer(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        users_by_ids(ctx, &self.0.no_answer).await
    }

    /// The organisation will be represented (someone attends or a substitute comes).
    async fn represented(&self) -> bool {
        !self.0.attending.is_empty() || !self.0.substitutes.is_empty()
    }
}

async fn users_by_ids(ctx: &Context<'_>, ids: &[uuid::Uuid]) -> async_graphql::Result<Vec<User>> {
    let users = loaded(
        ctx.loaders()
            .gql()?
            .user
            .load_many(ids.iter().copied())
            .await,
    )?;
    Ok(ids
        .iter()
        .filter_map(|id| users.get(id).cloned())
        .map(User)
        .collect())
}

/// A meeting's minutes.
pub struct Minutes(pub minutes::Model);

#[Object]
impl Minutes {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    /// Changes name this version in `expectedVersion`.
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    async fn status(&self) -> async_graphql::Result<MinutesStatus> {
        types::MinutesStatus::parse(&self.0.status)
            .map(Into::into)
            .gql()
    }

    /// 0 for a draft, 1 once approved, higher after later changes.
    async fn revision(&self) -> i32 {
        self.0.revision
    }

    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.approved_at
    }

    async fn comments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MinutesComment>> {
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .minutes_comments
                .load_one(self.0.id)
                .await,
        )?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(MinutesComment)
            .collect())
    }

    /// The approved text and every later revision, with the reason for each change.
    async fn revisions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MinutesRevision>> {
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .minutes_revisions
                .load_one(self.0.id)
                .await,
        )?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(MinutesRevision)
            .collect())
    }
}

/// An attendee's comment on draft minutes.
pub struct MinutesComment(pub minutes_comment::Model);

#[Object]
impl MinutesComment {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn author(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        Ok(loaded(ctx.loaders().gql()?.user.load_one(self.0.user_id).await)?.map(User))
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A locked version of the minutes.
pub struct MinutesRevision(pub minutes_revision::Model);

#[Object]
impl MinutesRevision {
    async fn revision(&self) -> i32 {
        self.0.revision
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    /// The decisions at this revision, as a JSON array.
    async fn decisions(&self) -> &str {
        &self.0.decisions
    }

    /// Why the approved minutes were changed (none for the approval itself).
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        Ok(loaded(ctx.loaders().gql()?.user.load_one(self.0.created_by).await)?.map(User))
    }
}

/// An action taken back to a member organisation.
pub struct FollowUpAction(pub follow_up_action::Model);

#[Object]
impl FollowUpAction {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn meeting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        let actor = ctx.actor().gql()?;
        let row = loaded(
            ctx.loaders()
                .gql()?
                .meeting
                .load_one(self.0.meeting_id)
                .await,
        )?;
        Ok(row.and_then(|m| meetings::view_of(actor, m)).map(Meeting))
    }

    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.organisation_id)
                .await,
        )?
        .map(Organisation))
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

    async fn status(&self) -> async_graphql::Result<ActionStatus> {
        types::ActionStatus::parse(&self.0.status)
            .map(Into::into)
            .gql()
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

/// Another council's meeting at an overlapping time.
pub struct MeetingConflict(pub Conflict);

#[Object]
impl MeetingConflict {
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.other.starts_at
    }

    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.other.ends_at
    }

    /// Organisations that sit in both councils.
    async fn shared_organisations(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Organisation>> {
        let orgs = loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_many(self.0.shared_organisation_ids.iter().copied())
                .await,
        )?;
        Ok(orgs.into_values().map(Organisation).collect())
    }

    /// The other meeting, when you may see it (otherwise only the time is told).
    async fn meeting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        let actor = ctx.actor().gql()?;
        Ok(meetings::view_of(actor, self.0.other.clone()).map(Meeting))
    }
}

/// A draft meeting proposed by the year planner, with its conflicts.
#[derive(SimpleObject)]
pub struct PlannedMeeting {
    pub meeting: Meeting,
    pub conflicts: Vec<MeetingConflict>,
}

/// A calendar feed. The secret URL is shown only when the feed is created.
pub struct CalendarFeed {
    feed: calendar_feed::Model,
    path: Option<String>,
}

#[Object]
impl CalendarFeed {
    async fn id(&self) -> ID {
        id(self.feed.id)
    }

    /// The path of the secret feed URL (append it to the server's address); only in
    /// the answer to `createCalendarFeed`.
    async fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    async fn council(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Council>> {
        let Some(council) = self.feed.council_id else {
            return Ok(None);
        };
        let actor = ctx.actor().gql()?;
        let row = loaded(ctx.loaders().gql()?.council.load_one(council).await)?;
        Ok(row.and_then(|m| councils::view_of(actor, m)).map(Council))
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.feed.created_at
    }
}

#[derive(Default)]
pub struct MeetingQuery;

#[Object]
impl MeetingQuery {
    /// One meeting; NOT_FOUND unless you may see it.
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Meeting> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        let view = meetings::get(ctx.db().gql()?, actor, id).await.gql()?;
        // Fields below (an input's agenda item) look the meeting up again: read it once.
        ctx.loaders()
            .gql()?
            .meeting
            .feed_one(view.model.id, view.model.clone())
            .await;
        Ok(Meeting(view))
    }

    /// Your live calendar feeds.
    async fn my_calendar_feeds(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<CalendarFeed>> {
        let actor = ctx.actor().gql()?;
        let feeds = calendar::my_feeds(ctx.db().gql()?, actor).await.gql()?;
        Ok(feeds
            .into_iter()
            .map(|feed| CalendarFeed { feed, path: None })
            .collect())
    }
}

/// A meeting's fields, in Swedish time; omitted fields stay as they are.
#[derive(InputObject, Default)]
pub struct MeetingInput {
    pub title: Option<String>,
    pub theme_id: async_graphql::MaybeUndefined<ID>,
    pub description: Option<String>,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub location: async_graphql::MaybeUndefined<String>,
    pub online_url: async_graphql::MaybeUndefined<String>,
    pub input_opens_at: async_graphql::MaybeUndefined<NaiveDateTime>,
    pub input_deadline: async_graphql::MaybeUndefined<NaiveDateTime>,
}

fn maybe<T: Clone>(value: &async_graphql::MaybeUndefined<T>) -> Option<Option<T>> {
    value.as_opt_ref().map(|v| v.cloned())
}

impl MeetingInput {
    fn into_fields(self) -> Result<MeetingFields, AppError> {
        let theme_id = match &self.theme_id {
            async_graphql::MaybeUndefined::Undefined => None,
            async_graphql::MaybeUndefined::Null => Some(None),
            async_graphql::MaybeUndefined::Value(v) => Some(Some(parse_id("themeId", v)?)),
        };
        Ok(MeetingFields {
            title: self.title,
            theme_id,
            description: self.description,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            location: maybe(&self.location),
            online_url: maybe(&self.online_url),
            input_opens_at: maybe(&self.input_opens_at),
            input_deadline: maybe(&self.input_deadline),
        })
    }
}

/// An agenda item's fields; omitted fields stay as they are.
#[derive(InputObject, Default)]
pub struct AgendaItemInput {
    pub kind: Option<AgendaItemKind>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub presenter_organisation_id: async_graphql::MaybeUndefined<ID>,
    pub minutes_allotted: Option<i32>,
}

impl AgendaItemInput {
    fn into_fields(self) -> Result<AgendaItemFields, AppError> {
        let presenter = match &self.presenter_organisation_id {
            async_graphql::MaybeUndefined::Undefined => None,
            async_graphql::MaybeUndefined::Null => Some(None),
            async_graphql::MaybeUndefined::Value(v) => {
                Some(Some(parse_id("presenterOrganisationId", v)?))
            }
        };
        Ok(AgendaItemFields {
            kind: self.kind.map(Into::into),
            title: self.title,
            description: self.description,
            presenter_organisation_id: presenter,
            minutes_allotted: self.minutes_allotted,
        })
    }
}

/// What the year planner is asked for.
#[derive(InputObject)]
pub struct PlanYearInput {
    pub council_id: ID,
    pub year: i32,
    /// Theme names from the council's list, one per meeting in order.
    pub themes: Vec<String>,
    #[graphql(default_with = "Weekday::Tuesday")]
    pub weekday: Weekday,
    /// Start in Swedish time, e.g. "13:00:00".
    #[graphql(default_with = "NaiveTime::from_hms_opt(13, 0, 0).unwrap_or_default()")]
    pub start_time: NaiveTime,
    #[graphql(default = 120)]
    pub duration_minutes: i32,
    #[graphql(default = 28)]
    pub input_opens_days_before: i32,
    #[graphql(default = 7)]
    pub input_deadline_days_before: i32,
}

/// A member's proposal for the agenda.
#[derive(InputObject)]
pub struct ProposeAgendaItemInput {
    pub meeting_id: ID,
    /// Needed only if you sit for more than one organisation.
    pub organisation_id: Option<ID>,
    #[graphql(default_with = "AgendaItemKind::Discussion")]
    pub kind: AgendaItemKind,
    pub title: String,
    pub description: Option<String>,
    #[graphql(default = 15)]
    pub minutes_allotted: i32,
}

/// A decision for one decision item.
#[derive(InputObject)]
pub struct DecisionInput {
    pub agenda_item_id: ID,
    pub decision: String,
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

#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// Adds a theme to a council's list (secretariat or admin).
    async fn add_council_theme(
        &self,
        ctx: &Context<'_>,
        council_id: ID,
        name: String,
    ) -> async_graphql::Result<CouncilTheme> {
        let actor = ctx.actor().gql()?;
        let council_id = parse_id("councilId", &council_id)
            .map_err(|_| AppError::NotFound("council"))
            .gql()?;
        meetings::add_theme(ctx.db().gql()?, actor, council_id, &name)
            .await
            .map(CouncilTheme)
            .gql()
    }

    /// Creates a draft meeting (secretariat or admin). Title, start and end are required.
    async fn create_meeting(
        &self,
        ctx: &Context<'_>,
        council_id: ID,
        input: MeetingInput,
    ) -> async_graphql::Result<Meeting> {
        let actor = ctx.actor().gql()?;
        let council_id = parse_id("councilId", &council_id)
            .map_err(|_| AppError::NotFound("council"))
            .gql()?;
        let fields = input.into_fields().gql()?;
        meetings::create(ctx.db().gql()?, actor, council_id, fields)
            .await
            .map(Meeting)
            .gql()
    }

    /// Changes a meeting (secretariat or admin); CONFLICT if it changed since `expectedVersion`.
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: MeetingInput,
    ) -> async_graphql::Result<Meeting> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        let fields = input.into_fields().gql()?;
        meetings::update(ctx.db().gql()?, actor, id, expected_version, fields)
            .await
            .map(Meeting)
            .gql()
    }

    /// Publishes a draft to the members.
    async fn schedule_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> async_graphql::Result<Meeting> {
        transition(
            ctx,
            id,
            expected_version,
            types::MeetingStatus::Scheduled,
            None,
        )
        .await
    }

    /// Records that a scheduled meeting took place.
    async fn mark_meeting_held(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> async_graphql::Result<Meeting> {
        transition(ctx, id, expected_version, types::MeetingStatus::Held, None).await
    }

    /// Cancels a draft or scheduled meeting, with a reason.
    async fn cancel_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reason: String,
    ) -> async_graphql::Result<Meeting> {
        transition(
            ctx,
            id,
            expected_version,
            types::MeetingStatus::Cancelled,
            Some(&reason),
        )
        .await
    }

    /// Proposes a year of draft meetings from the council's cadence and themes, on
    /// working days, with conflicts flagged (secretariat or admin).
    async fn plan_year(
        &self,
        ctx: &Context<'_>,
        input: PlanYearInput,
    ) -> async_graphql::Result<Vec<PlannedMeeting>> {
        let actor = ctx.actor().gql()?;
        let req = YearPlanRequest {
            council_id: parse_id("councilId", &input.council_id)
                .map_err(|_| AppError::NotFound("council"))
                .gql()?,
            year: input.year,
            themes: input.themes,
            weekday: input.weekday.into(),
            start_time: input.start_time,
            duration_minutes: i64::from(input.duration_minutes),
            input_opens_days_before: i64::from(input.input_opens_days_before),
            input_deadline_days_before: i64::from(input.input_deadline_days_before),
        };
        let planned = meetings::plan_year(ctx.db().gql()?, actor, req)
            .await
            .gql()?;
        Ok(planned
            .into_iter()
            .map(|(m, c)| PlannedMeeting {
                meeting: Meeting(m),
                conflicts: c.into_iter().map(MeetingConflict).collect(),
            })
            .collect())
    }

    /// Adds an item at the end of the agenda (secretariat or admin).
    async fn add_agenda_item(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        expected_version: i32,
        input: AgendaItemInput,
    ) -> async_graphql::Result<AgendaItem> {
        let actor = ctx.actor().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        let fields = input.into_fields().gql()?;
        meetings::add_agenda_item(ctx.db().gql()?, actor, meeting_id, expected_version, fields)
            .await
            .map(AgendaItem)
            .gql()
    }

    /// Changes an agenda item; `expectedVersion` is the meeting's.
    async fn update_agenda_item(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: AgendaItemInput,
    ) -> async_graphql::Result<AgendaItem> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("agenda item"))
            .gql()?;
        let fields = input.into_fields().gql()?;
        meetings::update_agenda_item(ctx.db().gql()?, actor, id, expected_version, fields)
            .await
            .map(AgendaItem)
            .gql()
    }

    /// Removes an agenda item; returns its id.
    async fn remove_agenda_item(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> async_graphql::Result<ID> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("agenda item"))
            .gql()?;
        meetings::remove_agenda_item(ctx.db().gql()?, actor, id, expected_version)
            .await
            .map(self::id)
            .gql()
    }

    /// Puts the agenda in the given order (every item once).
    async fn reorder_agenda(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        expected_version: i32,
        item_ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<AgendaItem>> {
        let actor = ctx.actor().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        let ids = item_ids
            .iter()
            .map(|i| parse_id("itemIds", i))
            .collect::<Result<Vec<_>, _>>()
            .gql()?;
        let items =
            meetings::reorder_agenda(ctx.db().gql()?, actor, meeting_id, expected_version, &ids)
                .await
                .gql()?;
        Ok(items.into_iter().map(AgendaItem).collect())
    }

    /// A member representative proposes an agenda item before the input deadline.
    async fn propose_agenda_item(
        &self,
        ctx: &Context<'_>,
        input: ProposeAgendaItemInput,
    ) -> async_graphql::Result<AgendaProposal> {
        let actor = ctx.actor().gql()?;
        let cmd = NewProposal {
            meeting_id: parse_id("meetingId", &input.meeting_id)
                .map_err(|_| AppError::NotFound("meeting"))
                .gql()?,
            organisation_id: input
                .organisation_id
                .as_ref()
                .map(|o| parse_id("organisationId", o))
                .transpose()
                .gql()?,
            kind: input.kind.into(),
            title: input.title,
            description: input.description,
            minutes_allotted: input.minutes_allotted,
        };
        meetings::propose(ctx.db().gql()?, actor, cmd)
            .await
            .map(AgendaProposal)
            .gql()
    }

    /// Accepts a proposal: it becomes the last agenda item (secretariat or admin).
    async fn accept_proposal(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> async_graphql::Result<AgendaProposal> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("proposal"))
            .gql()?;
        meetings::decide_proposal(ctx.db().gql()?, actor, id, expected_version, true, None)
            .await
            .map(AgendaProposal)
            .gql()
    }

    /// Declines a proposal with a reason the proposer sees.
    async fn decline_proposal(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reason: String,
    ) -> async_graphql::Result<AgendaProposal> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("proposal"))
            .gql()?;
        meetings::decide_proposal(
            ctx.db().gql()?,
            actor,
            id,
            expected_version,
            false,
            Some(&reason),
        )
        .await
        .map(AgendaProposal)
        .gql()
    }

    /// Answers a meeting invitation for yourself.
    async fn respond_to_meeting(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        response: AttendanceResponse,
        substitute_name: Option<String>,
    ) -> async_graphql::Result<AttendanceAnswer> {
        let actor = ctx.actor().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        meetings::respond(
            ctx.db().gql()?,
            actor,
            meeting_id,
            response.into(),
            substitute_name.as_deref(),
        )
        .await
        .map(AttendanceAnswer)
        .gql()
    }

    /// Writes the minutes and decisions (secretariat or admin). Omit `expectedVersion`
    /// for the first save; approved minutes change only with a `reason`, as a new revision.
    async fn save_minutes(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        expected_version: Option<i32>,
        body: String,
        decisions: Option<Vec<DecisionInput>>,
        reason: Option<String>,
    ) -> async_graphql::Result<Minutes> {
        let actor = ctx.actor().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        let decisions = decisions
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                Ok(Decision {
                    agenda_item_id: parse_id("decisions", &d.agenda_item_id)?,
                    text: d.decision,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
            .gql()?;
        minutes_domain::save(
            ctx.db().gql()?,
            actor,
            meeting_id,
            expected_version,
            &body,
            &decisions,
            reason.as_deref(),
        )
        .await
        .map(Minutes)
        .gql()
    }

    /// Comments on draft minutes (anyone who sits in the council).
    async fn comment_on_minutes(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        body: String,
    ) -> async_graphql::Result<MinutesComment> {
        let actor = ctx.actor().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        minutes_domain::comment(ctx.db().gql()?, actor, meeting_id, &body)
            .await
            .map(MinutesComment)
            .gql()
    }

    /// Approves and locks the minutes of a held meeting (secretariat or admin).
    async fn approve_minutes(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        expected_version: i32,
    ) -> async_graphql::Result<Minutes> {
        let actor = ctx.actor().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        minutes_domain::approve(ctx.db().gql()?, actor, meeting_id, expected_version)
            .await
            .map(Minutes)
            .gql()
    }

    /// Assigns a follow-up action to a member organisation (secretariat or admin).
    async fn create_action(
        &self,
        ctx: &Context<'_>,
        input: CreateActionInput,
    ) -> async_graphql::Result<FollowUpAction> {
        let actor = ctx.actor().gql()?;
        let cmd = NewAction {
            meeting_id: parse_id("meetingId", &input.meeting_id)
                .map_err(|_| AppError::NotFound("meeting"))
                .gql()?,
            organisation_id: parse_id("organisationId", &input.organisation_id).gql()?,
            title: input.title,
            description: input.description,
            due_on: input.due_on,
        };
        actions::create(ctx.db().gql()?, actor, cmd)
            .await
            .map(FollowUpAction)
            .gql()
    }

    /// Updates an action's status: the assigned organisation's representatives or the
    /// secretariat.
    async fn update_action_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: ActionStatus,
        note: Option<String>,
    ) -> async_graphql::Result<FollowUpAction> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("action"))
            .gql()?;
        actions::update_status(ctx.db().gql()?, actor, id, status.into(), note.as_deref())
            .await
            .map(FollowUpAction)
            .gql()
    }

    /// Creates a secret calendar feed: yours (all your councils) or one council's.
    async fn create_calendar_feed(
        &self,
        ctx: &Context<'_>,
        council_id: Option<ID>,
    ) -> async_graphql::Result<CalendarFeed> {
        let actor = ctx.actor().gql()?;
        let council_id = council_id
            .as_ref()
            .map(|c| parse_id("councilId", c).map_err(|_| AppError::NotFound("council")))
            .transpose()
            .gql()?;
        let issued = calendar::create_feed(ctx.db().gql()?, actor, council_id)
            .await
            .gql()?;
        Ok(CalendarFeed {
            path: Some(calendar::feed_path(&issued.token)),
            feed: issued.feed,
        })
    }

    /// Revokes one of your feeds: its URL answers 404 from now on.
    async fn revoke_calendar_feed(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ID> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("calendar feed"))
            .gql()?;
        calendar::revoke_feed(ctx.db().gql()?, actor, id)
            .await
            .map(|f| self::id(f.id))
            .gql()
    }
}

async fn transition(
    ctx: &Context<'_>,
    id: ID,
    expected_version: i32,
    to: types::MeetingStatus,
    reason: Option<&str>,
) -> async_graphql::Result<Meeting> {
    let actor = ctx.actor().gql()?;
    let id = parse_id("id", &id)
        .map_err(|_| AppError::NotFound("meeting"))
        .gql()?;
    meetings::transition(ctx.db().gql()?, actor, id, expected_version, to, reason)
        .await
        .map(Meeting)
        .gql()
}
