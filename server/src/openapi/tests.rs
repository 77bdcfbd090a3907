use super::*;

#[test]
fn every_referenced_schema_is_a_component() {
    let doc = document();
    let json = serde_json::to_value(&doc).unwrap();
    let schemas = json["components"]["schemas"].as_object().unwrap();
    let mut refs = Vec::new();
    collect_refs(&json, &mut refs);
    assert!(refs.len() > 40, "{refs:?}");
    for r in refs {
        let name = r.strip_prefix("#/components/schemas/").unwrap();
        assert!(schemas.contains_key(name), "dangling $ref {r}");
    }
}

#[test]
fn operations_are_unique_and_tagged() {
    let doc = serde_json::to_value(document()).unwrap();
    let mut seen = std::collections::HashSet::new();
    for op in operations() {
        let method = op.method.as_str().to_lowercase();
        assert!(seen.insert((op.path, method.clone())), "{} twice", op.path);
        let tags = &doc["paths"][op.path][&method]["tags"];
        assert_eq!(tags[0], op.surface, "{}", op.path);
    }
}

fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|v| collect_refs(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
