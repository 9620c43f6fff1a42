//! Inputs from members, youth councils and advisory bodies, and the feedback that comes
//! back to them (återkoppling).
//!
//! Rules: an input moves draft → submitted → acknowledged → on agenda → discussed →
//! answered, or is declined (with a reason) or withdrawn (by its organisation, before it
//! is discussed); every step is recorded with who and when. Inputs after the meeting's
//! deadline are refused unless the secretariat accepted a late input. Advisory bodies
//! without accounts submit through a signed, expiring, revocable invitation scoped to
//! one meeting and organisation, and follow their input through a receipt secret. Who
//! sees what of an input is [`policy::input_access`].

use crate::domain::prelude::*;
use chrono::DateTime;
use entity::{input, input_event};
use sea_orm::ActiveEnum as _;

use crate::domain::{
    access::{Checked, InputRecord},
    policy::InputAccess,
    types::{GatheredBy, InputStatus, TargetGroup},
};

mod export;
mod figures;
mod invitations;
mod reading;
mod steps;
mod workflow;
pub use self::{export::*, figures::*, invitations::*, reading::*, steps::*, workflow::*};

/// Longest input text.
pub const MAX_BODY: usize = 20_000;
/// Inputs with no answer this long after their meeting count as left without feedback.
pub const FEEDBACK_DAYS: i64 = 30;

/// An input as one reader may see it: made only by the policy, in the services. What
/// the reader may not see (the unredacted text, an anonymous submitter, why it was hidden,
/// its history) has no accessor that would give it to them.
#[derive(Debug, Clone)]
pub struct InputView {
    model: input::Model,
    access: InputAccess,
}

/// Who submitted an input, for readers who may know.
#[derive(Debug, Clone, Copy)]
pub struct Submitter<'a> {
    pub organisation_id: Uuid,
    pub author_user_id: Option<Uuid>,
    /// A name given through an invitation.
    pub author_name: Option<&'a str>,
}

impl InputView {
    pub fn id(&self) -> Uuid {
        self.model.id
    }

    pub fn council_id(&self) -> Uuid {
        self.model.council_id
    }

    pub fn meeting_id(&self) -> Option<Uuid> {
        self.model.meeting_id
    }

    pub fn agenda_item_id(&self) -> Option<Uuid> {
        self.model.agenda_item_id
    }

    pub fn theme_id(&self) -> Option<Uuid> {
        self.model.theme_id
    }

    pub fn title(&self) -> &str {
        &self.model.title
    }

    pub fn district(&self) -> Option<&str> {
        self.model.district.as_deref()
    }

    pub fn anonymous(&self) -> bool {
        self.model.anonymous
    }

    pub fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.model.submitted_at
    }

    pub fn answer(&self) -> Option<&str> {
        self.model.answer.as_deref()
    }

    pub fn decline_reason(&self) -> Option<&str> {
        self.model.decline_reason.as_deref()
    }

    pub fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.model.answered_at
    }

    /// Other members see a redacted text.
    pub fn redacted(&self) -> bool {
        self.model.redacted_body.is_some()
    }

    /// The input's status.
    pub fn status(&self) -> InputStatus {
        self.model.status
    }

    /// How the input was gathered.
    pub fn gathered_by(&self) -> GatheredBy {
        self.model.gathered_by
    }

    /// The groups it speaks for; a stored value that does not parse is a data error.
    pub fn target_groups(&self) -> AppResult<Vec<TargetGroup>> {
        parse_target_groups(&self.model.target_groups)
    }

    /// Who submitted it: `None` for other members when the input is anonymous.
    pub fn submitter(&self) -> Option<Submitter<'_>> {
        (self.access != InputAccess::Member || !self.model.anonymous).then_some(Submitter {
            organisation_id: self.model.organisation_id,
            author_user_id: self.model.author_user_id,
            author_name: self.model.author_name.as_deref(),
        })
    }

    /// The text this reader sees: the redacted text for other members.
    pub fn body(&self) -> &str {
        match (&self.access, &self.model.redacted_body) {
            (InputAccess::Member, Some(redacted)) => redacted,
            _ => &self.model.body,
        }
    }

    /// Whether it is hidden from other members: for the secretariat and the submitter.
    pub fn hidden(&self) -> Option<bool> {
        self.record().map(|_| self.model.hidden_reason.is_some())
    }

    /// Why the input was hidden: for the secretariat only.
    pub fn hidden_reason(&self) -> Option<&str> {
        match self.access {
            InputAccess::Secretariat => self.model.hidden_reason.as_deref(),
            _ => None,
        }
    }

    /// The proof that the reader may see the input's history and attachments: the
    /// secretariat and the submitting organisation.
    pub fn record(&self) -> Option<Checked<InputRecord>> {
        (self.access != InputAccess::Member).then_some(Checked::new(self.model.id))
    }

    /// The history this reader sees: the reasons for hiding or redacting are the
    /// secretariat's own (the schema promises so); the submitter sees the step, not why.
    pub fn visible_history(&self, mut events: Vec<input_event::Model>) -> Vec<input_event::Model> {
        if self.access != InputAccess::Secretariat {
            for event in &mut events {
                if matches!(event.action.as_str(), "hide" | "redact") {
                    event.note = None;
                }
            }
        }
        events
    }
}

/// Target groups as stored (a JSON array of codes); anything else is a data error.
pub fn parse_target_groups(json: &str) -> AppResult<Vec<TargetGroup>> {
    let codes: Vec<String> = serde_json::from_str(json).map_err(|e| {
        AppError::Internal(anyhow::anyhow!("target groups {json:?} in database: {e}"))
    })?;
    Ok(codes.iter().map(TargetGroup::try_from_value).collect::<Result<_, _>>()?)
}

/// What an input is about.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Meeting(Uuid),
    AgendaItem(Uuid),
    Theme(Uuid),
}

/// The content of an input.
#[derive(Debug, Clone)]
pub struct InputContent {
    pub title: String,
    pub body: String,
    pub target_groups: Vec<TargetGroup>,
    pub district: Option<String>,
    pub gathered_by: GatheredBy,
    pub anonymous: bool,
}

/// A new input from a signed-in representative.
#[derive(Debug, Clone)]
pub struct NewInput {
    pub target: Target,
    /// Needed only when the actor sits for more than one organisation.
    pub organisation_id: Option<Uuid>,
    pub content: InputContent,
    /// Submit at once instead of keeping a draft.
    pub submit: bool,
}

/// Feedback figures for a council or an advisory body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackFigures {
    pub organisation_id: Option<Uuid>,
    pub inputs: u64,
    /// Answered or declined with a reason: the submitter got feedback.
    pub answered: u64,
    pub median_days_to_answer: Option<f64>,
    /// Inputs to meetings that ended over 30 days ago and still have no feedback.
    pub unanswered_after_30_days: u64,
}

impl FeedbackFigures {
    /// Share of inputs answered, 0–1.
    pub fn share_answered(&self) -> Option<f64> {
        (self.inputs > 0).then(|| self.answered as f64 / self.inputs as f64)
    }
}

/// Which target groups gave input in a year, and which priority groups did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Representation {
    pub heard: Vec<(TargetGroup, u64)>,
    pub priority_groups: Vec<TargetGroup>,
    pub missing: Vec<TargetGroup>,
}

/// A meeting's inputs grouped for triage.
#[derive(Debug, Clone, Default)]
pub struct Triage {
    pub by_status: Vec<(InputStatus, u64)>,
    pub by_agenda_item: Vec<(Option<Uuid>, u64)>,
    pub by_theme: Vec<(Option<Uuid>, u64)>,
}

// ---------------------------------------------------------------------------------
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+46"), "'+46");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Trygghet i Gävle"), "Trygghet i Gävle");
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn transitions() {
        let answer = Step::Answer { text: "svar".into() };
        assert!(allowed(&answer, InputStatus::Discussed));
        assert!(!allowed(&answer, InputStatus::Withdrawn));
        assert!(!allowed(&Step::Withdraw, InputStatus::Discussed));
        assert!(!allowed(&Step::Acknowledge, InputStatus::Draft));
    }
}
