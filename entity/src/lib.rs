//! SeaORM entities: plain table mappings, nothing else.
//!
//! No GraphQL or HTTP types live here; the API maps these into its own output types so
//! that a column such as a password hash can never be exposed by accident. Enumerated
//! columns are typed enums (`enums`), stored as short strings.

pub mod activity_occasion;
pub mod activity_responsible;
pub mod activity_scope;
pub mod affiliation;
pub mod agenda_item;
pub mod agenda_proposal;
pub mod app_user;
pub mod area;
pub mod attendance;
pub mod audit_event;
pub mod calendar_feed;
pub mod change_outbox;
pub mod council;
pub mod council_priority_group;
pub mod council_theme;
pub mod email_outbox;
pub mod enums;
pub mod follow_up_action;
pub mod good_practice;
pub mod info_request;
pub mod input;
pub mod input_attachment;
pub mod input_event;
pub mod invitation;
pub mod meeting;
pub mod membership;
pub mod minutes;
pub mod minutes_comment;
pub mod minutes_revision;
pub mod notification;
pub mod notification_preference;
pub mod organisation;
pub mod picture_access_log;
pub mod picture_cadence;
pub mod picture_entry;
pub mod picture_share;
pub mod place;
pub mod place_follow_up;
pub mod promise;
pub mod promise_activity;
pub mod promise_narrative;
pub mod promise_pledge;
pub mod promise_signatory;
pub mod seat;
pub mod session;
pub mod situation_picture;
