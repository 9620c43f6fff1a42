//! Invitations: input without an account, and receipts.

use super::*;
use async_graphql::{Object, SimpleObject};
use chrono::NaiveDateTime;
use entity::invitation;

use crate::domain::{
    inputs::{self},
    time,
};
use crate::graphql::{ClientAddr, InvitationMutation, InvitationQuery};

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

    async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        Organisation::of(ctx, self.model.organisation_id).await
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

fn receipt(model: entity::input::Model, events: Vec<input_event::Model>) -> InputReceipt {
    let history =
        events.into_iter().map(|e| ReceiptStep { at: e.at, status: e.to_status.into() }).collect();
    InputReceipt {
        status: model.status.into(),
        // Redacted text, if the secretariat redacted it, is what everyone else sees; the
        // submitter sees their own words.
        body: model.body,
        title: model.title,
        submitted_at: model.submitted_at,
        answer: model.answer,
        decline_reason: model.decline_reason,
        answered_at: model.answered_at,
        history,
    }
}

/// Helper for other modules: an invitation row as the GraphQL type.
pub fn invitation(model: invitation::Model) -> Invitation {
    Invitation { model, path: None }
}

// Opening an invitation and following a receipt.
#[Object]
impl InvitationQuery {
    /// What an invitation link invites to (no account needed); NOT_FOUND for a bad,
    /// expired or revoked link.
    async fn invitation(&self, ctx: &Context<'_>, token: String) -> Res<InvitationDetails> {
        let server = ctx.server().gql()?;
        let (inv, m) = inputs::open_invitation(&server.db, &server.auth, &token).await.gql()?;
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
        let (count, recent) = inputs::invitation_submissions(&server.db, inv.id).await.gql()?;
        Ok(InvitationDetails {
            submitted_count: i32::try_from(count).unwrap_or(i32::MAX),
            recent_submissions: recent
                .into_iter()
                .map(|i| InvitationSubmission { title: i.title, submitted_at: i.submitted_at })
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
    async fn input_receipt(&self, ctx: &Context<'_>, token: String) -> Res<InputReceipt> {
        let db = ctx.db().gql()?;
        let (model, record) = inputs::by_receipt(db, &token).await.gql()?;
        let events = load(ctx, |l| &l.input_events, record).await?;
        Ok(receipt(model, events.unwrap_or_default()))
    }
}

// Inviting, revoking, and submitting through an invitation.
#[Object]
impl InvitationMutation {
    /// Invites a member or advisory organisation to give input to a meeting without an
    /// account; returns the link path once (secretariat).
    async fn invite_to_meeting(
        &self, ctx: &Context<'_>, meeting_id: ID, organisation_id: ID,
        expires_at: Option<DateTime<Utc>>, accept_late: Option<bool>,
    ) -> Res<Invitation> {
        let actor = ctx.actor().gql()?;
        let server = ctx.server().gql()?;
        let meeting_id = target_id("meeting", &meeting_id)?;
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
        Ok(Invitation { model: issued.invitation, path: Some(format!("/inspel/{}", issued.token)) })
    }

    /// Revokes an invitation: its link stops working at once (secretariat).
    async fn revoke_invitation(&self, ctx: &Context<'_>, id: ID) -> Res<Invitation> {
        let (db, actor, id) = target(ctx, "invitation", &id)?;
        inputs::revoke_invitation(db, actor, id)
            .await
            .map(|model| Invitation { model, path: None })
            .gql()
    }

    /// Submits input through an invitation link, without an account; a name is
    /// optional. Returns a receipt link to follow the input and read the answer; with
    /// `receiptEmail`, the link is also e-mailed there (the address is not kept).
    async fn submit_input_with_invitation(
        &self, ctx: &Context<'_>, token: String, meeting_id: Option<ID>,
        author_name: Option<String>, content: InputContentInput, receipt_email: Option<String>,
    ) -> Res<SubmittedWithInvitation> {
        let server = ctx.server().gql()?;
        let client = ctx.data::<ClientAddr>().map(|c| c.0.as_str()).unwrap_or("unknown");
        let meeting_id = meeting_id.as_ref().map(|m| parse_id("meetingId", m)).transpose().gql()?;
        let by = inputs::InvitedSender {
            client,
            token: &token,
            author_name: author_name.as_deref(),
            receipt_email: receipt_email.as_deref(),
        };
        let done = inputs::submit_with_invitation(
            &server.db,
            &server.auth,
            by,
            meeting_id,
            content.into(),
        )
        .await
        .gql()?;
        let events = inputs::events_of(&server.db, &[done.record]).await.gql()?;
        Ok(SubmittedWithInvitation {
            receipt_path: format!("/kvitto/{}", done.token),
            receipt: receipt(done.input, events),
        })
    }
}
