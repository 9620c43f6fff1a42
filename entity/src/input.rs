//! The `input` table.

use sea_orm::entity::prelude::*;

use crate::enums::{GatheredBy, InputStatus};

/// One row of `input`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "input")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub council_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub agenda_item_id: Option<Uuid>,
    pub theme_id: Option<Uuid>,
    /// The organisation that gives the input.
    pub organisation_id: Uuid,
    pub author_user_id: Option<Uuid>,
    /// A name given through an invitation (optional).
    pub author_name: Option<String>,
    pub invitation_id: Option<Uuid>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// JSON array of target-group codes.
    #[sea_orm(column_type = "Text")]
    pub target_groups: String,
    pub district: Option<String>,
    pub gathered_by: GatheredBy,
    /// `draft`, `submitted`, `acknowledged`, `on_agenda`, `discussed`, `answered`,
    /// `declined` or `withdrawn`.
    pub status: InputStatus,
    /// Shown to other members without author or organisation.
    pub anonymous: bool,
    /// The secretariat accepted a submission after the deadline.
    pub late_allowed: bool,
    /// Set when the secretariat hides the input from other members.
    #[sea_orm(column_type = "Text", nullable)]
    pub hidden_reason: Option<String>,
    /// What other members see instead of the body, when redacted.
    #[sea_orm(column_type = "Text", nullable)]
    pub redacted_body: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decline_reason: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    /// SHA-256 of the receipt secret given to a submitter without an account.
    pub receipt_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Relations are resolved by the API's loaders, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
