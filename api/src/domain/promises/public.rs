//! A published promise as citizens see it: the pledges, the activities not marked
//! internal with their scopes, the compliance figures and the narratives not marked
//! internal. Never occasion notes, people's names, place names or anything of a
//! restricted picture.

use crate::domain::prelude::*;
use chrono::NaiveDate;
use entity::{promise, promise_narrative};
use std::collections::HashMap;

use super::{
    occasions,
    plan::{Plan, load_plan},
    standing::{Audience, PromiseStanding, standing},
};
use crate::domain::{time, types::PromiseStatus};

/// What the public page shows.
#[derive(Debug, Clone)]
pub struct PublicPromise {
    pub promise: promise::Model,
    pub plan: Plan,
    pub standing: PromiseStanding,
    pub narratives: Vec<promise_narrative::Model>,
    /// The names of the organisations it names (municipality, responsible, signing,
    /// narrating).
    pub names: HashMap<Uuid, String>,
}

fn published(p: &promise::Model) -> bool {
    p.published_at.is_some() && p.status != PromiseStatus::Draft
}

/// A published promise for anyone, signed in or not; NOT_FOUND otherwise.
#[tracing::instrument(skip_all, fields(promise_id = %id))]
pub async fn public(db: &DatabaseConnection, id: Uuid) -> AppResult<PublicPromise> {
    public_on(db, id, time::today()).await
}

/// [`public`] as of a given day.
pub async fn public_on(
    db: &DatabaseConnection, id: Uuid, today: NaiveDate,
) -> AppResult<PublicPromise> {
    let promise = promise::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(published)
        .ok_or(AppError::NotFound("promise"))?;
    let mut plan = load_plan(db, id).await?;
    let internal: Vec<Uuid> = plan.activities.iter().filter(|a| a.internal).map(|a| a.id).collect();
    plan.activities.retain(|a| !a.internal);
    plan.scopes.retain(|s| !internal.contains(&s.activity_id));
    plan.responsible.retain(|r| !internal.contains(&r.activity_id));
    // Who signed is said by title and organisation, not by name.
    for s in &mut plan.signatories {
        s.name.clear();
    }
    let standing = standing(db, &promise, &plan, Audience::Public, today).await?;
    let narratives: Vec<promise_narrative::Model> = occasions::narratives(db, id)
        .await?
        .into_iter()
        .filter(|n| !n.internal && !internal.contains(&n.activity_id))
        .collect();
    let mut ids: Vec<Uuid> = plan.responsible.iter().map(|r| r.organisation_id).collect();
    ids.extend(plan.signatories.iter().map(|s| s.organisation_id));
    ids.extend(narratives.iter().map(|n| n.organisation_id));
    ids.push(promise.municipality_id);
    ids.sort_unstable();
    ids.dedup();
    let names = crate::domain::organisations::by_ids(db, &ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(PublicPromise { promise, plan, standing, narratives, names })
}

/// The published promises, newest first, for anyone.
#[tracing::instrument(skip_all)]
pub async fn published_promises(
    db: &DatabaseConnection, page: &PageRequest,
) -> AppResult<Page<promise::Model>> {
    let mut query = promise::Entity::find()
        .filter(promise::Column::PublishedAt.is_not_null())
        .filter(promise::Column::Status.ne(PromiseStatus::Draft));
    if let Some(after) = &page.after {
        query = query.filter(promise::Column::Id.lt(after.id));
    }
    let rows = query.order_by_desc(promise::Column::Id).limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(page, rows, |p| Cursor { key: String::new(), id: p.id }))
}
