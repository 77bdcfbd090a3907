//! The create form's field rules, checked in the browser before anything is sent. The rules
//! are the engine's own (the `rules` crate's `viz` module, which `engine/src/viz/validate.rs`
//! applies again on the server and whose refusal the form shows with its ModelArts code); this
//! file only words them. Messages say what to type rather than echoing ModelArts' wording.

use std::collections::BTreeMap;

use ::rules::viz::{MAX_DESC, MAX_KEY, MAX_NAME, MAX_SCHEDULE_HOURS, NameProblem, TrainUrlProblem};

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
    Some(match ::rules::viz::name_problem(name)? {
        NameProblem::Empty => format!("Enter a name: 1–{MAX_NAME} letters, digits, _ or -."),
        NameProblem::Char(c) => {
            let shown = if c == ' ' {
                "a space".into()
            } else {
                format!("“{c}”")
            };
            format!("Use only letters, digits, _ and - (not {shown}).")
        }
        NameProblem::TooLong(n) => format!("Use at most {MAX_NAME} characters (this has {n})."),
    })
}

fn job_desc(desc: &str) -> Option<String> {
    (!::rules::viz::desc_ok(desc)).then(|| {
        let n = desc.chars().count();
        format!("Use at most {MAX_DESC} characters (this has {n}).")
    })
}

fn train_url(url: &str) -> Option<String> {
    let why = match ::rules::viz::train_url_problem(url)? {
        TrainUrlProblem::Missing => {
            "Enter the folder to show: obs://bucket/dir/, s3://bucket/dir/ or file:///dir/."
        }
        TrainUrlProblem::Local => "A file:// path must be absolute (file:///dir/), without ..",
        TrainUrlProblem::Scheme => {
            "Start with obs://, s3://, file:/// or / (an OBS path /bucket/dir/)."
        }
        TrainUrlProblem::Bucket => {
            "The bucket must be 3–63 lower-case letters, digits, - or ., start and end with a \
             letter or digit, and not be an IP address."
        }
        TrainUrlProblem::KeyTooLong => {
            return Some(format!(
                "The path after the bucket must be at most {MAX_KEY} characters."
            ));
        }
        TrainUrlProblem::KeyChars => "The path must not contain control characters or backslashes.",
        TrainUrlProblem::EmptySegment => "The path must not contain empty segments (//).",
        TrainUrlProblem::DotSegment => "The path must not contain . or .. segments.",
    };
    Some(why.to_owned())
}

/// The auto-stop: empty for none, else a whole number of hours from 1 to 24.
pub(crate) fn auto_stop_hours(raw: &str) -> Result<Option<u8>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u8>()
        .ok()
        .filter(|h| *h >= 1 && ::rules::viz::schedule_hours_ok(*h))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "Enter whole hours from 1 to {MAX_SCHEDULE_HOURS}, or leave it empty to run until stopped."
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
