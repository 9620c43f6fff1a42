//! Enumerated columns: stored as short strings, typed end to end. A stored value that is
//! not one of these fails to load with a data error; it never becomes a silent default.
//!
//! The spelling in `string_value` is the stored contract (and the code the web UI and
//! the CSV labels use): change it only with a migration.

use sea_orm::entity::prelude::*;

/// Kinds of organisation (DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum OrganisationKind {
    #[sea_orm(string_value = "municipality")]
    Municipality,
    #[sea_orm(string_value = "police_region")]
    PoliceRegion,
    #[sea_orm(string_value = "local_police_area")]
    LocalPoliceArea,
    #[sea_orm(string_value = "county_administrative_board")]
    CountyAdministrativeBoard,
    #[sea_orm(string_value = "region")]
    Region,
    #[sea_orm(string_value = "armed_forces")]
    ArmedForces,
    #[sea_orm(string_value = "rescue_service")]
    RescueService,
    #[sea_orm(string_value = "business")]
    Business,
    #[sea_orm(string_value = "academia")]
    Academia,
    #[sea_orm(string_value = "civil_society")]
    CivilSociety,
    #[sea_orm(string_value = "youth_council")]
    YouthCouncil,
    #[sea_orm(string_value = "advisory_council")]
    AdvisoryCouncil,
    #[sea_orm(string_value = "student_forum")]
    StudentForum,
    #[sea_orm(string_value = "school")]
    School,
    #[sea_orm(string_value = "housing_company")]
    HousingCompany,
}

/// Kinds of council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CouncilKind {
    #[sea_orm(string_value = "safety_council")]
    SafetyCouncil,
    #[sea_orm(string_value = "local_partnership")]
    LocalPartnership,
    #[sea_orm(string_value = "regional_network")]
    RegionalNetwork,
}

/// The part an organisation plays in a council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MembershipRole {
    #[sea_orm(string_value = "host")]
    Host,
    #[sea_orm(string_value = "member")]
    Member,
    #[sea_orm(string_value = "advisory")]
    Advisory,
    #[sea_orm(string_value = "observer")]
    Observer,
}

/// The part a user plays in a council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum SeatRole {
    #[sea_orm(string_value = "secretariat")]
    Secretariat,
    #[sea_orm(string_value = "chair")]
    Chair,
    #[sea_orm(string_value = "representative")]
    Representative,
}

/// UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Locale {
    #[sea_orm(string_value = "sv")]
    Sv,
    #[sea_orm(string_value = "en")]
    En,
}

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MeetingStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "scheduled")]
    Scheduled,
    #[sea_orm(string_value = "held")]
    Held,
    #[sea_orm(string_value = "minutes_approved")]
    MinutesApproved,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

/// What an agenda item is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AgendaItemKind {
    #[sea_orm(string_value = "information")]
    Information,
    #[sea_orm(string_value = "discussion")]
    Discussion,
    #[sea_orm(string_value = "decision")]
    Decision,
}

/// A member's proposal for the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ProposalStatus {
    #[sea_orm(string_value = "proposed")]
    Proposed,
    #[sea_orm(string_value = "accepted")]
    Accepted,
    #[sea_orm(string_value = "declined")]
    Declined,
}

/// A representative's answer to a meeting invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AttendanceResponse {
    #[sea_orm(string_value = "attending")]
    Attending,
    #[sea_orm(string_value = "apologies")]
    Apologies,
    #[sea_orm(string_value = "substitute")]
    Substitute,
}

/// Minutes are drafted, then approved and locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MinutesStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "approved")]
    Approved,
}

/// A follow-up action taken back to an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ActionStatus {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "done")]
    Done,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

/// Where an input is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum InputStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "submitted")]
    Submitted,
    #[sea_orm(string_value = "acknowledged")]
    Acknowledged,
    #[sea_orm(string_value = "on_agenda")]
    OnAgenda,
    #[sea_orm(string_value = "discussed")]
    Discussed,
    #[sea_orm(string_value = "answered")]
    Answered,
    #[sea_orm(string_value = "declined")]
    Declined,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}

/// Groups an input speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum TargetGroup {
    #[sea_orm(string_value = "youth")]
    Youth,
    #[sea_orm(string_value = "children")]
    Children,
    #[sea_orm(string_value = "girls_and_young_women")]
    GirlsAndYoungWomen,
    #[sea_orm(string_value = "women")]
    Women,
    #[sea_orm(string_value = "elderly")]
    Elderly,
    #[sea_orm(string_value = "people_with_disabilities")]
    PeopleWithDisabilities,
    #[sea_orm(string_value = "district_residents")]
    DistrictResidents,
    #[sea_orm(string_value = "lgbtq")]
    Lgbtq,
    #[sea_orm(string_value = "new_arrivals")]
    NewArrivals,
    #[sea_orm(string_value = "business_owners")]
    BusinessOwners,
    #[sea_orm(string_value = "students")]
    Students,
}

/// How an input was gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum GatheredBy {
    #[sea_orm(string_value = "safety_walk")]
    SafetyWalk,
    #[sea_orm(string_value = "survey")]
    Survey,
    #[sea_orm(string_value = "dialogue_meeting")]
    DialogueMeeting,
    #[sea_orm(string_value = "focus_group")]
    FocusGroup,
    #[sea_orm(string_value = "school")]
    School,
    #[sea_orm(string_value = "e_service")]
    EService,
    #[sea_orm(string_value = "organisation_view")]
    OrganisationView,
}

/// A situation picture's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PictureStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "superseded")]
    Superseded,
}

/// Who may read a situation picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Classification {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "council")]
    Council,
    #[sea_orm(string_value = "restricted")]
    Restricted,
}

/// What is wrong at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PlaceCategory {
    #[sea_orm(string_value = "drug_dealing")]
    DrugDealing,
    #[sea_orm(string_value = "violence")]
    Violence,
    #[sea_orm(string_value = "vandalism")]
    Vandalism,
    #[sea_orm(string_value = "gang_related")]
    GangRelated,
    #[sea_orm(string_value = "public_disorder")]
    PublicDisorder,
    #[sea_orm(string_value = "unsafe_environment")]
    UnsafeEnvironment,
    #[sea_orm(string_value = "other")]
    Other,
}

/// Where a place is heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Trend {
    #[sea_orm(string_value = "rising")]
    Rising,
    #[sea_orm(string_value = "stable")]
    Stable,
    #[sea_orm(string_value = "falling")]
    Falling,
}

/// A request for a picture or information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum RequestStatus {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "answered")]
    Answered,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

/// What a notification is about. Each kind has its own preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum NotificationKind {
    /// An input to a meeting of a council where you hold the secretariat.
    #[sea_orm(string_value = "input.submitted")]
    InputSubmitted,
    /// Your organisation's input was answered.
    #[sea_orm(string_value = "input.feedback")]
    InputAnswered,
    #[sea_orm(string_value = "meeting.changed")]
    MeetingChanged,
    #[sea_orm(string_value = "meeting.cancelled")]
    MeetingCancelled,
    #[sea_orm(string_value = "meeting.agenda")]
    AgendaChanged,
    /// An action assigned to your organisation.
    #[sea_orm(string_value = "action.assigned")]
    ActionAssigned,
    /// An input to a meeting of a council where you hold the secretariat moved on in its
    /// workflow (withdrawn, acknowledged, answered, …) by someone else.
    #[sea_orm(string_value = "input.status")]
    InputStatusChanged,
    /// A situation picture shared with you.
    #[sea_orm(string_value = "picture.published")]
    PicturePublished,
    /// A situation picture shared with you was replaced by a newer one.
    #[sea_orm(string_value = "picture.superseded")]
    PictureSuperseded,
    /// The minutes of a meeting you attend are ready for your comments.
    #[sea_orm(string_value = "minutes.comment")]
    MinutesForComment,
    /// The input window of a meeting closes within three days.
    #[sea_orm(string_value = "reminder.input_window")]
    InputWindowClosing,
    /// An action of your organisation is due within seven days.
    #[sea_orm(string_value = "reminder.action_due")]
    ActionDueSoon,
    /// An action of your organisation is past due.
    #[sea_orm(string_value = "reminder.action_overdue")]
    ActionOverdue,
    /// An activity of a citizen promise your organisation answers for is behind.
    #[sea_orm(string_value = "reminder.promise_behind")]
    PromiseBehind,
}

/// How a user wants one kind of notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum NotificationChannel {
    /// In Samråd's notification list only (the default).
    #[sea_orm(string_value = "in_app")]
    InApp,
    /// In the list, and by e-mail at once.
    #[sea_orm(string_value = "email")]
    Email,
    /// In the list, and in one e-mail a day.
    #[sea_orm(string_value = "digest")]
    Digest,
    /// Not at all.
    #[sea_orm(string_value = "off")]
    Off,
}

/// The kinds of area a municipality is divided into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AreaKind {
    /// A district (stadsdel).
    #[sea_orm(string_value = "district")]
    District,
    /// An outer area (ytterområde).
    #[sea_orm(string_value = "outer")]
    Outer,
}

/// Where a citizen promise is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PromiseStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "signed")]
    Signed,
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "followed_up")]
    FollowedUp,
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// How an activity's scope is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ScopeRule {
    /// At least N per area of a kind per year.
    #[sea_orm(string_value = "per_area")]
    PerArea,
    /// At least N per year.
    #[sea_orm(string_value = "per_year")]
    PerYear,
    /// At least one in every run of K weeks.
    #[sea_orm(string_value = "every_weeks")]
    EveryWeeks,
    /// At least N follow-ups per crime-exposed place per year.
    #[sea_orm(string_value = "per_place")]
    PerPlace,
    /// Recurring as needed: counted, never judged.
    #[sea_orm(string_value = "as_needed")]
    AsNeeded,
}

/// What counts towards a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ScopeSource {
    /// Occasions the partners report.
    #[sea_orm(string_value = "occasions")]
    Occasions,
    /// The partnership's published joint situation pictures, and occasions reported for
    /// the activity (a joint picture made outside Samråd).
    #[sea_orm(string_value = "joint_pictures")]
    JointPictures,
    /// Follow-ups of the partners' crime-exposed places.
    #[sea_orm(string_value = "place_follow_ups")]
    PlaceFollowUps,
}
