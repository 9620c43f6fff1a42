//! Services: business rules and the access policy, on plain types. Every function takes
//! the acting user first and checks access through [`policy`]; the GraphQL layer only
//! converts and calls.

pub mod audit;
pub mod councils;
pub mod organisations;
pub mod pagination;
pub mod policy;
pub mod sessions;
pub mod types;
pub mod users;
