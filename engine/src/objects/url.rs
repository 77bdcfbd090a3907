//! [`ObjectStoreUrl`]: what `--object-store` names.

use std::fmt;
use std::path::PathBuf;

/// Where graphs and results are kept, as `--object-store` names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ObjectStoreUrl {
    /// The data dir itself (no `--object-store`, or `file://` naming the data dir).
    #[default]
    DataDir,
    /// A directory (`file:///dir`), e.g. a mount every node sees.
    Dir(PathBuf),
    /// An S3 bucket and key prefix (`s3://bucket/prefix`) on the configured endpoint.
    S3 {
        /// Bucket name.
        bucket: String,
        /// Key prefix inside the bucket (no leading or trailing `/`; may be empty).
        prefix: String,
    },
}

/// The forms `--object-store` accepts, for the refusal of any other.
pub const ACCEPTED_FORMS: &str = "file:///absolute/dir or s3://bucket[/prefix]";

impl ObjectStoreUrl {
    /// Parses `file:///dir` or `s3://bucket/prefix`.
    ///
    /// # Errors
    /// A message naming the value and the accepted forms.
    pub fn parse(raw: &str) -> std::result::Result<Self, String> {
        let refuse = |why: &str| {
            format!("--object-store [{raw}] is not accepted: {why}; use {ACCEPTED_FORMS}")
        };
        if let Some(dir) = raw.strip_prefix("file://") {
            if !dir.starts_with('/') || dir.split('/').any(|s| s == "..") {
                return Err(refuse(
                    "a file:// store needs an absolute path without `..`",
                ));
            }
            return Ok(Self::Dir(PathBuf::from(dir)));
        }
        if let Some(rest) = raw.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let valid_bucket = (3..=63).contains(&bucket.len())
                && bucket.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'
                });
            if !valid_bucket {
                return Err(refuse("the bucket name must be 3-63 of a-z 0-9 - ."));
            }
            let prefix = prefix.trim_matches('/');
            if prefix.split('/').any(|s| s == "." || s == "..") {
                return Err(refuse("the prefix may not contain `.` or `..` segments"));
            }
            return Ok(Self::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.to_owned(),
            });
        }
        Err(refuse("unknown scheme"))
    }
}

impl fmt::Display for ObjectStoreUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DataDir => f.write_str("the data dir"),
            Self::Dir(d) => write!(f, "file://{}", d.display()),
            Self::S3 { bucket, prefix } if prefix.is_empty() => write!(f, "s3://{bucket}"),
            Self::S3 { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
        }
    }
}
