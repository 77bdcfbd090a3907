//! OBS bucket and object names (REFERENCE §12.2): the paths a job reads from or writes to.

/// Longest object name, in bytes.
pub const MAX_OBJECT_NAME_BYTES: usize = 1024;

/// Why a bucket name breaks OBS's rules, the first rule broken in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketProblem {
    /// Not 3–63 characters.
    Length,
    /// A character other than lower-case letters, digits, `-` and `.`.
    Chars,
    /// Does not start and end with a letter or digit.
    Ends,
    /// Contains `..`, `.-` or `-.`.
    Joins,
    /// Reads as an IPv4 address.
    IpAddress,
}

/// What is wrong with the bucket name `b`, if anything.
pub fn bucket_problem(b: &str) -> Option<BucketProblem> {
    let edge = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !(3..=63).contains(&b.len()) {
        Some(BucketProblem::Length)
    } else if !b
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.')
    {
        Some(BucketProblem::Chars)
    } else if !edge(b.bytes().next()) || !edge(b.bytes().last()) {
        Some(BucketProblem::Ends)
    } else if b.contains("..") || b.contains(".-") || b.contains("-.") {
        Some(BucketProblem::Joins)
    } else if b.parse::<std::net::Ipv4Addr>().is_ok() {
        Some(BucketProblem::IpAddress)
    } else {
        None
    }
}

/// Why an object name (the key after the bucket) breaks GES's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectNameProblem {
    /// Longer than [`MAX_OBJECT_NAME_BYTES`].
    TooLong,
    /// This character is not one GES allows (`0-9 a-z A-Z ! - _ . * ' ( ) /` and CJK).
    Char(char),
    /// An empty, `.` or `..` segment (a trailing `/` is allowed).
    Segment,
}

/// What is wrong with the object name `key`, if anything: GES's object-name rules, plus no
/// empty, `.` or `..` segments.
pub fn object_name_problem(key: &str) -> Option<ObjectNameProblem> {
    if key.len() > MAX_OBJECT_NAME_BYTES {
        return Some(ObjectNameProblem::TooLong);
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || "!-_.*'()/".contains(c)
            || ('\u{4e00}'..='\u{9fa5}').contains(&c)
    };
    if let Some(c) = key.chars().find(|&c| !allowed(c)) {
        return Some(ObjectNameProblem::Char(c));
    }
    let trimmed = key.strip_suffix('/').unwrap_or(key);
    let bad_segment = !trimmed.is_empty()
        && trimmed
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    bad_segment.then_some(ObjectNameProblem::Segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_break_the_first_rule_in_order() {
        for ok in ["dumps", "my.bucket-1", "abc", &"a".repeat(63)] {
            assert_eq!(bucket_problem(ok), None, "{ok}");
        }
        let cases = [
            ("ab", BucketProblem::Length),
            (&"a".repeat(64) as &str, BucketProblem::Length),
            ("Dumps", BucketProblem::Chars),
            ("demo_movie", BucketProblem::Chars),
            ("-abc", BucketProblem::Ends),
            ("abc.", BucketProblem::Ends),
            ("a..b", BucketProblem::Joins),
            ("a.-b", BucketProblem::Joins),
            ("a-.b", BucketProblem::Joins),
            ("10.0.0.1", BucketProblem::IpAddress),
        ];
        for (raw, want) in cases {
            assert_eq!(bucket_problem(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn object_names_allow_ges_characters_and_a_trailing_slash() {
        for ok in ["", "pr/", "a/b/c.csv", "x!-_.*'()", "图/数据"] {
            assert_eq!(object_name_problem(ok), None, "{ok}");
        }
        assert_eq!(
            object_name_problem("a b"),
            Some(ObjectNameProblem::Char(' '))
        );
        assert_eq!(
            object_name_problem("a?b"),
            Some(ObjectNameProblem::Char('?'))
        );
        for bad in ["a//b", "a/../b", "./a", "/a"] {
            assert_eq!(
                object_name_problem(bad),
                Some(ObjectNameProblem::Segment),
                "{bad}"
            );
        }
        let long = "k".repeat(MAX_OBJECT_NAME_BYTES);
        assert_eq!(object_name_problem(&long), None);
        assert_eq!(
            object_name_problem(&format!("{long}k")),
            Some(ObjectNameProblem::TooLong)
        );
    }
}
