//! One typed property value: parsing CSV text by `dataType`, and the date format.

use std::ops::Range;

use crate::graph::schema::DataType;

/// Unix epoch as a Julian day number (1970-01-01).
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// One parsed property value, borrowing strings from the input line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value<'a> {
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    Bool(bool),
    /// Seconds since the Unix epoch (the date is taken as UTC).
    Date(i64),
    /// Index into the enum's names.
    Enum(u16),
    Str(&'a str),
}

/// Parses one value of type `dt`. The error is the reason (without the property name).
pub(crate) fn parse_value<'a>(dt: &DataType, text: &'a str) -> Result<Value<'a>, String> {
    let bad = || format!("invalid {} value [{text}]", dt.as_str());
    let t = trimmed(text);
    Ok(match dt {
        DataType::Int => Value::Int(t.parse().map_err(|_| bad())?),
        DataType::Long => Value::Long(t.parse().map_err(|_| bad())?),
        DataType::Float => Value::Float(t.parse().map_err(|_| bad())?),
        DataType::Double => Value::Double(t.parse().map_err(|_| bad())?),
        DataType::Bool => match t.to_ascii_lowercase().as_str() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => return Err(bad()),
        },
        DataType::Date => Value::Date(parse_date(t).ok_or_else(bad)?),
        DataType::Enum(names) => {
            Value::Enum(names.iter().position(|n| n == text).ok_or_else(bad)? as u16)
        }
        DataType::Char => {
            if text.chars().count() != 1 {
                return Err(format!(
                    "invalid char value [{text}] (exactly one character)"
                ));
            }
            Value::Str(text)
        }
        DataType::CharArray { max_data_size } => {
            if text.len() > *max_data_size as usize {
                return Err(format!(
                    "char array value [{text}] is longer than maxDataSize {max_data_size}"
                ));
            }
            Value::Str(text)
        }
        DataType::String => Value::Str(text),
    })
}

/// `text` without its leading and trailing whitespace (`str::trim`). A text that starts and
/// ends with a printable ASCII byte, as every number a program writes does, is returned as it
/// is without looking further.
#[inline]
fn trimmed(text: &str) -> &str {
    let printable = |b: &u8| (b'!'..=b'~').contains(b);
    let b = text.as_bytes();
    if b.first().is_some_and(printable) && b.last().is_some_and(printable) {
        text
    } else {
        text.trim()
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (a `T` separator is accepted too) to epoch seconds.
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if !(b.len() == 10 || b.len() == 19) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: Range<usize>| -> Option<i64> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let month = time::Month::try_from(num(5..7)? as u8).ok()?;
    let date = time::Date::from_calendar_date(num(0..4)? as i32, month, num(8..10)? as u8).ok()?;
    let mut secs = (date.to_julian_day() as i64 - UNIX_EPOCH_JULIAN_DAY) * 86_400;
    if b.len() == 19 {
        if !(b[10] == b' ' || b[10] == b'T') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if h > 23 || m > 59 || sec > 59 {
            return None;
        }
        secs += h * 3600 + m * 60 + sec;
    }
    Some(secs)
}

/// Epoch seconds to `YYYY-MM-DD HH:MM:SS` (dates are always rendered with a time).
pub(crate) fn format_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    match time::Date::from_julian_day((days + UNIX_EPOCH_JULIAN_DAY) as i32) {
        Ok(d) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            d.year(),
            d.month() as u8,
            d.day(),
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        ),
        Err(_) => secs.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_date_only_means_midnight() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("1969-12-31 23:59:59"), Some(-1));
        assert_eq!(
            format_date(parse_date("2024-02-29 09:54:00").unwrap()),
            "2024-02-29 09:54:00"
        );
        assert_eq!(
            format_date(parse_date("2000-11-21").unwrap()),
            "2000-11-21 00:00:00"
        );
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-01-01 24:00:00"), None);
    }

    #[test]
    fn numbers_lose_the_whitespace_str_trim_removes_and_nothing_else() {
        let texts = [
            "7",
            "-7",
            " 7",
            "7 ",
            "\t7\r",
            "\u{b}7",
            "7\u{c}",
            "\u{3000}7",
            "7\u{85}",
            "\u{a0}7",
            "7\u{2028}",
            "\u{1}7",
            "7\u{7f}",
            "",
            " ",
            "x7",
            "7é",
        ];
        for text in texts {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
            let int = parse_value(&DataType::Int, text).ok();
            assert_eq!(int, text.trim().parse().ok().map(Value::Int), "{text:?}");
        }
    }
}
