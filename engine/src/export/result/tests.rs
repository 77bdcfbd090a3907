use super::*;

#[test]
fn columns_put_ids_first_and_rows_render_plainly() {
    let row = json!({"pagerank": 0.5, "id": "a,b", "tags": ["x", "y"]});
    let cols = columns(&row);
    assert_eq!(cols, ["id", "pagerank", "tags"]);
    let mut out = Vec::new();
    csv_row(&mut out, &cols, &row);
    assert_eq!(String::from_utf8(out).unwrap(), "\"a,b\",0.5,x;y\n");
    let edge = json!({"target": "b", "betweenness": 1.0, "source": "a", "index": 0});
    assert_eq!(columns(&edge), ["source", "target", "index", "betweenness"]);
    assert_eq!(columns(&json!("v1")), ["id"]);
}

#[test]
fn all_pairs_records_quote_source_target_and_paths() {
    let row = json!({"source": "a", "target": "c", "paths": [["a", "b", "c"], ["a", "x\"y", "c"]]});
    let mut out = Vec::new();
    batch_line(&mut out, &row);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "\"a\",\"c\",\"[[a,b,c],[a,x\"\"y,c]]\"\n"
    );
    let mut head = Vec::new();
    let first = ResultPage {
        key: "batch_paths".into(),
        rows: vec![row],
        offset: 0,
        total: 1,
        scalars: Map::new(),
        runtime: Some(0.5),
    };
    txt_header(&mut head, &first, "batch_paths");
    let head = String::from_utf8(head).unwrap();
    assert!(
        head.starts_with("# runtime: 0.5\n# data_total_size: 1\n"),
        "{head}"
    );
    assert!(head.ends_with("# batch_paths:\n"), "{head}");
}

#[test]
fn file_names_follow_the_object_rules() {
    assert!(check_file_name("pr.csv").is_ok());
    for bad in ["", "..", "a/b", "manifest.json", "a b"] {
        assert!(check_file_name(bad).is_err(), "{bad}");
    }
}
