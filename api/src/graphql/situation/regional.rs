//! The regional view.

use super::*;
use crate::graphql::prelude::*;
use crate::graphql::{RegionalQuery, organisations::Organisation};
use async_graphql::Object;

use crate::domain::situation::{self, CategoryTrends, RegionalColumn};

/// A category's places by trend.
pub struct CategoryTrend(pub CategoryTrends);

object! {
    #[Object]
    impl CategoryTrend {
        category as PlaceCategory,
        rising: u32,
        stable: u32,
        falling: u32,
    }
}

/// One member of a regional network, side by side with the others.
pub struct RegionalMember(pub RegionalColumn);

#[Object]
impl RegionalMember {
    async fn organisation(&self, ctx: &Context<'_>) -> Res<Option<Organisation>> {
        Organisation::of(ctx, self.0.organisation_id).await
    }

    /// The member's latest published picture shared with the network (open, or council
    /// with the network named): what every partner sees in this column. Its
    /// `classification` says which.
    async fn picture(&self) -> Option<SituationPicture> {
        self.0.picture.clone().map(SituationPicture)
    }

    /// A newer picture of the member that you may read but the network is not shown
    /// (for instance restricted to your organisation). Show it apart from the shared
    /// view, marked as yours alone; never on a shared screen.
    async fn also_for_you(&self) -> Option<SituationPicture> {
        self.0.also_for_you.clone().map(SituationPicture)
    }

    /// Categories and trends of the shared picture.
    async fn categories(&self) -> Vec<CategoryTrend> {
        self.0.categories.iter().cloned().map(CategoryTrend).collect()
    }
}

// The regional view of a network.
#[Object]
impl RegionalQuery {
    /// A regional network's members side by side, as on the shared screen of a network
    /// meeting: each one's latest picture shared with the network, by category and
    /// trend, the same for every partner; newer pictures only you may read come apart.
    async fn regional_view(&self, ctx: &Context<'_>, council_id: ID) -> Res<Vec<RegionalMember>> {
        let (db, actor, council_id) = target(ctx, "council", &council_id)?;
        let columns = situation::regional_view(db, actor, council_id).await.gql()?;
        Ok(columns.into_iter().map(RegionalMember).collect())
    }
}
