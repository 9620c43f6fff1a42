//! The regional view: each member's latest picture, side by side.

use super::*;
use crate::domain::prelude::*;
use crate::domain::types::{
    Classification, CouncilKind, MembershipRole, PictureStatus, PlaceCategory, Trend,
};
use entity::{membership, picture_share};
use sea_orm::ActiveEnum as _;
use sea_orm::sea_query::{Func, Query};
use std::collections::{BTreeMap, HashMap};

/// Per category, how many places are rising, stable and falling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTrends {
    pub category: PlaceCategory,
    pub rising: u32,
    pub stable: u32,
    pub falling: u32,
}

/// One member's column in the regional view.
#[derive(Debug, Clone)]
pub struct RegionalColumn {
    pub organisation_id: Uuid,
    /// The member's latest published picture shared with the network itself (open, or
    /// council-classified with the network named): the same for every partner.
    pub picture: Option<PictureView>,
    /// A newer picture of the member that this reader may read but the network is not
    /// shown (restricted to the reader, or shared elsewhere): offered apart, marked.
    pub also_for_you: Option<PictureView>,
    /// Categories and trends of the shared picture.
    pub categories: Vec<CategoryTrends>,
}

/// The network's members side by side, as shown on the shared screen of a network
/// meeting: per member the latest picture shared with the network, the same for every
/// partner (a reader who may not read council pictures, such as an advisory body, sees
/// only the open ones), plus, apart, anything newer only this reader may read. A bounded
/// number of statements whatever the number of members and pictures.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, council_id = %council_id))]
pub async fn regional_view(
    db: &DatabaseConnection, actor: &Actor, council_id: Uuid,
) -> AppResult<Vec<RegionalColumn>> {
    // Every partner organisation of the network may look, seat or not.
    let r = reader(db, actor).await?;
    if !r.partner_councils.contains(&council_id) {
        return Err(AppError::NotFound("council"));
    }
    let network = crate::domain::councils::row(db, council_id).await?;
    if network.kind != CouncilKind::RegionalNetwork {
        return Err(AppError::bad_input("councilId", "the regional view is for regional networks"));
    }
    let members: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(council_id))
        .filter(membership::Column::LeftOn.is_null())
        .filter(membership::Column::Role.ne(MembershipRole::Advisory))
        .order_by_asc(membership::Column::JoinedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    let shared_with_network = Condition::all()
        .add(readable(&r))
        .add(
            situation_picture::Column::Classification
                .is_in([Classification::Open.to_value(), Classification::Council.to_value()]),
        )
        .add(situation_picture::Column::Id.in_subquery(shares_where(
            Condition::all().add(picture_share::Column::CouncilId.eq(council_id)),
        )));
    let shared = latest_per_member(db, &members, shared_with_network).await?;
    let readable_latest = latest_per_member(db, &members, readable(&r)).await?;
    let mut columns: Vec<RegionalColumn> = members
        .iter()
        .map(|org| {
            let picture = shared.get(org);
            let also_for_you = readable_latest
                .get(org)
                .filter(|p| {
                    picture.is_none_or(|s| s.id != p.id && p.published_at >= s.published_at)
                })
                .cloned()
                .map(PictureView::new);
            let picture = picture.cloned().map(PictureView::new);
            RegionalColumn { organisation_id: *org, picture, also_for_you, categories: vec![] }
        })
        .collect();
    let shown: Vec<&situation_picture::Model> = columns
        .iter()
        .flat_map(|c| c.picture.iter().chain(c.also_for_you.iter()))
        .map(PictureView::model)
        .collect();
    log_reads(db, &r, &shown, "regional_view").await?;
    let shared_ids: Vec<Checked<PictureRead>> =
        columns.iter().filter_map(|c| c.picture.as_ref().map(PictureView::read)).collect();
    let entries = entries_of(db, &shared_ids).await?;
    for column in &mut columns {
        let Some(p) = &column.picture else { continue };
        let mut by_category: BTreeMap<String, CategoryTrends> = BTreeMap::new();
        for e in entries.iter().filter(|e| e.picture_id == p.model().id) {
            let c = by_category.entry(e.category.to_value()).or_insert_with(|| CategoryTrends {
                category: e.category,
                rising: 0,
                stable: 0,
                falling: 0,
            });
            match e.trend {
                Trend::Rising => c.rising += 1,
                Trend::Stable => c.stable += 1,
                Trend::Falling => c.falling += 1,
            }
        }
        column.categories = by_category.into_values().collect();
    }
    Ok(columns)
}

/// Each member's latest published picture that meets `condition`, found in the
/// database: a member whose latest picture is older than many of the others' still has
/// its column. Two statements whatever the number of members.
async fn latest_per_member(
    db: &DatabaseConnection, members: &[Uuid], condition: Condition,
) -> AppResult<HashMap<Uuid, situation_picture::Model>> {
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    use situation_picture::Column as P;
    let latest = Query::select()
        .column(P::AuthorOrganisationId)
        .expr(Func::max(Expr::col(P::PublishedAt)))
        .from(situation_picture::Entity)
        .cond_where(condition.clone())
        .and_where(P::Status.eq(PictureStatus::Published))
        .and_where(P::AuthorOrganisationId.is_in(members.to_vec()))
        .group_by_col(P::AuthorOrganisationId)
        .to_owned();
    let pictures = situation_picture::Entity::find()
        .filter(condition)
        .filter(P::Status.eq(PictureStatus::Published))
        .filter(sea_orm::sea_query::ExprTrait::in_subquery(
            Expr::tuple([Expr::col(P::AuthorOrganisationId), Expr::col(P::PublishedAt)]),
            latest,
        ))
        .order_by_desc(P::PublishedAt)
        .order_by_desc(P::Id)
        .limit(members.len() as u64 * 4)
        .all(db)
        .await?;
    let mut latest: HashMap<Uuid, situation_picture::Model> = HashMap::new();
    for p in pictures {
        latest.entry(p.author_organisation_id).or_insert(p);
    }
    Ok(latest)
}

// ---------------------------------------------------------------------------------
