//! Citizen promises (medborgarlöften): what the police and the municipality promise, and
//! whether it is done as promised.
//!
//! - [`areas`]: a municipality's districts and outer areas, the units scopes count per;
//! - [`plan`]: a promise, its pledges, signatories and activity plan, and its lifecycle;
//! - [`occasions`]: what partners report they did, and their narratives;
//! - [`compliance`]: the counting, pure; [`standing`]: the counting over stored data;
//! - [`public`]: what a published promise shows to anyone; [`report`]: the CSV report.

pub mod areas;
pub mod compliance;
pub mod occasions;
pub mod plan;
pub mod public;
pub mod report;
pub mod standing;
