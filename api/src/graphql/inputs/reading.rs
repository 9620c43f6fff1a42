//! Reading inputs: single, the caller's own, and the secretariat's triage counts.

use super::*;
use crate::graphql::InputQuery;
use crate::{
    domain::access::{Checked, MeetingDetails},
    domain::inputs::{self, Triage},
};
use async_graphql::{Object, SimpleObject, connection::Connection};

/// A count per status.
#[derive(SimpleObject)]
pub struct StatusCount {
    pub status: InputStatus,
    pub count: u64,
}

/// Inputs per agenda item (none: not yet on the agenda).
pub struct AgendaItemCount {
    item: Option<uuid::Uuid>,
    meeting: Checked<MeetingDetails>,
    count: u64,
}

#[Object]
impl AgendaItemCount {
    async fn agenda_item(&self, ctx: &Context<'_>) -> Res<Option<AgendaItem>> {
        let Some(item) = self.item else { return Ok(None) };
        let items = load(ctx, |l| &l.agenda, self.meeting).await?;
        Ok(items.unwrap_or_default().into_iter().find(|i| i.id == item).map(AgendaItem))
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
    async fn theme(&self, ctx: &Context<'_>) -> Res<Option<CouncilTheme>> {
        let Some(theme) = self.theme else { return Ok(None) };
        let themes = load(ctx, |l| &l.themes, self.council).await?;
        Ok(themes.unwrap_or_default().into_iter().find(|t| t.id == theme).map(CouncilTheme))
    }

    async fn count(&self) -> u64 {
        self.count
    }
}

/// A meeting's inputs grouped for triage.
pub struct InputTriage {
    triage: Triage,
    meeting: Checked<MeetingDetails>,
    council: uuid::Uuid,
}

impl InputTriage {
    pub fn new(triage: Triage, meeting: Checked<MeetingDetails>, council: uuid::Uuid) -> Self {
        Self { triage, meeting, council }
    }
}

#[Object]
impl InputTriage {
    async fn by_status(&self) -> Vec<StatusCount> {
        self.triage
            .by_status
            .iter()
            .map(|(s, n)| StatusCount { status: (*s).into(), count: *n })
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

/// A connection of inputs; their organisations, read with them, go to the loader.
pub(crate) async fn input_connection(
    ctx: &Context<'_>, result: inputs::InputPage,
) -> Res<Connection<String, Input>> {
    ctx.loaders()
        .gql()?
        .organisation
        .feed_many(result.organisations.into_iter().map(|o| (o.id, o)))
        .await;
    Ok(connection(result.page, Input))
}

// Reading inputs.
#[Object]
impl InputQuery {
    /// One input; NOT_FOUND unless you may see it.
    async fn input(&self, ctx: &Context<'_>, id: ID) -> Res<Input> {
        by_id(ctx, "input", &id, inputs::get).await.map(Input)
    }

    /// Inputs your organisations gave, newest first.
    #[graphql(complexity = "connection_cost(first, child_complexity)")]
    async fn my_inputs(
        &self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>,
    ) -> Res<Connection<String, Input>> {
        let (db, actor, page) = paging(ctx, first, after.as_deref())?;
        let result = inputs::mine(db, actor, &page).await.gql()?;
        input_connection(ctx, result).await
    }
}
