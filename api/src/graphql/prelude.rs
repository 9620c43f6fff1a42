//! What nearly every resolver module uses: async-graphql's types, the resolver helpers of
//! [`super`] and the error mapping. A resolver module starts with
//! `use crate::graphql::prelude::*;` and imports anything else by name.

pub(crate) use async_graphql::{Context, ID};
pub(crate) use chrono::{DateTime, NaiveDate, Utc};
pub(crate) use uuid::Uuid;

pub(crate) use super::{
    ContextExt, Related, Res, by_id, caller, connection, connection_cost, id, listed, load, loaded,
    opt_id, paging, parse_id, related, required, target, target_id,
};
pub(crate) use crate::error::GqlResultExt;
