//! Checks an export path in the browser before a dump is submitted, so the form can say what
//! is wrong next to the field. The rules are those of `engine::obs::location` (REFERENCE §12.2:
//! bucket names, GES object names, no `.`/`..` segments, absolute `file://` paths); the engine
//! checks again on submit and stays the authority — this copy only saves a round trip.

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
    let edge = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let why = if !(3..=63).contains(&b.len()) {
        "must be 3–63 characters"
    } else if !b
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.')
    {
        "may only contain lower-case letters, digits, '-' and '.'"
    } else if !edge(b.bytes().next()) || !edge(b.bytes().last()) {
        "must start and end with a letter or digit"
    } else if b.contains("..") || b.contains(".-") || b.contains("-.") {
        "must not contain '..', '.-' or '-.'"
    } else if b.parse::<std::net::Ipv4Addr>().is_ok() {
        "must not be an IP address"
    } else {
        return None;
    };
    Some(format!("Bucket name \"{b}\" {why}."))
}

fn key_problem(key: &str) -> Option<String> {
    if key.len() > 1024 {
        return Some("Object names are at most 1024 bytes.".into());
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || "!-_.*'()/".contains(c)
            || ('\u{4e00}'..='\u{9fa5}').contains(&c)
    };
    if let Some(c) = key.chars().find(|&c| !allowed(c)) {
        return Some(format!(
            "The character {c:?} is not allowed in object names (0-9 a-z A-Z ! - _ . * ' ( ) /)."
        ));
    }
    let trimmed = key.strip_suffix('/').unwrap_or(key);
    let bad_segment = !trimmed.is_empty()
        && trimmed
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    bad_segment.then(|| "Object names must not contain empty, '.' or '..' segments.".into())
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
