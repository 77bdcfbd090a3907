//! The dsl form's fields, as posted (`fields[name]`) and as the form is filled again from the
//! URL after a refusal (`/hyg/dsl?graph=…&script=…&timeout=…&error=…`; a script is at most
//! 64 KiB, well within what a URL may carry).

use serde::{Deserialize, Serialize};

/// What the dsl form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct DslFields {
    /// The HyG view's graph.
    pub(crate) graph: String,
    /// The Python script.
    pub(crate) script: String,
    /// Seconds, empty for none.
    pub(crate) timeout: String,
}

impl DslFields {
    /// The fields named in a URL's query (`get`), the rest empty.
    pub(crate) fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            graph: get("graph").unwrap_or_default(),
            script: get("script").unwrap_or_default(),
            timeout: get("timeout").unwrap_or_default(),
        }
    }

    /// `/hyg/dsl?…` holding these fields and `error`: the form filled again after a refusal.
    #[cfg(feature = "ssr")]
    pub(crate) fn refused_url(&self, error: &str) -> String {
        use crate::list::encode;
        format!(
            "/hyg/dsl?graph={}&script={}&timeout={}&error={}",
            encode(&self.graph),
            encode(&self.script),
            encode(&self.timeout),
            encode(error)
        )
    }

    /// The timeout in seconds: `None` when empty.
    #[cfg(feature = "ssr")]
    ///
    /// # Errors
    /// Text that is not a whole number of seconds.
    pub(crate) fn timeout_s(&self) -> Result<Option<u64>, String> {
        let t = self.timeout.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u64>()
            .map(Some)
            .map_err(|_| format!("timeout must be a whole number of seconds, got \"{t}\""))
    }
}

/// A starting script for `graph`: each vertex's out-degree, in HyG's Pregel API.
#[cfg(feature = "ssr")]
pub(crate) fn template(graph: &str) -> String {
    format!(
        r#"from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel

graph = load_base_graph("{graph}")

@pregel_types(ntype=int, combiner=sum)
class OutDegree(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        n = 0
        for e in ctx.out_edges(nid):
            n += 1
        ctx.set_value(nid, n)
        ctx.halt(nid)

result = graph.run_pregel(OutDegree)
print(result)
"#
    )
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::list::url_params;

    #[test]
    fn a_refused_form_comes_back_from_its_url_as_typed() {
        let typed = DslFields {
            graph: "movie".into(),
            script: "x = 1 & 2\nprint(\"a?b#c\")\n".into(),
            timeout: "30".into(),
        };
        let url = typed.refused_url("line 1: bad");
        assert!(url.starts_with("/hyg/dsl?"), "{url}");
        let get = url_params(&url);
        assert_eq!(DslFields::from_query(&get), typed);
        assert_eq!(get("error").as_deref(), Some("line 1: bad"));
        assert_eq!(typed.timeout_s(), Ok(Some(30)));
        let blank = DslFields::default();
        assert_eq!(blank.timeout_s(), Ok(None));
        let bad = DslFields {
            timeout: "soon".into(),
            ..blank
        };
        assert!(bad.timeout_s().unwrap_err().contains("\"soon\""));
    }

    #[test]
    fn the_starting_script_is_one_the_engine_accepts() {
        engine::hyg::dsl::check(&template("movie"), "movie").unwrap();
    }
}
