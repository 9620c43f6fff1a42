//! The input workflow as one state machine: each [`Step`] names the statuses it may be
//! taken from, the status it leads to, who may take it and the event it records, and
//! [`take`] is the one function that applies a step.
//!
//! ```text
//! draft ─submit→ submitted ─acknowledge→ acknowledged ─link→ on agenda ─discuss→ discussed
//!                    └──────────────┴── answer / decline ──────┴─────────────────┘ (answer)
//! draft, submitted, acknowledged, on agenda ─withdraw→ withdrawn
//! ```

use crate::domain::prelude::*;
use entity::{agenda_item, input, meeting};
use sea_orm::ActiveEnum as _;

use super::{
    InputView, MAX_BODY, check_window, get, view,
    workflow::{notify_submitter, record},
};
use crate::domain::{
    policy::InputAccess,
    types::{InputStatus, MeetingStatus, parse_optional_text},
};

/// A step an input can take, with what the step needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Its organisation sends a draft, within the meeting's input window.
    Submit,
    /// The secretariat confirms it has read the input.
    Acknowledge,
    /// The secretariat puts it on an item of its meeting's agenda.
    Link { agenda_item_id: Uuid },
    /// The meeting, once held, discussed it.
    Discuss,
    /// The secretariat answers (återkoppling); the submitter is notified.
    Answer { text: String },
    /// The secretariat declines it with a reason; the submitter is notified.
    Decline { reason: String },
    /// Its organisation takes it back before it is discussed.
    Withdraw,
}

/// Who may take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taker {
    /// The submitting organisation's representatives.
    Owner,
    /// The council's secretariat.
    Secretariat,
}

impl Step {
    /// The name recorded in the input's history (and shown in error messages).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Acknowledge => "acknowledge",
            Self::Link { .. } => "link",
            Self::Discuss => "discuss",
            Self::Answer { .. } => "answer",
            Self::Decline { .. } => "decline",
            Self::Withdraw => "withdraw",
        }
    }

    /// The statuses the step may be taken from.
    pub fn allowed_from(&self) -> &'static [InputStatus] {
        use InputStatus::*;
        match self {
            Self::Submit => &[Draft],
            Self::Acknowledge => &[Submitted],
            Self::Link { .. } => &[Submitted, Acknowledged, OnAgenda],
            Self::Discuss => &[Acknowledged, OnAgenda],
            Self::Answer { .. } => &[Submitted, Acknowledged, OnAgenda, Discussed],
            Self::Decline { .. } => &[Submitted, Acknowledged, OnAgenda],
            Self::Withdraw => &[Draft, Submitted, Acknowledged, OnAgenda],
        }
    }

    /// The status the step leads to.
    pub fn target(&self) -> InputStatus {
        match self {
            Self::Submit => InputStatus::Submitted,
            Self::Acknowledge => InputStatus::Acknowledged,
            Self::Link { .. } => InputStatus::OnAgenda,
            Self::Discuss => InputStatus::Discussed,
            Self::Answer { .. } => InputStatus::Answered,
            Self::Decline { .. } => InputStatus::Declined,
            Self::Withdraw => InputStatus::Withdrawn,
        }
    }

    /// Who may take it.
    pub fn taker(&self) -> Taker {
        match self {
            Self::Submit | Self::Withdraw => Taker::Owner,
            _ => Taker::Secretariat,
        }
    }

    /// Checks the step's own input (texts) before anything is read.
    fn checked(self) -> AppResult<Self> {
        Ok(match self {
            Self::Answer { text } => Self::Answer {
                text: parse_optional_text("answer", Some(&text), MAX_BODY)?
                    .ok_or_else(|| AppError::bad_input("answer", "the answer is empty"))?,
            },
            Self::Decline { reason } => Self::Decline {
                reason: parse_optional_text("reason", Some(&reason), 4000)?.ok_or_else(|| {
                    AppError::bad_input("reason", "say why the input is declined")
                })?,
            },
            other => other,
        })
    }

    /// The note recorded with the event.
    fn note(&self) -> Option<String> {
        match self {
            Self::Decline { reason } => Some(reason.clone()),
            _ => None,
        }
    }

    /// The message to the submitter, for steps that answer them.
    fn notice(&self, title: &str) -> Option<String> {
        match self {
            Self::Answer { .. } => Some(format!("Ditt inspel \"{title}\" har fått svar.")),
            Self::Decline { .. } => {
                Some(format!("Ditt inspel \"{title}\" har inte tagits upp. Se motiveringen."))
            }
            _ => None,
        }
    }
}

/// Whether `step` may be taken from `from`.
pub fn allowed(step: &Step, from: InputStatus) -> bool {
    step.allowed_from().contains(&from)
}

/// Applies one step to one input within `txn`: who may, from which status, the step's
/// own rule, the new status and fields, the recorded event and the notice. The caller
/// commits.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn take(
    txn: &DatabaseTransaction, actor: &Actor, id: Uuid, step: Step,
) -> AppResult<input::Model> {
    let step = step.checked()?;
    let current = get(txn, actor, id).await?;
    // Someone who may not take the step learns nothing about the input.
    let may = matches!(
        (step.taker(), current.access),
        (Taker::Owner, InputAccess::Owner) | (Taker::Secretariat, InputAccess::Secretariat)
    );
    if !may {
        return Err(AppError::NotFound("input"));
    }
    let from = current.status();
    if !allowed(&step, from) {
        return Err(AppError::conflict(
            "id",
            format!("a {} input cannot take the step '{}'", from.to_value(), step.name()),
        ));
    }
    let model = current.model;
    check_rule(txn, &step, &model).await?;
    let now = Utc::now();
    let mut active: input::ActiveModel = model.into();
    active.status = Set(step.target());
    active.updated_at = Set(now);
    match &step {
        Step::Submit => active.submitted_at = Set(Some(now)),
        Step::Link { agenda_item_id } => active.agenda_item_id = Set(Some(*agenda_item_id)),
        Step::Answer { text } => {
            active.answer = Set(Some(text.clone()));
            active.answered_at = Set(Some(now));
        }
        Step::Decline { reason } => {
            active.decline_reason = Set(Some(reason.clone()));
            active.answered_at = Set(Some(now));
        }
        Step::Acknowledge | Step::Discuss | Step::Withdraw => {}
    }
    let updated = active.update(txn).await?;
    record(txn, &updated, Some(actor), step.name(), Some(from), step.target(), step.note()).await?;
    if let Some(message) = step.notice(&updated.title) {
        notify_submitter(txn, &updated, message).await?;
    }
    Ok(updated)
}

/// Takes one step on one input, in its own transaction.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn take_step(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, step: Step,
) -> AppResult<InputView> {
    let txn = crate::db::begin_write(db).await?;
    let updated = take(&txn, actor, id, step).await?;
    crate::live::commit(txn, ()).await?;
    view(actor, updated).ok_or(AppError::NotFound("input"))
}

/// Acknowledges submitted inputs in one go (secretariat); all or none.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn acknowledge(
    db: &DatabaseConnection, actor: &Actor, ids: &[Uuid],
) -> AppResult<Vec<InputView>> {
    if ids.is_empty() || ids.len() > 100 {
        return Err(AppError::bad_input("ids", "acknowledge 1 to 100 inputs at a time"));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut done = vec![];
    for id in ids {
        done.push(take(&txn, actor, *id, Step::Acknowledge).await?);
    }
    crate::live::commit(txn, done.into_iter().filter_map(|m| view(actor, m)).collect()).await
}

/// The rule a step adds to its statuses.
async fn check_rule(txn: &DatabaseTransaction, step: &Step, model: &input::Model) -> AppResult<()> {
    match step {
        Step::Submit => {
            if let Some(meeting_id) = model.meeting_id {
                let m = meeting::Entity::find_by_id(meeting_id)
                    .one(txn)
                    .await?
                    .ok_or(AppError::NotFound("meeting"))?;
                check_window(&m, model.late_allowed, Utc::now())?;
            }
        }
        Step::Link { agenda_item_id } => {
            let item = agenda_item::Entity::find_by_id(*agenda_item_id).one(txn).await?;
            if model.meeting_id.is_none() || item.map(|i| i.meeting_id) != model.meeting_id {
                return Err(AppError::bad_input(
                    "agendaItemId",
                    "not an item of this input's meeting",
                ));
            }
        }
        // An input is discussed at its meeting: not before that meeting has been held.
        Step::Discuss => {
            if let Some(meeting_id) = model.meeting_id {
                let held =
                    meeting::Entity::find_by_id(meeting_id).one(txn).await?.map(|m| m.status);
                if !matches!(held, Some(MeetingStatus::Held | MeetingStatus::MinutesApproved)) {
                    return Err(AppError::conflict(
                        "id",
                        "the input's meeting has not been held yet",
                    ));
                }
            }
        }
        Step::Acknowledge | Step::Answer { .. } | Step::Decline { .. } | Step::Withdraw => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_step() -> Vec<Step> {
        vec![
            Step::Submit,
            Step::Acknowledge,
            Step::Link { agenda_item_id: Uuid::nil() },
            Step::Discuss,
            Step::Answer { text: "svar".into() },
            Step::Decline { reason: "skäl".into() },
            Step::Withdraw,
        ]
    }

    #[test]
    fn no_step_leads_back_to_where_it_starts_and_finished_inputs_stay_finished() {
        for step in every_step() {
            assert!(!allowed(&step, step.target()) || step.name() == "link");
            for done in [InputStatus::Answered, InputStatus::Declined, InputStatus::Withdrawn] {
                assert!(!allowed(&step, done), "{} from {done:?}", step.name());
            }
        }
    }

    #[test]
    fn only_the_owner_submits_and_withdraws() {
        for step in every_step() {
            let owner = matches!(step, Step::Submit | Step::Withdraw);
            assert_eq!(step.taker() == Taker::Owner, owner, "{}", step.name());
        }
    }
}
