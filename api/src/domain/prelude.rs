//! What nearly every service module uses: the database traits, the caller, errors, pages
//! and the few helpers written on every other line. A service module starts with
//! `use crate::domain::prelude::*;` and imports anything else by name.

pub use chrono::Utc;
pub use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
pub use serde_json::json;
pub use uuid::Uuid;

pub use crate::{
    auth::Actor,
    domain::pagination::{Cursor, Page, PageRequest},
    error::{AppError, AppResult},
};
