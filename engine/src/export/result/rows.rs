//! How a dump writes rows: CSV with a header for objects and names, REFERENCE §3.3's TXT
//! (a `# key: value` header, a marker line, one record per path or pair) for paths.

use serde_json::Value;

use crate::obs::writer::csv_field;
use crate::result::ResultPage;

/// CSV columns of a row: `id`, `source`, `target`, `index` first, then the rest by name; a bare
/// value is one `id` column.
pub(super) fn columns(row: &Value) -> Vec<String> {
    let Value::Object(m) = row else {
        return vec!["id".into()];
    };
    let first = ["id", "source", "target", "index"];
    let mut cols: Vec<String> = first
        .iter()
        .filter(|c| m.contains_key(**c))
        .map(|c| (*c).to_owned())
        .collect();
    let mut rest: Vec<String> = m
        .keys()
        .filter(|k| !first.contains(&k.as_str()))
        .cloned()
        .collect();
    rest.sort();
    cols.extend(rest);
    cols
}

pub(super) fn csv_row(out: &mut Vec<u8>, columns: &[String], row: &Value) {
    match row {
        Value::Object(m) => {
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                csv_field(out, &plain(m.get(c).unwrap_or(&Value::Null)));
            }
        }
        other => csv_field(out, &plain(other)),
    }
    out.push(b'\n');
}

/// A value as CSV/TXT text: strings bare, null empty, lists joined with `;` (GES list syntax).
pub(super) fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

pub(super) fn path_line(out: &mut Vec<u8>, row: &Value) {
    match row {
        Value::Array(items) => {
            let names: Vec<String> = items.iter().map(plain).collect();
            out.extend_from_slice(names.join(",").as_bytes());
        }
        other => out.extend_from_slice(plain(other).as_bytes()),
    }
    out.push(b'\n');
}

/// One all-pairs record of REFERENCE §3.3: `"src","dst","[[v,…],[v,…]]"` (each field quoted,
/// a quote inside doubled, as in CSV).
pub(super) fn batch_line(out: &mut Vec<u8>, row: &Value) {
    let paths: Vec<String> = row["paths"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| match p {
                    Value::Array(vs) => {
                        format!("[{}]", vs.iter().map(plain).collect::<Vec<_>>().join(","))
                    }
                    other => format!("[{}]", plain(other)),
                })
                .collect()
        })
        .unwrap_or_default();
    let fields = [
        plain(&row["source"]),
        plain(&row["target"]),
        format!("[{}]", paths.join(",")),
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    }
    out.push(b'\n');
}

/// The `# key: value` header of REFERENCE §3.3, then the `# {marker}:` line.
pub(super) fn txt_header(out: &mut Vec<u8>, first: &ResultPage, marker: &str) {
    let mut line = |k: &str, v: String| out.extend_from_slice(format!("# {k}: {v}\n").as_bytes());
    if let Some(rt) = first.runtime {
        line("runtime", rt.to_string());
    }
    line("data_total_size", first.total.to_string());
    line("data_return_size", first.total.to_string());
    line("data_offset", "0".into());
    for (k, v) in &first.scalars {
        line(k, plain(v));
    }
    out.extend_from_slice(format!("# {marker}:\n").as_bytes());
}
