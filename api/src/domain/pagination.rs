//! Keyset (cursor) pagination. Lists are ordered by a sort key and the id; a cursor is
//! the pair of the last row, opaque to clients. Never OFFSET: the cost of a page does
//! not grow with how far into the list it is.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select, sea_query::IntoCondition,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// Default page size when `first` is not given.
pub const DEFAULT_PAGE: u64 = 20;
/// Largest allowed `first`.
pub const MAX_PAGE: u64 = 100;

/// Position after a row: its sort key and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "k")]
    pub key: String,
    #[serde(rename = "i")]
    pub id: Uuid,
}

impl Cursor {
    /// Opaque string form.
    pub fn encode(&self) -> String {
        // Serialising two strings cannot fail.
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Parses a client-supplied cursor; anything malformed is BAD_USER_INPUT.
    pub fn decode(value: &str) -> AppResult<Self> {
        let bad = || AppError::bad_input("after", "invalid cursor");
        if value.len() > 1024 {
            return Err(bad());
        }
        let bytes = URL_SAFE_NO_PAD.decode(value).map_err(|_| bad())?;
        serde_json::from_slice(&bytes).map_err(|_| bad())
    }
}

/// A validated page request.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub first: u64,
    pub after: Option<Cursor>,
}

impl PageRequest {
    /// Validates `first` (1–100, default 20) and `after`.
    pub fn parse(first: Option<i32>, after: Option<&str>) -> AppResult<Self> {
        let first = match first {
            None => DEFAULT_PAGE,
            Some(n) if (1..=MAX_PAGE as i32).contains(&n) => n as u64,
            Some(_) => {
                return Err(AppError::bad_input(
                    "first",
                    format!("first must be between 1 and {MAX_PAGE}"),
                ));
            }
        };
        let after = after.map(Cursor::decode).transpose()?;
        Ok(Self { first, after })
    }

    /// The condition selecting rows after the cursor, ordered by `(key_col, id_col)`,
    /// for a text sort key.
    pub fn after_condition<K, I>(&self, key_col: K, id_col: I) -> Condition
    where
        K: ColumnTrait,
        I: ColumnTrait,
    {
        keyset_after(key_col, id_col, self.after.as_ref().map(|c| (c.key.clone(), c.id)))
    }

    /// The cursor's key parsed as `T`, for sort keys that are not text (dates, times).
    pub fn after_typed<T>(
        &self, parse: impl Fn(&str) -> Option<T>,
    ) -> AppResult<Option<(T, Uuid)>> {
        match &self.after {
            None => Ok(None),
            Some(c) => parse(&c.key)
                .map(|k| Some((k, c.id)))
                .ok_or_else(|| AppError::bad_input("after", "invalid cursor")),
        }
    }

    /// Rows to fetch: one more than the page to learn whether another page follows.
    pub fn limit(&self) -> u64 {
        self.first + 1
    }

    /// The rows of `query` for this page in `(key, id)` order; `query` already holds the
    /// condition for what comes after the cursor.
    pub async fn rows<E: EntityTrait>(
        &self, db: &impl ConnectionTrait, query: Select<E>, key: E::Column, id: E::Column,
    ) -> AppResult<Vec<E::Model>> {
        Ok(query.order_by_asc(key).order_by_asc(id).limit(self.limit()).all(db).await?)
    }

    /// [`Self::rows`] for a text key, with the cursor's condition.
    pub async fn rows_after<E: EntityTrait>(
        &self, db: &impl ConnectionTrait, query: Select<E>, key: E::Column, id: E::Column,
    ) -> AppResult<Vec<E::Model>> {
        self.rows(db, query.filter(self.after_condition(key, id)), key, id).await
    }
}

/// Rows after `(key, id)` in `(key_col, id_col)` order.
pub fn keyset_after<K, I, V>(key_col: K, id_col: I, after: Option<(V, Uuid)>) -> Condition
where
    K: ColumnTrait,
    I: ColumnTrait,
    V: Into<sea_orm::Value> + Clone,
{
    match after {
        None => Condition::all(),
        Some((key, id)) => Condition::any()
            .add(key_col.gt(key.clone()))
            .add(key_col.eq(key).into_condition().add(id_col.gt(id))),
    }
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<(Cursor, T)>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

impl<T> Page<T> {
    /// Builds a page from `limit()` rows fetched in order, with a cursor per row.
    pub fn from_rows(req: &PageRequest, mut rows: Vec<T>, cursor: impl Fn(&T) -> Cursor) -> Self {
        let has_next_page = rows.len() as u64 > req.first;
        rows.truncate(req.first as usize);
        Self {
            items: rows.into_iter().map(|r| (cursor(&r), r)).collect(),
            has_next_page,
            has_previous_page: req.after.is_some(),
        }
    }

    /// Maps the items, keeping cursors.
    pub fn map<U>(self, f: impl Fn(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(|(c, t)| (c, f(t))).collect(),
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_roundtrips_and_rejects_garbage() {
        let c = Cursor { key: "Gävle kommun".into(), id: Uuid::now_v7() };
        assert_eq!(Cursor::decode(&c.encode()).ok(), Some(c));
        assert!(Cursor::decode("not a cursor").is_err());
        assert!(Cursor::decode(&URL_SAFE_NO_PAD.encode(b"{}")).is_err());
    }

    #[test]
    fn first_is_bounded() {
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(Some(101), None).is_err());
        assert!(PageRequest::parse(Some(-1), None).is_err());
        assert_eq!(PageRequest::parse(None, None).map(|p| p.first).ok(), Some(DEFAULT_PAGE));
        assert_eq!(PageRequest::parse(Some(100), None).map(|p| p.first).ok(), Some(100));
    }
}
