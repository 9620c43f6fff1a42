//! Situation pictures (lägesbilder) shared between municipalities, police and partners;
//! places and their follow-ups; cadences; requests; good practices.
//!
//! The rule this module keeps: whether a reader may see a picture is decided by one
//! predicate, [`readable`], applied in SQL wherever pictures are read — single fetch,
//! lists, search, counts, places, the regional view, GeoJSON and request answers — so a
//! reader outside the recipients gets nothing, not even a count or a "forbidden".
//!
//! Who reads what (organisations are those the user acts for, by affiliation):
//! - the author organisation: always, drafts included;
//! - `open`: organisations in any of the councils or networks it is shared with (advisory
//!   bodies included), plus any organisation named;
//! - `council`: members (not advisory bodies) of the named councils;
//! - `restricted`: only the named organisations; advisory bodies never, not even if named.
//!
//! Platform admins get no extra read access: confidential pictures are not theirs to read.
//! Every read of a restricted picture is written to the access log.

use entity::{picture_entry, place, situation_picture};

use crate::domain::access::{Checked, PictureRead, PlaceRead};

mod cadence;
mod pictures;
mod places;
mod reader;
mod regional;
mod requests;
pub use self::{cadence::*, pictures::*, places::*, reader::*, regional::*, requests::*};

/// Longest free text.
pub const MAX_TEXT: usize = 20_000;
/// Most entries in one picture.
pub const MAX_ENTRIES: usize = 200;

/// A picture that the reading predicate let through for this reader: made only here.
#[derive(Debug, Clone)]
pub struct PictureView {
    model: situation_picture::Model,
}

impl PictureView {
    /// Only services make views, right after [`readable`] let the row through.
    pub(in crate::domain) fn new(model: situation_picture::Model) -> Self {
        Self { model }
    }

    /// The picture's row.
    pub fn model(&self) -> &situation_picture::Model {
        &self.model
    }

    /// The proof for loading its entries and recipients.
    pub fn read(&self) -> Checked<PictureRead> {
        Checked::new(self.model.id)
    }

    /// The place an entry of this picture names, which its reader may see.
    pub fn place_of(&self, entry: &picture_entry::Model) -> Option<Checked<PlaceRead>> {
        (entry.picture_id == self.model.id).then_some(Checked::new(entry.place_id))
    }
}

/// A place in the register that the reader sees: made only here.
#[derive(Debug, Clone)]
pub struct PlaceView {
    model: place::Model,
}

impl PlaceView {
    /// Only services make views, right after the check they stand for.
    pub(in crate::domain) fn new(model: place::Model) -> Self {
        Self { model }
    }

    /// The place's row.
    pub fn model(&self) -> &place::Model {
        &self.model
    }

    /// The proof for loading its follow-ups.
    pub fn read(&self) -> Checked<PlaceRead> {
        Checked::new(self.model.id)
    }
}

/// A place as named by an entry of a readable picture, loaded with the entry's proof.
pub fn place_view(proof: Checked<PlaceRead>, model: place::Model) -> Option<PlaceView> {
    (proof.id() == model.id).then(|| PlaceView::new(model))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::types::Coordinates;
    use chrono::{NaiveDate, Utc};
    use entity::picture_cadence;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn missed_periods_of_a_fortnightly_cadence() {
        let cadence = picture_cadence::Model {
            id: Uuid::nil(),
            council_id: Uuid::nil(),
            interval_days: 14,
            starts_on: d(2026, 1, 5),
        };
        let pictures = [d(2026, 1, 6), d(2026, 2, 3)];
        let missed = missed_periods(&cadence, &pictures, d(2026, 2, 16));
        assert_eq!(missed, vec![MissedPeriod { start: d(2026, 1, 19), end: d(2026, 2, 1) }]);
    }

    #[test]
    fn coordinates_are_validated() {
        assert!(Coordinates::parse(60.67, 17.14).is_ok());
        assert!(Coordinates::parse(91.0, 17.14).is_err());
        assert!(Coordinates::parse(60.0, -181.0).is_err());
        assert!(Coordinates::parse(f64::NAN, 0.0).is_err());
    }

    #[test]
    fn follow_ups_four_a_year() {
        let p = place::Model {
            id: Uuid::nil(),
            owner_organisation_id: Uuid::nil(),
            name: "Centralstationen".into(),
            district: None,
            municipality_code: None,
            latitude: 60.67,
            longitude: 17.14,
            follow_ups_per_year: Some(4),
            created_at: Utc::now(),
        };
        assert_eq!(next_follow_up_due(&p, Some(d(2026, 1, 1))), Some(d(2026, 4, 2)));
    }
}
