//! Every class of construct outside the subset is refused at submit as a bad script, naming
//! the construct and its line.

use super::check;
use super::tests::{DOC_SSSP, PAGERANK};
use crate::{Error, Refusal};

const HEAD: &str = "from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel
graph = load_base_graph(\"movie\")
";

/// A script whose `compute` body is `stmt`, on line 8.
fn in_method(stmt: &str) -> String {
    format!(
        "{HEAD}@pregel_types(ntype=int, combiner=min)
class M(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        {stmt}
result = graph.run_pregel(M)
"
    )
}

/// A script with `stmt` at the top level, on line 4.
fn at_top(stmt: &str) -> String {
    format!("{HEAD}{stmt}\n")
}

/// The refusal message of `src`, checking its code.
fn refused(src: &str) -> String {
    match check(src, "movie") {
        Err(Error::InvalidArgument { kind, message }) => {
            assert_eq!(kind, Refusal::BadScript, "{message}");
            message
        }
        other => panic!("expected a refusal, got {other:?}:\n{src}"),
    }
}

fn assert_refused(src: &str, line: usize, needle: &str) {
    let m = refused(src);
    assert!(
        m.contains(&format!("line {line}: ")) && m.contains(needle),
        "wanted line {line} and {needle:?}, got {m:?}"
    );
}

#[test]
fn the_documented_examples_are_accepted() {
    check(DOC_SSSP, "movie").unwrap();
    check(PAGERANK, "movie").unwrap();
}

#[test]
fn syntax_errors_name_their_line() {
    assert_refused(&at_top("x = = 1"), 4, "syntax error");
    assert_refused(&in_method("if x"), 8, "syntax error");
}

#[test]
fn imports_other_than_hyg_analytics_are_refused() {
    assert_refused(&at_top("import os"), 4, "unsupported construct `import`");
    assert_refused(&at_top("from os import path"), 4, "import from module `os`");
    assert_refused(
        &at_top("from hyg.analytics.graph import load_graph"),
        4,
        "import of `load_graph` from hyg.analytics.graph",
    );
    assert_refused(
        &at_top("from hyg.analytics.model import PregelModel as P"),
        4,
        "`import … as …`",
    );
}

#[test]
fn loops_other_than_out_edges_and_msgs_are_refused() {
    assert_refused(&in_method("while True:\n            pass"), 8, "`while`");
    assert_refused(&at_top("while True:\n    pass"), 4, "`while`");
    assert_refused(&at_top("for i in 3:\n    pass"), 4, "`for`");
    assert_refused(
        &in_method("for e in ctx.in_edges(nid):\n            pass"),
        8,
        "`for` over ctx.in_edges",
    );
    assert_refused(
        &in_method("for m in msgs:\n            break"),
        9,
        "`break`",
    );
    assert_refused(
        &in_method("for m in msgs:\n            pass\n        else:\n            pass"),
        8,
        "`for … else`",
    );
}

#[test]
fn functions_classes_and_methods_outside_the_model_shape_are_refused() {
    assert_refused(
        &at_top("def f():\n    pass"),
        4,
        "`def` outside a model class",
    );
    assert_refused(
        &at_top("class C(PregelModel):\n    pass"),
        4,
        "@pregel_types",
    );
    assert_refused(
        &at_top("@pregel_types(ntype=int)\nclass C(object):\n    pass"),
        5,
        "must derive from PregelModel",
    );
    assert_refused(
        &at_top(
            "@pregel_types(ntype=int)\nclass C(PregelModel):\n    @staticmethod\n    def helper(ctx, nid):\n        pass",
        ),
        7,
        "method `helper`",
    );
    assert_refused(
        &at_top(
            "@pregel_types(ntype=int)\nclass C(PregelModel):\n    def init(ctx, nid):\n        pass",
        ),
        6,
        "@staticmethod",
    );
    assert_refused(
        &at_top("@pregel_types(ntype=str)\nclass C(PregelModel):\n    pass"),
        4,
        "ntype must be int, float or bool",
    );
    assert_refused(
        &at_top("@pregel_types(ntype=int, combiner=avg)\nclass C(PregelModel):\n    pass"),
        4,
        "combiner must be",
    );
    assert_refused(&in_method("async def f():\n            pass"), 8, "`async`");
}

#[test]
fn statements_outside_the_subset_are_refused() {
    for (stmt, needle) in [
        ("global x", "`global`"),
        (
            "try:\n            pass\n        except Exception:\n            pass",
            "`try`",
        ),
        ("with open('f') as f:\n            pass", "`with`"),
        ("raise ValueError()", "`raise`"),
        ("assert nid > 0", "`assert`"),
        ("del x", "`del`"),
        ("x: int = 1", "annotated assignment"),
        ("a, b = 1, 2", "assignment to tuple"),
        ("a = b = 1", "chained assignment"),
        ("return 1", "`return` with a value"),
        ("x = 2 ** 3", "operator `**`"),
        ("x = nid is None", "comparison `is`"),
        ("x = nid in msgs", "comparison `in`"),
        ("x = ~nid", "operator `~`"),
        ("x += 1 << 2", "operator `<<`"),
    ] {
        assert_refused(&in_method(stmt), 8, needle);
    }
}

#[test]
fn expressions_outside_the_subset_are_refused() {
    for (expr, needle) in [
        ("lambda: 1", "`lambda`"),
        ("[m for m in msgs]", "list comprehension"),
        ("(m for m in msgs)", "generator expression"),
        ("[1, 2]", "list literal"),
        ("{1: 2}", "dict literal"),
        ("{1}", "set literal"),
        ("(1, 2)", "tuple"),
        ("msgs[0]", "subscript"),
        ("f'{nid}'", "f-string"),
        ("'text'", "string literal in a model method"),
        ("None", "`None` as a value"),
        ("(y := 1)", "`:=`"),
        ("ctx.in_degree(nid)", "`ctx.in_degree()`"),
        ("ctx.props", "`ctx.props`"),
        ("graph.nid(3)", "module constants"),
        ("open('/etc/passwd')", "call of `open()`"),
        ("eval('1')", "call of `eval()`"),
        ("__import__('os')", "call of `__import__()`"),
        ("nid.bit_length()", "call of `nid.bit_length()`"),
        ("ctx.value(0)", "ctx.value(nid)"),
        ("msgs", "`msgs` can only be iterated"),
        ("unknown + 1", "name 'unknown' is not defined"),
        ("min(3)", "min() of one argument"),
        ("round(1.5)", "call of `round()`"),
        ("print(nid)", "print() is a statement"),
    ] {
        assert_refused(&in_method(&format!("x = {expr}")), 8, needle);
    }
    assert_refused(&at_top("x = graph.degree(1)"), 4, "`graph.degree()`");
    assert_refused(&at_top("x = graph.nodes"), 4, "attribute `graph.nodes`");
    assert_refused(
        &at_top("import_name = __name__"),
        4,
        "name '__name__' is not defined",
    );
}

#[test]
fn misuses_of_the_hyg_api_are_refused() {
    let other = DOC_SSSP.replace("load_base_graph(\"movie\")", "load_base_graph(\"other\")");
    assert_refused(&other, 6, "names another graph");
    assert_refused(
        &in_method("ctx.set_value(0, 1)"),
        8,
        "ctx.set_value(nid, value)",
    );
    assert_refused(&in_method("ctx.halt(1)"), 8, "ctx.halt(nid)");
    assert_refused(
        &in_method("ctx.send(nid)"),
        8,
        "ctx.send() takes (dst_nid, msg)",
    );
    assert_refused(&in_method("len = 3"), 8, "`len` cannot be assigned");
    assert_refused(&in_method("nid = 3"), 8, "`nid` cannot be assigned");
    assert_refused(&in_method("ctx.value(nid)"), 8, "has no effect");
    assert_refused(
        &in_method("print(nid)"),
        8,
        "print inside a model method needs debug_mode=True in the run_pregel at line 9",
    );
    let debug = in_method("print(nid)").replace("run_pregel(M)", "run_pregel(M, debug_mode=True)");
    check(&debug, "movie").unwrap();
    assert_refused(
        &in_method("pass").replace("run_pregel(M)", "run_pregel(M, workers=4)"),
        9,
        "run_pregel argument `workers`",
    );
    assert_refused(
        &in_method("pass").replace("run_pregel(M)", "run_pregel(M, result_filter=print)"),
        9,
        "result_filter must be",
    );
    assert_refused(
        &at_top("result = graph.run_pregel(graph)"),
        4,
        "is not a model class",
    );
    assert_refused(&at_top("print(graph)"), 4, "`graph` can only be used");
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let sum = format!("x = {}1", "1+".repeat(30_000));
    assert_refused(&at_top(&sum), 4, "expression nested deeper than 64 levels");
    let neg = format!("x = {}1", "-".repeat(60_000));
    assert_refused(
        &in_method(&neg),
        8,
        "expression nested deeper than 64 levels",
    );
    let mut ifs = String::new();
    for depth in 0..70 {
        ifs.push_str(&format!("{}if nid > {depth}:\n", "    ".repeat(depth + 2)));
    }
    ifs.push_str(&format!("{}pass\n", "    ".repeat(72)));
    let src = in_method(ifs.trim_start());
    let m = refused(&src);
    assert!(m.contains("nested deeper than 64 levels"), "{m}");
}
