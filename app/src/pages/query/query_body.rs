//! The query form's fields → the GES request body the REST API takes for the same query
//! (REFERENCE §4.1–4.2 for vertex and edge queries, §4.3 filtered-query and path-query), checked
//! by the engine's
//! own parsers, so the console and the API refuse the same bodies with the same words. The
//! k-hop filtered query and the path query share the form's walk: start vertices, a direction
//! and an edge label for every hop, and the number of hops.

use engine::JobKind;
use engine::query::QueryTarget;
use engine::query::filtered::FilteredQuerySpec;
use engine::query::path::PathQuerySpec;
use serde_json::{Map, Value, json};

use super::query_fields::QueryFields;

/// The job the form asks for and its request body, or why it cannot run.
pub(crate) fn build(fields: &QueryFields) -> Result<(JobKind, Value), String> {
    match fields.target.as_str() {
        "vertices" | "" => filter_query(fields, QueryTarget::Vertices),
        "edges" => filter_query(fields, QueryTarget::Edges),
        "khop" => khop_query(fields),
        "path" => path_query(fields),
        other => Err(format!(
            "unknown query [{other}] (vertices, edges, khop, path)"
        )),
    }
}

fn filter_query(f: &QueryFields, target: QueryTarget) -> Result<(JobKind, Value), String> {
    let mut body = Map::new();
    let labels = list(&f.labels);
    if !labels.is_empty() {
        body.insert("labels".into(), json!(labels));
    }
    let filters: Vec<Value> = f
        .filters()
        .into_iter()
        .filter(|row| !row.property.trim().is_empty())
        .enumerate()
        .map(|(i, row)| {
            let mut filter = json!({
                "propertyName": row.property.trim(),
                "predicate": if row.predicate.is_empty() { "=" } else { row.predicate },
                "values": list(row.values),
            });
            // `and` is GES's default; the first filter sent joins nothing.
            if i > 0 && row.join == "or" {
                filter["type"] = "or".into();
            }
            filter
        })
        .collect();
    if !filters.is_empty() {
        let key = match target {
            QueryTarget::Vertices => "vertexFilters",
            QueryTarget::Edges => "edgeFilters",
        };
        body.insert(key.into(), filters.into());
    }
    let order = if f.sort_order.is_empty() {
        "incr"
    } else {
        &f.sort_order
    };
    let sort = match f.sort_key.as_str() {
        "" => None,
        "property" => Some(json!({"propertyName": f.sort_prop.trim(), "orderValue": order})),
        key => Some(json!({"key": key, "orderValue": order})),
    };
    if let Some(sort) = sort {
        body.insert("sorts".into(), json!([sort]));
    }
    number(&mut body, "offset", &f.offset)?;
    number(&mut body, "limit", &f.limit)?;
    let raw = Value::Object(body);
    let spec = engine::query::QuerySpec::parse(target, &raw).map_err(|e| e.to_string())?;
    Ok((JobKind::Query(spec), raw))
}

/// One hop of the form's walk: its direction and, if named, its edge label.
fn hop(f: &QueryFields) -> Value {
    let mut hop = Map::new();
    let direction = if f.direction.is_empty() {
        "out"
    } else {
        &f.direction
    };
    hop.insert("operator".into(), direction.into());
    let label = f.edge_label.trim();
    if !label.is_empty() {
        let is_label = json!({"property_filter": {"leftvalue": {"label_name": "labelName"},
            "predicate": "=", "rightvalue": {"value": label}}});
        hop.insert("edge_filter".into(), is_label);
    }
    Value::Object(hop)
}

/// Hops the form asks a k-hop query for at most (the path query checks its own). The form's
/// own limit, not a shared rule: the engine's k-hop filtered query
/// (`engine::query::FilteredQuerySpec`) takes any non-empty list of hops, one `filters` entry
/// each, so a REST caller may send more; the form writes the same hop `times` times and keeps
/// that list short.
const MAX_KHOP: usize = 20;

/// The k-hop filtered query: the same hop `times` times (2 when empty); the vertices the last
/// hop reaches.
fn khop_query(f: &QueryFields) -> Result<(JobKind, Value), String> {
    let text = f.times.trim();
    let hops = if text.is_empty() {
        2
    } else {
        text.parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_KHOP).contains(n))
            .ok_or_else(|| {
                format!("hops must be a whole number from 1 to {MAX_KHOP}, not [{text}]")
            })?
    };
    let raw = json!({
        "executionMode": "async",
        "vertices": list(&f.start),
        "filters": vec![hop(f); hops],
    });
    let spec = FilteredQuerySpec::parse(&raw).map_err(|e| e.to_string())?;
    Ok((JobKind::FilteredQuery(spec), raw))
}

fn path_query(f: &QueryFields) -> Result<(JobKind, Value), String> {
    let mut body = Map::new();
    body.insert("vertices".into(), json!(list(&f.start)));
    body.insert("repeat".into(), json!([hop(f)]));
    number(&mut body, "times", &f.times)?;
    number(&mut body, "limit", &f.path_limit)?;
    body.insert("emit".into(), json!(!f.emit.is_empty()));
    let raw = Value::Object(body);
    let spec = PathQuerySpec::parse(&raw).map_err(|e| e.to_string())?;
    Ok((JobKind::PathQuery(spec), raw))
}

/// Comma-separated items, trimmed, empty ones left out.
fn list(text: &str) -> Vec<&str> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Puts `text` as the integer `key` unless it is empty.
fn number(body: &mut Map<String, Value>, key: &str, text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    let n: i64 = text
        .parse()
        .map_err(|_| format!("{key} must be a whole number, not [{text}]"))?;
    body.insert(key.into(), n.into());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> QueryFields {
        QueryFields {
            graph: "movie".into(),
            target: "vertices".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_vertex_query_becomes_the_rest_apis_body() {
        let f = QueryFields {
            labels: "user, movie".into(),
            prop1: "Age".into(),
            pred1: "range".into(),
            value1: "18, 25".into(),
            prop3: "Gender".into(),
            value3: "F".into(),
            sort_key: "property".into(),
            sort_prop: "Age".into(),
            sort_order: "decr".into(),
            offset: "5".into(),
            limit: "20".into(),
            ..fields()
        };
        let (kind, raw) = build(&f).unwrap();
        assert!(matches!(kind, JobKind::Query(_)));
        assert_eq!(
            raw,
            json!({"labels": ["user", "movie"],
                "vertexFilters": [
                    {"propertyName": "Age", "predicate": "range", "values": ["18", "25"]},
                    {"propertyName": "Gender", "predicate": "=", "values": ["F"]}],
                "sorts": [{"propertyName": "Age", "orderValue": "decr"}],
                "offset": 5, "limit": 20})
        );
    }

    #[test]
    fn a_row_joined_with_or_sends_type_or() {
        let f = QueryFields {
            prop1: "Age".into(),
            value1: "18".into(),
            join2: "or".into(),
            prop2: "Age".into(),
            value2: "25".into(),
            join3: "and".into(),
            prop3: "Gender".into(),
            value3: "F".into(),
            ..fields()
        };
        let (_, raw) = build(&f).unwrap();
        assert_eq!(
            raw["vertexFilters"],
            json!([
                {"propertyName": "Age", "predicate": "=", "values": ["18"]},
                {"propertyName": "Age", "predicate": "=", "values": ["25"], "type": "or"},
                {"propertyName": "Gender", "predicate": "=", "values": ["F"]}])
        );
        // An `or` on the first row sent (row 1 left empty) joins nothing.
        let f = QueryFields {
            join2: "or".into(),
            prop2: "Age".into(),
            value2: "18".into(),
            ..fields()
        };
        let (_, raw) = build(&f).unwrap();
        assert_eq!(raw["vertexFilters"][0].get("type"), None);
    }

    #[test]
    fn an_edge_query_filters_edges() {
        let f = QueryFields {
            target: "edges".into(),
            prop1: "Score".into(),
            pred1: ">=".into(),
            value1: "4".into(),
            sort_key: "label".into(),
            ..fields()
        };
        let (_, raw) = build(&f).unwrap();
        assert_eq!(raw["edgeFilters"][0]["predicate"], ">=");
        assert_eq!(
            raw["sorts"],
            json!([{"key": "label", "orderValue": "incr"}])
        );
    }

    #[test]
    fn a_path_query_walks_one_label() {
        let f = QueryFields {
            target: "path".into(),
            start: "a, b".into(),
            direction: "both".into(),
            edge_label: "follows".into(),
            times: "3".into(),
            emit: "on".into(),
            ..fields()
        };
        let (kind, raw) = build(&f).unwrap();
        assert!(matches!(kind, JobKind::PathQuery(_)));
        assert_eq!(raw["vertices"], json!(["a", "b"]));
        assert_eq!(raw["repeat"][0]["operator"], "both");
        assert_eq!(
            raw["repeat"][0]["edge_filter"]["property_filter"]["rightvalue"]["value"],
            "follows"
        );
        assert_eq!(
            (raw["times"].clone(), raw["emit"].clone()),
            (json!(3), json!(true))
        );
    }

    #[test]
    fn a_khop_query_repeats_the_hop() {
        let f = QueryFields {
            target: "khop".into(),
            start: "a".into(),
            direction: "in".into(),
            times: "3".into(),
            ..fields()
        };
        let (kind, raw) = build(&f).unwrap();
        assert!(matches!(kind, JobKind::FilteredQuery(_)));
        let hop = json!({"operator": "in"});
        assert_eq!(raw["filters"], json!([hop, hop, hop]));
        let too_far = QueryFields {
            times: "21".into(),
            ..f
        };
        assert!(build(&too_far).unwrap_err().contains("hops"));
    }

    #[test]
    fn bad_forms_are_refused_with_the_apis_words() {
        // Neither labels nor a filter: the REST API refuses the same body.
        let none = build(&fields()).unwrap_err();
        assert!(none.contains("labels"), "{none}");
        let bad_range = QueryFields {
            prop1: "Age".into(),
            pred1: "range".into(),
            value1: "18".into(),
            ..fields()
        };
        assert!(build(&bad_range).unwrap_err().contains("range"));
        let not_a_number = QueryFields {
            labels: "user".into(),
            limit: "ten".into(),
            ..fields()
        };
        assert!(build(&not_a_number).unwrap_err().contains("limit"));
        let no_start = QueryFields {
            target: "path".into(),
            ..fields()
        };
        assert!(build(&no_start).unwrap_err().contains("vertices"));
    }
}
