//! Integration tests of the whole server, one binary (zero2prod's layout). Each test
//! gets its own database built by the real migrations: a SQLite file by default, a
//! fresh PostgreSQL database when `SAMRAD_TEST_DATABASE_URL` is a `postgres://` URL.

mod helpers;

mod auth;
mod councils;
mod hardening;
mod http;
mod inputs;
mod live;
mod meetings;
mod notifications;
mod oracles;
mod organisations;
mod promises;
mod schema;
mod session_cookie;
mod situation;
mod smtp;
mod statements;
mod users;
