//! Inputs, invitations for submitting without an account, receipts, triage, feedback
//! figures, representation and notifications.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject, connection::Connection};
use chrono::{DateTime, NaiveDateTime, Utc};
use entity::{input_event, invitation, notification};

use super::{
    ClientAddr, ContextExt, connection, loaded,
    meetings::{AgendaItem, CouncilTheme, Meeting},
    mirror_enum,
    organisations::Organisation,
    parse_id,
    users::User,
};
use crate::{
    domain::{
        attachments,
        inputs::{
            self, FeedbackFigures, InputContent, InputView, NewInput, Representation, Target,
            Triage,
        },
        meetings, notifications,
        pagination::PageRequest,
        time, types,
    },
    error::{AppError, GqlResultExt},
};

mirror_enum!(
    /// Where an input is in its life.
    InputStatus => types::InputStatus { Draft, Submitted, Acknowledged, OnAgenda, Discussed, Answered, Declined, Withdrawn }
);
mirror_enum!(
    /// A group an input speaks for.
    TargetGroup => types::TargetGroup {
        Youth, Children, GirlsAndYoungWomen, Women, Elderly, PeopleWithDisabilities,
        DistrictResidents, Lgbtq, NewArrivals, BusinessOwners, Students,
    }
);
mirror_enum!(
    /// How an input was gathered.
    GatheredBy => types::GatheredBy { SafetyWalk, Survey, DialogueMeeting, FocusGroup, School, EService, OrganisationView }
);

fn id(uuid: uuid::Uuid) -> ID {
    ID(uuid.to_string())
}

fn groups(json: &str) -> Vec<TargetGroup> {
    let codes: Vec<String> = serde_json::from_str(json).unwrap_or_default();
    codes
        .iter()
        .filter_map(|c| types::TargetGroup::parse(c).ok())
        .map(Into::into)
        .collect()
}

/// Input from a member organisation, a youth council or an advisory body.
pub struct Input(pub InputView);

#[Object]
impl Input {
    async fn id(&self) -> ID {
        id(self.0.model.id)
    }

    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// The text; other members see the redacted text when there is one.
    async fn body(&self) -> &str {
        self.0.body()
    }

    async fn status(&self) -> async_graphql::Result<InputStatus> {
        self.0.status().map(Into::into).gql()
    }

    async fn target_groups(&self) -> Vec<TargetGroup> {
        groups(&self.0.model.target_groups)
    }

    async fn district(&self) -> Option<&str> {
        self.0.model.district.as_deref()
    }

    async fn gathered_by(&self) -> async_graphql::Result<GatheredBy> {
        types::GatheredBy::parse(&self.0.model.gathered_by)
            .map(Into::into)
            .gql()
    }

    /// Shown to other members without author or organisation.
    async fn anonymous(&self) -> bool {
        self.0.model.anonymous
    }

    /// The submitting organisation; `null` for other members when the input is anonymous.
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        if !self.0.shows_submitter() {
            return Ok(None);
        }
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.0.model.organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    /// Who wrote it; `null` for other members when the input is anonymous.
    async fn author_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        if !self.0.shows_submitter() {
            return Ok(None);
        }
        if let Some(user) = self.0.model.author_user_id {
            let user = loaded(ctx.loaders().gql()?.user.load_one(user).await)?;
            return Ok(user.map(|u| u.display_name));
        }
        Ok(self.0.model.author_name.clone())
    }

    async fn meeting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        let Some(meeting) = self.0.model.meeting_id else {
            return Ok(None);
        };
        let actor = ctx.actor().gql()?;
        let row = loaded(ctx.loaders().gql()?.meeting.load_one(meeting).await)?;
        Ok(row.and_then(|m| meetings::view_of(actor, m)).map(Meeting))
    }

    /// The agenda item it is about or was put on, when you may see the agenda.
    async fn agenda_item(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AgendaItem>> {
        let (Some(item), Some(meeting)) = (self.0.model.agenda_item_id, self.0.model.meeting_id)
        else {
            return Ok(None);
        };
        let actor = ctx.actor().gql()?;
        let loaders = ctx.loaders().gql()?;
        let visible = loaded(loaders.meeting.load_one(meeting).await)?
            .and_then(|m| meetings::view_of(actor, m))
            .is_some_and(|m| m.details_visible());
        if !visible {
            return Ok(None);
        }
        let items = loaded(loaders.agenda.load_one(meeting).await)?;
        Ok(items
            .unwrap_or_default()
            .into_iter()
            .find(|i| i.id == item)
            .map(AgendaItem))
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

    async fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.0.model.submitted_at
    }

    /// The answer (återkoppling).
    async fn answer(&self) -> Option<&str> {
        self.0.model.answer.as_deref()
    }

    async fn decline_reason(&self) -> Option<&str> {
        self.0.model.decline_reason.as_deref()
    }

    async fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.0.model.answered_at
    }

    /// Hidden from other members (secretariat and submitter only).
    async fn hidden(&self) -> Option<bool> {
        self.0
            .is_privileged()
            .then_some(self.0.model.hidden_reason.is_some())
    }

    /// Why it was hidden (secretariat only).
    async fn hidden_reason(&self) -> Option<&str> {
        self.0.hidden_reason()
    }

    /// Other members see a redacted text.
    async fn redacted(&self) -> bool {
        self.0.model.redacted_body.is_some()
    }

    /// Attached files (secretariat and submitting organisation; `null` for others).
    async fn attachments(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Vec<Attachment>>> {
        if !self.0.is_privileged() {
            return Ok(None);
        }
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .attachments
                .load_one(self.0.model.id)
                .await,
        )?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(Attachment)
                .collect(),
        ))
    }

    /// Every step, with who and when (secretariat and submitting organisation).
    async fn history(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Vec<InputHistoryEntry>>> {
        if !self.0.is_privileged() {
            return Ok(None);
        }
        let rows = loaded(
            ctx.loaders()
                .gql()?
                .input_events
                .load_one(self.0.model.id)
                .await,
        )?;
        Ok(Some(
            self.0
                .visible_history(rows.unwrap_or_default())
                .into_iter()
                .map(InputHistoryEntry)
                .collect(),
        ))
    }
}

/// A file attached to an input.
pub struct Attachment(pub attachments::AttachmentMeta);

#[Object]
impl Attachment {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn file_name(&self) -> &str {
        &self.0.file_name
    }

    async fn content_type(&self) -> &str {
        &self.0.content_type
    }

    async fn size_bytes(&self) -> i32 {
        self.0.size_bytes
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// A download path signed for ten minutes (append to the server's address).
    async fn download_path(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let server = ctx.server().gql()?;
        attachments::download_path(&server.auth.tokens, self.0.id).gql()
    }
}

/// One step in an input's life.
pub struct InputHistoryEntry(pub input_event::Model);

#[Object]
impl InputHistoryEntry {
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// E.g. `submit`, `acknowledge`, `answer`, `hide`.
    async fn action(&self) -> &str {
        &self.0.action
    }

    async fn status(&self) -> async_graphql::Result<InputStatus> {
        types::InputStatus::parse(&self.0.to_status)
            .map(Into::into)
            .gql()
    }

    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// Who took the step (none for submissions through an invitation).
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        let Some(user) = self.0.actor_user_id else {
            return Ok(None);
        };
        Ok(loaded(ctx.loaders().gql()?.user.load_one(user).await)?.map(User))
    }
}

/// An invitation to give input to a meeting without an account.
pub struct Invitation {
    model: invitation::Model,
    path: Option<String>,
}

#[Object]
impl Invitation {
    async fn id(&self) -> ID {
        id(self.model.id)
    }

    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        Ok(loaded(
            ctx.loaders()
                .gql()?
                .organisation
                .load_one(self.model.organisation_id)
                .await,
        )?
        .map(Organisation))
    }

    /// The link path (append to the web address); only in the answer that creates it.
    async fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    async fn expires_at(&self) -> DateTime<Utc> {
        self.model.expires_at
    }

    async fn accept_late(&self) -> bool {
        self.model.accept_late
    }

    async fn revoked(&self) -> bool {
        self.model.revoked_at.is_some()
    }
}

/// What the holder of an invitation link is invited to.
#[derive(SimpleObject)]
pub struct InvitationDetails {
    pub council_name: String,
    pub organisation_name: String,
    pub meeting_title: String,
    pub theme: Option<String>,
    pub meeting_starts_at_local: NaiveDateTime,
    pub input_deadline_local: Option<NaiveDateTime>,
    pub expires_at: DateTime<Utc>,
    /// How many inputs have come in through this link so far.
    pub submitted_count: i32,
    /// The newest of them (at most ten), title and time only.
    pub recent_submissions: Vec<InvitationSubmission>,
}

/// An input that came in through an invitation link, as the link's page lists it.
#[derive(SimpleObject)]
pub struct InvitationSubmission {
    pub title: String,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// What a submitter without an account sees of their input.
#[derive(SimpleObject)]
pub struct InputReceipt {
    pub title: String,
    pub body: String,
    pub status: InputStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
    pub decline_reason: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub history: Vec<ReceiptStep>,
}

/// A step as the receipt shows it (no names of officials).
#[derive(SimpleObject)]
pub struct ReceiptStep {
    pub at: DateTime<Utc>,
    pub status: InputStatus,
}

/// The answer to a submission through an invitation.
#[derive(SimpleObject)]
pub struct SubmittedWithInvitation {
    /// Keep this link to follow the input and read the answer.
    pub receipt_path: String,
    pub receipt: InputReceipt,
}

/// A count per status.
#[derive(SimpleObject)]
pub struct StatusCount {
    pub status: InputStatus,
    pub count: u64,
}

/// Inputs per agenda item (none: not yet on the agenda).
pub struct AgendaItemCount {
    item: Option<uuid::Uuid>,
    meeting: uuid::Uuid,
    count: u64,
}

#[Object]
impl AgendaItemCount {
    async fn agenda_item(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AgendaItem>> {
        let Some(item) = self.item else {
            return Ok(None);
        };
        let items = loaded(ctx.loaders().gql()?.agenda.load_one(self.meeting).await)?;
        Ok(items
            .unwrap_or_default()
            .into_iter()
            .find(|i| i.id == item)
            .map(AgendaItem))
    }

    async fn count(&self) -> u64 {
        self.count
    }
}

/// Inputs per theme.
pub struct ThemeCount {
    theme: Option<uuid::Uuid>,
    council: uuid::Uuid,
    count: u64,
}

#[Object]
impl ThemeCount {
    async fn theme(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CouncilTheme>> {
        let Some(theme) = self.theme else {
            return Ok(None);
        };
        let themes = loaded(ctx.loaders().gql()?.themes.load_one(self.council).await)?;
        Ok(themes
            .unwrap_or_default()
            .into_iter()
            .find(|t| t.id == theme)
            .map(CouncilTheme))
    }

    async fn count(&self) -> u64 {
        self.count
    }
}

/// A meeting's inputs grouped for triage.
pub struct InputTriage {
    triage: Triage,
    meeting: uuid::Uuid,
    council: uuid::Uuid,
}

impl InputTriage {
    pub fn new(triage: Triage, meeting: uuid::Uuid, council: uuid::Uuid) -> Self {
        Self {
            triage,
            meeting,
            council,
        }
    }
}

#[Object]
impl InputTriage {
    async fn by_status(&self) -> Vec<StatusCount> {
        self.triage
            .by_status
            .iter()
            .map(|(s, n)| StatusCount {
                status: (*s).into(),
                count: *n,
            })
            .collect()
    }

    async fn by_agenda_item(&self) -> Vec<AgendaItemCount> {
        self.triage
            .by_agenda_item
            .iter()
            .map(|(item, count)| AgendaItemCount {
                item: *item,
                meeting: self.meeting,
                count: *count,
            })
            .collect()
    }

    async fn by_theme(&self) -> Vec<ThemeCount> {
        self.triage
            .by_theme
            .iter()
            .map(|(theme, count)| ThemeCount {
                theme: *theme,
                council: self.council,
                count: *count,
            })
            .collect()
    }
}

/// How well inputs got an answer.
pub struct Feedback(pub FeedbackFigures);

#[Object]
impl Feedback {
    /// The advisory body these figures are for (none: the whole council).
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        let Some(org) = self.0.organisation_id else {
            return Ok(None);
        };
        Ok(loaded(ctx.loaders().gql()?.organisation.load_one(org).await)?.map(Organisation))
    }

    async fn inputs(&self) -> u64 {
        self.0.inputs
    }

    /// Answered or declined with a reason.
    async fn answered(&self) -> u64 {
        self.0.answered
    }

    /// Share answered, 0–1 (none without inputs).
    async fn share_answered(&self) -> Option<f64> {
        self.0.share_answered()
    }

    async fn median_days_to_answer(&self) -> Option<f64> {
        self.0.median_days_to_answer
    }

    /// Inputs to meetings that ended over 30 days ago that still have no answer.
    async fn unanswered_after_30_days(&self) -> u64 {
        self.0.unanswered_after_30_days
    }
}

/// Feedback figures of a council for a year.
#[derive(SimpleObject)]
pub struct CouncilFeedback {
    pub overall: Feedback,
    pub advisory_bodies: Vec<Feedback>,
}

/// A count per target group.
#[derive(SimpleObject)]
pub struct TargetGroupCount {
    pub group: TargetGroup,
    pub count: u64,
}

/// Which groups were heard in a year, and which priority groups were not.
pub struct RepresentationView(pub Representation);

#[Object(name = "Representation")]
impl RepresentationView {
    async fn heard(&self) -> Vec<TargetGroupCount> {
        self.0
            .heard
            .iter()
            .map(|(g, n)| TargetGroupCount {
                group: (*g).into(),
                count: *n,
            })
            .collect()
    }

    async fn priority_groups(&self) -> Vec<TargetGroup> {
        self.0.priority_groups.iter().map(|g| (*g).into()).collect()
    }

    /// Priority groups no input spoke for.
    async fn missing(&self) -> Vec<TargetGroup> {
        self.0.missing.iter().map(|g| (*g).into()).collect()
    }
}

/// A message in your notification list.
pub struct Notification(pub notification::Model);

#[Object]
impl Notification {
    async fn id(&self) -> ID {
        id(self.0.id)
    }

    async fn kind(&self) -> &str {
        &self.0.kind
    }

    async fn message(&self) -> &str {
        &self.0.message
    }

    async fn input_id(&self) -> Option<ID> {
        self.0.input_id.map(id)
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }
}

fn receipt(
    model: entity::input::Model,
    events: Vec<input_event::Model>,
) -> async_graphql::Result<InputReceipt> {
    let history = events
        .into_iter()
        .map(|e| {
            types::InputStatus::parse(&e.to_status)
                .map(|s| ReceiptStep {
                    at: e.at,
                    status: s.into(),
                })
                .gql()
        })
        .collect::<async_graphql::Result<Vec<_>>>()?;
    Ok(InputReceipt {
        status: types::InputStatus::parse(&model.status)
            .map(Into::into)
            .gql()?,
        // Redacted text, if the secretariat redacted it, is what everyone else sees; the
        // submitter sees their own words.
        body: model.body,
        title: model.title,
        submitted_at: model.submitted_at,
        answer: model.answer,
        decline_reason: model.decline_reason,
        answered_at: model.answered_at,
        history,
    })
}

#[derive(Default)]
pub struct InputQuery;

#[Object]
impl InputQuery {
    /// One input; NOT_FOUND unless you may see it.
    async fn input(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("input"))
            .gql()?;
        inputs::get(ctx.db().gql()?, actor, id)
            .await
            .map(Input)
            .gql()
    }

    /// Inputs your organisations gave, newest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity + 1")]
    async fn my_inputs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Input>> {
        let actor = ctx.actor().gql()?;
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let result = inputs::mine(ctx.db().gql()?, actor, &page).await.gql()?;
        input_connection(ctx, result).await
    }

    /// Your notifications, newest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity + 1")]
    async fn my_notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default)] unread_only: bool,
    ) -> async_graphql::Result<Connection<String, Notification>> {
        let actor = ctx.actor().gql()?;
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let result = notifications::mine(ctx.db().gql()?, actor, &page, unread_only)
            .await
            .gql()?;
        Ok(connection(result, Notification))
    }

    /// What an invitation link invites to (no account needed); NOT_FOUND for a bad,
    /// expired or revoked link.
    async fn invitation(
        &self,
        ctx: &Context<'_>,
        token: String,
    ) -> async_graphql::Result<InvitationDetails> {
        let server = ctx.server().gql()?;
        let (inv, m) = inputs::open_invitation(&server.db, &server.auth, &token)
            .await
            .gql()?;
        let loaders = ctx.loaders().gql()?;
        let council = loaded(loaders.council.load_one(m.council_id).await)?;
        let org = loaded(loaders.organisation.load_one(inv.organisation_id).await)?;
        let theme = match m.theme_id {
            Some(t) => loaded(loaders.themes.load_one(m.council_id).await)?
                .unwrap_or_default()
                .into_iter()
                .find(|x| x.id == t)
                .map(|x| x.name),
            None => None,
        };
        let (count, recent) = inputs::invitation_submissions(&server.db, inv.id)
            .await
            .gql()?;
        Ok(InvitationDetails {
            submitted_count: i32::try_from(count).unwrap_or(i32::MAX),
            recent_submissions: recent
                .into_iter()
                .map(|i| InvitationSubmission {
                    title: i.title,
                    submitted_at: i.submitted_at,
                })
                .collect(),
            council_name: council.map(|c| c.name).unwrap_or_default(),
            organisation_name: org.map(|o| o.name).unwrap_or_default(),
            meeting_title: m.title,
            theme,
            meeting_starts_at_local: time::to_local(m.starts_at),
            input_deadline_local: m.input_deadline.map(time::to_local),
            expires_at: inv.expires_at,
        })
    }

    /// The input behind a receipt link (no account needed): status, history and answer.
    async fn input_receipt(
        &self,
        ctx: &Context<'_>,
        token: String,
    ) -> async_graphql::Result<InputReceipt> {
        let db = ctx.db().gql()?;
        let model = inputs::by_receipt(db, &token).await.gql()?;
        let events = loaded(ctx.loaders().gql()?.input_events.load_one(model.id).await)?;
        receipt(model, events.unwrap_or_default())
    }
}

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

#[derive(Default)]
pub struct InputMutation;

fn input_id(id: &ID) -> Result<uuid::Uuid, AppError> {
    parse_id("id", id).map_err(|_| AppError::NotFound("input"))
}

#[Object]
impl InputMutation {
    /// Gives input for your organisation to a meeting, an agenda item or a theme.
    async fn create_input(
        &self,
        ctx: &Context<'_>,
        input: CreateInputInput,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        let target = match (&input.meeting_id, &input.agenda_item_id, &input.theme_id) {
            (Some(m), None, None) => Target::Meeting(
                parse_id("meetingId", m)
                    .map_err(|_| AppError::NotFound("meeting"))
                    .gql()?,
            ),
            (None, Some(i), None) => Target::AgendaItem(
                parse_id("agendaItemId", i)
                    .map_err(|_| AppError::NotFound("agenda item"))
                    .gql()?,
            ),
            (None, None, Some(t)) => Target::Theme(
                parse_id("themeId", t)
                    .map_err(|_| AppError::NotFound("theme"))
                    .gql()?,
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
            organisation_id: input
                .organisation_id
                .as_ref()
                .map(|o| parse_id("organisationId", o))
                .transpose()
                .gql()?,
            content: input.content.into(),
            submit: input.submit,
        };
        inputs::create(ctx.db().gql()?, actor, cmd)
            .await
            .map(Input)
            .gql()
    }

    /// Submits a draft, within the input window.
    async fn submit_input(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::submit(ctx.db().gql()?, actor, input_id(&id).gql()?)
            .await
            .map(Input)
            .gql()
    }

    /// Accepts a late submission of a draft (secretariat).
    async fn allow_late_input(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::allow_late(ctx.db().gql()?, actor, input_id(&id).gql()?)
            .await
            .map(Input)
            .gql()
    }

    /// Acknowledges submitted inputs, all or none (secretariat).
    async fn acknowledge_inputs(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<Input>> {
        let actor = ctx.actor().gql()?;
        let ids = ids
            .iter()
            .map(input_id)
            .collect::<Result<Vec<_>, _>>()
            .gql()?;
        let done = inputs::acknowledge(ctx.db().gql()?, actor, &ids)
            .await
            .gql()?;
        Ok(done.into_iter().map(Input).collect())
    }

    /// Puts an input on an agenda item of its meeting (secretariat).
    async fn link_input_to_agenda_item(
        &self,
        ctx: &Context<'_>,
        id: ID,
        agenda_item_id: ID,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        let item = parse_id("agendaItemId", &agenda_item_id).gql()?;
        inputs::link_to_agenda(ctx.db().gql()?, actor, input_id(&id).gql()?, item)
            .await
            .map(Input)
            .gql()
    }

    /// Records that the meeting discussed the input (secretariat).
    async fn mark_input_discussed(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::mark_discussed(ctx.db().gql()?, actor, input_id(&id).gql()?)
            .await
            .map(Input)
            .gql()
    }

    /// Answers the input; the submitter is notified (secretariat).
    async fn answer_input(
        &self,
        ctx: &Context<'_>,
        id: ID,
        answer: String,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::answer(ctx.db().gql()?, actor, input_id(&id).gql()?, &answer)
            .await
            .map(Input)
            .gql()
    }

    /// Declines the input with a reason; the submitter is notified (secretariat).
    async fn decline_input(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::decline(ctx.db().gql()?, actor, input_id(&id).gql()?, &reason)
            .await
            .map(Input)
            .gql()
    }

    /// Withdraws your organisation's input before it is discussed.
    async fn withdraw_input(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::withdraw(ctx.db().gql()?, actor, input_id(&id).gql()?)
            .await
            .map(Input)
            .gql()
    }

    /// Hides an input from other members, with a reason (secretariat; logged).
    async fn hide_input(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::hide(ctx.db().gql()?, actor, input_id(&id).gql()?, &reason)
            .await
            .map(Input)
            .gql()
    }

    /// Replaces the text other members see, with a reason (secretariat; logged).
    async fn redact_input(
        &self,
        ctx: &Context<'_>,
        id: ID,
        redacted_body: String,
        reason: String,
    ) -> async_graphql::Result<Input> {
        let actor = ctx.actor().gql()?;
        inputs::redact(
            ctx.db().gql()?,
            actor,
            input_id(&id).gql()?,
            &redacted_body,
            &reason,
        )
        .await
        .map(Input)
        .gql()
    }

    /// Invites a member or advisory organisation to give input to a meeting without an
    /// account; returns the link path once (secretariat).
    async fn invite_to_meeting(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        organisation_id: ID,
        expires_at: Option<DateTime<Utc>>,
        accept_late: Option<bool>,
    ) -> async_graphql::Result<Invitation> {
        let actor = ctx.actor().gql()?;
        let server = ctx.server().gql()?;
        let meeting_id = parse_id("meetingId", &meeting_id)
            .map_err(|_| AppError::NotFound("meeting"))
            .gql()?;
        let organisation_id = parse_id("organisationId", &organisation_id).gql()?;
        let issued = inputs::invite(
            &server.db,
            &server.auth,
            actor,
            meeting_id,
            organisation_id,
            expires_at,
            accept_late.unwrap_or(false),
        )
        .await
        .gql()?;
        Ok(Invitation {
            model: issued.invitation,
            path: Some(format!("/inspel/{}", issued.token)),
        })
    }

    /// Revokes an invitation: its link stops working at once (secretariat).
    async fn revoke_invitation(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Invitation> {
        let actor = ctx.actor().gql()?;
        let id = parse_id("id", &id)
            .map_err(|_| AppError::NotFound("invitation"))
            .gql()?;
        inputs::revoke_invitation(ctx.db().gql()?, actor, id)
            .await
            .map(|model| Invitation { model, path: None })
            .gql()
    }

    /// Submits input through an invitation link, without an account; a name is
    /// optional. Returns a receipt link to follow the input and read the answer.
    async fn submit_input_with_invitation(
        &self,
        ctx: &Context<'_>,
        token: String,
        meeting_id: Option<ID>,
        author_name: Option<String>,
        content: InputContentInput,
    ) -> async_graphql::Result<SubmittedWithInvitation> {
        let server = ctx.server().gql()?;
        let client = ctx
            .data::<ClientAddr>()
            .map(|c| c.0.as_str())
            .unwrap_or("unknown");
        let meeting_id = meeting_id
            .as_ref()
            .map(|m| parse_id("meetingId", m))
            .transpose()
            .gql()?;
        let done = inputs::submit_with_invitation(
            &server.db,
            &server.auth,
            client,
            &token,
            meeting_id,
            author_name.as_deref(),
            content.into(),
        )
        .await
        .gql()?;
        let events = inputs::events_of(&server.db, &[done.input.id])
            .await
            .gql()?;
        Ok(SubmittedWithInvitation {
            receipt_path: format!("/kvitto/{}", done.token),
            receipt: receipt(done.input, events)?,
        })
    }

    /// Attaches a file (PDF, PNG, JPEG or text, at most 512 KiB, base64-encoded) to an
    /// input of your organisation's, or as the secretariat.
    async fn add_input_attachment(
        &self,
        ctx: &Context<'_>,
        input_id: ID,
        file_name: String,
        content_type: String,
        content_base64: String,
    ) -> async_graphql::Result<Attachment> {
        use base64::Engine as _;
        let actor = ctx.actor().gql()?;
        let input = parse_id("inputId", &input_id)
            .map_err(|_| AppError::NotFound("input"))
            .gql()?;
        if content_base64.len() > attachments::MAX_BYTES * 4 / 3 + 8 {
            return Err(AppError::bad_input("content", "the file is too large")).gql();
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(content_base64.trim())
            .map_err(|_| AppError::bad_input("content", "not base64"))
            .gql()?;
        attachments::add(
            ctx.db().gql()?,
            actor,
            input,
            &file_name,
            &content_type,
            bytes,
        )
        .await
        .map(Attachment)
        .gql()
    }

    /// Sets the council's priority target groups (secretariat).
    async fn set_council_priority_groups(
        &self,
        ctx: &Context<'_>,
        council_id: ID,
        groups: Vec<TargetGroup>,
    ) -> async_graphql::Result<Vec<TargetGroup>> {
        let actor = ctx.actor().gql()?;
        let council_id = parse_id("councilId", &council_id)
            .map_err(|_| AppError::NotFound("council"))
            .gql()?;
        let groups: Vec<types::TargetGroup> = groups.into_iter().map(Into::into).collect();
        let saved = inputs::set_priority_groups(ctx.db().gql()?, actor, council_id, &groups)
            .await
            .gql()?;
        Ok(saved.into_iter().map(Into::into).collect())
    }

    /// Marks your notifications read; returns how many changed.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
    ) -> async_graphql::Result<u64> {
        let actor = ctx.actor().gql()?;
        let ids: Vec<uuid::Uuid> = ids
            .iter()
            .filter_map(|i| uuid::Uuid::parse_str(i.as_str()).ok())
            .collect();
        notifications::mark_read(ctx.db().gql()?, actor, &ids)
            .await
            .gql()
    }
}

/// Helper for other modules: an invitation row as the GraphQL type.
pub fn invitation(model: invitation::Model) -> Invitation {
    Invitation { model, path: None }
}

/// A connection of inputs; their organisations, read with them, go to the loader.
pub(crate) async fn input_connection(
    ctx: &Context<'_>,
    result: inputs::InputPage,
) -> async_graphql::Result<Connection<String, Input>> {
    ctx.loaders()
        .gql()?
        .organisation
        .feed_many(result.organisations.into_iter().map(|o| (o.id, o)))
        .await;
    Ok(connection(result.page, Input))
}
