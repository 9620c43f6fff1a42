//! Files attached to inputs.

use crate::graphql::prelude::*;
use async_graphql::Object;

use super::AttachmentMutation;
use crate::{domain::attachments, error::AppError};

/// A file attached to an input.
pub struct Attachment(pub attachments::AttachmentMeta);

object! {
    #[Object]
    impl Attachment {
        id: ID,
        file_name: &str,
        content_type: &str,
        size_bytes: i32,
        created_at: DateTime<Utc>,

        /// A download path signed for ten minutes (append to the server's address).
        async fn download_path(&self, ctx: &Context<'_>) -> Res<String> {
            let server = ctx.server().gql()?;
            attachments::download_path(&server.auth.tokens, self.0.id).gql()
        }
    }
}

// Attaching files to inputs.
#[Object]
impl AttachmentMutation {
    /// Attaches a file (PDF, PNG, JPEG or text, at most 512 KiB, base64-encoded) to an
    /// input of your organisation's, or as the secretariat.
    async fn add_input_attachment(
        &self, ctx: &Context<'_>, input_id: ID, file_name: String, content_type: String,
        content_base64: String,
    ) -> Res<Attachment> {
        use base64::Engine as _;
        let (db, actor, input) = target(ctx, "input", &input_id)?;
        if content_base64.len() > attachments::MAX_BYTES * 4 / 3 + 8 {
            return Err(AppError::bad_input("content", "the file is too large")).gql();
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(content_base64.trim())
            .map_err(|_| AppError::bad_input("content", "not base64"))
            .gql()?;
        attachments::add(db, actor, input, &file_name, &content_type, bytes)
            .await
            .map(Attachment)
            .gql()
    }
}
