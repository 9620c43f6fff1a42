//! Domain vocabulary: enumerations stored as short strings, and newtypes that parse
//! input so that a bad value cannot exist past the edge.

use crate::error::{AppError, AppResult};

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored spelling.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// Parses the stored spelling; an unknown value is a data error.
            pub fn parse(s: &str) -> AppResult<Self> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    other => Err(AppError::Internal(anyhow::anyhow!(
                        concat!("unknown ", stringify!($name), " {:?} in database"), other
                    ))),
                }
            }
        }
    };
}

string_enum!(
    /// Kinds of organisation (DESIGN.md).
    OrganisationKind {
        Municipality => "municipality",
        PoliceRegion => "police_region",
        LocalPoliceArea => "local_police_area",
        CountyAdministrativeBoard => "county_administrative_board",
        Region => "region",
        ArmedForces => "armed_forces",
        RescueService => "rescue_service",
        Business => "business",
        Academia => "academia",
        CivilSociety => "civil_society",
        YouthCouncil => "youth_council",
        AdvisoryCouncil => "advisory_council",
        StudentForum => "student_forum",
        School => "school",
        HousingCompany => "housing_company",
    }
);

string_enum!(
    /// Kinds of council.
    CouncilKind {
        SafetyCouncil => "safety_council",
        LocalPartnership => "local_partnership",
        RegionalNetwork => "regional_network",
    }
);

string_enum!(
    /// The part an organisation plays in a council.
    MembershipRole {
        Host => "host",
        Member => "member",
        Advisory => "advisory",
        Observer => "observer",
    }
);

string_enum!(
    /// The part a user plays in a council.
    SeatRole {
        Secretariat => "secretariat",
        Chair => "chair",
        Representative => "representative",
    }
);

string_enum!(
    /// UI language.
    Locale {
        Sv => "sv",
        En => "en",
    }
);

string_enum!(
    /// Where a meeting is in its life.
    MeetingStatus {
        Draft => "draft",
        Scheduled => "scheduled",
        Held => "held",
        MinutesApproved => "minutes_approved",
        Cancelled => "cancelled",
    }
);

string_enum!(
    /// What an agenda item is for.
    AgendaItemKind {
        Information => "information",
        Discussion => "discussion",
        Decision => "decision",
    }
);

string_enum!(
    /// A member's proposal for the agenda.
    ProposalStatus {
        Proposed => "proposed",
        Accepted => "accepted",
        Declined => "declined",
    }
);

string_enum!(
    /// A representative's answer to a meeting invitation.
    AttendanceResponse {
        Attending => "attending",
        Apologies => "apologies",
        Substitute => "substitute",
    }
);

string_enum!(
    /// Minutes are drafted, then approved and locked.
    MinutesStatus {
        Draft => "draft",
        Approved => "approved",
    }
);

string_enum!(
    /// A follow-up action taken back to an organisation.
    ActionStatus {
        Open => "open",
        InProgress => "in_progress",
        Done => "done",
        Cancelled => "cancelled",
    }
);

string_enum!(
    /// Where an input is in its life.
    InputStatus {
        Draft => "draft",
        Submitted => "submitted",
        Acknowledged => "acknowledged",
        OnAgenda => "on_agenda",
        Discussed => "discussed",
        Answered => "answered",
        Declined => "declined",
        Withdrawn => "withdrawn",
    }
);

string_enum!(
    /// Groups an input speaks for.
    TargetGroup {
        Youth => "youth",
        Children => "children",
        GirlsAndYoungWomen => "girls_and_young_women",
        Women => "women",
        Elderly => "elderly",
        PeopleWithDisabilities => "people_with_disabilities",
        DistrictResidents => "district_residents",
        Lgbtq => "lgbtq",
        NewArrivals => "new_arrivals",
        BusinessOwners => "business_owners",
        Students => "students",
    }
);

string_enum!(
    /// How an input was gathered.
    GatheredBy {
        SafetyWalk => "safety_walk",
        Survey => "survey",
        DialogueMeeting => "dialogue_meeting",
        FocusGroup => "focus_group",
        School => "school",
        EService => "e_service",
        OrganisationView => "organisation_view",
    }
);

string_enum!(
    /// A situation picture's life.
    PictureStatus {
        Draft => "draft",
        Published => "published",
        Superseded => "superseded",
    }
);

string_enum!(
    /// Who may read a situation picture.
    Classification {
        Open => "open",
        Council => "council",
        Restricted => "restricted",
    }
);

string_enum!(
    /// What is wrong at a place.
    PlaceCategory {
        DrugDealing => "drug_dealing",
        Violence => "violence",
        Vandalism => "vandalism",
        GangRelated => "gang_related",
        PublicDisorder => "public_disorder",
        UnsafeEnvironment => "unsafe_environment",
        Other => "other",
    }
);

string_enum!(
    /// Where a place is heading.
    Trend {
        Rising => "rising",
        Stable => "stable",
        Falling => "falling",
    }
);

string_enum!(
    /// A request for a picture or information.
    RequestStatus {
        Open => "open",
        Answered => "answered",
        Cancelled => "cancelled",
    }
);

/// WGS84 coordinates that cannot hold a value outside the valid ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    pub latitude: f64,
    pub longitude: f64,
}

impl Coordinates {
    /// Checks latitude (−90…90) and longitude (−180…180).
    pub fn parse(latitude: f64, longitude: f64) -> AppResult<Self> {
        if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
            return Err(AppError::bad_input(
                "latitude",
                "latitude is between −90 and 90 (WGS84)",
            ));
        }
        if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
            return Err(AppError::bad_input(
                "longitude",
                "longitude is between −180 and 180 (WGS84)",
            ));
        }
        Ok(Self {
            latitude,
            longitude,
        })
    }
}

/// Trims a required name and checks its length.
pub fn parse_name(field: &'static str, value: &str, max_chars: usize) -> AppResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::bad_input(
            field,
            format!("{field} must not be empty"),
        ));
    }
    if trimmed.chars().count() > max_chars {
        return Err(AppError::bad_input(
            field,
            format!("{field} must be at most {max_chars} characters"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            field,
            format!("{field} must not contain control characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Trims optional free text and checks its length; empty becomes `None`.
pub fn parse_optional_text(
    field: &'static str,
    value: Option<&str>,
    max_chars: usize,
) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) if text.chars().count() > max_chars => Err(AppError::bad_input(
            field,
            format!("{field} must be at most {max_chars} characters"),
        )),
        Some(text) => Ok(Some(text.to_owned())),
    }
}

/// An email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an address.
    pub fn parse(value: &str) -> AppResult<Self> {
        let normalised = value.trim().to_lowercase();
        if normalised.len() > 254 || !email_address::EmailAddress::is_valid(&normalised) {
            return Err(AppError::bad_input("email", "not a valid email address"));
        }
        Ok(Self(normalised))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A municipality code from SCB: four digits, e.g. `2180` for Gävle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityCode(String);

impl MunicipalityCode {
    /// Parses a code.
    pub fn parse(value: &str) -> AppResult<Self> {
        let value = value.trim();
        if value.len() != 4 || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::bad_input(
                "municipalityCode",
                "a municipality code is four digits (SCB), e.g. 2180",
            ));
        }
        Ok(Self(value.to_owned()))
    }

    /// The code.
    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_validated() {
        assert_eq!(
            Email::parse("  Anna@Example.SE ").map(|e| e.0).ok(),
            Some("anna@example.se".into())
        );
        assert!(Email::parse("not-an-email").is_err());
        assert!(Email::parse("").is_err());
    }

    #[test]
    fn municipality_code_is_four_digits() {
        assert!(MunicipalityCode::parse("2180").is_ok());
        assert!(MunicipalityCode::parse("218").is_err());
        assert!(MunicipalityCode::parse("21a0").is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            parse_name("name", "  Gävle kommun ", 200).ok(),
            Some("Gävle kommun".into())
        );
        assert!(parse_name("name", "   ", 200).is_err());
        assert!(parse_name("name", &"x".repeat(201), 200).is_err());
        assert!(enum_roundtrip());
    }

    fn enum_roundtrip() -> bool {
        OrganisationKind::ALL
            .iter()
            .all(|k| OrganisationKind::parse(k.as_str()).ok() == Some(*k))
    }
}
