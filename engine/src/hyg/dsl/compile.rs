//! From script text to a checked [`Program`]: RustPython's parser builds the Python syntax
//! tree, and this module accepts only the documented HyG shape, refusing anything else with
//! the construct's name and line ([`Refusal`]).
//!
//! Top level: the two `from hyg.analytics.… import …` lines, `graph = load_base_graph("<this
//! graph>")`, constants `NAME = <expression>` (literals, arithmetic, `graph.nid(…)`, earlier
//! constants), model classes ([`model`]), `result = graph.run_pregel(Model[,
//! result_filter=lambda ctx, nid: …][, debug_mode=True|False])`, `print(…)` of values, results,
//! `type(x)` and `len(result)`, `pass` and docstrings. Model methods see the module constants
//! bound before their class.

mod expr;
mod method;
mod model;
mod ops;
mod refusal;

use std::collections::HashMap;

use rustpython_parser::Parse;
use rustpython_parser::ast::{self, Ranged};

use super::ir::{PrintArg, Program, Run, Top};
use expr::{BUILTINS, ExprCx, Global, Place};
pub(crate) use refusal::Refusal;
use refusal::{Lines, stmt_name};

type R<T> = Result<T, Refusal>;

/// The names each `hyg.analytics` module documents.
const MODULES: &[(&str, &[&str])] = &[
    ("hyg.analytics.graph", &["load_base_graph"]),
    ("hyg.analytics.model", &["pregel_types", "PregelModel"]),
];

/// Stack of the thread a script is parsed and checked on: the syntax tree of a 64 KiB script
/// can be tens of thousands of levels deep (`x = 1+1+…`, `-----1`), and building, checking
/// and dropping it recurses. (The checked program is at most [`expr::MAX_NESTING`] deep.)
const STACK_BYTES: usize = 64 << 20;

/// Parses and checks a script meant for HyG graph `graph`.
///
/// # Errors
/// A [`Refusal`] naming the line and the syntax error, unsupported construct or misuse.
pub(crate) fn compile(source: &str, graph: &str) -> R<Program> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("dsl-compile".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || compile_here(source, graph))
            .expect("spawning the dsl compile thread")
            .join()
    })
    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn compile_here(source: &str, graph: &str) -> R<Program> {
    let lines = Lines::new(source);
    let suite = ast::Suite::parse(source, "<script>").map_err(|e| Refusal {
        line: lines.of(e.offset),
        message: format!("syntax error: {}", e.error),
    })?;
    let mut cx = Cx {
        lines: &lines,
        graph,
        names: HashMap::new(),
        program: Program {
            globals: 0,
            models: Vec::new(),
            top: Vec::new(),
        },
        runs: 0,
    };
    for s in &suite {
        cx.stmt(s)?;
    }
    Ok(cx.program)
}

struct Cx<'a> {
    lines: &'a Lines,
    graph: &'a str,
    names: HashMap<String, Global>,
    program: Program,
    runs: usize,
}

impl Cx<'_> {
    fn top_expr(&self) -> ExprCx<'_> {
        ExprCx {
            lines: self.lines,
            names: &self.names,
            place: Place::Top,
            depth: Default::default(),
        }
    }

    fn bind(&mut self, node: &impl Ranged, name: &str, to: Global) -> R<()> {
        let clash = match self.names.get(name) {
            None | Some(Global::Value(_) | Global::Result(_)) => false,
            Some(_) => true,
        };
        if clash || BUILTINS.contains(&name) {
            return Err(self
                .lines
                .refuse(node, format!("`{name}` cannot be rebound")));
        }
        self.names.insert(name.to_owned(), to);
        Ok(())
    }

    fn stmt(&mut self, s: &ast::Stmt) -> R<()> {
        let lines = self.lines;
        match s {
            ast::Stmt::ImportFrom(i) => self.import(i),
            ast::Stmt::Import(_) => Err(lines.unsupported(
                s,
                "`import` (only `from hyg.analytics.graph import load_base_graph` and `from hyg.analytics.model import pregel_types, PregelModel`)",
            )),
            ast::Stmt::Assign(a) => {
                let [ast::Expr::Name(target)] = a.targets.as_slice() else {
                    return Err(lines.unsupported(s, "assignment to anything but one name"));
                };
                self.assign(s, target.id.as_str(), &a.value)
            }
            ast::Stmt::ClassDef(c) => {
                let model = model::model(lines, &self.names, c)?;
                self.bind(c, c.name.as_str(), Global::Model(self.program.models.len()))?;
                self.program.models.push(model);
                Ok(())
            }
            ast::Stmt::Expr(e) if model::is_docstring(&e.value) => Ok(()),
            ast::Stmt::Expr(e) => match e.value.as_ref() {
                ast::Expr::Call(c) if matches!(c.func.as_ref(), ast::Expr::Name(n) if n.id.as_str() == "print") => {
                    if !c.keywords.is_empty() {
                        return Err(lines.unsupported(s, "keyword arguments to print()"));
                    }
                    let args = c.args.iter().map(|a| self.print_arg(a)).collect::<R<_>>()?;
                    self.program.top.push(Top::Print(args));
                    Ok(())
                }
                ast::Expr::Call(c) if self.is_run(c) => {
                    let run = self.run(s, c)?;
                    self.program.top.push(Top::Run(run));
                    Ok(())
                }
                other => {
                    self.top_expr().expr(other)?;
                    Err(lines.refuse(s, "this expression statement has no effect"))
                }
            },
            ast::Stmt::Pass(_) => Ok(()),
            ast::Stmt::FunctionDef(_) => Err(lines.unsupported(s, "`def` outside a model class")),
            other => Err(lines.unsupported(other, stmt_name(other))),
        }
    }

    fn import(&mut self, i: &ast::StmtImportFrom) -> R<()> {
        let lines = self.lines;
        let module = i.module.as_ref().map_or("", |m| m.as_str());
        let relative = i.level.is_some_and(|l| l.to_u32() > 0);
        let Some((_, allowed)) = MODULES
            .iter()
            .find(|(m, _)| *m == module)
            .filter(|_| !relative)
        else {
            return Err(lines.unsupported(i, &format!("import from module `{module}`")));
        };
        for alias in &i.names {
            if alias.asname.is_some() {
                return Err(lines.unsupported(alias, "`import … as …`"));
            }
            let name = alias.name.as_str();
            if !allowed.contains(&name) {
                return Err(lines.unsupported(
                    alias,
                    &format!(
                        "import of `{name}` from {module} (documented: {})",
                        allowed.join(", ")
                    ),
                ));
            }
            self.bind(alias, name, Global::Imported)?;
        }
        Ok(())
    }

    fn is_run(&self, c: &ast::ExprCall) -> bool {
        matches!(c.func.as_ref(), ast::Expr::Attribute(a)
            if a.attr.as_str() == "run_pregel"
            && matches!(a.value.as_ref(), ast::Expr::Name(n) if self.names.get(n.id.as_str()) == Some(&Global::Graph)))
    }

    fn assign(&mut self, s: &ast::Stmt, name: &str, value: &ast::Expr) -> R<()> {
        let lines = self.lines;
        if let ast::Expr::Call(c) = value {
            let loader =
                matches!(c.func.as_ref(), ast::Expr::Name(n) if n.id.as_str() == "load_base_graph");
            if loader && self.names.get("load_base_graph") == Some(&Global::Imported) {
                if self.names.values().any(|g| *g == Global::Graph) {
                    return Err(lines.refuse(s, "load_base_graph is called twice"));
                }
                let arg = match (c.args.as_slice(), c.keywords.is_empty()) {
                    ([ast::Expr::Constant(k)], true) => k.value.as_str().map(String::as_str),
                    _ => None,
                };
                let Some(arg) = arg else {
                    return Err(lines.refuse(s, "load_base_graph takes one string: the graph name"));
                };
                if arg != self.graph {
                    return Err(lines.refuse(
                        s,
                        format!(
                            "load_base_graph(\"{arg}\") names another graph: this dsl job runs on HyG graph [{}]",
                            self.graph
                        ),
                    ));
                }
                return self.bind(s, name, Global::Graph);
            }
            if self.is_run(c) {
                let run = self.run(s, c)?;
                self.program.top.push(Top::Run(run));
                return self.bind(s, name, Global::Result(self.runs - 1));
            }
        }
        let value = self.top_expr().expr(value)?;
        let slot = match self.names.get(name) {
            Some(Global::Value(slot)) => *slot,
            _ => {
                self.program.globals += 1;
                self.program.globals - 1
            }
        };
        self.bind(s, name, Global::Value(slot))?;
        self.program.top.push(Top::Global {
            line: lines.at(s),
            slot,
            value,
        });
        Ok(())
    }

    fn run(&mut self, s: &ast::Stmt, c: &ast::ExprCall) -> R<Run> {
        let lines = self.lines;
        let model = match c.args.as_slice() {
            [ast::Expr::Name(n)] => match self.names.get(n.id.as_str()) {
                Some(Global::Model(m)) => *m,
                _ => return Err(lines.refuse(s, format!("`{}` is not a model class", n.id))),
            },
            _ => return Err(lines.refuse(s, "run_pregel takes one model class")),
        };
        let (mut filter, mut debug) = (None, false);
        for kw in &c.keywords {
            match (kw.arg.as_deref(), &kw.value) {
                (Some("result_filter"), ast::Expr::Constant(k)) if k.value.is_none() => {}
                (Some("result_filter"), ast::Expr::Lambda(l)) => filter = Some(self.filter(l)?),
                (Some("debug_mode"), ast::Expr::Constant(k)) if k.value.is_bool() => {
                    debug = k.value == ast::Constant::Bool(true);
                }
                (Some("result_filter"), _) => {
                    return Err(
                        lines.refuse(kw, "result_filter must be lambda ctx, nid: … or None")
                    );
                }
                (Some("debug_mode"), _) => {
                    return Err(lines.refuse(kw, "debug_mode must be True or False"));
                }
                (k, _) => {
                    return Err(lines
                        .unsupported(kw, &format!("run_pregel argument `{}`", k.unwrap_or("**"))));
                }
            }
        }
        if let (false, Some(line)) = (debug, self.program.models[model].first_print) {
            return Err(Refusal {
                line,
                message: format!(
                    "print inside a model method needs debug_mode=True in the run_pregel at line {}",
                    lines.at(s)
                ),
            });
        }
        self.runs += 1;
        Ok(Run {
            line: lines.at(s),
            model,
            filter,
        })
    }

    fn filter(&self, l: &ast::ExprLambda) -> R<super::ir::Expr> {
        let a = &l.args;
        let plain = a.posonlyargs.is_empty()
            && a.vararg.is_none()
            && a.kwonlyargs.is_empty()
            && a.kwarg.is_none()
            && a.args.len() == 2
            && a.args.iter().all(|p| p.default.is_none());
        if !plain {
            return Err(self
                .lines
                .refuse(l, "result_filter must be lambda ctx, nid: …"));
        }
        ExprCx {
            lines: self.lines,
            names: &self.names,
            place: Place::Filter {
                ctx: a.args[0].def.arg.as_str(),
                nid: a.args[1].def.arg.as_str(),
            },
            depth: Default::default(),
        }
        .expr(&l.body)
    }

    fn print_arg(&self, e: &ast::Expr) -> R<PrintArg> {
        let result = |e: &ast::Expr| match e {
            ast::Expr::Name(n) => match self.names.get(n.id.as_str()) {
                Some(Global::Result(r)) => Some(*r),
                _ => None,
            },
            _ => None,
        };
        if let Some(r) = result(e) {
            return Ok(PrintArg::Result(r));
        }
        if let ast::Expr::Call(c) = e
            && let ast::Expr::Name(f) = c.func.as_ref()
            && let ([arg], true) = (c.args.as_slice(), c.keywords.is_empty())
            && !self.names.contains_key(f.id.as_str())
        {
            match (f.id.as_str(), result(arg)) {
                ("type", _) => return Ok(PrintArg::TypeOf(Box::new(self.print_arg(arg)?))),
                ("len", Some(r)) => return Ok(PrintArg::Len(r)),
                _ => {}
            }
        }
        self.top_expr().expr(e).map(PrintArg::Value)
    }
}
