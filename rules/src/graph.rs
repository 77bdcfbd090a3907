//! Graphs: their names (they appear in paths: `/graphs/{graph_name}`) and how many parts a
//! partitioned import may cut one into.

/// The most parts a graph is cut into (an import's `partitions`: 1 to this).
pub const MAX_PARTS: u32 = 256;

/// Longest graph name, in characters.
pub const MAX_GRAPH_NAME: usize = 64;

/// The graph-name rule as an HTML `pattern` attribute (the import form's name input), so the
/// browser refuses what [`graph_name_ok`] refuses without running any code.
pub const GRAPH_NAME_PATTERN: &str = "[A-Za-z][A-Za-z0-9_\\-]{0,63}";

/// Why a graph name is refused, the first rule broken in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphNameProblem {
    /// Empty.
    Empty,
    /// Longer than [`MAX_GRAPH_NAME`] bytes.
    TooLong,
    /// Does not start with an ASCII letter.
    Start,
    /// A character other than ASCII letters, digits, `_` and `-`.
    Chars,
}

/// What is wrong with the graph name `name`, if anything: 1–64 characters, letters, digits,
/// `_` and `-`, starting with a letter.
pub fn graph_name_problem(name: &str) -> Option<GraphNameProblem> {
    if name.is_empty() {
        Some(GraphNameProblem::Empty)
    } else if name.len() > MAX_GRAPH_NAME {
        Some(GraphNameProblem::TooLong)
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some(GraphNameProblem::Start)
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        Some(GraphNameProblem::Chars)
    } else {
        None
    }
}

/// Whether `name` can be a graph name ([`graph_name_problem`] finds nothing).
pub fn graph_name_ok(name: &str) -> bool {
    graph_name_problem(name).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_names_start_with_a_letter_and_hold_at_most_64() {
        for ok in ["g", "movie", "A_b-9", &"a".repeat(64)] {
            assert!(graph_name_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "9lives",
            "_x",
            "-x",
            "a b",
            "a.b",
            "点",
            &"a".repeat(65),
        ] {
            assert!(!graph_name_ok(bad), "{bad}");
        }
    }

    #[test]
    fn each_broken_rule_is_named() {
        use GraphNameProblem::*;
        let long = "a".repeat(65);
        let cases = [
            ("", Empty),
            (long.as_str(), TooLong),
            ("1abc", Start),
            ("_abc", Start),
            ("a b", Chars),
            ("añb", Chars),
        ];
        for (raw, want) in cases {
            assert_eq!(graph_name_problem(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn the_pattern_states_the_same_length() {
        // A letter, then up to MAX_GRAPH_NAME - 1 more.
        let repeat = format!("{{0,{}}}", MAX_GRAPH_NAME - 1);
        assert!(
            GRAPH_NAME_PATTERN.ends_with(&repeat),
            "{GRAPH_NAME_PATTERN}"
        );
        assert!(GRAPH_NAME_PATTERN.starts_with("[A-Za-z]"));
    }
}
