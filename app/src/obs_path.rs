//! Checks an export path in the browser before a dump is submitted, so the form can say what
//! is wrong next to the field. The bucket and object-name rules are the engine's own (the
//! `rules` crate's `obs` module, which `engine::obs::location` applies again on submit); this
//! file words them for the form and saves a round trip.

use ::rules::obs::{BucketProblem, MAX_OBJECT_NAME_BYTES, ObjectNameProblem};

/// Why `raw` cannot be an export path, or `None` when it can.
pub(crate) fn problem(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some("Give a path: obs://bucket/dir/ or file:///dir/.".into());
    }
    if let Some(local) = raw.strip_prefix("file://") {
        return local_problem(local);
    }
    if raw.starts_with('/') {
        return local_problem(raw);
    }
    let rest = raw
        .strip_prefix("obs://")
        .or_else(|| raw.strip_prefix("s3://"))
        .unwrap_or(raw);
    if rest.contains("://") {
        return Some("Use obs://bucket/key, s3://bucket/key or file:///path.".into());
    }
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    bucket_problem(bucket).or_else(|| key_problem(key))
}

fn local_problem(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return Some("file:// paths must be absolute (file:///…).".into());
    }
    path.split('/')
        .any(|s| s == "..")
        .then(|| "'..' is not allowed in a path.".into())
}

fn bucket_problem(b: &str) -> Option<String> {
    let why = match ::rules::obs::bucket_problem(b)? {
        BucketProblem::Length => "must be 3–63 characters",
        BucketProblem::Chars => "may only contain lower-case letters, digits, '-' and '.'",
        BucketProblem::Ends => "must start and end with a letter or digit",
        BucketProblem::Joins => "must not contain '..', '.-' or '-.'",
        BucketProblem::IpAddress => "must not be an IP address",
    };
    Some(format!("Bucket name \"{b}\" {why}."))
}

fn key_problem(key: &str) -> Option<String> {
    Some(match ::rules::obs::object_name_problem(key)? {
        ObjectNameProblem::TooLong => {
            format!("Object names are at most {MAX_OBJECT_NAME_BYTES} bytes.")
        }
        ObjectNameProblem::Char(c) => format!(
            "The character {c:?} is not allowed in object names (0-9 a-z A-Z ! - _ . * ' ( ) /)."
        ),
        ObjectNameProblem::Segment => {
            "Object names must not contain empty, '.' or '..' segments.".into()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn valid_bucket_and_local_paths_pass() {
        for ok in [
            "dumps/pr/",
            "obs://dumps/pr/",
            "s3://my.bucket-1/a/b/c.csv",
            "file:///srv/dumps/",
            "/srv/dumps",
            "dumps",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn each_rule_names_what_is_wrong() {
        let cases = [
            ("", "Give a path"),
            ("ab/x", "3–63"),
            ("Dumps/x", "lower-case"),
            ("-dumps/x", "start and end"),
            ("du..mps/x", "'..'"),
            ("192.168.1.1/x", "IP address"),
            ("dumps/a b", "' '"),
            ("dumps/a//b", "segments"),
            ("dumps/../b", "segments"),
            ("file://rel/dir", "absolute"),
            ("file:///srv/../etc", "'..'"),
            ("http://host/x", "obs://bucket/key"),
        ];
        for (raw, needle) in cases {
            let why = problem(raw).unwrap_or_else(|| panic!("{raw:?} passed"));
            assert!(why.contains(needle), "{raw:?}: {why}");
        }
        assert!(problem(&format!("dumps/{}", "k".repeat(1025))).is_some());
    }
}
