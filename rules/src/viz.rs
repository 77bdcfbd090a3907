//! Visualization job fields (REFERENCE §9.1, §9.4, §12.2): `job_name`, `job_desc`,
//! `train_url` and the auto-stop hours.

use crate::obs;

/// Longest `job_name`.
pub const MAX_NAME: usize = 20;
/// Longest `job_desc`, in characters.
pub const MAX_DESC: usize = 256;
/// Longest auto-stop (`schedule.duration`), in hours.
pub const MAX_SCHEDULE_HOURS: u8 = 24;
/// Longest object key of a `train_url` (the part after the bucket), in characters.
pub const MAX_KEY: usize = 1024;

/// Why a `job_name` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty.
    Empty,
    /// This character is not a letter, digit, `_` or `-`.
    Char(char),
    /// Longer than [`MAX_NAME`]; holds the length.
    TooLong(usize),
}

/// What is wrong with `job_name`, if anything: 1–20 of `[A-Za-z0-9_-]`.
pub fn name_problem(name: &str) -> Option<NameProblem> {
    if name.is_empty() {
        return Some(NameProblem::Empty);
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Some(NameProblem::Char(c));
    }
    (name.len() > MAX_NAME).then_some(NameProblem::TooLong(name.len()))
}

/// Whether `job_desc` is short enough: at most [`MAX_DESC`] characters (not bytes).
pub fn desc_ok(desc: &str) -> bool {
    desc.chars().count() <= MAX_DESC
}

/// Why a `train_url` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainUrlProblem {
    /// Empty.
    Missing,
    /// A `file://` path that is not absolute, has a `..` segment or a control character.
    Local,
    /// Neither `obs://`, `s3://`, `file://` nor `/`.
    Scheme,
    /// The bucket breaks OBS's rules ([`obs::bucket_problem`]).
    Bucket,
    /// The key after the bucket is longer than [`MAX_KEY`] characters.
    KeyTooLong,
    /// The key holds a control character or a backslash.
    KeyChars,
    /// The key has an empty segment (`//`).
    EmptySegment,
    /// The key has a `.` or `..` segment.
    DotSegment,
}

/// What is wrong with `train_url`, if anything. An OBS path `/bucket/dir/` (what ModelArts'
/// samples send), `obs://bucket/dir/`, `s3://bucket/dir/` or a local `file:///dir/`; only
/// the shape is checked.
pub fn train_url_problem(url: &str) -> Option<TrainUrlProblem> {
    if url.is_empty() {
        return Some(TrainUrlProblem::Missing);
    }
    if let Some(local) = url.strip_prefix("file://") {
        // The local form (the embedded default store): absolute, no `..`; the reader keeps it
        // below the data dir and the import roots.
        let ok = local.starts_with('/')
            && !local.split('/').any(|s| s == "..")
            && !local.chars().any(char::is_control);
        return (!ok).then_some(TrainUrlProblem::Local);
    }
    let Some(rest) = url
        .strip_prefix("obs://")
        .or_else(|| url.strip_prefix("s3://"))
        .or_else(|| url.strip_prefix('/'))
    else {
        return Some(TrainUrlProblem::Scheme);
    };
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if obs::bucket_problem(bucket).is_some() {
        return Some(TrainUrlProblem::Bucket);
    }
    if key.chars().count() > MAX_KEY {
        return Some(TrainUrlProblem::KeyTooLong);
    }
    if key.chars().any(|c| c.is_control() || c == '\\') {
        return Some(TrainUrlProblem::KeyChars);
    }
    let segments: Vec<&str> = key.split('/').collect();
    let (last, inner) = segments.split_last().unwrap_or((&"", &[]));
    if inner.iter().any(|s| s.is_empty()) {
        return Some(TrainUrlProblem::EmptySegment);
    }
    if inner.iter().chain([last]).any(|s| *s == "." || *s == "..") {
        return Some(TrainUrlProblem::DotSegment);
    }
    None
}

/// Whether `hours` is an auto-stop the API takes: 0 (none) to [`MAX_SCHEDULE_HOURS`].
pub fn schedule_hours_ok(hours: u8) -> bool {
    hours <= MAX_SCHEDULE_HOURS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_1_to_20_of_letters_digits_underscore_dash() {
        for ok in ["a", "visualization-job", "A_b-9", "12345678901234567890"] {
            assert_eq!(name_problem(ok), None, "{ok}");
        }
        assert_eq!(name_problem(""), Some(NameProblem::Empty));
        assert_eq!(name_problem("%%123"), Some(NameProblem::Char('%')));
        assert_eq!(name_problem("has space"), Some(NameProblem::Char(' ')));
        assert_eq!(name_problem("点"), Some(NameProblem::Char('点')));
        assert_eq!(name_problem("a.b"), Some(NameProblem::Char('.')));
        assert_eq!(
            name_problem("123456789012345678901"),
            Some(NameProblem::TooLong(21))
        );
    }

    #[test]
    fn descriptions_count_characters_not_bytes() {
        assert!(desc_ok(""));
        assert!(desc_ok(&"é".repeat(MAX_DESC)));
        assert!(!desc_ok(&"x".repeat(MAX_DESC + 1)));
    }

    #[test]
    fn train_urls_name_the_first_broken_rule() {
        for ok in [
            "/obs/name/",
            "/my-bucket.logs/a/b/events.out.tfevents.1",
            "obs://bucket/dir/",
            "s3://bucket",
            "/bucket",
            "file:///data/dumps/pr/",
        ] {
            assert_eq!(train_url_problem(ok), None, "{ok}");
        }
        use TrainUrlProblem::*;
        let cases = [
            ("", Missing),
            ("file://relative/dir", Local),
            ("file:///data/../etc", Local),
            ("file:///data/a\nb", Local),
            ("bucket/dir/", Scheme),
            ("http://bucket/dir", Scheme),
            ("/", Bucket),
            ("obs://", Bucket),
            ("/Bucket/dir", Bucket),
            ("/192.168.1.1/dir", Bucket),
            ("/bucket/a\\b", KeyChars),
            ("/bucket/a\nb", KeyChars),
            ("/bucket//dir", EmptySegment),
            ("/bucket/../etc", DotSegment),
            ("/bucket/a/.", DotSegment),
        ];
        for (raw, want) in cases {
            assert_eq!(train_url_problem(raw), Some(want), "{raw:?}");
        }
        let key = "a".repeat(MAX_KEY);
        assert_eq!(train_url_problem(&format!("/bucket/{key}")), None);
        assert_eq!(
            train_url_problem(&format!("/bucket/{key}a")),
            Some(KeyTooLong)
        );
    }

    #[test]
    fn auto_stop_is_0_to_24_hours() {
        assert!(schedule_hours_ok(0));
        assert!(schedule_hours_ok(24));
        assert!(!schedule_hours_ok(25));
    }
}
