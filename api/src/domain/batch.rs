//! Batch reads behind the GraphQL DataLoaders: the rows whose `column` is one of `keys`.
//!
//! Loaders fetch raw rows and know nothing of access; they are reached only from objects
//! the policy already let through.

use crate::domain::prelude::*;

use crate::domain::access::Checked;

/// Rows of `E` whose `column` is in `keys`, ordered by `order`; no statement for no keys.
#[tracing::instrument(skip_all)]
pub async fn rows_in<E>(
    db: &impl ConnectionTrait, column: E::Column, keys: &[Uuid], order: &[E::Column],
) -> AppResult<Vec<E::Model>>
where
    E: EntityTrait,
{
    if keys.is_empty() {
        return Ok(vec![]);
    }
    let mut query = E::find().filter(column.is_in(keys.iter().copied()));
    for col in order {
        query = query.order_by_asc(*col);
    }
    Ok(query.all(db).await?)
}

/// Rows of `E` whose `column` is one of the checked objects: what a proof allows to load.
pub async fn rows_for<E, Tag>(
    db: &impl ConnectionTrait, column: E::Column, proofs: &[Checked<Tag>], order: &[E::Column],
) -> AppResult<Vec<E::Model>>
where
    E: EntityTrait,
{
    rows_in::<E>(db, column, &Checked::ids(proofs), order).await
}

/// Declares loaders of a detail table for parents that passed a check: each
/// `pub fn name(Tag) -> table by ParentColumn order A, B;` becomes
/// `async fn name(db, &[Checked<Tag>]) -> AppResult<Vec<table::Model>>`, so the rows can
/// only be reached with the proof the check produced.
macro_rules! rows_of {
    ($($(#[$doc:meta])* $vis:vis fn $name:ident($tag:ty) -> $table:ident by $parent:ident
        $(order $($order:ident),+)?;)*) => {$(
        $(#[$doc])*
        #[tracing::instrument(skip_all)]
        $vis async fn $name(
            db: &sea_orm::DatabaseConnection, parents: &[$crate::domain::access::Checked<$tag>],
        ) -> $crate::error::AppResult<Vec<$table::Model>> {
            $crate::domain::batch::rows_for::<$table::Entity, _>(
                db, $table::Column::$parent, parents, &[$($($table::Column::$order),+)?],
            )
            .await
        }
    )*};
}
pub(crate) use rows_of;
