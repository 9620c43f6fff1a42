//! Samråd: the GraphQL server for Swedish safety collaboration between municipalities,
//! the police and their partners.
//!
//! A request flows one way: HTTP ([`app`]) → actor from the token ([`auth`],
//! [`domain::sessions`]) → GraphQL ([`graphql`]) → services and policy ([`domain`]) →
//! entities → database ([`db`]).

pub mod app;
pub mod auth;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod live;
pub mod mail;
pub mod seed;
pub mod session_cookie;
pub mod telemetry;
pub mod websocket;
pub mod workers;
