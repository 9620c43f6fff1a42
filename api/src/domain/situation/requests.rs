//! Requests for a picture or information between partners.

use super::*;
use crate::domain::prelude::*;
use sea_orm::ActiveEnum as _;

use chrono::NaiveDate;
use entity::info_request;

use crate::domain::{
    pagination::keyset_after,
    time,
    types::{RequestStatus, parse_name, parse_optional_text},
};

/// An organisation asks another for a picture or information.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, to = %to))]
pub async fn create_request(
    db: &DatabaseConnection, actor: &Actor, from: Option<Uuid>, to: Uuid, topic: &str,
    details: Option<&str>, due_on: NaiveDate,
) -> AppResult<info_request::Model> {
    let from = acting_org(actor, from)?;
    let topic = parse_name("topic", topic, 200)?;
    let details = parse_optional_text("details", details, MAX_TEXT)?.unwrap_or_default();
    if to == from {
        return Err(AppError::bad_input(
            "toOrganisationId",
            "ask another organisation than your own",
        ));
    }
    // Requests go between partners; anyone else answers as an unknown id.
    if !partners_among(db, from, &[to]).await?.contains(&to) {
        return Err(AppError::NotFound("organisation"));
    }
    if due_on < time::today() {
        return Err(AppError::bad_input("dueOn", "the due date has passed"));
    }
    Ok(info_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        from_organisation_id: Set(from),
        to_organisation_id: Set(to),
        topic: Set(topic),
        details: Set(details),
        due_on: Set(due_on),
        status: Set(RequestStatus::Open),
        answer_picture_id: Set(None),
        answer_text: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
        answered_at: Set(None),
    }
    .insert(db)
    .await?)
}

/// Requests to or from the actor's organisations, by due date, a page at a time.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn requests(
    db: &DatabaseConnection, actor: &Actor, status: Option<RequestStatus>, page: &PageRequest,
) -> AppResult<Page<info_request::Model>> {
    let after = page.after_typed(|k| NaiveDate::parse_from_str(k, "%Y-%m-%d").ok())?;
    if actor.organisation_ids.is_empty() {
        return Ok(Page {
            items: vec![],
            has_next_page: false,
            has_previous_page: page.after.is_some(),
        });
    }
    let mut query = info_request::Entity::find()
        .filter(
            Condition::any()
                .add(info_request::Column::FromOrganisationId.is_in(actor.organisation_ids.clone()))
                .add(info_request::Column::ToOrganisationId.is_in(actor.organisation_ids.clone())),
        )
        .filter(keyset_after(info_request::Column::DueOn, info_request::Column::Id, after));
    if let Some(status) = status {
        query = query.filter(info_request::Column::Status.eq(status.to_value()));
    }
    let rows = page.rows(db, query, info_request::Column::DueOn, info_request::Column::Id).await?;
    Ok(Page::from_rows(page, rows, |r| Cursor {
        key: r.due_on.format("%Y-%m-%d").to_string(),
        id: r.id,
    }))
}

/// The asked organisation answers, with a picture it may read and/or a text.
#[tracing::instrument(skip_all, fields(user = %actor.user_id, id = %id))]
pub async fn answer_request(
    db: &DatabaseConnection, actor: &Actor, id: Uuid, picture_id: Option<Uuid>, text: Option<&str>,
) -> AppResult<info_request::Model> {
    let request = info_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| {
            actor.organisation_ids.contains(&r.from_organisation_id)
                || actor.organisation_ids.contains(&r.to_organisation_id)
        })
        .ok_or(AppError::NotFound("request"))?;
    if !actor.organisation_ids.contains(&request.to_organisation_id) {
        return Err(AppError::NotFound("request"));
    }
    if request.status != RequestStatus::Open {
        return Err(AppError::conflict("id", "the request is no longer open"));
    }
    let text = parse_optional_text("text", text, MAX_TEXT)?;
    if picture_id.is_none() && text.is_none() {
        return Err(AppError::bad_input("text", "answer with a picture or a text"));
    }
    if let Some(p) = picture_id {
        get(db, actor, p, "request_answer")
            .await
            .map_err(|_| AppError::bad_input("pictureId", "unknown situation picture"))?;
    }
    let mut active: info_request::ActiveModel = request.into();
    active.status = Set(RequestStatus::Answered);
    active.answer_picture_id = Set(picture_id);
    active.answer_text = Set(text);
    active.answered_at = Set(Some(Utc::now()));
    Ok(active.update(db).await?)
}

/// The answer picture of a request, if the reader may read it (otherwise nothing).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn request_picture(
    db: &DatabaseConnection, actor: &Actor, request: &info_request::Model,
) -> AppResult<Option<PictureView>> {
    match request.answer_picture_id {
        None => Ok(None),
        Some(p) => match get(db, actor, p, "request").await {
            Ok(picture) => Ok(Some(picture)),
            Err(AppError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        },
    }
}

// ---------------------------------------------------------------------------------
