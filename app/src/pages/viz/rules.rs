//! The create form's field rules, checked in the browser before anything is sent. They mirror
//! the engine's (`engine/src/viz/validate.rs`, which the server applies again and whose
//! refusal the form shows with its ModelArts code); the wasm build cannot depend on the
//! engine, so the rules are restated here and the tests use the engine's own examples.
//! Messages say what to type rather than echoing ModelArts' wording.

use std::collections::BTreeMap;

/// Longest `job_name`.
const MAX_NAME: usize = 20;
/// Longest `job_desc`, in characters.
pub(crate) const MAX_DESC: usize = 256;
/// Longest auto-stop, in hours.
const MAX_HOURS: u8 = 24;
/// Longest object key (the part of `train_url` after the bucket), in characters.
const MAX_KEY: usize = 1024;

/// A field of the form; its [`Field::name`] is the input's `name` and `id` and the server
/// function's argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// `job_name`.
    JobName,
    /// `job_desc`.
    JobDesc,
    /// `train_url`.
    TrainUrl,
    /// `auto_stop_hours`.
    AutoStopHours,
}

impl Field {
    /// Every field, in form order.
    pub(crate) const ALL: [Field; 4] = [
        Self::JobName,
        Self::JobDesc,
        Self::TrainUrl,
        Self::AutoStopHours,
    ];

    /// The input's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::JobName => "job_name",
            Self::JobDesc => "job_desc",
            Self::TrainUrl => "train_url",
            Self::AutoStopHours => "auto_stop_hours",
        }
    }

    /// What is wrong with `value` for this field, if anything.
    pub(crate) fn check(self, value: &str) -> Option<String> {
        match self {
            Self::JobName => job_name(value),
            Self::JobDesc => job_desc(value),
            Self::TrainUrl => train_url(value),
            Self::AutoStopHours => auto_stop_hours(value).err(),
        }
    }
}

/// A message per field that is wrong.
pub(crate) type FormErrors = BTreeMap<Field, String>;

/// Checks every field; `value` gives a field's text.
pub(crate) fn validate(value: impl Fn(Field) -> String) -> FormErrors {
    Field::ALL
        .into_iter()
        .filter_map(|f| f.check(&value(f)).map(|m| (f, m)))
        .collect()
}

fn job_name(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("Enter a name: 1–20 letters, digits, _ or -.".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        let shown = if c == ' ' {
            "a space".into()
        } else {
            format!("“{c}”")
        };
        return Some(format!("Use only letters, digits, _ and - (not {shown})."));
    }
    (name.len() > MAX_NAME).then(|| {
        format!(
            "Use at most {MAX_NAME} characters (this has {}).",
            name.len()
        )
    })
}

fn job_desc(desc: &str) -> Option<String> {
    let n = desc.chars().count();
    (n > MAX_DESC).then(|| format!("Use at most {MAX_DESC} characters (this has {n})."))
}

fn train_url(url: &str) -> Option<String> {
    if url.is_empty() {
        return Some(
            "Enter the folder to show: obs://bucket/dir/, s3://bucket/dir/ or file:///dir/.".into(),
        );
    }
    if let Some(local) = url.strip_prefix("file://") {
        let ok = local.starts_with('/')
            && !local.split('/').any(|s| s == "..")
            && !local.chars().any(char::is_control);
        return (!ok).then(|| "A file:// path must be absolute (file:///dir/), without ..".into());
    }
    obs_path_problem(url).map(str::to_owned)
}

fn obs_path_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url
        .strip_prefix("obs://")
        .or_else(|| url.strip_prefix("s3://"))
        .or_else(|| url.strip_prefix('/'))
    else {
        return Some("Start with obs://, s3://, file:/// or / (an OBS path /bucket/dir/).");
    };
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if !bucket_ok(bucket) {
        return Some(
            "The bucket must be 3–63 lower-case letters, digits, - or ., start and end with a \
             letter or digit, and not be an IP address.",
        );
    }
    if key.chars().count() > MAX_KEY {
        return Some("The path after the bucket must be at most 1024 characters.");
    }
    if key.chars().any(|c| c.is_control() || c == '\\') {
        return Some("The path must not contain control characters or backslashes.");
    }
    let segments: Vec<&str> = key.split('/').collect();
    let (last, inner) = segments.split_last().unwrap_or((&"", &[]));
    if inner.iter().any(|s| s.is_empty()) {
        return Some("The path must not contain empty segments (//).");
    }
    if inner.iter().chain([last]).any(|s| *s == "." || *s == "..") {
        return Some("The path must not contain . or .. segments.");
    }
    None
}

/// OBS bucket names: 3–63 of `a-z0-9-.`, letter or digit at both ends, no `..`, `.-`, `-.`,
/// not an IPv4 address.
fn bucket_ok(bucket: &str) -> bool {
    let chars_ok = bucket
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    let ends_ok = bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
    let joins_ok = !["..", ".-", "-."].iter().any(|p| bucket.contains(p));
    let is_ip = bucket.parse::<std::net::Ipv4Addr>().is_ok();
    (3..=63).contains(&bucket.len()) && chars_ok && ends_ok && joins_ok && !is_ip
}

/// The auto-stop: empty for none, else a whole number of hours from 1 to 24.
pub(crate) fn auto_stop_hours(raw: &str) -> Result<Option<u8>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u8>()
        .ok()
        .filter(|h| (1..=MAX_HOURS).contains(h))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "Enter whole hours from 1 to {MAX_HOURS}, or leave it empty to run until stopped."
            )
        })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn job_names_follow_the_engine() {
        for ok in ["a", "visualization-job", "A_b-9", "12345678901234567890"] {
            assert_eq!(job_name(ok), None, "{ok}");
        }
        for bad in [
            "",
            "%%123",
            "has space",
            "123456789012345678901",
            "点",
            "a.b",
        ] {
            assert!(job_name(bad).is_some(), "{bad}");
        }
        assert_eq!(
            job_name("bad name!").as_deref(),
            Some("Use only letters, digits, _ and - (not a space).")
        );
        assert!(job_name(&"x".repeat(21)).unwrap().contains("(this has 21)"));
    }

    #[test]
    fn descriptions_count_characters_not_bytes() {
        assert_eq!(job_desc(""), None);
        assert_eq!(job_desc(&"é".repeat(256)), None);
        assert_eq!(
            job_desc(&"x".repeat(300)).as_deref(),
            Some("Use at most 256 characters (this has 300).")
        );
    }

    #[test]
    fn train_urls_follow_the_engine() {
        for ok in [
            "/obs/name/",
            "/bucket/train/",
            "/my-bucket.logs/a/b/events.out.tfevents.1",
            "obs://bucket/dir/",
            "s3://bucket",
            "/bucket",
            "file:///nonexistent-graphjobs-e2e/",
            "file:///data/dumps/pr/",
        ] {
            assert_eq!(train_url(ok), None, "{ok}");
        }
        for bad in [
            "",
            "bucket/dir/",
            "http://bucket/dir",
            "/",
            "/ab/dir",
            "/Bucket/dir",
            "/-bucket/dir",
            "/bucket-/dir",
            "/buc..ket/dir",
            "/192.168.1.1/dir",
            "/bucket//dir",
            "/bucket/../etc",
            "/bucket/a\\b",
            "/bucket/a\nb",
            "obs://",
            "file://relative/dir",
            "file:///data/../etc",
        ] {
            assert!(train_url(bad).is_some(), "{bad:?}");
        }
        assert!(train_url(&format!("/bucket/{}", "a".repeat(1025))).is_some());
        assert!(train_url(&format!("/bucket/{}", "a".repeat(1024))).is_none());
    }

    #[test]
    fn auto_stop_is_empty_or_1_to_24_hours() {
        assert_eq!(auto_stop_hours(""), Ok(None));
        assert_eq!(auto_stop_hours(" 2 "), Ok(Some(2)));
        assert_eq!(auto_stop_hours("24"), Ok(Some(24)));
        for bad in ["0", "25", "-1", "1.5", "two"] {
            assert!(auto_stop_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validate_reports_each_bad_field_once() {
        let long = "x".repeat(300);
        let errors = validate(|f| match f {
            Field::JobName => "bad name!".into(),
            Field::JobDesc => long.clone(),
            Field::TrainUrl => String::new(),
            Field::AutoStopHours => String::new(),
        });
        let fields: Vec<Field> = errors.keys().copied().collect();
        assert_eq!(fields, [Field::JobName, Field::JobDesc, Field::TrainUrl]);
        let ok = validate(|f| match f {
            Field::JobName => "pr-view".into(),
            Field::TrainUrl => "obs://bucket/dump/".into(),
            _ => String::new(),
        });
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn field_names_are_the_server_function_arguments() {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            ["job_name", "job_desc", "train_url", "auto_stop_hours"]
        );
    }
}
