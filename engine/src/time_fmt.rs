//! The time formats the cloud APIs use (REFERENCE §1.5), written once.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// Milliseconds since the epoch, as stored.
pub fn to_millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Inverse of [`to_millis`]; out-of-range values clamp to the epoch.
pub fn from_millis(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Now, truncated to milliseconds (what the store keeps).
pub fn now() -> OffsetDateTime {
    from_millis(to_millis(OffsetDateTime::now_utc()))
}

/// GES service-plane `startTime`/`endTime`: `2024-05-23 09:54:00` (UTC, no zone).
pub fn ges(t: OffsetDateTime) -> String {
    t.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second]"
    ))
    .unwrap_or_default()
}

/// Management v2 `begin_time`: `2018-12-17T12:55:40` (UTC, no Z).
pub fn management(t: OffsetDateTime) -> String {
    t.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]"
    ))
    .unwrap_or_default()
}

/// Cloud job query `begin_time`: `2019-04-25T20:04:47.591Z` (UTC, milliseconds, Z).
pub fn iso_millis(t: OffsetDateTime) -> String {
    t.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    ))
    .unwrap_or_default()
}

/// Parses a management-plane date filter `yyyy-MM-dd` as midnight UTC.
pub fn parse_date(s: &str) -> Option<OffsetDateTime> {
    // Exactly `yyyy-MM-dd`: `[year]` alone would also take a sign (`-2024-01-01`, `+2024-…`).
    if s.len() != 10 || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let date = time::Date::parse(s, format_description!("[year]-[month]-[day]")).ok()?;
    Some(date.midnight().assume_utc())
}

/// RFC 3339, for the console.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_match_the_reference_samples() {
        let t = from_millis(1_716_458_040_000); // 2024-05-23 09:54:00 UTC
        assert_eq!(ges(t), "2024-05-23 09:54:00");
        assert_eq!(management(t), "2024-05-23T09:54:00");
        assert_eq!(rfc3339(t), "2024-05-23T09:54:00Z");
        assert_eq!(to_millis(t), 1_716_458_040_000);
        assert_eq!(
            iso_millis(from_millis(1_556_222_687_591)),
            "2019-04-25T20:04:47.591Z"
        );
        assert_eq!(
            parse_date("2024-05-23").map(to_millis),
            Some(1_716_422_400_000)
        );
        assert_eq!(parse_date("2024-5-23"), None);
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("-2024-01-01"), None);
        assert_eq!(parse_date("+202-01-01"), None);
    }
}
