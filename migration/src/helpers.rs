//! Builders shared by the migrations. A change here changes every migration that uses
//! it, so these are append-only like the migrations themselves.

use sea_orm_migration::prelude::*;

/// A foreign key `table.col → to.id`.
pub(crate) fn fk(
    table: &str,
    col: &str,
    to: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Alias::new(table), Alias::new(col))
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}

/// An index `name` on `table (cols…)`.
pub(crate) fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(Alias::new(table));
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    stmt.to_owned()
}

/// An identifier.
pub(crate) fn c(name: &str) -> Alias {
    Alias::new(name)
}
