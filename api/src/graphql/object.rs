//! `object!`: a GraphQL object over a row, where most fields are the row's columns as they
//! are and only the fields that compute, check or load something are written out.
//!
//! rustfmt does not look inside a macro's braces: `tests/fmt-objects.py` lays out the
//! resolvers written inside `object!` with rustfmt, and CI checks it (`--check`).

use async_graphql::ID;
use uuid::Uuid;

/// Declares a GraphQL object over a database row (an `#[Object]` impl inside the macro), in
/// the order the SDL shows its fields:
///
/// - `name: Type,` is a field answering the row's column `name` through [`Column`] (text
///   borrowed, ids as `ID`, small values copied); `name(): Type,` calls the row's method
///   `name` instead, for a view whose columns are private; `name as Type,` converts the
///   column with `Into` (a stored status as its GraphQL enum), `name() as Type,` the
///   method's answer; `name: Option<Type> = key,`
///   is the object that the column `key` points at, through [`Related`](super::Related);
/// - `async fn …` is a resolver written out as in any `#[Object]` impl.
///
/// The row is `self.0` (`impl Seat { … }`), or what follows it in parentheses
/// (`impl Minutes(.model()) { … }` reads `self.0.model()`). Doc comments become the fields'
/// descriptions, as they do on methods. The `#[Object]` attribute is the caller's to write, so
/// that what it generates sees the caller's names (`child_complexity` in a complexity).
macro_rules! object {
    ($(#[$attr:meta])* impl $ty:ident $(($($row:tt)*))? { $($items:tt)* }) => {
        object!(@fields [$(#[$attr])* $ty] [$($($row)*)?] [] $($items)*);
    };
    (@fields [$(#[$attr:meta])* $ty:ident] $row:tt [$($out:tt)*]) => {
        $(#[$attr])* impl $ty { $($out)* }
    };
    (@fields $head:tt $row:tt [$($out:tt)*]
        $(#[$m:meta])* async fn $name:ident ($($args:tt)*) -> $ret:ty $body:block $($rest:tt)*) => {
        object!(@fields $head $row [$($out)* $(#[$m])* async fn $name($($args)*) -> $ret $body]
            $($rest)*);
    };
    (@fields $head:tt [$($row:tt)*] [$($out:tt)*]
        $(#[$m:meta])* $name:ident: Option<$ty:ty> = $key:ident $(, $($rest:tt)*)?) => {
        object!(@fields $head [$($row)*] [$($out)* $(#[$m])*
            async fn $name(&self, ctx: &async_graphql::Context<'_>)
                -> $crate::graphql::Res<Option<$ty>> {
                <$ty as $crate::graphql::Related>::of(ctx, self.0 $($row)* .$key).await
            }
        ] $($($rest)*)?);
    };
    (@fields $head:tt [$($row:tt)*] [$($out:tt)*]
        $(#[$m:meta])* $name:ident () as $ret:ty $(, $($rest:tt)*)?) => {
        object!(@fields $head [$($row)*] [$($out)* $(#[$m])* async fn $name(&self) -> $ret {
            ::std::convert::Into::into(self.0 $($row)* .$name())
        }] $($($rest)*)?);
    };
    (@fields $head:tt [$($row:tt)*] [$($out:tt)*]
        $(#[$m:meta])* $name:ident as $ret:ty $(, $($rest:tt)*)?) => {
        object!(@fields $head [$($row)*] [$($out)* $(#[$m])* async fn $name(&self) -> $ret {
            ::std::convert::Into::into(self.0 $($row)* .$name)
        }] $($($rest)*)?);
    };
    (@fields $head:tt [$($row:tt)*] [$($out:tt)*]
        $(#[$m:meta])* $name:ident (): $ret:ty $(, $($rest:tt)*)?) => {
        object!(@fields $head [$($row)*] [$($out)* $(#[$m])* async fn $name(&self) -> $ret {
            $crate::graphql::object::Column::column(&self.0 $($row)* .$name())
        }] $($($rest)*)?);
    };
    (@fields $head:tt [$($row:tt)*] [$($out:tt)*]
        $(#[$m:meta])* $name:ident: $ret:ty $(, $($rest:tt)*)?) => {
        object!(@fields $head [$($row)*] [$($out)* $(#[$m])* async fn $name(&self) -> $ret {
            $crate::graphql::object::Column::column(&self.0 $($row)* .$name)
        }] $($($rest)*)?);
    };
}

/// A column as a GraphQL field shows it: `String` as `&str`, `Uuid` as `ID`, anything small
/// as a copy.
pub(crate) trait Column<'a, T> {
    fn column(&'a self) -> T;
}

impl<'a> Column<'a, &'a str> for String {
    fn column(&'a self) -> &'a str {
        self
    }
}

impl<'a> Column<'a, Option<&'a str>> for Option<String> {
    fn column(&'a self) -> Option<&'a str> {
        self.as_deref()
    }
}

impl Column<'_, ID> for Uuid {
    fn column(&self) -> ID {
        super::id(*self)
    }
}

impl Column<'_, Option<ID>> for Option<Uuid> {
    fn column(&self) -> Option<ID> {
        self.map(super::id)
    }
}

impl<T: Copy> Column<'_, T> for T {
    fn column(&self) -> T {
        *self
    }
}
