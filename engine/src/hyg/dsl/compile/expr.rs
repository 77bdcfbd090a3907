//! Compiling expressions: literals, names, `ctx.*` reads, `graph.nid`, arithmetic,
//! comparisons, `and`/`or`/`not`, `a if c else b`, and the builtins `len`, `min`, `max`,
//! `sum`, `abs`, `int`, `float`, `bool`. Anything else is refused with its name and line.

use std::collections::HashMap;

use rustpython_parser::ast;

use super::ops::{binop, cmp_text, cmpop, operator};
use super::refusal::{Lines, Refusal, callee, expr_name};
use crate::hyg::dsl::ir::{Builtin, Expr, Fold, Seq, Ty};
use crate::hyg::dsl::value::Val;

type R<T> = Result<T, Refusal>;

/// Names the scripts may not bind: the builtins the subset gives meaning to.
pub(super) const BUILTINS: &[&str] = &[
    "len", "min", "max", "sum", "abs", "int", "float", "bool", "print", "type",
];

/// What a module-level name is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Global {
    /// A constant (slot).
    Value(usize),
    /// The `load_base_graph` result.
    Graph,
    /// A model class (index).
    Model(usize),
    /// A `run_pregel` result (run index).
    Result(usize),
    /// A name imported from `hyg.analytics`.
    Imported,
}

/// Where an expression stands.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place<'a> {
    /// Module level.
    Top,
    /// A model method: its parameter names and locals.
    Method {
        /// `ctx` parameter name.
        ctx: &'a str,
        /// `nid` parameter name.
        nid: &'a str,
        /// `msgs` parameter name (`compute` only).
        msgs: Option<&'a str>,
        /// Local names, by slot.
        locals: &'a [String],
    },
    /// `result_filter=lambda ctx, nid: …`.
    Filter {
        /// `ctx` parameter name.
        ctx: &'a str,
        /// `nid` parameter name.
        nid: &'a str,
    },
}

/// How deeply expressions (and method blocks) may nest: the interpreter recurses on them.
pub(super) const MAX_NESTING: usize = 64;

/// Compiles expressions at one place.
pub(super) struct ExprCx<'a> {
    pub(super) lines: &'a Lines,
    pub(super) names: &'a HashMap<String, Global>,
    pub(super) place: Place<'a>,
    /// Current nesting depth.
    pub(super) depth: std::cell::Cell<usize>,
}

fn name_of(e: &ast::Expr) -> Option<&str> {
    match e {
        ast::Expr::Name(n) => Some(n.id.as_str()),
        _ => None,
    }
}

impl ExprCx<'_> {
    fn ctx_name(&self) -> Option<&str> {
        match self.place {
            Place::Top => None,
            Place::Method { ctx, .. } | Place::Filter { ctx, .. } => Some(ctx),
        }
    }

    fn nid_name(&self) -> Option<&str> {
        match self.place {
            Place::Top => None,
            Place::Method { nid, .. } | Place::Filter { nid, .. } => Some(nid),
        }
    }

    /// Whether `e` is the method's own `nid` parameter.
    pub(super) fn is_nid(&self, e: &ast::Expr) -> bool {
        name_of(e).is_some_and(|n| Some(n) == self.nid_name())
    }

    /// `(member, call)` when `e` calls `ctx.<member>(…)`.
    pub(super) fn ctx_call<'e>(&self, e: &'e ast::Expr) -> Option<(&'e str, &'e ast::ExprCall)> {
        let ast::Expr::Call(call) = e else {
            return None;
        };
        let ast::Expr::Attribute(a) = call.func.as_ref() else {
            return None;
        };
        (name_of(&a.value).is_some() && name_of(&a.value) == self.ctx_name())
            .then_some((a.attr.as_str(), call))
    }

    /// The sequence `e` names (`msgs`, `ctx.out_edges(nid)`), if it is one.
    pub(super) fn seq(&self, e: &ast::Expr) -> R<Option<Seq>> {
        if let Place::Method { msgs: Some(m), .. } = self.place
            && name_of(e) == Some(m)
        {
            return Ok(Some(Seq::Msgs));
        }
        if let Some(("out_edges", call)) = self.ctx_call(e) {
            if call.args.len() != 1 || !call.keywords.is_empty() || !self.is_nid(&call.args[0]) {
                return Err(self.lines.refuse(
                    e,
                    "ctx.out_edges() lists only this vertex's out-edges: ctx.out_edges(nid)",
                ));
            }
            return Ok(Some(Seq::OutEdges));
        }
        Ok(None)
    }

    /// Compiles a scalar expression.
    pub(super) fn expr(&self, e: &ast::Expr) -> R<Expr> {
        if self.depth.get() >= MAX_NESTING {
            return Err(self.lines.refuse(
                e,
                format!("expression nested deeper than {MAX_NESTING} levels"),
            ));
        }
        self.depth.set(self.depth.get() + 1);
        let out = self.expr_here(e);
        self.depth.set(self.depth.get() - 1);
        out
    }

    fn expr_here(&self, e: &ast::Expr) -> R<Expr> {
        use ast::Expr as E;
        let lines = self.lines;
        let boxed = |x: &ast::Expr| self.expr(x).map(Box::new);
        Ok(match e {
            E::Constant(c) => Expr::Const(self.constant(e, &c.value)?),
            E::Name(n) => self.name(e, n.id.as_str())?,
            E::Attribute(a) => self.attribute(e, a)?,
            E::Call(c) => self.call(e, c)?,
            E::BinOp(b) => {
                let op = binop(b.op).ok_or_else(|| {
                    lines.unsupported(e, &format!("operator `{}`", operator(b.op)))
                })?;
                Expr::Bin(op, boxed(&b.left)?, boxed(&b.right)?)
            }
            E::UnaryOp(u) => match u.op {
                ast::UnaryOp::USub => Expr::Neg(boxed(&u.operand)?),
                ast::UnaryOp::UAdd => Expr::Pos(boxed(&u.operand)?),
                ast::UnaryOp::Not => Expr::Not(boxed(&u.operand)?),
                ast::UnaryOp::Invert => return Err(lines.unsupported(e, "operator `~`")),
            },
            E::BoolOp(b) => {
                let values = b.values.iter().map(|v| self.expr(v)).collect::<R<_>>()?;
                match b.op {
                    ast::BoolOp::And => Expr::And(values),
                    ast::BoolOp::Or => Expr::Or(values),
                }
            }
            E::Compare(c) => {
                let mut chain = Vec::with_capacity(c.ops.len());
                for (op, right) in c.ops.iter().zip(&c.comparators) {
                    let op = cmpop(*op).ok_or_else(|| {
                        lines.unsupported(e, &format!("comparison `{}`", cmp_text(*op)))
                    })?;
                    chain.push((op, self.expr(right)?));
                }
                Expr::Cmp(boxed(&c.left)?, chain)
            }
            E::IfExp(i) => Expr::IfElse(boxed(&i.test)?, boxed(&i.body)?, boxed(&i.orelse)?),
            E::Lambda(_) => {
                return Err(lines.unsupported(e, "`lambda` (only as run_pregel's result_filter)"));
            }
            other => return Err(lines.unsupported(e, expr_name(other))),
        })
    }

    fn constant(&self, e: &ast::Expr, c: &ast::Constant) -> R<Val> {
        match c {
            ast::Constant::Int(i) => i64::try_from(i).map(Val::Int).map_err(|_| {
                self.lines
                    .refuse(e, "integer literal does not fit in 64 bits")
            }),
            ast::Constant::Float(f) => Ok(Val::Float(*f)),
            ast::Constant::Bool(b) => Ok(Val::Bool(*b)),
            ast::Constant::Str(s) if matches!(self.place, Place::Top) => Ok(Val::Str(s.clone())),
            ast::Constant::Str(_) => Err(self.lines.unsupported(
                e,
                "string literal in a model method (strings are for top-level print and graph.nid)",
            )),
            ast::Constant::None => Err(self.lines.unsupported(e, "`None` as a value")),
            _ => Err(self.lines.unsupported(e, "bytes, complex or `...` literal")),
        }
    }

    fn name(&self, e: &ast::Expr, n: &str) -> R<Expr> {
        let refuse = |m: String| Err(self.lines.refuse(e, m));
        if let Place::Method { locals, msgs, .. } = self.place {
            if let Some(slot) = locals.iter().position(|l| l == n) {
                return Ok(Expr::Local(slot));
            }
            if msgs == Some(n) {
                return refuse(format!(
                    "`{n}` can only be iterated (`for m in {n}`) or passed to len/min/max/sum"
                ));
            }
        }
        if Some(n) == self.nid_name() {
            return Ok(Expr::Nid);
        }
        if Some(n) == self.ctx_name() {
            return refuse(format!("`{n}` can only be used as {n}.<member>"));
        }
        match self.names.get(n) {
            Some(Global::Value(slot)) => Ok(Expr::Global(*slot)),
            Some(Global::Graph) => refuse(format!(
                "`{n}` can only be used as {n}.nid(…) and {n}.run_pregel(…)"
            )),
            Some(Global::Model(_)) => refuse(format!(
                "the model class `{n}` can only be passed to run_pregel"
            )),
            Some(Global::Result(_)) => refuse(format!(
                "the result `{n}` can only be printed: print({n}), type({n}), len({n})"
            )),
            Some(Global::Imported) => refuse(format!("`{n}` can only be used as documented")),
            None if BUILTINS.contains(&n) => refuse(format!("builtin `{n}` used as a value")),
            None => refuse(format!("name '{n}' is not defined")),
        }
    }

    fn attribute(&self, e: &ast::Expr, a: &ast::ExprAttribute) -> R<Expr> {
        if name_of(&a.value).is_some() && name_of(&a.value) == self.ctx_name() {
            return match a.attr.as_str() {
                "superstep" => Ok(Expr::Superstep),
                "num_nodes" => Ok(Expr::NumNodes),
                "num_edges" => Ok(Expr::NumEdges),
                m @ ("value" | "edge_dst" | "ext_id" | "out_edges" | "set_value" | "send"
                | "halt") => Err(self.lines.refuse(e, format!("ctx.{m} must be called"))),
                m => Err(self.lines.unsupported(e, &format!("`ctx.{m}`"))),
            };
        }
        Err(self
            .lines
            .unsupported(e, &format!("attribute `{}`", callee(e))))
    }

    fn call(&self, e: &ast::Expr, c: &ast::ExprCall) -> R<Expr> {
        let who = callee(&c.func);
        if !c.keywords.is_empty() {
            return Err(self
                .lines
                .unsupported(e, &format!("keyword arguments to {who}()")));
        }
        let arity = |n: usize| {
            if c.args.len() == n {
                Ok(())
            } else {
                Err(self
                    .lines
                    .refuse(e, format!("{who}() takes {n} argument(s) here")))
            }
        };
        let one = || -> R<Box<Expr>> {
            arity(1)?;
            self.expr(&c.args[0]).map(Box::new)
        };
        if let Some((member, _)) = self.ctx_call(e) {
            return match member {
                "value" if c.args.len() == 1 && self.is_nid(&c.args[0]) => Ok(Expr::Value),
                "value" => Err(self.lines.refuse(
                    e,
                    "ctx.value() reads only this vertex's value: ctx.value(nid)",
                )),
                "edge_dst" => Ok(Expr::EdgeDst(one()?)),
                "ext_id" => Ok(Expr::ExtId(one()?)),
                "out_edges" => Err(self.lines.refuse(
                    e,
                    "ctx.out_edges(nid) can only be iterated or passed to len()",
                )),
                "set_value" | "send" | "halt" => Err(self
                    .lines
                    .refuse(e, format!("ctx.{member}() is a statement, not a value"))),
                m => Err(self.lines.unsupported(e, &format!("`ctx.{m}()`"))),
            };
        }
        if let ast::Expr::Attribute(a) = c.func.as_ref()
            && let Some(Global::Graph) = name_of(&a.value).and_then(|n| self.names.get(n))
        {
            return match (a.attr.as_str(), self.place) {
                ("nid", Place::Top) => Ok(Expr::GraphNid(one()?)),
                ("nid", _) => Err(self.lines.refuse(
                    e,
                    format!("{who}() is for module constants; bind it before the model class"),
                )),
                ("run_pregel", _) => Err(self.lines.refuse(
                    e,
                    format!("{who}() must be assigned: result = {who}(Model)"),
                )),
                (m, _) => Err(self
                    .lines
                    .unsupported(e, &format!("`{}.{m}()`", callee(&a.value)))),
            };
        }
        let Some(name) = name_of(&c.func).filter(|n| !self.names.contains_key(*n)) else {
            return Err(self.lines.unsupported(e, &format!("call of `{who}()`")));
        };
        match name {
            "len" | "sum" => {
                arity(1)?;
                let fold = if name == "len" { Fold::Len } else { Fold::Sum };
                match self.seq(&c.args[0])? {
                    Some(seq) => Ok(Expr::Fold(fold, seq)),
                    None => Err(self
                        .lines
                        .refuse(e, format!("{name}() takes msgs or ctx.out_edges(nid) here"))),
                }
            }
            "min" | "max" if c.args.len() == 1 => match self.seq(&c.args[0])? {
                Some(seq) if name == "min" => Ok(Expr::Fold(Fold::Min, seq)),
                Some(seq) => Ok(Expr::Fold(Fold::Max, seq)),
                None => Err(self.lines.refuse(
                    e,
                    format!("{name}() of one argument takes msgs or ctx.out_edges(nid)"),
                )),
            },
            "min" | "max" if c.args.len() >= 2 => {
                let args = c.args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
                let f = if name == "min" {
                    Builtin::Min
                } else {
                    Builtin::Max
                };
                Ok(Expr::Call(f, args))
            }
            "min" | "max" => Err(self.lines.refuse(e, format!("{name}() needs arguments"))),
            "abs" => Ok(Expr::Call(Builtin::Abs, vec![*one()?])),
            "int" | "float" | "bool" => {
                let ty = Ty::parse(name).expect("a type name");
                Ok(Expr::Call(Builtin::Convert(ty), vec![*one()?]))
            }
            "print" => Err(self.lines.refuse(e, "print() is a statement, not a value")),
            "type" => Err(self
                .lines
                .refuse(e, "type() is only supported inside a top-level print()")),
            other => Err(self.lines.unsupported(e, &format!("call of `{other}()`"))),
        }
    }
}
