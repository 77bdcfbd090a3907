//! Request bodies as the handlers read them: every DTO deserialiser, and the algorithm
//! parameter validation of every catalogue algorithm, on arbitrary JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<api::ges::ExecuteAlgorithmRequest>(data);
    let _ = serde_json::from_slice::<api::ges::ImportGraphRequest>(data);
    let _ = serde_json::from_slice::<api::management::ImportGraphRequest>(data);
    let _ = serde_json::from_slice::<api::management::CreateGraphRequest>(data);
    let _ = serde_json::from_slice::<api::export::ExportResultRequest>(data);
    let _ = serde_json::from_slice::<api::export::ExportGraphRequest>(data);
    let _ = serde_json::from_slice::<api::modelarts::CreateRequest>(data);
    let _ = serde_json::from_slice::<api::modelarts::UpdateRequest>(data);
    if let Ok(serde_json::Value::Object(params)) = serde_json::from_slice(data) {
        for spec in engine::algo::catalog() {
            let _ = engine::algo::validate(spec.name, &params);
        }
    }
});
