//! How a page of result rows becomes a table: per-vertex results are objects
//! (`{"id": "Vivian", "pagerank": 0.12}`), vertex lists are strings (k_hop's `vertices`, a
//! `path`), and anything else (lists of paths) is shown as JSON in one column.

use serde_json::Value;

use crate::format::value_text;

/// The columns of a result table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Columns {
    /// Rows are objects: these keys, `id` first, the rest in first-seen order.
    Fields(Vec<String>),
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
        let mut keys: Vec<String> = Vec::new();
        for key in rows
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|o| o.keys())
        {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        if let Some(i) = keys.iter().position(|k| k == "id") {
            let id = keys.remove(i);
            keys.insert(0, id);
        }
        Self::Fields(keys)
    }

    /// Header labels.
    pub(crate) fn headers(&self) -> Vec<String> {
        match self {
            Self::Fields(keys) => keys.clone(),
            Self::Vertex => vec!["vertex".into()],
            Self::Value => vec!["value".into()],
        }
    }

    /// The cell texts of one row, in header order.
    pub(crate) fn cells(&self, row: &Value) -> Vec<String> {
        match self {
            Self::Fields(keys) => keys
                .iter()
                .map(|k| row.get(k).map(value_text).unwrap_or_default())
                .collect(),
            Self::Vertex | Self::Value => vec![value_text(row)],
        }
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
