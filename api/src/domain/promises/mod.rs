//! Citizen promises (medborgarlöften): what the police and the municipality promise, and
//! whether it is done as promised.
//!
//! So far only the counting ([`compliance`]); the promises, their activity plans, areas and
//! reported occasions come with issue 14's storage and API.

pub mod compliance;
