//! Services: business rules and the access policy, on plain types. Every function takes
//! the acting user first and checks access through [`policy`]; the GraphQL layer only
//! converts and calls.

pub mod access;
pub mod actions;
pub mod attachments;
pub mod audit;
pub mod batch;
pub mod calendar;
pub mod councils;
pub mod events;
pub mod good_practices;
pub mod holidays;
pub mod inputs;
pub mod labels;
pub mod live_events;
pub mod meetings;
pub mod minutes;
pub mod notifications;
pub mod organisations;
pub mod pagination;
pub mod policy;
pub(crate) mod prelude;
pub mod promises;
pub mod sessions;
pub mod situation;
pub mod time;
pub mod types;
pub mod users;
pub mod versions;
