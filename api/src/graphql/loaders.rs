//! DataLoaders: related rows fetched in one statement per kind and request.
//!
//! Loaders fetch raw rows by key and know nothing of access; they are only reached from
//! objects that the policy already let through (a checked council, the actor's own user).

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use tokio::sync::OnceCell;

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
    pub organisation: Flight<OrganisationLoader>,
    pub user: Flight<UserLoader>,
    pub council: Flight<CouncilLoader>,
    pub memberships: Flight<MembershipsByCouncil>,
    pub seats: Flight<SeatsByCouncil>,
    pub affiliations: Flight<AffiliationsByUser>,
    pub meeting: Flight<MeetingLoader>,
    pub themes: Flight<ThemesByCouncil>,
    pub agenda: Flight<AgendaByMeeting>,
    pub proposals: Flight<ProposalsByMeeting>,
    pub attendance: Flight<AttendanceByMeeting>,
    pub minutes: Flight<MinutesByMeeting>,
    pub minutes_comments: Flight<CommentsByMinutes>,
    pub minutes_revisions: Flight<RevisionsByMinutes>,
    pub actions: Flight<ActionsByMeeting>,
    pub input_events: Flight<EventsByInput>,
    pub attachments: Flight<AttachmentsByInput>,
    pub picture_entries: Flight<EntriesByPicture>,
    pub picture_shares: Flight<SharesByPicture>,
    pub follow_ups: Flight<FollowUpsByPlace>,
    pub place: Flight<PlaceLoader>,
}

impl Loaders {
    /// Fresh loaders on `db`.
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            organisation: Flight::new(OrganisationLoader(db.clone())),
            user: Flight::new(UserLoader(db.clone())),
            council: Flight::new(CouncilLoader(db.clone())),
            memberships: Flight::new(MembershipsByCouncil(db.clone())),
            seats: Flight::new(SeatsByCouncil(db.clone())),
            affiliations: Flight::new(AffiliationsByUser(db.clone())),
            meeting: Flight::new(MeetingLoader(db.clone())),
            themes: Flight::new(ThemesByCouncil(db.clone())),
            agenda: Flight::new(AgendaByMeeting(db.clone())),
            proposals: Flight::new(ProposalsByMeeting(db.clone())),
            attendance: Flight::new(AttendanceByMeeting(db.clone())),
            minutes: Flight::new(MinutesByMeeting(db.clone())),
            minutes_comments: Flight::new(CommentsByMinutes(db.clone())),
            minutes_revisions: Flight::new(RevisionsByMinutes(db.clone())),
            actions: Flight::new(ActionsByMeeting(db.clone())),
            input_events: Flight::new(EventsByInput(db.clone())),
            attachments: Flight::new(AttachmentsByInput(db.clone())),
            picture_entries: Flight::new(EntriesByPicture(db.clone())),
            picture_shares: Flight::new(SharesByPicture(db.clone())),
            follow_ups: Flight::new(FollowUpsByPlace(db.clone())),
            place: Flight::new(PlaceLoader(db.clone())),
        }
    }
}

/// One key's value, loaded once for all who ask.
type Cell<V> = Arc<OnceCell<Option<V>>>;

/// A batching loader that remembers, for the request, what it loaded or was fed, and
/// lets concurrent readers of one key wait for the same load (a DataLoader cache alone
/// starts a second statement for a key whose batch is still in flight).
pub struct Flight<L: Loader<Uuid>> {
    loader: DataLoader<L>,
    cells: Mutex<HashMap<Uuid, Cell<L::Value>>>,
    remember: AtomicBool,
}

impl<L: Loader<Uuid>> Flight<L> {
    fn new(loader: L) -> Self {
        Self {
            loader: DataLoader::new(loader, tokio::spawn),
            cells: Mutex::new(HashMap::new()),
            remember: AtomicBool::new(true),
        }
    }

    fn cells(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Cell<L::Value>>> {
        // A panic elsewhere cannot leave the map half-written: recover it.
        self.cells
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value for `key`, loaded in a batch with the keys other fields ask for.
    pub async fn load_one(&self, key: Uuid) -> Result<Option<L::Value>, L::Error> {
        if !self.remember.load(Ordering::Relaxed) {
            return self.loader.load_one(key).await;
        }
        let cell = Arc::clone(self.cells().entry(key).or_default());
        cell.get_or_try_init(|| self.loader.load_one(key))
            .await
            .cloned()
    }

    /// The values for `keys` (missing keys are left out), in one batch.
    pub async fn load_many(
        &self,
        keys: impl IntoIterator<Item = Uuid>,
    ) -> Result<HashMap<Uuid, L::Value>, L::Error> {
        let keys: Vec<Uuid> = keys.into_iter().collect();
        let values =
            futures_util::future::try_join_all(keys.iter().map(|k| self.load_one(*k))).await?;
        Ok(keys
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect())
    }

    /// Remembers rows read by another statement, so that asking for them costs nothing.
    pub async fn feed_many(&self, values: impl IntoIterator<Item = (Uuid, L::Value)>) {
        if !self.remember.load(Ordering::Relaxed) {
            return;
        }
        let mut cells = self.cells();
        for (key, value) in values {
            cells.insert(key, Arc::new(OnceCell::new_with(Some(Some(value)))));
        }
    }

    /// Remembers one row read by another statement.
    pub async fn feed_one(&self, key: Uuid, value: L::Value) {
        self.feed_many([(key, value)]).await;
    }

    /// Forgets everything and remembers nothing from now on.
    fn forget(&self) {
        self.remember.store(false, Ordering::Relaxed);
        self.cells().clear();
    }
}

impl Loaders {
    /// Remembers nothing for the rest of the request.
    pub fn forget_between_fields(&self) {
        self.organisation.forget();
        self.user.forget();
        self.council.forget();
        self.memberships.forget();
        self.seats.forget();
        self.affiliations.forget();
        self.meeting.forget();
        self.themes.forget();
        self.agenda.forget();
        self.proposals.forget();
        self.attendance.forget();
        self.minutes.forget();
        self.minutes_comments.forget();
        self.minutes_revisions.forget();
        self.actions.forget();
        self.input_events.forget();
        self.attachments.forget();
        self.picture_entries.forget();
        self.picture_shares.forget();
        self.follow_ups.forget();
        self.place.forget();
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
