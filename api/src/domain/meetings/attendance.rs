//! Who comes to a meeting, per representative and per organisation.

use super::*;
use crate::domain::batch;
use crate::domain::prelude::*;

use entity::{attendance, membership, seat};

use crate::domain::types::{AttendanceResponse, MembershipRole, parse_optional_text};

batch::rows_of! {
    /// Attendance answers of meetings, for batch loading behind a checked meeting.
    pub fn attendance_of(MeetingDetails) -> attendance by MeetingId order Id;
}

/// A seat holder answers for themself: attending, apologies, or sending a substitute.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, meeting_id = %meeting_id))]
pub async fn respond(
    db: &DatabaseConnection, actor: &Actor, meeting_id: Uuid, response: AttendanceResponse,
    substitute_name: Option<&str>,
) -> AppResult<attendance::Model> {
    let view = get(db, actor, meeting_id).await?;
    if !policy::has_member_seat(actor, view.model.council_id) {
        return Err(AppError::NotFound("meeting"));
    }
    if view.status() != MeetingStatus::Scheduled {
        return Err(AppError::conflict("meetingId", "answers are taken for scheduled meetings"));
    }
    if view.model.ends_at <= Utc::now() {
        return Err(AppError::conflict("meetingId", "the meeting is over"));
    }
    let substitute = match response {
        AttendanceResponse::Substitute => Some(
            parse_optional_text("substituteName", substitute_name, 200)?
                .ok_or_else(|| AppError::bad_input("substituteName", "name the substitute"))?,
        ),
        _ => None,
    };
    let organisation_id =
        policy::member_organisations(actor, view.model.council_id).first().copied();
    let txn = crate::db::begin_write(db).await?;
    let existing = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.eq(meeting_id))
        .filter(attendance::Column::UserId.eq(actor.user_id))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(row) => {
            let mut model: attendance::ActiveModel = row.into();
            model.response = Set(response);
            model.substitute_name = Set(substitute);
            model.organisation_id = Set(organisation_id);
            model.updated_at = Set(Utc::now());
            model.update(&txn).await?
        }
        None => attendance::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(meeting_id),
            user_id: Set(actor.user_id),
            organisation_id: Set(organisation_id),
            response: Set(response),
            substitute_name: Set(substitute),
            updated_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await
        .map_err(|e| AppError::from_write(e, "meetingId", "an answer for this meeting"))?,
    };
    crate::live::commit(txn, saved).await
}

/// Who is coming, per open member organisation: from the council's memberships and seats
/// and the meeting's answers (rows the caller loaded in batches).
pub fn summarise_attendance(
    memberships: &[membership::Model], seats: &[seat::Model], answers: &[attendance::Model],
) -> Vec<OrganisationAttendance> {
    memberships
        .iter()
        .filter(|m| m.left_on.is_none() && m.role != MembershipRole::Advisory)
        .map(|m| {
            let mut org =
                OrganisationAttendance { organisation_id: m.organisation_id, ..Default::default() };
            let reps = seats
                .iter()
                .filter(|s| s.ended_on.is_none() && s.organisation_id == Some(m.organisation_id));
            for rep in reps {
                match answers.iter().find(|a| a.user_id == rep.user_id) {
                    Some(a) if a.response == AttendanceResponse::Attending => {
                        org.attending.push(rep.user_id)
                    }
                    Some(a) if a.response == AttendanceResponse::Apologies => {
                        org.apologies.push(rep.user_id)
                    }
                    Some(a) => org
                        .substitutes
                        .push((rep.user_id, a.substitute_name.clone().unwrap_or_default())),
                    None => org.no_answer.push(rep.user_id),
                }
            }
            org.attending.dedup();
            org.apologies.dedup();
            org.no_answer.dedup();
            org
        })
        .collect()
}
