//! Optimistic concurrency: a change names the version it was based on, and claims the row
//! only if nobody changed it since.

use crate::domain::prelude::*;
use sea_orm::{UpdateMany, sea_query::ExprTrait};

/// Applies `update` to row `id` only while its `version` column is still `expected`, and
/// bumps the version; CONFLICT on `expectedVersion` with `changed` otherwise.
pub async fn claim<E: EntityTrait>(
    db: &impl ConnectionTrait, update: UpdateMany<E>,
    (id_col, version_col): (E::Column, E::Column), id: Uuid, expected: i32, changed: &'static str,
) -> AppResult<()> {
    let claimed = update
        .col_expr(version_col, Expr::col(version_col).add(1))
        .filter(id_col.eq(id))
        .filter(version_col.eq(expected))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::conflict("expectedVersion", changed));
    }
    Ok(())
}
