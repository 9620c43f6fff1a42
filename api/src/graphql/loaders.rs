//! DataLoaders: related rows fetched in one statement per kind and request.
//!
//! Loaders fetch raw rows by key and know nothing of access; they are only reached from
//! objects that the policy already let through (a checked council, the actor's own user).

use std::{collections::HashMap, sync::Arc};

use async_graphql::{
    ServerResult, Value,
    dataloader::{DataLoader, HashMapCache, Loader},
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo},
};
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
    pub organisation: DataLoader<OrganisationLoader, HashMapCache>,
    pub user: DataLoader<UserLoader, HashMapCache>,
    pub council: DataLoader<CouncilLoader, HashMapCache>,
    pub memberships: DataLoader<MembershipsByCouncil, HashMapCache>,
    pub seats: DataLoader<SeatsByCouncil, HashMapCache>,
    pub affiliations: DataLoader<AffiliationsByUser, HashMapCache>,
    pub meeting: DataLoader<MeetingLoader, HashMapCache>,
    pub themes: DataLoader<ThemesByCouncil, HashMapCache>,
    pub agenda: DataLoader<AgendaByMeeting, HashMapCache>,
    pub proposals: DataLoader<ProposalsByMeeting, HashMapCache>,
    pub attendance: DataLoader<AttendanceByMeeting, HashMapCache>,
    pub minutes: DataLoader<MinutesByMeeting, HashMapCache>,
    pub minutes_comments: DataLoader<CommentsByMinutes, HashMapCache>,
    pub minutes_revisions: DataLoader<RevisionsByMinutes, HashMapCache>,
    pub actions: DataLoader<ActionsByMeeting, HashMapCache>,
    pub input_events: DataLoader<EventsByInput, HashMapCache>,
    pub attachments: DataLoader<AttachmentsByInput, HashMapCache>,
    pub picture_entries: DataLoader<EntriesByPicture, HashMapCache>,
    pub picture_shares: DataLoader<SharesByPicture, HashMapCache>,
    pub follow_ups: DataLoader<FollowUpsByPlace, HashMapCache>,
    pub place: DataLoader<PlaceLoader, HashMapCache>,
}

impl Loaders {
    /// Fresh loaders on `db`.
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            organisation: cached(OrganisationLoader(db.clone())),
            user: cached(UserLoader(db.clone())),
            council: cached(CouncilLoader(db.clone())),
            memberships: cached(MembershipsByCouncil(db.clone())),
            seats: cached(SeatsByCouncil(db.clone())),
            affiliations: cached(AffiliationsByUser(db.clone())),
            meeting: cached(MeetingLoader(db.clone())),
            themes: cached(ThemesByCouncil(db.clone())),
            agenda: cached(AgendaByMeeting(db.clone())),
            proposals: cached(ProposalsByMeeting(db.clone())),
            attendance: cached(AttendanceByMeeting(db.clone())),
            minutes: cached(MinutesByMeeting(db.clone())),
            minutes_comments: cached(CommentsByMinutes(db.clone())),
            minutes_revisions: cached(RevisionsByMinutes(db.clone())),
            actions: cached(ActionsByMeeting(db.clone())),
            input_events: cached(EventsByInput(db.clone())),
            attachments: cached(AttachmentsByInput(db.clone())),
            picture_entries: cached(EntriesByPicture(db.clone())),
            picture_shares: cached(SharesByPicture(db.clone())),
            follow_ups: cached(FollowUpsByPlace(db.clone())),
            place: cached(PlaceLoader(db.clone())),
        }
    }
}

/// A loader that remembers what it loaded (and what was fed to it) for the request, so
/// a row read twice in one query, or read along with another row, costs no statement.
fn cached<L: Loader<Uuid>>(loader: L) -> DataLoader<L, HashMapCache> {
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

impl Loaders {
    /// Forgets everything loaded so far.
    pub fn clear_all(&self) {
        self.organisation.clear::<Uuid>();
        self.user.clear::<Uuid>();
        self.council.clear::<Uuid>();
        self.memberships.clear::<Uuid>();
        self.seats.clear::<Uuid>();
        self.affiliations.clear::<Uuid>();
        self.meeting.clear::<Uuid>();
        self.themes.clear::<Uuid>();
        self.agenda.clear::<Uuid>();
        self.proposals.clear::<Uuid>();
        self.attendance.clear::<Uuid>();
        self.minutes.clear::<Uuid>();
        self.minutes_comments.clear::<Uuid>();
        self.minutes_revisions.clear::<Uuid>();
        self.actions.clear::<Uuid>();
        self.input_events.clear::<Uuid>();
        self.attachments.clear::<Uuid>();
        self.picture_entries.clear::<Uuid>();
        self.picture_shares.clear::<Uuid>();
        self.follow_ups.clear::<Uuid>();
        self.place.clear::<Uuid>();
    }
}

/// Clears the loaders before each top-level mutation field: fields of one request run
/// in order, and what an earlier field read may have changed since.
pub struct FreshLoadersPerMutation;

impl ExtensionFactory for FreshLoadersPerMutation {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FreshLoadersPerMutation)
    }
}

#[async_trait::async_trait]
impl Extension for FreshLoadersPerMutation {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.path_node.parent.is_none()
            && info.parent_type == "MutationRoot"
            && let Ok(loaders) = ctx.data::<Loaders>()
        {
            loaders.clear_all();
        }
        next.run(ctx, info).await
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
