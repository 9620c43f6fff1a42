//! Files attached to inputs: PDF, PNG, JPEG or plain text, at most 512 KiB each and five
//! per input, with the content checked against the declared type.
//!
//! Attachments are for the secretariat and the submitting organisation only (a file may
//! identify its author even when the input is anonymous). They are never served at a
//! guessable URL: a reader who may see them gets a download link signed for ten minutes.

use crate::domain::access::{Checked, InputRecord};
use crate::domain::prelude::*;
use chrono::DateTime;
use entity::input_attachment;
use sea_orm::FromQueryResult;
use sha2::{Digest, Sha256};

use crate::{
    auth::tokens::TokenKeys,
    domain::{inputs, types::InputStatus},
};

/// Largest file accepted.
pub const MAX_BYTES: usize = 512 * 1024;
/// Most files per input.
pub const MAX_PER_INPUT: u64 = 5;
/// How long a download link works.
pub const LINK_MINUTES: i64 = 10;

/// An attachment without its content.
#[derive(Debug, Clone, FromQueryResult)]
pub struct AttachmentMeta {
    pub id: Uuid,
    pub input_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub created_at: DateTime<Utc>,
}

/// Whether `bytes` really are of `content_type` (only the accepted types).
fn content_matches(content_type: &str, bytes: &[u8]) -> bool {
    match content_type {
        "application/pdf" => bytes.starts_with(b"%PDF-"),
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "text/plain" => std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')),
        _ => false,
    }
}

/// A file name without paths or control characters.
fn clean_name(name: &str) -> AppResult<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(AppError::bad_input("fileName", "give the file a name"));
    }
    Ok(cleaned)
}

/// Attaches a file to an input (the submitting organisation or the secretariat).
#[tracing::instrument(skip_all, fields(user = %actor.user_id, input_id = %input_id))]
pub async fn add(
    db: &DatabaseConnection, actor: &Actor, input_id: Uuid, file_name: &str, content_type: &str,
    bytes: Vec<u8>,
) -> AppResult<AttachmentMeta> {
    let input = inputs::get(db, actor, input_id).await?;
    if input.record().is_none() {
        return Err(AppError::NotFound("input"));
    }
    if input.status() == InputStatus::Withdrawn {
        return Err(AppError::conflict("inputId", "the input was withdrawn"));
    }
    let file_name = clean_name(file_name)?;
    let content_type = content_type.trim().to_ascii_lowercase();
    if bytes.is_empty() || bytes.len() > MAX_BYTES {
        return Err(AppError::bad_input(
            "content",
            format!("a file is 1 byte to {} KiB", MAX_BYTES / 1024),
        ));
    }
    if !content_matches(&content_type, &bytes) {
        return Err(AppError::bad_input(
            "contentType",
            "accepted are PDF, PNG, JPEG and plain text, and the file must be what its type says",
        ));
    }
    let existing = input_attachment::Entity::find()
        .filter(input_attachment::Column::InputId.eq(input_id))
        .count(db)
        .await?;
    if existing >= MAX_PER_INPUT {
        return Err(AppError::conflict(
            "inputId",
            format!("an input has at most {MAX_PER_INPUT} attachments"),
        ));
    }
    let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let size = i32::try_from(bytes.len()).map_err(|e| AppError::Internal(e.into()))?;
    let model = input_attachment::ActiveModel {
        id: Set(Uuid::now_v7()),
        input_id: Set(input_id),
        file_name: Set(file_name),
        content_type: Set(content_type),
        size_bytes: Set(size),
        sha256: Set(sha256),
        content: Set(bytes),
        uploaded_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(AttachmentMeta {
        id: model.id,
        input_id: model.input_id,
        file_name: model.file_name,
        content_type: model.content_type,
        size_bytes: model.size_bytes,
        created_at: model.created_at,
    })
}

/// Attachments of inputs without their content, for batch loading behind a checked input.
#[tracing::instrument(skip_all)]
pub async fn of_inputs(
    db: &DatabaseConnection, inputs: &[Checked<InputRecord>],
) -> AppResult<Vec<AttachmentMeta>> {
    let input_ids: &[Uuid] = &Checked::ids(inputs);
    if input_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(input_attachment::Entity::find()
        .select_only()
        .columns([
            input_attachment::Column::Id,
            input_attachment::Column::InputId,
            input_attachment::Column::FileName,
            input_attachment::Column::ContentType,
            input_attachment::Column::SizeBytes,
            input_attachment::Column::CreatedAt,
        ])
        .filter(input_attachment::Column::InputId.is_in(input_ids.iter().copied()))
        .order_by_asc(input_attachment::Column::Id)
        .into_model::<AttachmentMeta>()
        .all(db)
        .await?)
}

/// A signed download path for an attachment the reader may see.
pub fn download_path(keys: &TokenKeys, attachment_id: Uuid) -> AppResult<String> {
    let token = keys.issue_download(attachment_id, chrono::Duration::minutes(LINK_MINUTES))?;
    Ok(format!("/attachments/{attachment_id}?token={token}"))
}

/// The attachment behind a download link, or `None` (→ 404) for a wrong, expired or
/// foreign token.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn fetch(
    db: &DatabaseConnection, keys: &TokenKeys, id: Uuid, token: &str,
) -> AppResult<Option<input_attachment::Model>> {
    if keys.verify_download(token) != Some(id) {
        return Ok(None);
    }
    Ok(input_attachment::Entity::find_by_id(id).one(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_must_match_its_type() {
        assert!(content_matches("application/pdf", b"%PDF-1.7\n"));
        assert!(!content_matches("image/png", b"%PDF-1.7\n"));
        assert!(!content_matches("application/x-msdownload", b"MZ\x90"));
        assert!(!content_matches("text/plain", b"a\0b"));
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(clean_name("../../etc/passwd").ok(), Some("passwd".into()));
        assert_eq!(
            clean_name("C:\\Users\\x\\Trygghetsvandring Sätra.pdf").ok(),
            Some("Trygghetsvandring Sätra.pdf".into())
        );
        assert!(clean_name("..").is_err());
    }
}
