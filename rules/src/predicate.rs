//! The predicates a property filter accepts, as their wire words: the query form and the run
//! form offer exactly these, and the engine reads exactly these (and names them in its
//! refusals).

/// The vertex and edge filter queries' predicates (REFERENCE §4.1, `filters[].predicate`), in
/// the order the query form offers them; list properties take only `has` / `hasNot`.
pub const QUERY: [&str; 8] = ["=", "<", ">", "<=", ">=", "range", "has", "hasNot"];

/// The filtered algorithms' predicates (`vertex_filter` / `edge_filter`'s
/// `property_filter.predicate`, REFERENCE §4.3): the queries' ones, `IN` (the same as `has`)
/// and `PREFIX` (some value starts with the text), in the order the run form offers them.
pub const PATH_FILTER: [&str; 10] = [
    "=", "<", ">", "<=", ">=", "range", "has", "hasNot", "IN", "PREFIX",
];

/// Whether the predicate `word` takes a list of values (`range`: low and high; `has`,
/// `hasNot`, `IN`: any of several), so one value typed is still sent as a list.
pub fn takes_list(word: &str) -> bool {
    matches!(word, "range" | "has" | "hasNot" | "IN")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_filter_takes_every_query_predicate_first() {
        assert_eq!(PATH_FILTER[..QUERY.len()], QUERY);
        assert!(takes_list("range") && takes_list("IN") && !takes_list("="));
        assert!(!takes_list("PREFIX"));
    }
}
