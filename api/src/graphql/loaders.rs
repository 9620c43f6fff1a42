//! DataLoaders: related rows fetched in one statement per kind and request.
//!
//! Loaders fetch raw rows by key and know nothing of access; they are only reached from
//! objects that the policy already let through (a checked council, the actor's own user).

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::{DataLoader, Loader};
use entity::{
    affiliation, agenda_item, agenda_proposal, app_user, attendance, council, council_theme,
    follow_up_action, input_event, meeting, membership, minutes, minutes_comment, minutes_revision,
    organisation, picture_entry, picture_share, place, place_follow_up, seat,
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    domain::{
        actions, attachments, councils, inputs, meetings, minutes as minutes_domain, organisations,
        situation, users,
    },
    error::AppError,
};

/// The loaders of one request (created per request, so nothing is cached across users).
pub struct Loaders {
    pub organisation: DataLoader<OrganisationLoader>,
    pub user: DataLoader<UserLoader>,
    pub council: DataLoader<CouncilLoader>,
    pub memberships: DataLoader<MembershipsByCouncil>,
    pub seats: DataLoader<SeatsByCouncil>,
    pub affiliations: DataLoader<AffiliationsByUser>,
    pub meeting: DataLoader<MeetingLoader>,
    pub themes: DataLoader<ThemesByCouncil>,
    pub agenda: DataLoader<AgendaByMeeting>,
    pub proposals: DataLoader<ProposalsByMeeting>,
    pub attendance: DataLoader<AttendanceByMeeting>,
    pub minutes: DataLoader<MinutesByMeeting>,
    pub minutes_comments: DataLoader<CommentsByMinutes>,
    pub minutes_revisions: DataLoader<RevisionsByMinutes>,
    pub actions: DataLoader<ActionsByMeeting>,
    pub input_events: DataLoader<EventsByInput>,
    pub attachments: DataLoader<AttachmentsByInput>,
    pub picture_entries: DataLoader<EntriesByPicture>,
    pub picture_shares: DataLoader<SharesByPicture>,
    pub follow_ups: DataLoader<FollowUpsByPlace>,
    pub place: DataLoader<PlaceLoader>,
}

impl Loaders {
    /// Fresh loaders on `db`.
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            organisation: DataLoader::new(OrganisationLoader(db.clone()), tokio::spawn),
            user: DataLoader::new(UserLoader(db.clone()), tokio::spawn),
            council: DataLoader::new(CouncilLoader(db.clone()), tokio::spawn),
            memberships: DataLoader::new(MembershipsByCouncil(db.clone()), tokio::spawn),
            seats: DataLoader::new(SeatsByCouncil(db.clone()), tokio::spawn),
            affiliations: DataLoader::new(AffiliationsByUser(db.clone()), tokio::spawn),
            meeting: DataLoader::new(MeetingLoader(db.clone()), tokio::spawn),
            themes: DataLoader::new(ThemesByCouncil(db.clone()), tokio::spawn),
            agenda: DataLoader::new(AgendaByMeeting(db.clone()), tokio::spawn),
            proposals: DataLoader::new(ProposalsByMeeting(db.clone()), tokio::spawn),
            attendance: DataLoader::new(AttendanceByMeeting(db.clone()), tokio::spawn),
            minutes: DataLoader::new(MinutesByMeeting(db.clone()), tokio::spawn),
            minutes_comments: DataLoader::new(CommentsByMinutes(db.clone()), tokio::spawn),
            minutes_revisions: DataLoader::new(RevisionsByMinutes(db.clone()), tokio::spawn),
            actions: DataLoader::new(ActionsByMeeting(db.clone()), tokio::spawn),
            input_events: DataLoader::new(EventsByInput(db.clone()), tokio::spawn),
            attachments: DataLoader::new(AttachmentsByInput(db.clone()), tokio::spawn),
            picture_entries: DataLoader::new(EntriesByPicture(db.clone()), tokio::spawn),
            picture_shares: DataLoader::new(SharesByPicture(db.clone()), tokio::spawn),
            follow_ups: DataLoader::new(FollowUpsByPlace(db.clone()), tokio::spawn),
            place: DataLoader::new(PlaceLoader(db.clone()), tokio::spawn),
        }
    }
}

type LoadResult<V> = Result<HashMap<Uuid, V>, Arc<AppError>>;

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut map: HashMap<Uuid, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

/// Organisations by id.
pub struct OrganisationLoader(DatabaseConnection);

impl Loader<Uuid> for OrganisationLoader {
    type Value = organisation::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = organisations::by_ids(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|o| (o.id, o)).collect())
    }
}

/// Users by id.
pub struct UserLoader(DatabaseConnection);

impl Loader<Uuid> for UserLoader {
    type Value = app_user::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = users::by_ids(&self.0, keys).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|u| (u.id, u)).collect())
    }
}

/// Council rows by id (the caller applies the policy to each).
pub struct CouncilLoader(DatabaseConnection);

impl Loader<Uuid> for CouncilLoader {
    type Value = council::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = councils::rows_by_ids(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|c| (c.id, c)).collect())
    }
}

/// All memberships (open and ended) of each council.
pub struct MembershipsByCouncil(DatabaseConnection);

impl Loader<Uuid> for MembershipsByCouncil {
    type Value = Vec<membership::Model>;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = councils::memberships_of(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(group(rows, |m| m.council_id))
    }
}

/// All seats (open and ended) of each council.
pub struct SeatsByCouncil(DatabaseConnection);

impl Loader<Uuid> for SeatsByCouncil {
    type Value = Vec<seat::Model>;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = councils::seats_of(&self.0, keys).await.map_err(Arc::new)?;
        Ok(group(rows, |s| s.council_id))
    }
}

/// Affiliations of each user.
pub struct AffiliationsByUser(DatabaseConnection);

impl Loader<Uuid> for AffiliationsByUser {
    type Value = Vec<affiliation::Model>;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = users::affiliations_of(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(group(rows, |a| a.user_id))
    }
}

/// Declares a loader of rows grouped under a key, from a domain batch function.
macro_rules! grouped_loader {
    ($(#[$doc:meta])* $name:ident, $model:ty, $fetch:path, $key:ident) => {
        $(#[$doc])*
        pub struct $name(DatabaseConnection);

        impl Loader<Uuid> for $name {
            type Value = Vec<$model>;
            type Error = Arc<AppError>;

            async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
                let rows = $fetch(&self.0, keys).await.map_err(Arc::new)?;
                Ok(group(rows, |r| r.$key))
            }
        }
    };
}

grouped_loader!(
    /// Themes of each council.
    ThemesByCouncil, council_theme::Model, meetings::themes_of, council_id
);
grouped_loader!(
    /// Agenda items of each meeting, in order.
    AgendaByMeeting, agenda_item::Model, meetings::agenda_of, meeting_id
);
grouped_loader!(
    /// Proposals of each meeting (filtered by the policy after loading).
    ProposalsByMeeting, agenda_proposal::Model, meetings::proposals_of, meeting_id
);
grouped_loader!(
    /// Attendance answers of each meeting.
    AttendanceByMeeting, attendance::Model, meetings::attendance_of, meeting_id
);
grouped_loader!(
    /// Minutes of each meeting (at most one).
    MinutesByMeeting, minutes::Model, minutes_domain::of_meetings, meeting_id
);
grouped_loader!(
    /// Comments on each set of minutes.
    CommentsByMinutes, minutes_comment::Model, minutes_domain::comments_of, minutes_id
);
grouped_loader!(
    /// Revisions of each set of minutes.
    RevisionsByMinutes, minutes_revision::Model, minutes_domain::revisions_of, minutes_id
);
grouped_loader!(
    /// Follow-up actions of each meeting.
    ActionsByMeeting, follow_up_action::Model, actions::of_meetings, meeting_id
);

grouped_loader!(
    /// History of each input.
    EventsByInput, input_event::Model, inputs::events_of, input_id
);

grouped_loader!(
    /// Attachments of each input, without content.
    AttachmentsByInput, attachments::AttachmentMeta, attachments::of_inputs, input_id
);

grouped_loader!(
    /// Entries of each situation picture (reached only through a readable picture).
    EntriesByPicture, picture_entry::Model, situation::entries_of, picture_id
);
grouped_loader!(
    /// Recipients of each situation picture.
    SharesByPicture, picture_share::Model, situation::shares_of, picture_id
);
grouped_loader!(
    /// Follow-ups of each place.
    FollowUpsByPlace, place_follow_up::Model, situation::follow_ups_of, place_id
);

/// Places by id (reached only through a visible place or readable entry).
pub struct PlaceLoader(DatabaseConnection);

impl Loader<Uuid> for PlaceLoader {
    type Value = place::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = situation::places_by_ids(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|p| (p.id, p)).collect())
    }
}

/// Meeting rows by id (the caller applies the policy to each).
pub struct MeetingLoader(DatabaseConnection);

impl Loader<Uuid> for MeetingLoader {
    type Value = meeting::Model;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> LoadResult<Self::Value> {
        let rows = meetings::rows_by_ids(&self.0, keys)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|m| (m.id, m)).collect())
    }
}
