//! The schema parsers (GES XML and the metadata JSON form) on arbitrary text: an error or a
//! schema, never a panic; a parsed schema survives its own XML rendering.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(schema) = engine::graph::Schema::parse(&text) {
        let again = engine::graph::Schema::from_xml(&schema.to_xml())
            .expect("a parsed schema's own XML must parse");
        assert_eq!(again.labels().len(), schema.labels().len());
    }
});
