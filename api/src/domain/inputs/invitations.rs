//! Invitations: input without an account, and receipts.

use super::*;

use chrono::Duration;
use entity::{invitation, meeting, membership};
use serde_json::json;

use crate::{
    auth::tokens,
    domain::{
        audit,
        meetings::{self, MeetingView},
        notifications::email,
        policy::{self},
        sessions::AuthKit,
        types::{Email, parse_optional_text},
    },
};

/// A new invitation with its link secret (shown once).
#[derive(Debug, Clone)]
pub struct IssuedInvitation {
    pub invitation: invitation::Model,
    pub token: String,
}

/// The secretariat invites a member or advisory organisation to give input to a meeting.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id, organisation_id = %organisation_id))]
pub async fn invite(
    db: &DatabaseConnection, kit: &AuthKit, actor: &Actor, meeting_id: Uuid, organisation_id: Uuid,
    expires_at: Option<DateTime<Utc>>, accept_late: bool,
) -> AppResult<IssuedInvitation> {
    let m = meetings::get(db, actor, meeting_id).await?;
    policy::require_manage(actor, m.model().council_id)?;
    let member = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(m.model().council_id))
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::LeftOn.is_null())
        .one(db)
        .await?;
    if member.is_none() {
        return Err(AppError::bad_input(
            "organisationId",
            "the organisation is not a member or advisory body of this council",
        ));
    }
    let now = Utc::now();
    let expires_at = expires_at.unwrap_or(m.model().ends_at);
    if expires_at <= now || expires_at > now + Duration::days(366) {
        return Err(AppError::bad_input(
            "expiresAt",
            "an invitation expires within a year from now",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let invitation = invitation::ActiveModel {
        id: Set(Uuid::now_v7()),
        meeting_id: Set(meeting_id),
        organisation_id: Set(organisation_id),
        accept_late: Set(accept_late),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::Event::new(actor, "invitation.create", ("meeting", meeting_id))
        .in_council(m.model().council_id)
        .detail(json!({ "invitationId": invitation.id, "organisationId": organisation_id }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, ()).await?;
    let token =
        kit.tokens.issue_invitation(invitation.id, meeting_id, organisation_id, expires_at)?;
    Ok(IssuedInvitation { invitation, token })
}

/// A meeting's invitations (secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn invitations_of(
    db: &DatabaseConnection, actor: &Actor, meeting: &MeetingView,
) -> AppResult<Vec<invitation::Model>> {
    policy::require_manage_to_read(actor, meeting.model().council_id)?;
    Ok(invitation::Entity::find()
        .filter(invitation::Column::MeetingId.eq(meeting.model().id))
        .order_by_asc(invitation::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

/// Revokes an invitation (secretariat): its link stops working at once.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn revoke_invitation(
    db: &DatabaseConnection, actor: &Actor, id: Uuid,
) -> AppResult<invitation::Model> {
    let current = invitation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    let m = meetings::get(db, actor, current.meeting_id)
        .await
        .map_err(|_| AppError::NotFound("invitation"))?;
    policy::require_manage(actor, m.model().council_id)?;
    let mut active: invitation::ActiveModel = current.into();
    active.revoked_at = Set(Some(Utc::now()));
    Ok(active.update(db).await?)
}

/// A live invitation behind a link, with its meeting; NOT_FOUND for a bad, expired or
/// revoked link (all told apart only in the log).
#[tracing::instrument(skip_all)]
pub async fn open_invitation(
    db: &impl ConnectionTrait, kit: &AuthKit, token: &str,
) -> AppResult<(invitation::Model, meeting::Model)> {
    let claims = kit.tokens.verify_invitation(token)?;
    let inv = invitation::Entity::find_by_id(claims.sub)
        .one(db)
        .await?
        .filter(|i| i.meeting_id == claims.mid && i.organisation_id == claims.org)
        .filter(|i| i.revoked_at.is_none() && i.expires_at > Utc::now())
        .ok_or(AppError::NotFound("invitation"))?;
    let m = meeting::Entity::find_by_id(inv.meeting_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    Ok((inv, m))
}

/// Most recent submissions an invitation page lists.
pub const INVITATION_RECENT: u64 = 10;

/// What has already come in through an invitation: how many inputs, and the newest
/// few (title and time only), so that whoever holds the link sees it before sending
/// the same thing again.
#[tracing::instrument(skip_all, fields(invitation_id = %invitation_id))]
pub async fn invitation_submissions(
    db: &impl ConnectionTrait, invitation_id: Uuid,
) -> AppResult<(u64, Vec<input::Model>)> {
    let through = || input::Entity::find().filter(input::Column::InvitationId.eq(invitation_id));
    let count = through().count(db).await?;
    let recent =
        through().order_by_desc(input::Column::Id).limit(INVITATION_RECENT).all(db).await?;
    Ok((count, recent))
}

/// An input submitted through an invitation, and the receipt secret to follow it.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub input: input::Model,
    pub token: String,
    /// The receipt secret is the submitter's proof for reading the input's history.
    pub record: Checked<InputRecord>,
}

/// Who submits through an invitation: the link, an optional name, and an optional address
/// that the receipt link is e-mailed to.
#[derive(Debug, Clone, Copy)]
pub struct InvitedSender<'a> {
    pub client: &'a str,
    pub token: &'a str,
    pub author_name: Option<&'a str>,
    pub receipt_email: Option<&'a str>,
}

/// Submits through an invitation link, without an account; rate-limited per invitation
/// and per client address. `meeting_id`, when given, must be the invitation's meeting.
/// With a receipt address (where e-mail is set up, and within the receipt throttle), one
/// e-mail with the receipt link is queued in the same transaction; the address is not kept
/// with the input, and the outbox forgets it once the mail is sent or given up.
#[tracing::instrument(skip_all)]
pub async fn submit_with_invitation(
    db: &DatabaseConnection, kit: &AuthKit, by: InvitedSender<'_>, meeting_id: Option<Uuid>,
    content: InputContent,
) -> AppResult<Receipt> {
    let (inv, m) = open_invitation(db, kit, by.token).await?;
    kit.invitation_throttle.attempt(db, &inv.id.to_string(), by.client).await?;
    if meeting_id.is_some_and(|id| id != inv.meeting_id) {
        return Err(AppError::bad_input("meetingId", "this invitation is for another meeting"));
    }
    let (title, body, groups, district) = check_content(&content)?;
    let author_name = parse_optional_text("authorName", by.author_name, 200)?;
    let receipt_email = match by.receipt_email.map(str::trim).filter(|e| !e.is_empty()) {
        Some(_) if !kit.settings.receipt_mail => {
            return Err(AppError::bad_input("receiptEmail", "e-mail is not set up on this server"));
        }
        Some(address) => {
            let address = Email::parse(address)
                .map_err(|_| AppError::bad_input("receiptEmail", "not a valid email address"))?;
            // Counted per recipient (hashed: the throttle keeps no address) and per link.
            let recipient = tokens::hash_refresh_token(address.as_str());
            kit.receipt_throttle.attempt(db, &recipient, &inv.id.to_string()).await?;
            Some(address)
        }
        None => None,
    };
    let now = Utc::now();
    check_window(&m, inv.accept_late, now)?;
    let receipt = tokens::new_refresh_token();
    let txn = crate::db::begin_write(db).await?;
    let model = input::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(m.council_id),
        meeting_id: Set(Some(m.id)),
        agenda_item_id: Set(None),
        theme_id: Set(None),
        organisation_id: Set(inv.organisation_id),
        author_user_id: Set(None),
        author_name: Set(author_name),
        invitation_id: Set(Some(inv.id)),
        title: Set(title),
        body: Set(body),
        target_groups: Set(groups),
        district: Set(district),
        gathered_by: Set(content.gathered_by),
        status: Set(InputStatus::Submitted),
        anonymous: Set(content.anonymous),
        late_allowed: Set(inv.accept_late),
        hidden_reason: Set(None),
        redacted_body: Set(None),
        answer: Set(None),
        decline_reason: Set(None),
        submitted_at: Set(Some(now)),
        answered_at: Set(None),
        receipt_hash: Set(Some(tokens::hash_refresh_token(&receipt))),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        &model,
        None,
        "submit",
        None,
        InputStatus::Submitted,
        Some("via inbjudan".to_owned()),
    )
    .await?;
    if let Some(address) = &receipt_email {
        email::enqueue_receipt(&txn, address, &receipt).await?;
    }
    crate::live::commit(
        txn,
        Receipt { record: Checked::new(model.id), input: model, token: receipt },
    )
    .await
}

/// The one input behind a receipt secret, or NOT_FOUND.
#[tracing::instrument(skip_all)]
pub async fn by_receipt(
    db: &DatabaseConnection, token: &str,
) -> AppResult<(input::Model, Checked<InputRecord>)> {
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::NotFound("receipt"));
    }
    input::Entity::find()
        .filter(input::Column::ReceiptHash.eq(tokens::hash_refresh_token(token)))
        .one(db)
        .await?
        .map(|model| (Checked::new(model.id), model))
        .map(|(record, model)| (model, record))
        .ok_or(AppError::NotFound("receipt"))
}

// ---------------------------------------------------------------------------------
