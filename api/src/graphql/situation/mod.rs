//! Situation pictures, places, the regional view, cadences, requests and good practices.
//! What a reader may see is decided by `domain::situation::readable`.

mod cadence;
mod pictures;
mod places;
mod regional;
mod requests;
pub use pictures::*;
pub use places::*;

/// A situation picture's life.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::PictureStatus")]
pub enum PictureStatus {
    Draft,
    Published,
    Superseded,
}
/// Who may read a picture: every partner of the named councils and networks (OPEN),
/// their members only (COUNCIL), or only the named organisations (RESTRICTED).
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::Classification")]
pub enum Classification {
    Open,
    Council,
    Restricted,
}
/// What is wrong at a place.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::PlaceCategory")]
pub enum PlaceCategory {
    DrugDealing,
    Violence,
    Vandalism,
    GangRelated,
    PublicDisorder,
    UnsafeEnvironment,
    Other,
}
/// Where a place is heading.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::Trend")]
pub enum Trend {
    Rising,
    Stable,
    Falling,
}
/// A request's state.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::domain::types::RequestStatus")]
pub enum RequestStatus {
    Open,
    Answered,
    Cancelled,
}
