//! DataLoaders: related rows fetched in one statement per kind and request.
//!
//! Loaders of rows that anyone who sees the parent may read take a bare id and leave the
//! policy to the caller (`view_of`). Loaders of data behind a further check (a meeting's
//! details, seats, an input's history, a picture's content) take a `Checked` key, which
//! only the services make: a resolver that skips the check does not compile.

use crate::{
    domain::{
        access::{
            Checked, CouncilSeats, InputRecord, MeetingDetails, MinutesRead, PictureRead,
            PlaceRead, UserPrivate,
        },
        actions, attachments, councils, inputs, meetings, minutes as minutes_domain, organisations,
        situation, users,
    },
    error::AppError,
};
use async_graphql::dataloader::{DataLoader, Loader};
use entity::{
    affiliation, agenda_item, agenda_proposal, app_user, attendance, council, council_theme,
    follow_up_action, input_event, meeting, membership, minutes, minutes_comment, minutes_revision,
    organisation, picture_entry, picture_share, place, place_follow_up, seat,
};
use sea_orm::DatabaseConnection;
use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};
use tokio::sync::OnceCell;
use uuid::Uuid;

/// The loaders of one request (created per request, so nothing is cached across users),
/// declared once: the struct, its constructor and `forget_between_fields` follow.
macro_rules! registry {
    ($($(#[$doc:meta])* $field:ident: $key:ty => $loader:ident,)+) => {
        /// The loaders of one request.
        pub struct Loaders {
            $($(#[$doc])* pub $field: Flight<$key, $loader>,)+
        }

        impl Loaders {
            /// Fresh loaders on `db`.
            pub fn new(db: &DatabaseConnection) -> Self {
                Self { $($field: Flight::new($loader(db.clone())),)+ }
            }

            /// Remembers nothing for the rest of the request.
            pub fn forget_between_fields(&self) {
                $(self.$field.forget();)+
            }
        }
    };
}

registry! {
    organisation: Uuid => OrganisationLoader,
    user: Uuid => UserLoader,
    council: Uuid => CouncilLoader,
    memberships: Uuid => MembershipsByCouncil,
    /// Seats only with the proof that they may be seen.
    seats: Checked<CouncilSeats> => SeatsByCouncil,
    /// A user's affiliations only with the proof that they may be seen.
    affiliations: Checked<UserPrivate> => AffiliationsByUser,
    meeting: Uuid => MeetingLoader,
    themes: Uuid => ThemesByCouncil,
    /// A meeting's details only with the proof that the details may be read.
    agenda: Checked<MeetingDetails> => AgendaByMeeting,
    proposals: Checked<MeetingDetails> => ProposalsByMeeting,
    attendance: Checked<MeetingDetails> => AttendanceByMeeting,
    minutes: Checked<MeetingDetails> => MinutesByMeeting,
    actions: Checked<MeetingDetails> => ActionsByMeeting,
    minutes_comments: Checked<MinutesRead> => CommentsByMinutes,
    minutes_revisions: Checked<MinutesRead> => RevisionsByMinutes,
    input_events: Checked<InputRecord> => EventsByInput,
    attachments: Checked<InputRecord> => AttachmentsByInput,
    picture_entries: Checked<PictureRead> => EntriesByPicture,
    picture_shares: Checked<PictureRead> => SharesByPicture,
    follow_ups: Checked<PlaceRead> => FollowUpsByPlace,
    place: Checked<PlaceRead> => PlaceLoader,
}

/// A loader key: a bare id, or an id with the proof of an access check.
pub trait Key: Clone + Eq + std::hash::Hash + Send + Sync + 'static {
    /// The row id the key stands for.
    fn uuid(&self) -> Uuid;
}

impl Key for Uuid {
    fn uuid(&self) -> Uuid {
        *self
    }
}

impl<Tag: 'static> Key for Checked<Tag> {
    fn uuid(&self) -> Uuid {
        self.id()
    }
}

/// One key's value, loaded once for all who ask.
type Cell<V> = Arc<OnceCell<Option<V>>>;

/// A batching loader that remembers, for the request, what it loaded or was fed, and
/// lets concurrent readers of one key wait for the same load (a DataLoader cache alone
/// starts a second statement for a key whose batch is still in flight).
pub struct Flight<K: Key, L: Loader<K>> {
    loader: DataLoader<L>,
    cells: Mutex<HashMap<K, Cell<L::Value>>>,
    remember: AtomicBool,
}

impl<K: Key, L: Loader<K>> Flight<K, L> {
    fn new(loader: L) -> Self {
        Self {
            loader: DataLoader::new(loader, tokio::spawn),
            cells: Mutex::new(HashMap::new()),
            remember: AtomicBool::new(true),
        }
    }

    fn cells(&self) -> std::sync::MutexGuard<'_, HashMap<K, Cell<L::Value>>> {
        // A panic elsewhere cannot leave the map half-written: recover it.
        self.cells.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value for `key`, loaded in a batch with the keys other fields ask for.
    pub async fn load_one(&self, key: K) -> Result<Option<L::Value>, L::Error> {
        if !self.remember.load(Ordering::Relaxed) {
            return self.loader.load_one(key).await;
        }
        let cell = Arc::clone(self.cells().entry(key.clone()).or_default());
        cell.get_or_try_init(|| self.loader.load_one(key)).await.cloned()
    }

    /// The values for `keys` (missing keys are left out), in one batch.
    pub async fn load_many(
        &self, keys: impl IntoIterator<Item = K>,
    ) -> Result<HashMap<K, L::Value>, L::Error> {
        let keys: Vec<K> = keys.into_iter().collect();
        let values =
            futures_util::future::try_join_all(keys.iter().map(|k| self.load_one(k.clone())))
                .await?;
        Ok(keys.into_iter().zip(values).filter_map(|(k, v)| v.map(|v| (k, v))).collect())
    }

    /// Remembers rows read by another statement, so that asking for them costs nothing.
    pub async fn feed_many(&self, values: impl IntoIterator<Item = (K, L::Value)>) {
        if !self.remember.load(Ordering::Relaxed) {
            return;
        }
        let mut cells = self.cells();
        for (key, value) in values {
            cells.insert(key, Arc::new(OnceCell::new_with(Some(Some(value)))));
        }
    }

    /// Remembers one row read by another statement.
    pub async fn feed_one(&self, key: K, value: L::Value) {
        self.feed_many([(key, value)]).await;
    }

    /// Forgets everything and remembers nothing from now on.
    fn forget(&self) {
        self.remember.store(false, Ordering::Relaxed);
        self.cells().clear();
    }
}

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<AppError>>;

/// Rows grouped under the keys they were loaded for (keys without rows are left out).
fn group<K: Key, T>(keys: &[K], rows: Vec<T>, id: impl Fn(&T) -> Uuid) -> HashMap<K, Vec<T>> {
    let mut by_id: HashMap<Uuid, Vec<T>> = HashMap::new();
    for row in rows {
        by_id.entry(id(&row)).or_default().push(row);
    }
    keys.iter().filter_map(|k| by_id.remove(&k.uuid()).map(|rows| (k.clone(), rows))).collect()
}

/// Rows under the keys of their own ids.
fn by_id<K: Key, T>(keys: &[K], rows: Vec<T>, id: impl Fn(&T) -> Uuid) -> HashMap<K, T> {
    let mut by_id: HashMap<Uuid, T> = rows.into_iter().map(|r| (id(&r), r)).collect();
    keys.iter().filter_map(|k| by_id.remove(&k.uuid()).map(|row| (k.clone(), row))).collect()
}

/// Declares a loader of single rows by id, from a domain batch function.
macro_rules! row_loader {
    ($(#[$doc:meta])* $name:ident: $key:ty => $model:ty, $fetch:path) => {
        $(#[$doc])*
        pub struct $name(DatabaseConnection);

        impl Loader<$key> for $name {
            type Value = $model;
            type Error = Arc<AppError>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, Self::Value> {
                let rows = $fetch(&self.0, keys).await.map_err(Arc::new)?;
                Ok(by_id(keys, rows, |r| r.id))
            }
        }
    };
}

/// Declares a loader of rows grouped under a key, from a domain batch function.
macro_rules! grouped_loader {
    ($(#[$doc:meta])* $name:ident: $key:ty => Vec<$model:ty>, $fetch:path, $column:ident) => {
        $(#[$doc])*
        pub struct $name(DatabaseConnection);

        impl Loader<$key> for $name {
            type Value = Vec<$model>;
            type Error = Arc<AppError>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, Self::Value> {
                let rows = $fetch(&self.0, keys).await.map_err(Arc::new)?;
                Ok(group(keys, rows, |r| r.$column))
            }
        }
    };
}

row_loader!(
    /// Organisations by id.
    OrganisationLoader: Uuid => organisation::Model, organisations::by_ids
);
row_loader!(
    /// Users by id.
    UserLoader: Uuid => app_user::Model, users::by_ids
);
row_loader!(
    /// Council rows by id (the caller passes each through `councils::view_of`).
    CouncilLoader: Uuid => council::Model, councils::rows_by_ids
);
row_loader!(
    /// Meeting rows by id (the caller passes each through `meetings::view_of`).
    MeetingLoader: Uuid => meeting::Model, meetings::rows_by_ids
);
row_loader!(
    /// Places that a visible place or a readable entry names.
    PlaceLoader: Checked<PlaceRead> => place::Model, situation::places_by_ids
);
grouped_loader!(
    /// All memberships (open and ended) of each council.
    MembershipsByCouncil: Uuid => Vec<membership::Model>, councils::memberships_of, council_id
);
grouped_loader!(
    /// All seats (open and ended) of each council.
    SeatsByCouncil: Checked<CouncilSeats> => Vec<seat::Model>, councils::seats_of, council_id
);
grouped_loader!(
    /// Affiliations of each user.
    AffiliationsByUser: Checked<UserPrivate> => Vec<affiliation::Model>, users::affiliations_of, user_id
);
grouped_loader!(
    /// Themes of each council.
    ThemesByCouncil: Uuid => Vec<council_theme::Model>, meetings::themes_of, council_id
);
grouped_loader!(
    /// Agenda items of each meeting, in order.
    AgendaByMeeting: Checked<MeetingDetails> => Vec<agenda_item::Model>, meetings::agenda_of, meeting_id
);
grouped_loader!(
    /// Proposals of each meeting (filtered by the policy after loading).
    ProposalsByMeeting: Checked<MeetingDetails> => Vec<agenda_proposal::Model>, meetings::proposals_of, meeting_id
);
grouped_loader!(
    /// Attendance answers of each meeting.
    AttendanceByMeeting: Checked<MeetingDetails> => Vec<attendance::Model>, meetings::attendance_of, meeting_id
);
grouped_loader!(
    /// Minutes of each meeting (at most one).
    MinutesByMeeting: Checked<MeetingDetails> => Vec<minutes::Model>, minutes_domain::of_meetings, meeting_id
);
grouped_loader!(
    /// Follow-up actions of each meeting.
    ActionsByMeeting: Checked<MeetingDetails> => Vec<follow_up_action::Model>, actions::of_meetings, meeting_id
);
grouped_loader!(
    /// Comments on each set of minutes.
    CommentsByMinutes: Checked<MinutesRead> => Vec<minutes_comment::Model>, minutes_domain::comments_of, minutes_id
);
grouped_loader!(
    /// Revisions of each set of minutes.
    RevisionsByMinutes: Checked<MinutesRead> => Vec<minutes_revision::Model>, minutes_domain::revisions_of, minutes_id
);
grouped_loader!(
    /// History of each input.
    EventsByInput: Checked<InputRecord> => Vec<input_event::Model>, inputs::events_of, input_id
);
grouped_loader!(
    /// Attachments of each input, without content.
    AttachmentsByInput: Checked<InputRecord> => Vec<attachments::AttachmentMeta>, attachments::of_inputs, input_id
);
grouped_loader!(
    /// Entries of each situation picture.
    EntriesByPicture: Checked<PictureRead> => Vec<picture_entry::Model>, situation::entries_of, picture_id
);
grouped_loader!(
    /// Recipients of each situation picture.
    SharesByPicture: Checked<PictureRead> => Vec<picture_share::Model>, situation::shares_of, picture_id
);
grouped_loader!(
    /// Follow-ups of each place.
    FollowUpsByPlace: Checked<PlaceRead> => Vec<place_follow_up::Model>, situation::follow_ups_of, place_id
);
