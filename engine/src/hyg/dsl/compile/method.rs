//! Compiling a model method's body: assignments (`x = e`, `x += e`), `if`/`elif`/`else`,
//! `for x in ctx.out_edges(nid)` and `for m in msgs`, the calls `ctx.set_value(nid, v)`,
//! `ctx.send(dst, msg)`, `ctx.halt(nid)` and `print(…)` (which may also take string
//! literals), `pass`, a bare `return`, and docstrings. As in Python, a name assigned anywhere in the method is local to all of it.

use std::collections::HashMap;

use rustpython_parser::ast;

use super::expr::{BUILTINS, ExprCx, Global, MAX_NESTING, Place};
use super::model::is_docstring;
use super::ops::{binop, operator};
use super::refusal::{Lines, Refusal, callee, stmt_name};
use crate::hyg::dsl::ir::{Expr, Method, Stmt};
use crate::hyg::dsl::value::Val;

type R<T> = Result<T, Refusal>;

/// A method's parameter names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Params<'a> {
    pub(super) ctx: &'a str,
    pub(super) nid: &'a str,
    pub(super) msgs: Option<&'a str>,
}

/// Compiles a method body; also returns the line of its first `print`.
pub(super) fn compile(
    lines: &Lines,
    names: &HashMap<String, Global>,
    p: Params<'_>,
    body: &[ast::Stmt],
) -> R<(Method, Option<usize>)> {
    let mut found = Vec::new();
    collect_locals(lines, body, &mut found);
    let mut locals: Vec<String> = Vec::new();
    for (name, line) in found {
        let param = [Some(p.ctx), Some(p.nid), p.msgs].contains(&Some(name.as_str()));
        if BUILTINS.contains(&name.as_str()) || param {
            return Err(Refusal {
                line,
                message: format!("`{name}` cannot be assigned"),
            });
        }
        if !locals.contains(&name) {
            locals.push(name);
        }
    }
    let cx = Cx {
        expr: ExprCx {
            lines,
            names,
            place: Place::Method {
                ctx: p.ctx,
                nid: p.nid,
                msgs: p.msgs,
                locals: &locals,
            },
            depth: Default::default(),
        },
        first_print: std::cell::Cell::new(None),
    };
    let body = cx.block(body)?;
    let first_print = cx.first_print.get();
    Ok((Method { locals, body }, first_print))
}

/// Names bound by assignments and `for` targets, in order, with their lines.
fn collect_locals(lines: &Lines, body: &[ast::Stmt], out: &mut Vec<(String, usize)>) {
    let bind = |e: &ast::Expr, out: &mut Vec<(String, usize)>| {
        if let ast::Expr::Name(n) = e {
            out.push((n.id.to_string(), lines.at(e)));
        }
    };
    for s in body {
        match s {
            ast::Stmt::Assign(a) => a.targets.iter().for_each(|t| bind(t, out)),
            ast::Stmt::AugAssign(a) => bind(&a.target, out),
            ast::Stmt::For(f) => {
                bind(&f.target, out);
                collect_locals(lines, &f.body, out);
            }
            ast::Stmt::If(i) => {
                collect_locals(lines, &i.body, out);
                collect_locals(lines, &i.orelse, out);
            }
            _ => {}
        }
    }
}

struct Cx<'a> {
    expr: ExprCx<'a>,
    first_print: std::cell::Cell<Option<usize>>,
}

impl Cx<'_> {
    /// Compiles a block; blocks and the expressions in them share the nesting budget.
    fn block(&self, body: &[ast::Stmt]) -> R<Vec<Stmt>> {
        let depth = &self.expr.depth;
        if let Some(first) = body.first().filter(|_| depth.get() >= MAX_NESTING) {
            return Err(self.expr.lines.refuse(
                first,
                format!("blocks nested deeper than {MAX_NESTING} levels"),
            ));
        }
        depth.set(depth.get() + 1);
        let out = self.block_here(body);
        depth.set(depth.get() - 1);
        out
    }

    fn block_here(&self, body: &[ast::Stmt]) -> R<Vec<Stmt>> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            if let Some(stmt) = self.stmt(s)? {
                out.push(stmt);
            }
        }
        Ok(out)
    }

    fn slot(&self, target: &ast::Expr) -> R<usize> {
        let lines = self.expr.lines;
        let (ast::Expr::Name(n), Place::Method { locals, .. }) = (target, self.expr.place) else {
            return Err(lines.unsupported(
                target,
                &format!("assignment to {}", super::refusal::expr_name(target)),
            ));
        };
        Ok(locals
            .iter()
            .position(|l| l == n.id.as_str())
            .expect("collected"))
    }

    fn stmt(&self, s: &ast::Stmt) -> R<Option<Stmt>> {
        let lines = self.expr.lines;
        let line = lines.at(s);
        Ok(Some(match s {
            ast::Stmt::Assign(a) => {
                if a.targets.len() != 1 {
                    return Err(lines.unsupported(s, "chained assignment `a = b = …`"));
                }
                Stmt::Assign {
                    line,
                    slot: self.slot(&a.targets[0])?,
                    op: None,
                    value: self.expr.expr(&a.value)?,
                }
            }
            ast::Stmt::AugAssign(a) => {
                let op = binop(a.op).ok_or_else(|| {
                    lines.unsupported(s, &format!("operator `{}=`", operator(a.op)))
                })?;
                Stmt::Assign {
                    line,
                    slot: self.slot(&a.target)?,
                    op: Some(op),
                    value: self.expr.expr(&a.value)?,
                }
            }
            ast::Stmt::If(i) => Stmt::If {
                line,
                test: self.expr.expr(&i.test)?,
                then: self.block(&i.body)?,
                orelse: self.block(&i.orelse)?,
            },
            ast::Stmt::For(f) => {
                if !f.orelse.is_empty() {
                    return Err(lines.unsupported(s, "`for … else`"));
                }
                let Some(seq) = self.expr.seq(&f.iter)? else {
                    return Err(lines.unsupported(
                        &*f.iter,
                        &format!(
                            "`for` over {} (only ctx.out_edges(nid) and msgs)",
                            callee(&f.iter)
                        ),
                    ));
                };
                Stmt::For {
                    line,
                    slot: self.slot(&f.target)?,
                    seq,
                    body: self.block(&f.body)?,
                }
            }
            ast::Stmt::Expr(e) if is_docstring(&e.value) => return Ok(None),
            ast::Stmt::Expr(e) => self.call(s, &e.value)?,
            ast::Stmt::Pass(_) => return Ok(None),
            ast::Stmt::Return(r) => match r.value.as_deref() {
                None => Stmt::Return,
                Some(ast::Expr::Constant(c)) if c.value.is_none() => Stmt::Return,
                Some(v) => {
                    return Err(lines.unsupported(v, "`return` with a value (methods return None)"));
                }
            },
            other => {
                return Err(
                    lines.unsupported(other, &format!("{} in a model method", stmt_name(other)))
                );
            }
        }))
    }

    /// An expression statement: one of the effectful calls.
    fn call(&self, s: &ast::Stmt, e: &ast::Expr) -> R<Stmt> {
        let lines = self.expr.lines;
        let line = lines.at(s);
        let refuse = |m: &str| Err(lines.refuse(e, m.to_owned()));
        if let Some((member, c)) = self.expr.ctx_call(e) {
            if !c.keywords.is_empty() {
                return Err(lines.unsupported(e, &format!("keyword arguments to ctx.{member}()")));
            }
            let own = c.args.first().is_some_and(|a| self.expr.is_nid(a));
            return match (member, c.args.len()) {
                ("set_value", 2) if own => Ok(Stmt::SetValue {
                    line,
                    value: self.expr.expr(&c.args[1])?,
                }),
                ("set_value", _) => refuse(
                    "ctx.set_value() sets only this vertex's value: ctx.set_value(nid, value)",
                ),
                ("halt", 1) if own => Ok(Stmt::Halt),
                ("halt", _) => refuse("ctx.halt() halts only this vertex: ctx.halt(nid)"),
                ("send", 2) => Ok(Stmt::Send {
                    line,
                    dst: self.expr.expr(&c.args[0])?,
                    msg: self.expr.expr(&c.args[1])?,
                }),
                ("send", _) => refuse("ctx.send() takes (dst_nid, msg)"),
                _ => self
                    .expr
                    .expr(e)
                    .and_then(|_| refuse("this expression statement has no effect")),
            };
        }
        if let ast::Expr::Call(c) = e
            && matches!(c.func.as_ref(), ast::Expr::Name(n) if n.id.as_str() == "print")
        {
            if !c.keywords.is_empty() {
                return Err(lines.unsupported(e, "keyword arguments to print()"));
            }
            self.first_print.set(self.first_print.get().or(Some(line)));
            // Debug prints may label their values with string literals.
            let arg = |a: &ast::Expr| match a {
                ast::Expr::Constant(k) => match &k.value {
                    ast::Constant::Str(s) => Ok(Expr::Const(Val::Str(s.clone()))),
                    _ => self.expr.expr(a),
                },
                _ => self.expr.expr(a),
            };
            let args = c.args.iter().map(arg).collect::<R<_>>()?;
            return Ok(Stmt::Print { line, args });
        }
        self.expr.expr(e)?;
        refuse(
            "this expression statement has no effect (only ctx.set_value/send/halt and print calls)",
        )
    }
}
