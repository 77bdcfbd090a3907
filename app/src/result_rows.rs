//! How a page of result rows becomes a table: per-vertex results are objects
//! (`{"id": "Vivian", "pagerank": 0.12}`), vertex lists are strings (k_hop's `vertices`, a
//! `path`), and anything else (lists of paths) is shown as JSON in one column. The vertices
//! and edges of a query (`{"id", "label", "properties": {"age": ["25"]}}`) show each property
//! as a column of its own, its values joined by `;` (GES's list separator).

use serde_json::Value;

use crate::format::value_text;

/// One column of rows that are objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// A key of the row.
    Key(String),
    /// A property of the row's `properties` object.
    Property(String),
}

/// The columns of a result table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Columns {
    /// Rows are objects: their keys ([`FIRST`] first, the rest in first-seen order), with
    /// `properties` replaced by one column per property, last.
    Fields(Vec<Field>),
    /// Rows are vertex ids (strings).
    Vertex,
    /// Rows are other JSON values.
    Value,
}

impl Columns {
    /// The columns fitting `rows` (an empty page has a single `value` column).
    pub(crate) fn of(rows: &[Value]) -> Self {
        if !rows.is_empty() && rows.iter().all(Value::is_string) {
            return Self::Vertex;
        }
        if rows.is_empty() || !rows.iter().all(Value::is_object) {
            return Self::Value;
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut add = |field: Field| {
            if !fields.contains(&field) {
                fields.push(field);
            }
        };
        for row in rows.iter().filter_map(Value::as_object) {
            for (key, value) in row {
                match value {
                    Value::Object(props) if key == PROPERTIES => {
                        props.keys().for_each(|p| add(Field::Property(p.clone())))
                    }
                    _ => add(Field::Key(key.clone())),
                }
            }
        }
        // An element's own keys first, then the rest in first-seen order, then properties.
        fields.sort_by_key(|f| match f {
            Field::Key(k) => FIRST
                .iter()
                .position(|first| first == k)
                .unwrap_or(FIRST.len()),
            Field::Property(_) => FIRST.len() + 1,
        });
        Self::Fields(fields)
    }

    /// Header labels.
    pub(crate) fn headers(&self) -> Vec<String> {
        match self {
            Self::Fields(fields) => fields
                .iter()
                .map(|f| match f {
                    Field::Key(k) | Field::Property(k) => k.clone(),
                })
                .collect(),
            Self::Vertex => vec!["vertex".into()],
            Self::Value => vec!["value".into()],
        }
    }

    /// The cell texts of one row, in header order.
    pub(crate) fn cells(&self, row: &Value) -> Vec<String> {
        match self {
            Self::Fields(fields) => fields
                .iter()
                .map(|f| match f {
                    Field::Key(k) => row.get(k).map(value_text).unwrap_or_default(),
                    Field::Property(p) => row
                        .get(PROPERTIES)
                        .and_then(|props| props.get(p))
                        .map(property_text)
                        .unwrap_or_default(),
                })
                .collect(),
            Self::Vertex | Self::Value => vec![value_text(row)],
        }
    }
}

/// The keys shown first, in this order: a vertex's id, an edge's ends, the label.
const FIRST: [&str; 4] = ["id", "source", "target", "label"];

/// The key of a query row's properties.
const PROPERTIES: &str = "properties";

/// A property's values (a list, GES's shape) joined by `;`; anything else as text.
fn property_text(v: &Value) -> String {
    match v {
        Value::Array(values) => values.iter().map(value_text).collect::<Vec<_>>().join(";"),
        other => value_text(other),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn object_rows_put_id_first() {
        let rows = [
            json!({"id": "Vivian", "pagerank": 0.25}),
            json!({"id": "Eric", "pagerank": 0.5}),
        ];
        let cols = Columns::of(&rows);
        assert_eq!(cols.headers(), ["id", "pagerank"]);
        assert_eq!(cols.cells(&rows[1]), ["Eric", "0.5"]);
    }

    #[test]
    fn keys_missing_from_a_row_leave_an_empty_cell() {
        let rows = [
            json!({"pagerank": 1, "id": "a"}),
            json!({"id": "b", "extra": true}),
        ];
        let cols = Columns::of(&rows);
        assert_eq!(cols.headers(), ["id", "pagerank", "extra"]);
        assert_eq!(cols.cells(&rows[1]), ["b", "", "true"]);
    }

    #[test]
    fn query_rows_show_each_property_as_a_column() {
        let rows = [
            json!({"id": "Vivian", "label": "user", "properties": {"age": ["25"], "tags": ["a", "b"]}}),
            json!({"id": "Eric", "label": "user", "properties": {"gender": ["M"]}}),
        ];
        let cols = Columns::of(&rows);
        assert_eq!(cols.headers(), ["id", "label", "age", "tags", "gender"]);
        assert_eq!(cols.cells(&rows[0]), ["Vivian", "user", "25", "a;b", ""]);
        assert_eq!(cols.cells(&rows[1]), ["Eric", "user", "", "", "M"]);
        let edges = [
            json!({"source": "a", "target": "b", "label": "rate", "properties": {"Score": ["5"]}}),
        ];
        let cols = Columns::of(&edges);
        assert_eq!(cols.headers(), ["source", "target", "label", "Score"]);
        assert_eq!(cols.cells(&edges[0]), ["a", "b", "rate", "5"]);
    }

    #[test]
    fn string_rows_are_vertices() {
        let rows = [json!("Vivian"), json!("Eric")];
        assert_eq!(Columns::of(&rows), Columns::Vertex);
        assert_eq!(Columns::Vertex.headers(), ["vertex"]);
        assert_eq!(Columns::Vertex.cells(&rows[0]), ["Vivian"]);
    }

    #[test]
    fn other_rows_are_json() {
        let rows = [json!(["a", "b"]), json!(["a", "c"])];
        assert_eq!(Columns::of(&rows), Columns::Value);
        assert_eq!(Columns::Value.cells(&rows[0]), [r#"["a","b"]"#]);
        assert_eq!(Columns::of(&[]), Columns::Value);
        assert_eq!(Columns::of(&[json!("a"), json!({"id": 1})]), Columns::Value);
    }
}
