//! [`page_data`]: the resource every page loads its server data with.
//!
//! It is leptos' `Resource::new` with one change: the value the server writes into the page
//! for hydration is decoded by `serde_json::from_slice`, the function server functions decode
//! their responses with, instead of `from_str` (leptos' default `JsonSerdeCodec`). serde
//! compiles a type's deserializer once per reader, so with the default codec every page's data
//! types were compiled into the wasm twice: once for hydration, once for the refetches.
//!
//! It is also always created as hydrated data. In islands mode the server numbers and writes
//! into the page only the resources created while an island's body is being built; a resource
//! created later, in a `move ||` child or a `Suspend` (which the server runs while it streams
//! the HTML, after the island's scope has ended), was never written, while the browser numbers
//! every resource it creates. Its data then came from the wrong slot or not at all, and the
//! hydrated view did not match the server's HTML (a hydration panic on `/jobs`). So every page
//! resource is numbered on both sides, in the order both sides create them, as in a fully
//! hydrated app. Resources outside the islands (the frame's, `layout`) must not be numbered:
//! the browser never creates them. [`frame_data`] is for those.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON, decoded from bytes (see the module docs).
pub(crate) struct SliceJson;

impl<T: Serialize> Encoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A page's server data: loaded during server rendering, sent with the page, and fetched again
/// whenever `source` changes.
pub(crate) type PageData<T> = Resource<T, SliceJson>;

/// Creates a page's [`PageData`], as `Resource::new` does.
#[track_caller]
pub(crate) fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Owner::with_hydration(move || Resource::new_with_options(source, fetcher, false))
}

/// Server data for the frame around the islands (header, navigation): rendered on the server
/// only, so never numbered or sent for hydration.
pub(crate) fn frame_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Owner::with_no_hydration(move || Resource::new_with_options(source, fetcher, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize, Serialize)]
    struct Row {
        name: String,
        count: u64,
    }

    #[test]
    fn decodes_what_it_encodes() {
        let row = Row {
            name: "é<\"x\">".into(),
            count: 7,
        };
        let text = <SliceJson as Encoder<Row>>::encode(&row).unwrap();
        assert_eq!(text, r#"{"name":"é<\"x\">","count":7}"#);
        assert_eq!(<SliceJson as Decoder<Row>>::decode(&text).unwrap(), row);
        assert!(<SliceJson as Decoder<Row>>::decode("{\"name\":1}").is_err());
    }
}
