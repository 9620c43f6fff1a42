//! Who a reader is, and the one predicate that decides which pictures they read.

use crate::domain::prelude::*;
use std::collections::HashSet;

use entity::{membership, organisation, picture_access_log, picture_share, situation_picture};
use sea_orm::sea_query::{Query, SelectStatement};

use crate::domain::{
    policy::{self},
    types::{Classification, MembershipRole, OrganisationKind, PictureStatus},
};

/// What a reader is, for reading pictures: built once per call from the database.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub user_id: Uuid,
    /// Organisations the user acts for.
    pub orgs: Vec<Uuid>,
    /// The same, without advisory bodies (they never read restricted pictures).
    pub restricted_orgs: Vec<Uuid>,
    /// Councils where one of the user's organisations is a partner of any kind, or where
    /// the user holds a seat.
    pub partner_councils: Vec<Uuid>,
    /// Councils where one of the user's organisations is a member (not advisory), or
    /// where the user holds a member-level seat.
    pub member_councils: Vec<Uuid>,
}

pub(super) fn is_advisory_kind(kind: OrganisationKind) -> bool {
    matches!(
        kind,
        OrganisationKind::YouthCouncil
            | OrganisationKind::AdvisoryCouncil
            | OrganisationKind::StudentForum
    )
}

/// The reader context of an actor (two statements).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn reader(db: &impl ConnectionTrait, actor: &Actor) -> AppResult<Reader> {
    let orgs = actor.organisation_ids.clone();
    let (restricted_orgs, memberships) = if orgs.is_empty() {
        (vec![], vec![])
    } else {
        let kinds = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(orgs.clone()))
            .all(db)
            .await?;
        let memberships = membership::Entity::find()
            .filter(membership::Column::OrganisationId.is_in(orgs.clone()))
            .filter(membership::Column::LeftOn.is_null())
            .all(db)
            .await?;
        let restricted =
            kinds.into_iter().filter(|o| !is_advisory_kind(o.kind)).map(|o| o.id).collect();
        (restricted, memberships)
    };
    let mut partner: HashSet<Uuid> = memberships.iter().map(|m| m.council_id).collect();
    let mut member: HashSet<Uuid> = memberships
        .iter()
        .filter(|m| m.role != MembershipRole::Advisory)
        .map(|m| m.council_id)
        .collect();
    for seat in &actor.seats {
        if policy::council_access(actor, seat.council_id).is_some() {
            partner.insert(seat.council_id);
        }
        if policy::has_member_seat(actor, seat.council_id) {
            member.insert(seat.council_id);
        }
    }
    Ok(Reader {
        user_id: actor.user_id,
        orgs,
        restricted_orgs,
        partner_councils: partner.into_iter().collect(),
        member_councils: member.into_iter().collect(),
    })
}

pub(super) fn shares_where(cond: Condition) -> SelectStatement {
    Query::select()
        .column(picture_share::Column::PictureId)
        .from(picture_share::Entity)
        .cond_where(cond)
        .to_owned()
}

/// The one readability predicate for `situation_picture` rows.
pub fn readable(r: &Reader) -> Condition {
    use situation_picture::Column as P;
    let open = Condition::all().add(P::Classification.eq(Classification::Open)).add(
        P::Id.in_subquery(shares_where(
            Condition::any()
                .add(picture_share::Column::CouncilId.is_in(r.partner_councils.clone()))
                .add(picture_share::Column::OrganisationId.is_in(r.orgs.clone())),
        )),
    );
    let council = Condition::all().add(P::Classification.eq(Classification::Council)).add(
        P::Id.in_subquery(shares_where(
            Condition::all().add(picture_share::Column::CouncilId.is_in(r.member_councils.clone())),
        )),
    );
    let restricted = Condition::all().add(P::Classification.eq(Classification::Restricted)).add(
        P::Id.in_subquery(shares_where(
            Condition::all()
                .add(picture_share::Column::OrganisationId.is_in(r.restricted_orgs.clone())),
        )),
    );
    Condition::any().add(P::AuthorOrganisationId.is_in(r.orgs.clone())).add(
        Condition::all()
            .add(P::Status.ne(PictureStatus::Draft))
            .add(Condition::any().add(open).add(council).add(restricted)),
    )
}

pub(super) fn readable_pictures(r: &Reader) -> SelectStatement {
    Query::select()
        .column(situation_picture::Column::Id)
        .from(situation_picture::Entity)
        .cond_where(readable(r))
        .to_owned()
}

/// Writes one access-log row per restricted picture read (one statement).
pub(super) async fn log_reads(
    db: &impl ConnectionTrait, r: &Reader, pictures: &[&situation_picture::Model], what: &str,
) -> AppResult<()> {
    let rows: Vec<picture_access_log::ActiveModel> = pictures
        .iter()
        .filter(|p| p.classification == Classification::Restricted)
        .map(|p| picture_access_log::ActiveModel {
            id: Set(Uuid::now_v7()),
            picture_id: Set(p.id),
            user_id: Set(r.user_id),
            organisation_id: Set(r
                .orgs
                .iter()
                .find(|o| **o == p.author_organisation_id)
                .or(r.orgs.first())
                .copied()),
            at: Set(Utc::now()),
            what: Set(what.to_owned()),
        })
        .collect();
    if !rows.is_empty() {
        picture_access_log::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
