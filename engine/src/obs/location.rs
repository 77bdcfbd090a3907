//! Parsing and validating OBS and local paths (REFERENCE §12.2, DECISIONS.md "OBS").

use std::path::PathBuf;

use crate::{Error, Result};

/// Where a job reads or writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A bucket on the configured S3-compatible endpoint; `key` is the prefix or object key
    /// without a leading `/` (may be empty: the bucket root).
    Bucket {
        /// Bucket name.
        bucket: String,
        /// Object key or prefix.
        key: String,
    },
    /// A local absolute path (still to be checked against the allowed roots).
    Local(PathBuf),
}

impl Location {
    /// Parses `bucket/key`, `obs://bucket/key`, `s3://bucket/key`, `file:///abs` or `/abs`.
    ///
    /// # Errors
    /// `InvalidArgument` naming the rule that was broken: bucket names (3–63 of
    /// `a-z 0-9 - .`, …), object names (GES's allowed characters, ≤ 1024 bytes), `.`/`..`
    /// segments, a relative local path.
    pub fn parse(raw: &str) -> Result<Self> {
        let refuse = |why: &str| Error::invalid(format!("path [{raw}] is invalid: {why}"));
        if let Some(local) = raw.strip_prefix("file://") {
            if !local.starts_with('/') {
                return Err(refuse("file:// paths must be absolute (file:///…)"));
            }
            return Ok(Self::Local(PathBuf::from(local)));
        }
        if raw.starts_with('/') {
            return Ok(Self::Local(PathBuf::from(raw)));
        }
        let rest = raw
            .strip_prefix("obs://")
            .or_else(|| raw.strip_prefix("s3://"))
            .unwrap_or(raw);
        if rest.contains("://") {
            return Err(refuse(
                "only bucket/key, obs://bucket/key and file:///… are supported",
            ));
        }
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        check_bucket(bucket).map_err(|why| refuse(&why))?;
        check_key(key).map_err(|why| refuse(&why))?;
        Ok(Self::Bucket {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
        })
    }

    /// Whether this is a bucket path (needs credentials and a configured endpoint).
    pub fn is_bucket(&self) -> bool {
        matches!(self, Self::Bucket { .. })
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bucket { bucket, key } => write!(f, "obs://{bucket}/{key}"),
            Self::Local(p) => write!(f, "file://{}", p.display()),
        }
    }
}

/// Whether a raw path names a bucket (without validating it).
pub(crate) fn looks_like_bucket(raw: &str) -> bool {
    !(raw.starts_with('/') || raw.starts_with("file://"))
}

/// OBS bucket rules (REFERENCE §12.2; [`rules::obs::bucket_problem`], which the console's
/// export form checks too).
fn check_bucket(b: &str) -> std::result::Result<(), String> {
    use rules::obs::BucketProblem;
    let why = match rules::obs::bucket_problem(b) {
        None => return Ok(()),
        Some(BucketProblem::Length) => "must be 3-63 characters",
        Some(BucketProblem::Chars) => "may only contain lower-case letters, digits, '-' and '.'",
        Some(BucketProblem::Ends) => "must start and end with a letter or digit",
        Some(BucketProblem::Joins) => "must not contain '..', '.-' or '-.'",
        Some(BucketProblem::IpAddress) => "must not be an IP address",
    };
    Err(format!("bucket name [{b}] {why}"))
}

/// GES object-name rules (REFERENCE §12.2), plus: no empty, `.` or `..` segments
/// ([`rules::obs::object_name_problem`]).
fn check_key(key: &str) -> std::result::Result<(), String> {
    use rules::obs::ObjectNameProblem;
    match rules::obs::object_name_problem(key) {
        None => Ok(()),
        Some(ObjectNameProblem::TooLong) => Err("object names are at most 1024 bytes".into()),
        Some(ObjectNameProblem::Char(c)) => Err(format!(
            "object name character {c:?} is not allowed (allowed: 0-9 a-z A-Z ! - _ . * ' ( ) /)"
        )),
        Some(ObjectNameProblem::Segment) => {
            Err("object names must not contain empty, '.' or '..' segments".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_forms_parse_to_bucket_and_key() {
        for raw in ["dumps/pr/", "obs://dumps/pr/", "s3://dumps/pr/"] {
            assert_eq!(
                Location::parse(raw).unwrap(),
                Location::Bucket {
                    bucket: "dumps".into(),
                    key: "pr/".into()
                },
                "{raw}"
            );
        }
        assert_eq!(
            Location::parse("my.bucket-1").unwrap(),
            Location::Bucket {
                bucket: "my.bucket-1".into(),
                key: String::new()
            }
        );
    }

    #[test]
    fn local_forms_parse_to_paths() {
        assert_eq!(
            Location::parse("file:///tmp/x").unwrap(),
            Location::Local("/tmp/x".into())
        );
        assert_eq!(
            Location::parse("/tmp/x").unwrap(),
            Location::Local("/tmp/x".into())
        );
        assert!(Location::parse("file://relative/x").is_err());
    }

    #[test]
    fn broken_rules_are_refused_with_the_rule() {
        let msg = |raw: &str| Location::parse(raw).unwrap_err().to_string();
        assert!(msg("demo_movie/").contains("lower-case letters"));
        assert!(msg("ab/x").contains("3-63"));
        assert!(msg("-abc/x").contains("start and end"));
        assert!(msg("a..b/x").contains("'..'"));
        assert!(msg("10.0.0.1/x").contains("IP address"));
        assert!(msg("dumps/a/../b").contains("'..' segments"));
        assert!(msg("dumps/a b").contains("not allowed"));
        assert!(msg("dumps/a?b").contains("not allowed"));
        assert!(msg("http://dumps/a").contains("only bucket/key"));
    }
}
