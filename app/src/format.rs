//! Text formatting shared by the pages: times, durations, ids and JSON values.
//!
//! Times arrive as RFC 3339 strings (`api::console`). They are parsed here by hand rather than
//! with a date crate, to keep the wasm bundle small; only the shapes the engine writes
//! (`YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`) need to be understood.

#[cfg(feature = "ssr")]
use serde_json::Value;

/// Milliseconds since the Unix epoch of an RFC 3339 timestamp, or `None` if it is malformed.
pub(crate) fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        s.get(from..to)?.parse::<u32>().ok().map(i64::from)
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Optional fraction: keep milliseconds.
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let minutes = num(i + 1, i + 3)? * 60 + num(i + 4, i + 6)?;
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(secs * 1_000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A compact human duration: `850 ms`, `4.2 s`, `3m 05s`, `2h 07m`, `3d 04h`.
pub(crate) fn duration(ms: i64) -> String {
    let ms = ms.max(0);
    if ms < 1_000 {
        return format!("{ms} ms");
    }
    if ms < 60_000 {
        return format!("{}.{} s", ms / 1_000, (ms % 1_000) / 100);
    }
    let secs = ms / 1_000;
    let (days, hours, minutes, seconds) =
        (secs / 86_400, secs / 3_600 % 24, secs / 60 % 60, secs % 60);
    if days > 0 {
        format!("{days}d {hours:02}h")
    } else if hours > 0 {
        format!("{hours}h {minutes:02}m")
    } else {
        format!("{minutes}m {seconds:02}s")
    }
}

/// How long a job ran: from `started` to `ended`, or to `now_ms` while it still runs.
/// `None` before it started or when a time is unreadable.
pub(crate) fn job_duration(
    started: Option<&str>,
    ended: Option<&str>,
    now_ms: i64,
) -> Option<String> {
    let start = parse_rfc3339_ms(started?)?;
    let end = match ended {
        Some(e) => parse_rfc3339_ms(e)?,
        None => now_ms,
    };
    Some(duration(end - start))
}

/// "1 hop", "3 hops".
#[cfg(feature = "ssr")]
pub(crate) fn hops(n: usize) -> String {
    if n == 1 {
        "1 hop".into()
    } else {
        format!("{n} hops")
    }
}

/// `2026-11-22 07:15:03` (UTC, seconds precision) from an RFC 3339 timestamp; the input
/// itself when it cannot be read.
pub(crate) fn short_time(rfc3339: &str) -> String {
    let Some(ms) = parse_rfc3339_ms(rfc3339) else {
        return rfc3339.to_string();
    };
    let secs = ms.div_euclid(1_000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// The first 8 characters of a job id followed by `…` (ids are 45 characters long).
pub(crate) fn short_id(id: &str) -> String {
    match id.char_indices().nth(8) {
        Some((i, _)) => format!("{}…", &id[..i]),
        None => id.to_string(),
    }
}

/// A JSON value as table text: strings without quotes, `null` as an empty cell, the rest as JSON.
#[cfg(feature = "ssr")]
pub(crate) fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_utc_offsets_and_fractions() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:01.5Z"), Some(1_500));
        assert_eq!(
            parse_rfc3339_ms("1970-01-01T00:00:01.123456789Z"),
            Some(1_123)
        );
        assert_eq!(parse_rfc3339_ms("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_rfc3339_ms("1969-12-31T23:00:00-01:00"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2026-11-22T07:15:03Z"),
            Some(1_795_331_703_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2000-02-29T00:00:00Z"),
            Some(951_782_400_000)
        );
    }

    #[test]
    fn rejects_malformed_times() {
        for bad in [
            "",
            "2026-11-22",
            "2026-11-22T07:15:03",
            "2026-13-01T00:00:00Z",
            "2026-11-22T07:15:03.Z",
            "2026-11-22T07:15:03+0100",
            "2026-11-22T07:15:03Zjunk",
            "abcd-11-22T07:15:03Z",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_durations_by_magnitude() {
        assert_eq!(duration(-5), "0 ms");
        assert_eq!(duration(850), "850 ms");
        assert_eq!(duration(1_000), "1.0 s");
        assert_eq!(duration(4_250), "4.2 s");
        assert_eq!(duration(59_999), "59.9 s");
        assert_eq!(duration(60_000), "1m 00s");
        assert_eq!(duration(185_000), "3m 05s");
        assert_eq!(duration(2 * 3_600_000 + 7 * 60_000 + 9_000), "2h 07m");
        assert_eq!(duration(3 * 86_400_000 + 4 * 3_600_000), "3d 04h");
    }

    #[test]
    fn job_duration_uses_now_while_running() {
        let start = "2026-11-22T07:15:00Z";
        let now = parse_rfc3339_ms("2026-11-22T07:15:30Z").unwrap();
        assert_eq!(
            job_duration(Some(start), None, now).as_deref(),
            Some("30.0 s")
        );
        assert_eq!(
            job_duration(Some(start), Some("2026-11-22T07:15:00.120Z"), now).as_deref(),
            Some("120 ms")
        );
        assert_eq!(job_duration(None, None, now), None);
        assert_eq!(job_duration(Some("garbage"), None, now), None);
    }

    #[test]
    fn short_time_is_utc_seconds() {
        assert_eq!(
            short_time("2026-11-22T07:15:03.999Z"),
            "2026-11-22 07:15:03"
        );
        assert_eq!(
            short_time("2026-11-22T08:15:03+01:00"),
            "2026-11-22 07:15:03"
        );
        assert_eq!(short_time("2000-02-29T23:59:59Z"), "2000-02-29 23:59:59");
        assert_eq!(short_time("not a time"), "not a time");
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 11_016, 20_414, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn short_ids_keep_eight_characters() {
        assert_eq!(
            short_id("4448c9fb-0b16-4a78-8d89-2a137c53454a001679122"),
            "4448c9fb…"
        );
        assert_eq!(short_id("short"), "short");
        assert_eq!(short_id("12345678"), "12345678");
    }

    #[test]
    fn cell_text_of_values() {
        assert_eq!(value_text(&json!("Vivian")), "Vivian");
        assert_eq!(value_text(&json!(0.25)), "0.25");
        assert_eq!(value_text(&json!(null)), "");
        assert_eq!(value_text(&json!([1, 2])), "[1,2]");
    }
}
