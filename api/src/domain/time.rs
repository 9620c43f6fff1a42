//! Swedish time: meetings are entered and shown in Europe/Stockholm and stored in UTC.
//!
//! A local time that does not exist (the hour skipped when summer time starts) is bad
//! input; one that exists twice (the hour repeated in October) means the first.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{Europe::Stockholm, Tz};

use crate::error::{AppError, AppResult};

/// The time zone everything is shown in.
pub const ZONE: Tz = Stockholm;

/// Local Swedish time to UTC.
pub fn to_utc(field: &'static str, local: NaiveDateTime) -> AppResult<DateTime<Utc>> {
    ZONE.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(|| {
        AppError::bad_input(
            field,
            "this time does not exist in Swedish time (the clocks move forward)",
        )
    })
}

/// UTC to local Swedish time.
pub fn to_local(utc: DateTime<Utc>) -> NaiveDateTime {
    utc.with_timezone(&ZONE).naive_local()
}

/// Today's date in Sweden.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&ZONE).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).unwrap_or_default()
    }

    #[test]
    fn winter_and_summer_offsets() {
        assert_eq!(to_utc("t", at(2027, 2, 16, 13, 0)).map(|t| t.hour()).ok(), Some(12));
        assert_eq!(to_utc("t", at(2027, 5, 18, 13, 0)).map(|t| t.hour()).ok(), Some(11));
    }

    #[test]
    fn the_skipped_hour_is_refused_and_the_repeated_hour_is_the_first() {
        assert!(to_utc("t", at(2027, 3, 28, 2, 30)).is_err());
        let repeated = to_utc("t", at(2027, 10, 31, 2, 30)).map(|t| t.hour()).ok();
        assert_eq!(repeated, Some(0));
    }

    #[test]
    fn local_roundtrip() {
        let local = at(2027, 7, 1, 9, 15);
        assert_eq!(to_utc("t", local).map(to_local).ok(), Some(local));
    }
}
