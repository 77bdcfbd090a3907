//! How a golden fixture (`golden/*.json`, see `golden/README.md`) is matched against a live
//! response, values included:
//! - objects: every key of the fixture must be in the response and match there; extra keys
//!   are allowed (DECISIONS.md: extra response fields are allowed);
//! - arrays: an empty fixture array matches only an empty array; otherwise every item of the
//!   fixture must match some item of the response (in any order);
//! - strings, numbers, booleans and `null` must be equal (numbers as numbers: `100` = `100.0`);
//! - placeholders stand for what varies per run (ids, times, temp dirs, timing): a fixture
//!   string `"<number…>"` matches any number, `"<any…>"` any value, and each `<string…>` inside
//!   a fixture string matches any run of characters there — `"<string: job id>"` any string,
//!   `"Can not find job to cancel, jobId is <string: job id>"` that sentence with any id. The
//!   `…` is a note for the reader and must not contain `>`.

use serde_json::Value;

/// Why `actual` does not match the fixture `expected`, if it does not; `at` names the place.
pub fn mismatch(expected: &Value, actual: &Value, at: &str) -> Option<String> {
    match (expected, actual) {
        (Value::String(e), _) if is_placeholder(e, "any") => None,
        (Value::String(e), Value::Number(_)) if is_placeholder(e, "number") => None,
        (Value::String(e), Value::String(a)) if !is_placeholder(e, "number") => {
            (!text_matches(e, a)).then(|| format!("{at}: expected {e:?}, got {a:?}"))
        }
        (Value::Object(e), Value::Object(a)) => e.iter().find_map(|(k, ev)| match a.get(k) {
            None => Some(format!("{at}.{k} is missing")),
            Some(av) => mismatch(ev, av, &format!("{at}.{k}")),
        }),
        (Value::Array(e), Value::Array(a)) => {
            if e.is_empty() != a.is_empty() {
                return Some(format!("{at}: expected {} items, got {}", e.len(), a.len()));
            }
            e.iter().enumerate().find_map(|(i, ev)| {
                let misses: Vec<String> = a
                    .iter()
                    .filter_map(|av| mismatch(ev, av, &format!("{at}[{i}]")))
                    .collect();
                (misses.len() == a.len()).then(|| misses.join("; "))
            })
        }
        (Value::Number(e), Value::Number(a)) => {
            (e != a && e.as_f64() != a.as_f64()).then(|| format!("{at}: expected {e}, got {a}"))
        }
        (Value::Bool(e), Value::Bool(a)) => {
            (e != a).then(|| format!("{at}: expected {e}, got {a}"))
        }
        (Value::Null, Value::Null) => None,
        (e, a) => Some(format!("{at}: expected {e}, got {a}")),
    }
}

/// Whether the whole of `s` is a `<kind…>` placeholder.
fn is_placeholder(s: &str, kind: &str) -> bool {
    s.strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(|inner| {
            inner == kind
                || inner
                    .strip_prefix(kind)
                    .is_some_and(|note| note.starts_with(':'))
        })
}

/// Whether `text` is `pattern` with each `<string…>` in it replaced by some run of characters.
fn text_matches(pattern: &str, text: &str) -> bool {
    let parts = literal_parts(pattern);
    match parts.as_slice() {
        [first, middle @ .., last] => {
            let Some(rest) = text.strip_prefix(*first) else {
                return false;
            };
            let Some(mut rest) = rest.strip_suffix(*last) else {
                return false;
            };
            for part in middle {
                let Some(i) = rest.find(*part) else {
                    return false;
                };
                rest = &rest[i + part.len()..];
            }
            true
        }
        [only] => *only == text,
        [] => text.is_empty(),
    }
}

/// The literal text around the `<string…>` placeholders of `pattern` (one part if it has none).
fn literal_parts(pattern: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find("<string") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        parts.push(&rest[..start]);
        rest = &rest[start + len + 1..];
    }
    parts.push(rest);
    parts
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::mismatch;

    fn matches(expected: serde_json::Value, actual: serde_json::Value) -> bool {
        mismatch(&expected, &actual, "$").is_none()
    }

    #[test]
    fn values_are_compared_not_only_kinds() {
        let e = json!({"status": "complete", "n": 1, "ok": true, "none": null});
        assert!(matches(
            e.clone(),
            json!({"status": "complete", "n": 1.0, "ok": true, "none": null, "extra": 5})
        ));
        assert!(!matches(
            e.clone(),
            json!({"status": "success", "n": 1, "ok": true, "none": null})
        ));
        assert!(!matches(
            e.clone(),
            json!({"status": "complete", "n": 2, "ok": true, "none": null})
        ));
        assert!(!matches(
            e.clone(),
            json!({"status": "complete", "n": 1, "ok": false, "none": null})
        ));
        assert!(!matches(
            e.clone(),
            json!({"status": "complete", "n": 1, "ok": true, "none": ""})
        ));
        assert!(!matches(
            e,
            json!({"status": "complete", "n": 1, "ok": true})
        ));
    }

    #[test]
    fn every_fixture_item_must_match_some_live_item_and_empty_means_empty() {
        let e = json!([{"x": "a"}, {"x": "b"}]);
        assert!(matches(
            e.clone(),
            json!([{"x": "b"}, {"x": "a"}, {"x": "c"}])
        ));
        assert!(!matches(e.clone(), json!([{"x": "a"}, {"x": "c"}])));
        assert!(!matches(e, json!([])));
        assert!(matches(json!([]), json!([])));
        assert!(!matches(json!([]), json!([1])));
    }

    #[test]
    fn placeholders_match_what_varies_per_run_and_nothing_else() {
        assert!(matches(json!("<string: job id>"), json!("4448c9fb")));
        assert!(!matches(json!("<string: job id>"), json!(5)));
        assert!(matches(
            json!("<number: µs epoch>"),
            json!(1716428001745772_u64)
        ));
        assert!(!matches(
            json!("<number: µs epoch>"),
            json!("1716428001745772")
        ));
        assert!(matches(json!("<any: job_progress>"), json!(null)));
        assert!(matches(json!("<any>"), json!([1])));
        let sentence = json!("Can not find job to cancel, jobId is <string: job id>");
        assert!(matches(
            sentence.clone(),
            json!("Can not find job to cancel, jobId is 9440a7eb001679122")
        ));
        assert!(!matches(
            sentence,
            json!("can not find job to cancel, id is 9440a7eb001679122")
        ));
        let path = json!("file://<string: data dir>/in/movie/<string>.csv");
        assert!(matches(path.clone(), json!("file:///tmp/x/in/movie/e.csv")));
        assert!(!matches(path, json!("file:///tmp/x/in/other/e.csv")));
        // Not a placeholder: compared as written.
        assert!(!matches(json!("<numbers>"), json!(1)));
        assert!(matches(json!("a<b"), json!("a<b")));
    }
}
