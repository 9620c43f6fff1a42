//! Identity: passwords, access tokens, login throttling and the actor of a request.
//!
//! Nothing here decides what an actor may do; that is `domain::policy`.

pub mod actor;
pub mod password;
pub mod throttle;
pub mod tokens;

pub use actor::{Actor, SeatGrant};
