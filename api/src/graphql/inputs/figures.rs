//! Feedback figures and representation of target groups.

use super::*;
use crate::graphql::FigureMutation;
use async_graphql::{Object, SimpleObject};

use crate::domain::{
    inputs::{self, FeedbackFigures, Representation},
    types,
};

/// How well inputs got an answer.
pub struct Feedback(pub FeedbackFigures);

object! {
    #[Object]
    impl Feedback {
        /// The advisory body these figures are for (none: the whole council).
        async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
            related(ctx, self.0.organisation_id).await
        }

        inputs: u64,
        /// Answered or declined with a reason.
        answered: u64,
        /// Share answered, 0–1 (none without inputs).
        share_answered(): Option<f64>,
        median_days_to_answer: Option<f64>,
        /// Inputs to meetings that ended over 30 days ago that still have no answer.
        unanswered_after_30_days: u64,
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
            .map(|(g, n)| TargetGroupCount { group: (*g).into(), count: *n })
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

// A council's priority groups.
#[Object]
impl FigureMutation {
    /// Sets the council's priority target groups (secretariat).
    async fn set_council_priority_groups(
        &self, ctx: &Context<'_>, council_id: ID, groups: Vec<TargetGroup>,
    ) -> Res<Vec<TargetGroup>> {
        let (db, actor, council_id) = target(ctx, "council", &council_id)?;
        let groups: Vec<types::TargetGroup> = groups.into_iter().map(Into::into).collect();
        let saved = inputs::set_priority_groups(db, actor, council_id, &groups).await.gql()?;
        Ok(saved.into_iter().map(Into::into).collect())
    }
}
