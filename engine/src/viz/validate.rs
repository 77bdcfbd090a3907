//! Field rules of visualization jobs (REFERENCE §9.1, §9.4, §12.2). Every refusal is a
//! [`crate::Refusal::BadParameter`] (which ModelArts numbers `ModelArts.0104`, the code the reference's
//! failure samples use for bad parameters) with a message naming the field, echoing the value as
//! ModelArts does ("Illegal name: %%123").

use super::{NewVizJob, ScheduleSpec};
use crate::{Error, Result, auth};

use rules::viz::TrainUrlProblem;
pub use rules::viz::{MAX_DESC, MAX_NAME, MAX_SCHEDULE_HOURS};

/// A create request whose every field passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidJob {
    /// `job_name`.
    pub name: String,
    /// `job_desc`, `""` when absent.
    pub desc: String,
    /// `train_url`.
    pub train_url: String,
    /// `TensorBoard` (default) or `MindInsight`.
    pub job_type: &'static str,
    /// `flavor.code`.
    pub flavor: Option<String>,
    /// Auto-stop hours, `None` for no auto-stop (absent or 0).
    pub schedule_hours: Option<u8>,
}

fn bad(message: impl Into<String>) -> Error {
    Error::invalid(message)
}

/// Echoes a client value in a message, cut short so a huge value does not bloat the error.
fn echo(value: &str) -> String {
    let mut s: String = value.chars().take(64).collect();
    if s.len() < value.len() {
        s.push('…');
    }
    s
}

/// Checks a create request.
pub fn new_job(input: NewVizJob) -> Result<ValidJob> {
    Ok(ValidJob {
        name: job_name(input.name.as_deref())?,
        desc: job_desc(input.desc.as_deref())?,
        train_url: train_url(input.train_url.as_deref())?,
        job_type: job_type(input.job_type.as_deref())?,
        flavor: input.flavor.filter(|f| !f.is_empty()),
        schedule_hours: schedule(&input.schedule)?,
    })
}

/// The path's project id (1–64 letters and digits).
pub fn project(project: &str) -> Result<()> {
    if auth::valid_project_id(project) {
        Ok(())
    } else {
        Err(bad(format!(
            "Illegal project_id: {}. project_id must be 1-64 letters and digits",
            echo(project)
        )))
    }
}

/// `job_name`: required, 1–20 of `[A-Za-z0-9_-]`.
pub fn job_name(name: Option<&str>) -> Result<String> {
    let rule = "job_name must be 1-20 characters of letters, digits, '_' and '-'";
    let Some(name) = name else {
        return Err(bad(format!("job_name is required: {rule}")));
    };
    if rules::viz::name_problem(name).is_none() {
        Ok(name.to_owned())
    } else {
        Err(bad(format!("Illegal name: {}. {rule}", echo(name))))
    }
}

/// `job_desc` on create: optional, 0–256 characters.
pub fn job_desc(desc: Option<&str>) -> Result<String> {
    let desc = desc.unwrap_or_default();
    if rules::viz::desc_ok(desc) {
        Ok(desc.to_owned())
    } else {
        Err(bad(format!(
            "The length of job_desc should be in [0,{MAX_DESC}]"
        )))
    }
}

/// `job_desc` on update: required (may be empty), 0–256 characters.
pub fn job_desc_required(desc: Option<&str>) -> Result<String> {
    match desc {
        None => Err(bad("job_desc is required")),
        Some(d) => job_desc(Some(d)),
    }
}

/// `job_type`: `TensorBoard` (default) or `MindInsight`, any case (the sample sends
/// `mindinsight`).
pub fn job_type(job_type: Option<&str>) -> Result<&'static str> {
    match job_type.map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("tensorboard") => Ok("TensorBoard"),
        Some("mindinsight") => Ok("MindInsight"),
        Some(_) => Err(bad(format!(
            "Illegal job_type: {}. job_type must be TensorBoard or MindInsight",
            echo(job_type.unwrap_or_default())
        ))),
    }
}

/// `schedule`: absent, or exactly one `{type:"stop", time_unit:"HOURS", duration:0..=24}`.
pub fn schedule(entries: &[ScheduleSpec]) -> Result<Option<u8>> {
    let entry = match entries {
        [] => return Ok(None),
        [one] => one,
        _ => {
            return Err(bad(
                "schedule must be an object or an array of exactly one object",
            ));
        }
    };
    if !entry
        .kind
        .as_deref()
        .is_some_and(|k| k.eq_ignore_ascii_case("stop"))
    {
        return Err(bad(format!(
            "Illegal schedule.type: {}. schedule.type must be stop",
            echo(entry.kind.as_deref().unwrap_or_default())
        )));
    }
    if !entry
        .time_unit
        .as_deref()
        .is_some_and(|u| u.eq_ignore_ascii_case("HOURS"))
    {
        return Err(bad(format!(
            "Illegal schedule.time_unit: {}. schedule.time_unit must be HOURS",
            echo(entry.time_unit.as_deref().unwrap_or_default())
        )));
    }
    let hours = entry
        .duration
        .as_deref()
        .and_then(|d| d.trim().parse::<u8>().ok())
        .filter(|h| rules::viz::schedule_hours_ok(*h))
        .ok_or_else(|| {
            bad(format!(
                "schedule.duration should be an integer in [0,{MAX_SCHEDULE_HOURS}]"
            ))
        })?;
    Ok((hours > 0).then_some(hours))
}

/// `train_url`: required; an OBS path `/bucket/dir/` (what ModelArts' samples send) or
/// `obs://bucket/dir/` / `s3://bucket/dir/`, or a local `file:///dir/`. Only the shape is
/// checked ([`rules::viz::train_url_problem`]: the console checks the same before sending).
pub fn train_url(url: Option<&str>) -> Result<String> {
    let url = url.unwrap_or_default();
    let why = match rules::viz::train_url_problem(url) {
        None => return Ok(url.to_owned()),
        Some(TrainUrlProblem::Missing) => {
            return Err(bad(
                "train_url is required: an OBS path such as /bucket/dir/ (or obs://bucket/dir/, s3://bucket/dir/)",
            ));
        }
        Some(TrainUrlProblem::Local) => "file:// paths must be absolute, without ..",
        Some(TrainUrlProblem::Scheme) => {
            "train_url must be an OBS path /bucket/dir/, obs://bucket/dir/ or s3://bucket/dir/"
        }
        Some(TrainUrlProblem::Bucket) => {
            "the bucket must be 3-63 characters of lower-case letters, digits, '-' and '.', \
             start and end with a letter or digit, and not look like an IP address"
        }
        Some(TrainUrlProblem::KeyTooLong) => {
            "the object path after the bucket is longer than 1024 characters"
        }
        Some(TrainUrlProblem::KeyChars) => {
            "the path must not contain control characters or backslashes"
        }
        Some(TrainUrlProblem::EmptySegment) => "the path must not contain empty segments (//)",
        Some(TrainUrlProblem::DotSegment) => "the path must not contain . or .. segments",
    };
    Err(bad(format!("Illegal train_url: {}. {why}", echo(url))))
}

/// A path `{job_id}`: a positive integer; anything else names no job.
pub fn job_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Refusal;

    fn code(e: Error) -> (Refusal, String) {
        match e {
            Error::InvalidArgument { kind, message } => (kind, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn job_names() {
        for ok in ["a", "visualization-job", "A_b-9", "12345678901234567890"] {
            assert_eq!(job_name(Some(ok)).unwrap(), ok);
        }
        for bad in [
            "",
            "%%123",
            "has space",
            "123456789012345678901",
            "点",
            "a.b",
        ] {
            let (c, m) = code(job_name(Some(bad)).unwrap_err());
            assert_eq!(c, Refusal::BadParameter);
            assert!(m.starts_with(&format!("Illegal name: {bad}")), "{m}");
            assert!(m.contains("job_name"), "{m}");
        }
        assert!(
            code(job_name(None).unwrap_err())
                .1
                .contains("job_name is required")
        );
    }

    #[test]
    fn descriptions_count_characters() {
        assert_eq!(job_desc(None).unwrap(), "");
        assert!(job_desc(Some(&"é".repeat(256))).is_ok());
        let (c, m) = code(job_desc(Some(&"x".repeat(257))).unwrap_err());
        assert_eq!(
            (c, m.as_str()),
            (
                Refusal::BadParameter,
                "The length of job_desc should be in [0,256]"
            )
        );
        assert!(job_desc_required(Some("")).is_ok());
        assert!(
            code(job_desc_required(None).unwrap_err())
                .1
                .contains("job_desc")
        );
    }

    #[test]
    fn train_urls_are_shape_checked() {
        for ok in [
            "/obs/name/",
            "/bucket/train/",
            "/my-bucket.logs/a/b/events.out.tfevents.1",
            "obs://bucket/dir/",
            "s3://bucket",
            "/bucket",
        ] {
            assert_eq!(train_url(Some(ok)).unwrap(), ok, "{ok}");
        }
        for bad in [
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
        ] {
            let (c, m) = code(train_url(Some(bad)).unwrap_err());
            assert_eq!(c, Refusal::BadParameter);
            assert!(m.contains("train_url"), "{bad}: {m}");
        }
        assert!(
            code(train_url(None).unwrap_err())
                .1
                .contains("train_url is required")
        );
        assert!(train_url(Some("")).is_err());
        assert!(train_url(Some(&format!("/bucket/{}", "a".repeat(1025)))).is_err());
    }

    #[test]
    fn job_types_default_and_ignore_case() {
        assert_eq!(job_type(None).unwrap(), "TensorBoard");
        assert_eq!(job_type(Some("mindinsight")).unwrap(), "MindInsight");
        assert_eq!(job_type(Some("TensorBoard")).unwrap(), "TensorBoard");
        assert!(
            code(job_type(Some("jupyter")).unwrap_err())
                .1
                .contains("job_type")
        );
    }

    fn spec(kind: &str, unit: &str, duration: &str) -> ScheduleSpec {
        ScheduleSpec {
            kind: Some(kind.into()),
            time_unit: Some(unit.into()),
            duration: Some(duration.into()),
        }
    }

    #[test]
    fn schedules() {
        assert_eq!(schedule(&[]).unwrap(), None);
        assert_eq!(schedule(&[spec("stop", "HOURS", "0")]).unwrap(), None);
        assert_eq!(schedule(&[spec("stop", "HOURS", "24")]).unwrap(), Some(24));
        assert_eq!(schedule(&[spec("stop", "HOURS", " 2 ")]).unwrap(), Some(2));
        for (s, field) in [
            (spec("start", "HOURS", "1"), "schedule.type"),
            (spec("stop", "MINUTES", "1"), "schedule.time_unit"),
            (spec("stop", "HOURS", "25"), "schedule.duration"),
            (spec("stop", "HOURS", "-1"), "schedule.duration"),
            (spec("stop", "HOURS", "1.5"), "schedule.duration"),
            (ScheduleSpec::default(), "schedule.type"),
        ] {
            let (c, m) = code(schedule(&[s]).unwrap_err());
            assert_eq!(c, Refusal::BadParameter);
            assert!(m.contains(field), "{m}");
        }
        let two = [spec("stop", "HOURS", "1"), spec("stop", "HOURS", "2")];
        assert!(code(schedule(&two).unwrap_err()).1.contains("one object"));
    }

    #[test]
    fn job_ids_are_positive_integers() {
        assert_eq!(job_id("10"), Some(10));
        for bad in ["0", "-1", "abc", "", "1.0", "99999999999999999999"] {
            assert_eq!(job_id(bad), None, "{bad}");
        }
    }
}
