//! Swedish public holidays (allmänna helgdagar, lag 1989:253) and the eves that offices
//! treat as holidays (påskafton, midsommarafton, julafton, nyårsafton).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday (Gregorian computus, the anonymous "Meeus/Jones/Butcher" algorithm).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The first `weekday` on or after `from`.
fn next_weekday(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(i64::from(ahead))
}

/// The holidays and office-closed eves of a year, with their Swedish names, in date order.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut days: Vec<(Option<NaiveDate>, &'static str)> = vec![
        (date(1, 1), "Nyårsdagen"),
        (date(1, 6), "Trettondedag jul"),
        (date(5, 1), "Första maj"),
        (date(6, 6), "Sveriges nationaldag"),
        (date(12, 24), "Julafton"),
        (date(12, 25), "Juldagen"),
        (date(12, 26), "Annandag jul"),
        (date(12, 31), "Nyårsafton"),
    ];
    if let Some(easter) = easter_sunday(year) {
        days.extend([
            (Some(easter - Duration::days(2)), "Långfredagen"),
            (Some(easter - Duration::days(1)), "Påskafton"),
            (Some(easter), "Påskdagen"),
            (Some(easter + Duration::days(1)), "Annandag påsk"),
            (Some(easter + Duration::days(39)), "Kristi himmelsfärdsdag"),
            (Some(easter + Duration::days(49)), "Pingstdagen"),
        ]);
    }
    // Midsommardagen: the Saturday 20–26 June; its eve the Friday before.
    if let Some(midsummer) = date(6, 20).map(|d| next_weekday(d, Weekday::Sat)) {
        days.push((Some(midsummer - Duration::days(1)), "Midsommarafton"));
        days.push((Some(midsummer), "Midsommardagen"));
    }
    // Alla helgons dag: the Saturday 31 October – 6 November.
    days.push((date(10, 31).map(|d| next_weekday(d, Weekday::Sat)), "Alla helgons dag"));
    let mut out: Vec<(NaiveDate, &'static str)> =
        days.into_iter().filter_map(|(d, n)| d.map(|d| (d, n))).collect();
    out.sort();
    out
}

/// The holiday on `date`, if any.
pub fn holiday(date: NaiveDate) -> Option<&'static str> {
    holidays(date.year()).into_iter().find(|(d, _)| *d == date).map(|(_, name)| name)
}

/// A weekday that is not a holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday(date).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn easter_dates_match_the_almanac() {
        for (year, expected) in [
            (2024, d(2024, 3, 31)),
            (2025, d(2025, 4, 20)),
            (2026, d(2026, 4, 5)),
            (2027, d(2027, 3, 28)),
            (2028, d(2028, 4, 16)),
        ] {
            assert_eq!(easter_sunday(year), Some(expected), "{year}");
        }
    }

    #[test]
    fn moving_holidays_of_2027() {
        assert_eq!(holiday(d(2027, 5, 6)), Some("Kristi himmelsfärdsdag"));
        assert_eq!(holiday(d(2027, 6, 25)), Some("Midsommarafton"));
        assert_eq!(holiday(d(2027, 6, 26)), Some("Midsommardagen"));
        assert_eq!(holiday(d(2027, 3, 26)), Some("Långfredagen"));
        assert_eq!(holiday(d(2027, 3, 29)), Some("Annandag påsk"));
        assert_eq!(holiday(d(2027, 11, 6)), Some("Alla helgons dag"));
        assert_eq!(holiday(d(2027, 5, 5)), None);
    }

    #[test]
    fn working_days() {
        assert!(!is_working_day(d(2026, 12, 24)));
        assert!(!is_working_day(d(2026, 11, 21))); // a Saturday
        assert!(is_working_day(d(2026, 11, 23)));
    }
}
