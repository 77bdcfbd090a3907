//! Compiling a model class: `@pregel_types(ntype=…, mtype=…, combiner=…)` on a subclass of
//! `PregelModel` whose body holds `@staticmethod` `init(ctx, nid)` and/or
//! `compute(ctx, nid, msgs)` (their bodies: [`super::method`]).

use std::collections::HashMap;

use rustpython_parser::ast;

use super::expr::Global;
use super::refusal::{Lines, Refusal, stmt_name};
use crate::hyg::dsl::ir::{Combiner, Model, Ty};

type R<T> = Result<T, Refusal>;

/// Compiles a class statement into a model.
pub(super) fn model(
    lines: &Lines,
    names: &HashMap<String, Global>,
    class: &ast::StmtClassDef,
) -> R<Model> {
    let imported = |n: &str| names.get(n) == Some(&Global::Imported);
    let deco = match class.decorator_list.as_slice() {
        [ast::Expr::Call(c)] if matches!(c.func.as_ref(), ast::Expr::Name(n) if n.id.as_str() == "pregel_types" && imported("pregel_types")) => {
            c
        }
        _ => {
            return Err(lines.refuse(
                class,
                format!(
                    "class `{}` must be decorated with @pregel_types(ntype=…) (imported from hyg.analytics.model)",
                    class.name
                ),
            ));
        }
    };
    let base_ok = matches!(class.bases.as_slice(), [ast::Expr::Name(n)] if n.id.as_str() == "PregelModel" && imported("PregelModel"));
    if !base_ok || !class.keywords.is_empty() || !class.type_params.is_empty() {
        return Err(lines.refuse(
            class,
            format!("class `{}` must derive from PregelModel only", class.name),
        ));
    }
    if !deco.args.is_empty() {
        return Err(lines.refuse(deco, "@pregel_types takes keyword arguments only"));
    }
    let (mut ntype, mut mtype, mut combiner) = (None, None, None);
    for kw in &deco.keywords {
        let word = match &kw.value {
            ast::Expr::Name(n) => Some(n.id.as_str()),
            ast::Expr::Constant(c) if c.value.is_none() => Some("None"),
            _ => None,
        };
        match (kw.arg.as_deref(), word) {
            (Some("ntype"), Some(w)) if Ty::parse(w).is_some() => ntype = Ty::parse(w),
            (Some("mtype"), Some(w)) if Ty::parse(w).is_some() => mtype = Ty::parse(w),
            (Some("mtype"), Some("None")) => {}
            (Some("combiner"), Some("min")) => combiner = Some(Combiner::Min),
            (Some("combiner"), Some("max")) => combiner = Some(Combiner::Max),
            (Some("combiner"), Some("sum")) => combiner = Some(Combiner::Sum),
            (Some("combiner"), Some("None")) => {}
            (Some(k @ ("ntype" | "mtype")), _) => {
                return Err(lines.refuse(kw, format!("{k} must be int, float or bool")));
            }
            (Some("combiner"), _) => {
                return Err(lines.refuse(kw, "combiner must be min, max, sum or None"));
            }
            (k, _) => {
                return Err(lines.unsupported(
                    kw,
                    &format!("@pregel_types argument `{}`", k.unwrap_or("**")),
                ));
            }
        }
    }
    let ntype = ntype.ok_or_else(|| {
        lines.refuse(
            deco,
            "@pregel_types needs ntype=int, ntype=float or ntype=bool",
        )
    })?;
    let mtype = mtype.unwrap_or(ntype);
    if combiner == Some(Combiner::Sum) && mtype == Ty::Bool {
        return Err(lines.refuse(deco, "combiner=sum needs mtype int or float"));
    }
    let mut model = Model {
        name: class.name.to_string(),
        ntype,
        mtype,
        combiner,
        init: None,
        compute: None,
        first_print: None,
    };
    for s in &class.body {
        let f = match s {
            ast::Stmt::FunctionDef(f) => f,
            ast::Stmt::Pass(_) => continue,
            ast::Stmt::Expr(e) if is_docstring(&e.value) => continue,
            other => {
                return Err(lines.unsupported(
                    other,
                    &format!(
                        "{} in a model class (only init and compute)",
                        stmt_name(other)
                    ),
                ));
            }
        };
        let params = match f.name.as_str() {
            "init" => 2,
            "compute" => 3,
            other => {
                return Err(lines.unsupported(
                    f,
                    &format!("method `{other}` (a model has only init and compute)"),
                ));
            }
        };
        let static_ok = matches!(f.decorator_list.as_slice(), [ast::Expr::Name(n)] if n.id.as_str() == "staticmethod");
        if !static_ok {
            return Err(lines.refuse(f, format!("{} must be a @staticmethod", f.name)));
        }
        let a = &f.args;
        let plain = a.posonlyargs.is_empty()
            && a.vararg.is_none()
            && a.kwonlyargs.is_empty()
            && a.kwarg.is_none()
            && a.args.len() == params
            && a.args.iter().all(|p| p.default.is_none());
        if !plain {
            let sig = if params == 2 {
                "ctx, nid"
            } else {
                "ctx, nid, msgs"
            };
            return Err(lines.refuse(f, format!("{} must take exactly ({sig})", f.name)));
        }
        let p: Vec<&str> = a.args.iter().map(|p| p.def.arg.as_str()).collect();
        let params = super::method::Params {
            ctx: p[0],
            nid: p[1],
            msgs: p.get(2).copied(),
        };
        let (method, first_print) = super::method::compile(lines, names, params, &f.body)?;
        model.first_print = model.first_print.or(first_print);
        let slot = if f.name.as_str() == "init" {
            &mut model.init
        } else {
            &mut model.compute
        };
        if slot.is_some() {
            return Err(lines.refuse(f, format!("{} is defined twice", f.name)));
        }
        *slot = Some(method);
    }
    Ok(model)
}

/// Whether a statement expression is a docstring (a bare string).
pub(super) fn is_docstring(e: &ast::Expr) -> bool {
    matches!(e, ast::Expr::Constant(c) if matches!(c.value, ast::Constant::Str(_)))
}
