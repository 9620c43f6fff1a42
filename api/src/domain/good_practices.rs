//! Good practices (goda exempel) shared between councils.

use crate::domain::prelude::*;
use crate::domain::situation::{MAX_TEXT, acting_org, reader};
use crate::domain::types::{parse_name, parse_optional_text};
use entity::{good_practice, membership};
use sea_orm::sea_query::Func;

/// A good practice to share with a network.
#[derive(Debug, Clone)]
pub struct NewPractice {
    pub council_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub title: String,
    pub problem: String,
    pub what_was_done: String,
    pub result: String,
    pub contact: String,
    pub tags: Vec<String>,
}

/// Shares a good practice with a council or network the organisation is part of.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn share_practice(
    db: &DatabaseConnection, actor: &Actor, cmd: NewPractice,
) -> AppResult<good_practice::Model> {
    let org = acting_org(actor, cmd.organisation_id)?;
    let partner = membership::Entity::find()
        .filter(membership::Column::CouncilId.eq(cmd.council_id))
        .filter(membership::Column::OrganisationId.eq(org))
        .filter(membership::Column::LeftOn.is_null())
        .count(db)
        .await?;
    if partner == 0 {
        return Err(AppError::NotFound("council"));
    }
    let mut tags: Vec<String> =
        cmd.tags.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    if tags.len() > 20 || tags.iter().any(|t| t.chars().count() > 40 || t.contains('"')) {
        return Err(AppError::bad_input("tags", "at most 20 tags of at most 40 characters"));
    }
    Ok(
        good_practice::ActiveModel {
            id: Set(Uuid::now_v7()),
            council_id: Set(cmd.council_id),
            organisation_id: Set(org),
            title: Set(parse_name("title", &cmd.title, 200)?),
            problem: Set(
                parse_optional_text("problem", Some(&cmd.problem), MAX_TEXT)?.unwrap_or_default()
            ),
            what_was_done: Set(parse_optional_text(
                "whatWasDone",
                Some(&cmd.what_was_done),
                MAX_TEXT,
            )?
            .unwrap_or_default()),
            result: Set(
                parse_optional_text("result", Some(&cmd.result), MAX_TEXT)?.unwrap_or_default()
            ),
            contact: Set(
                parse_optional_text("contact", Some(&cmd.contact), 300)?.unwrap_or_default()
            ),
            tags: Set(json!(tags).to_string()),
            created_by: Set(actor.user_id),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await?,
    )
}

/// Good practices in the reader's councils and networks, newest first, by tag and text.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn practices(
    db: &DatabaseConnection, actor: &Actor, page: &PageRequest, tag: Option<&str>,
    text: Option<&str>,
) -> AppResult<Page<good_practice::Model>> {
    use sea_orm::sea_query::ExprTrait as _;
    let r = reader(db, actor).await?;
    let mut query = good_practice::Entity::find()
        .filter(good_practice::Column::CouncilId.is_in(r.partner_councils.clone()));
    if let Some(after) = &page.after {
        query = query.filter(good_practice::Column::Id.lt(after.id));
    }
    let escape =
        |s: &str| s.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    if let Some(tag) = tag.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%\"{}\"%", escape(tag));
        query = query.filter(
            Expr::col(good_practice::Column::Tags)
                .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
        );
    }
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        if text.chars().count() > 100 {
            return Err(AppError::bad_input("search", "search for at most 100 characters"));
        }
        let pattern = format!("%{}%", escape(text));
        let like = |col: good_practice::Column| {
            Expr::expr(Func::lower(Expr::col((good_practice::Entity, col))))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(good_practice::Column::Title))
                .add(like(good_practice::Column::Problem))
                .add(like(good_practice::Column::WhatWasDone))
                .add(like(good_practice::Column::Result)),
        );
    }
    let rows = query.order_by_desc(good_practice::Column::Id).limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(page, rows, |p| Cursor { key: String::new(), id: p.id }))
}
