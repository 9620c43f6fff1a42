//! Domain vocabulary: the enumerations (typed columns, defined with the entities), and
//! newtypes that parse input so that a bad value cannot exist past the edge.

use crate::domain::prelude::*;

pub use entity::enums::{
    ActionStatus, AgendaItemKind, AreaKind, AttendanceResponse, Classification, CouncilKind,
    GatheredBy, InputStatus, Locale, MeetingStatus, MembershipRole, MinutesStatus,
    NotificationChannel, NotificationKind, OrganisationKind, PictureStatus, PlaceCategory,
    PromiseStatus, ProposalStatus, RequestStatus, ScopeRule, ScopeSource, SeatRole, TargetGroup,
    Trend,
};
/// `to_value()` gives an enum's stored spelling; `iter()` every value, in order.
pub use sea_orm::{ActiveEnum, Iterable};

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
            return Err(AppError::bad_input("latitude", "latitude is between −90 and 90 (WGS84)"));
        }
        if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
            return Err(AppError::bad_input(
                "longitude",
                "longitude is between −180 and 180 (WGS84)",
            ));
        }
        Ok(Self { latitude, longitude })
    }
}

/// Trims a required name and checks its length.
pub fn parse_name(field: &'static str, value: &str, max_chars: usize) -> AppResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::bad_input(field, format!("{field} must not be empty")));
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
    field: &'static str, value: Option<&str>, max_chars: usize,
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
    /// Parses and normalises an address: a plain address with a domain name (no display
    /// name such as `"Vinn! <a@b.se>"`, no `[1.2.3.4]` literal, a top-level domain).
    pub fn parse(value: &str) -> AppResult<Self> {
        let normalised = value.trim().to_lowercase();
        let plain = email_address::Options::default()
            .without_display_text()
            .without_domain_literal()
            .with_required_tld();
        if normalised.len() > 254
            || email_address::EmailAddress::parse_with_options(&normalised, plain).is_err()
        {
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
        for dressed in ["Vinn en iPhone <anna@example.se>", "anna@[10.0.0.1]", "anna@localhost"] {
            assert!(Email::parse(dressed).is_err(), "{dressed}");
        }
    }

    #[test]
    fn municipality_code_is_four_digits() {
        assert!(MunicipalityCode::parse("2180").is_ok());
        assert!(MunicipalityCode::parse("218").is_err());
        assert!(MunicipalityCode::parse("21a0").is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("name", "  Gävle kommun ", 200).ok(), Some("Gävle kommun".into()));
        assert!(parse_name("name", "   ", 200).is_err());
        assert!(parse_name("name", &"x".repeat(201), 200).is_err());
    }

    #[test]
    fn stored_spellings_round_trip_and_a_corrupt_one_is_an_error() {
        for kind in OrganisationKind::iter() {
            assert_eq!(OrganisationKind::try_from_value(&kind.to_value()).ok(), Some(kind));
        }
        assert_eq!(InputStatus::OnAgenda.to_value(), "on_agenda");
        assert_eq!(GatheredBy::EService.to_value(), "e_service");
        assert!(InputStatus::try_from_value(&"on agenda".to_owned()).is_err());
    }
}
