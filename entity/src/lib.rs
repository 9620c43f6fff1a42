//! SeaORM entities: plain table mappings, nothing else.
//!
//! No GraphQL or HTTP types live here; the API maps these into its own output types so
//! that a column such as a password hash can never be exposed by accident. Enumerated
//! columns are stored as short strings and parsed by the domain layer.

pub mod affiliation;
pub mod app_user;
pub mod audit_event;
pub mod council;
pub mod membership;
pub mod organisation;
pub mod seat;
pub mod session;
