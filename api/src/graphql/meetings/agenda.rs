//! The agenda and members' proposals for it.

use super::*;
use async_graphql::{InputObject, Object};
use entity::{agenda_item, agenda_proposal};

use crate::graphql::{AgendaMutation, id, organisations::Organisation, users::User};
use crate::{
    domain::meetings::{AgendaItemFields, NewProposal},
    error::AppError,
};

/// An item on a meeting's agenda.
pub struct AgendaItem(pub agenda_item::Model);

object! {
    #[Object]
    impl AgendaItem {
        id: ID,
        position: i32,
        kind as AgendaItemKind,
        title: &str,
        description: &str,

        async fn presenter(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
            related(ctx, self.0.presenter_organisation_id).await
        }

        minutes_allotted: i32,
        /// The decision recorded in the minutes.
        decision: Option<&str>,
    }
}

/// A member organisation's proposal for the agenda.
pub struct AgendaProposal(pub agenda_proposal::Model);

object! {
    #[Object]
    impl AgendaProposal {
        id: ID,
        organisation: Option<Organisation> = organisation_id,
        proposed_by: Option<User> = proposed_by,
        kind as AgendaItemKind,
        title: &str,
        description: &str,
        minutes_allotted: i32,
        status as ProposalStatus,
        decline_reason: Option<&str>,
        created_at: DateTime<Utc>,
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

// Changing the agenda; proposing and deciding proposals.
#[Object]
impl AgendaMutation {
    /// Adds an item at the end of the agenda (secretariat or admin).
    async fn add_agenda_item(
        &self, ctx: &Context<'_>, meeting_id: ID, expected_version: i32, input: AgendaItemInput,
    ) -> Res<AgendaItem> {
        let (db, actor, meeting_id) = target(ctx, "meeting", &meeting_id)?;
        let fields = input.into_fields().gql()?;
        meetings::add_agenda_item(db, actor, meeting_id, expected_version, fields)
            .await
            .map(AgendaItem)
            .gql()
    }

    /// Changes an agenda item; `expectedVersion` is the meeting's.
    async fn update_agenda_item(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32, input: AgendaItemInput,
    ) -> Res<AgendaItem> {
        let (db, actor, id) = target(ctx, "agenda item", &id)?;
        let fields = input.into_fields().gql()?;
        meetings::update_agenda_item(db, actor, id, expected_version, fields)
            .await
            .map(AgendaItem)
            .gql()
    }

    /// Removes an agenda item; returns its id.
    async fn remove_agenda_item(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32,
    ) -> Res<ID> {
        let (db, actor, id) = target(ctx, "agenda item", &id)?;
        meetings::remove_agenda_item(db, actor, id, expected_version).await.map(self::id).gql()
    }

    /// Puts the agenda in the given order (every item once).
    async fn reorder_agenda(
        &self, ctx: &Context<'_>, meeting_id: ID, expected_version: i32, item_ids: Vec<ID>,
    ) -> Res<Vec<AgendaItem>> {
        let (db, actor, meeting_id) = target(ctx, "meeting", &meeting_id)?;
        let ids =
            item_ids.iter().map(|i| parse_id("itemIds", i)).collect::<Result<Vec<_>, _>>().gql()?;
        let items =
            meetings::reorder_agenda(db, actor, meeting_id, expected_version, &ids).await.gql()?;
        Ok(items.into_iter().map(AgendaItem).collect())
    }

    /// A member representative proposes an agenda item before the input deadline.
    async fn propose_agenda_item(
        &self, ctx: &Context<'_>, input: ProposeAgendaItemInput,
    ) -> Res<AgendaProposal> {
        let (db, actor) = caller(ctx)?;
        let cmd = NewProposal {
            meeting_id: target_id("meeting", &input.meeting_id)?,
            organisation_id: opt_id("organisationId", &input.organisation_id).gql()?,
            kind: input.kind.into(),
            title: input.title,
            description: input.description,
            minutes_allotted: input.minutes_allotted,
        };
        meetings::propose(db, actor, cmd).await.map(AgendaProposal).gql()
    }

    /// Accepts a proposal: it becomes the last agenda item (secretariat or admin).
    async fn accept_proposal(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32,
    ) -> Res<AgendaProposal> {
        let (db, actor, id) = target(ctx, "proposal", &id)?;
        meetings::decide_proposal(db, actor, id, expected_version, true, None)
            .await
            .map(AgendaProposal)
            .gql()
    }

    /// Declines a proposal with a reason the proposer sees.
    async fn decline_proposal(
        &self, ctx: &Context<'_>, id: ID, expected_version: i32, reason: String,
    ) -> Res<AgendaProposal> {
        let (db, actor, id) = target(ctx, "proposal", &id)?;
        meetings::decide_proposal(db, actor, id, expected_version, false, Some(&reason))
            .await
            .map(AgendaProposal)
            .gql()
    }
}
