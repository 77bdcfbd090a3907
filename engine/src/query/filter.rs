//! One property filter and its evaluation on an element's rendered property values.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// GES filter predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Predicate {
    /// `=`.
    Eq,
    /// `<`.
    Lt,
    /// `>`.
    Gt,
    /// `<=`.
    Le,
    /// `>=`.
    Ge,
    /// `range`: `values[0] ≤ v ≤ values[1]`.
    Range,
    /// `has`: holds any of the values.
    Has,
    /// `hasNot`: holds none of the values.
    HasNot,
}

impl Predicate {
    /// Parses the wire word.
    pub fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "=" => Self::Eq,
            "<" => Self::Lt,
            ">" => Self::Gt,
            "<=" => Self::Le,
            ">=" => Self::Ge,
            "range" => Self::Range,
            "has" => Self::Has,
            "hasNot" => Self::HasNot,
            _ => return None,
        })
    }

    /// Whether the predicate compares a single value (refused on list/set properties).
    pub fn is_comparison(self) -> bool {
        !matches!(self, Self::Has | Self::HasNot)
    }
}

/// How a filter joins the filters before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Combine {
    /// Both must hold (default).
    And,
    /// Either may hold.
    Or,
}

/// `{propertyName, predicate, values, type}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// The property compared.
    pub property: String,
    /// The predicate.
    pub predicate: Predicate,
    /// Its operands as text (JSON numbers rendered as text).
    pub values: Vec<String>,
    /// How it joins the filters before it.
    pub combine: Combine,
}

/// A property of one element as the filter sees it.
pub(crate) struct Seen<'a> {
    /// The rendered values (none when absent).
    pub values: &'a [String],
    /// Compare numerically.
    pub numeric: bool,
}

impl Filter {
    /// Whether an element with this property (or without it: `None`) matches.
    pub(crate) fn matches(&self, seen: Option<Seen<'_>>) -> bool {
        let Some(seen) = seen else {
            return self.predicate == Predicate::HasNot;
        };
        let cmp = |a: &str, b: &str| compare(a, b, seen.numeric);
        match self.predicate {
            Predicate::Has => seen.values.iter().any(|v| {
                self.values
                    .iter()
                    .any(|w| cmp(v, w) == Some(Ordering::Equal))
            }),
            Predicate::HasNot => !seen.values.iter().any(|v| {
                self.values
                    .iter()
                    .any(|w| cmp(v, w) == Some(Ordering::Equal))
            }),
            p => {
                let Some(v) = seen.values.first() else {
                    return false;
                };
                let first = cmp(v, &self.values[0]);
                match p {
                    Predicate::Eq => first == Some(Ordering::Equal),
                    Predicate::Lt => first == Some(Ordering::Less),
                    Predicate::Gt => first == Some(Ordering::Greater),
                    Predicate::Le => matches!(first, Some(Ordering::Less | Ordering::Equal)),
                    Predicate::Ge => matches!(first, Some(Ordering::Greater | Ordering::Equal)),
                    _ => {
                        matches!(first, Some(Ordering::Greater | Ordering::Equal))
                            && matches!(
                                cmp(v, &self.values[1]),
                                Some(Ordering::Less | Ordering::Equal)
                            )
                    }
                }
            }
        }
    }
}

/// Compares two rendered values; numerically when asked (`None` if either is not a number).
pub(crate) fn compare(a: &str, b: &str, numeric: bool) -> Option<Ordering> {
    if numeric {
        let (x, y) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
        x.partial_cmp(&y)
    } else {
        Some(a.cmp(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(p: Predicate, values: &[&str]) -> Filter {
        Filter {
            property: "p".into(),
            predicate: p,
            values: values.iter().map(|s| s.to_string()).collect(),
            combine: Combine::And,
        }
    }

    fn seen(values: &[String], numeric: bool) -> Option<Seen<'_>> {
        Some(Seen { values, numeric })
    }

    /// Every word the query form offers (`rules::predicate::QUERY`) is one the engine reads.
    #[test]
    fn every_predicate_the_query_form_offers_is_read() {
        for word in rules::predicate::QUERY {
            assert!(Predicate::parse(word).is_some(), "{word}");
        }
    }

    #[test]
    fn comparisons_are_numeric_for_numbers_and_textual_otherwise() {
        let nine = vec!["9".to_string()];
        assert!(f(Predicate::Lt, &["10"]).matches(seen(&nine, true)));
        assert!(
            !f(Predicate::Lt, &["10"]).matches(seen(&nine, false)),
            "text: 9 > 10"
        );
        assert!(f(Predicate::Eq, &["9.0"]).matches(seen(&nine, true)));
        assert!(f(Predicate::Range, &["9", "12"]).matches(seen(&nine, true)));
        assert!(!f(Predicate::Range, &["10", "12"]).matches(seen(&nine, true)));
        assert!(f(Predicate::Ge, &["9"]).matches(seen(&nine, true)));
        assert!(!f(Predicate::Gt, &["9"]).matches(seen(&nine, true)));
        assert!(f(Predicate::Le, &["9"]).matches(seen(&nine, true)));
        assert!(
            !f(Predicate::Lt, &["x"]).matches(seen(&nine, true)),
            "not a number"
        );
    }

    #[test]
    fn has_and_has_not_look_at_every_value_and_absence() {
        let tags = vec!["a".to_string(), "b".to_string()];
        assert!(f(Predicate::Has, &["b", "z"]).matches(seen(&tags, false)));
        assert!(!f(Predicate::Has, &["z"]).matches(seen(&tags, false)));
        assert!(f(Predicate::HasNot, &["z"]).matches(seen(&tags, false)));
        assert!(!f(Predicate::HasNot, &["a"]).matches(seen(&tags, false)));
        assert!(f(Predicate::HasNot, &["a"]).matches(None));
        assert!(!f(Predicate::Has, &["a"]).matches(None));
        assert!(!f(Predicate::Eq, &["a"]).matches(None));
        let empty: Vec<String> = vec![];
        assert!(!f(Predicate::Eq, &["a"]).matches(seen(&empty, false)));
    }
}
