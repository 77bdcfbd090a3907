//! The interpreter: evaluates expressions and runs a model method for one vertex. A method's
//! effects (value, sends, halt, debug prints) are collected in its [`Frame`] for the superstep
//! loop to apply. A runtime error is `"line N: <Python-style error>"`.

use super::ir::{Builtin, Expr, Fold, Method, Seq, Stmt, Ty};
use super::value::{self, Val};
use crate::graph::Graph;

/// What a method runs with, and what it did.
pub(crate) struct Frame<'a> {
    /// The graph.
    pub(crate) graph: &'a Graph,
    /// Module constants.
    pub(crate) globals: &'a [Val],
    /// The current superstep.
    pub(crate) superstep: u64,
    /// The vertex (`nid`).
    pub(crate) nid: u32,
    /// Its value (read and written in place).
    pub(crate) value: Val,
    /// `ntype`.
    pub(crate) ntype: Ty,
    /// `mtype`.
    pub(crate) mtype: Ty,
    /// Its messages of this superstep.
    pub(crate) msgs: &'a [Val],
    /// Messages sent: (target, message), already of `mtype`.
    pub(crate) sends: Vec<(u32, Val)>,
    /// Whether it voted to halt.
    pub(crate) halted: bool,
    /// Lines printed (debug mode).
    pub(crate) printed: Vec<String>,
    /// Local variable slots (reused between calls).
    pub(crate) locals: Vec<Option<Val>>,
}

/// How a statement ended.
enum Flow {
    Next,
    Return,
}

type R<T> = Result<T, String>;

impl<'a> Frame<'a> {
    /// A frame outside any vertex (module level and result filters use `nid`, `value`).
    pub(crate) fn new(graph: &'a Graph, globals: &'a [Val]) -> Self {
        Self {
            graph,
            globals,
            superstep: 0,
            nid: 0,
            value: Val::Int(0),
            ntype: Ty::Int,
            mtype: Ty::Int,
            msgs: &[],
            sends: Vec::new(),
            halted: false,
            printed: Vec::new(),
            locals: Vec::new(),
        }
    }

    /// Runs `method` for the frame's vertex.
    ///
    /// # Errors
    /// `"line N: …"` for a runtime error (the job fails with it).
    pub(crate) fn run(&mut self, method: &Method) -> R<()> {
        self.locals.clear();
        self.locals.resize(method.locals.len(), None);
        self.block(method, &method.body).map(|_| ())
    }

    fn block(&mut self, m: &Method, body: &[Stmt]) -> R<Flow> {
        for s in body {
            if let Flow::Return = self.stmt(m, s)? {
                return Ok(Flow::Return);
            }
        }
        Ok(Flow::Next)
    }

    fn stmt(&mut self, m: &Method, s: &Stmt) -> R<Flow> {
        let at = |line: usize| move |e: String| format!("line {line}: {e}");
        match s {
            Stmt::Assign {
                line,
                slot,
                op,
                value,
            } => {
                let v = self.eval(m, value).map_err(at(*line))?;
                let v = match op {
                    None => v,
                    Some(op) => {
                        let old = self.local(m, *slot).map_err(at(*line))?;
                        value::binop(*op, &old, &v).map_err(at(*line))?
                    }
                };
                self.locals[*slot] = Some(v);
            }
            Stmt::If {
                line,
                test,
                then,
                orelse,
            } => {
                let branch = if self.eval(m, test).map_err(at(*line))?.truthy() {
                    then
                } else {
                    orelse
                };
                return self.block(m, branch);
            }
            Stmt::For {
                line: _,
                slot,
                seq,
                body,
            } => {
                let items: Vec<Val> = match seq {
                    Seq::Msgs => self.msgs.to_vec(),
                    Seq::OutEdges => self
                        .graph
                        .out_edge_range(self.nid)
                        .map(|k| Val::Int(k as i64))
                        .collect(),
                };
                for item in items {
                    self.locals[*slot] = Some(item);
                    if let Flow::Return = self.block(m, body)? {
                        return Ok(Flow::Return);
                    }
                }
            }
            Stmt::SetValue { line, value } => {
                let v = self.eval(m, value).map_err(at(*line))?;
                self.value = v
                    .coerce(self.ntype, "the value (ntype)")
                    .map_err(at(*line))?;
            }
            Stmt::Send { line, dst, msg } => {
                let d = self.eval(m, dst).map_err(at(*line))?;
                let d = self.vertex(&d).map_err(at(*line))?;
                let v = self.eval(m, msg).map_err(at(*line))?;
                let v = v
                    .coerce(self.mtype, "a message (mtype)")
                    .map_err(at(*line))?;
                self.sends.push((d, v));
            }
            Stmt::Halt => self.halted = true,
            Stmt::Print { line, args } => {
                let mut text = Vec::with_capacity(args.len());
                for a in args {
                    text.push(super::repr::str(&self.eval(m, a).map_err(at(*line))?));
                }
                self.printed.push(text.join(" "));
            }
            Stmt::Return => return Ok(Flow::Return),
        }
        Ok(Flow::Next)
    }

    fn local(&self, m: &Method, slot: usize) -> R<Val> {
        self.locals[slot].clone().ok_or_else(|| {
            format!(
                "UnboundLocalError: local variable '{}' referenced before assignment",
                m.locals[slot]
            )
        })
    }

    /// A vertex id value as an index.
    fn vertex(&self, v: &Val) -> R<u32> {
        let n = self.graph.vertex_count();
        match v.as_i64() {
            Some(i) if (0..n as i64).contains(&i) => Ok(i as u32),
            _ => Err(format!(
                "IndexError: {} is not a vertex id (0..{n})",
                super::repr::repr(v)
            )),
        }
    }

    /// Evaluates an expression outside any method (module constants, result filters).
    pub(crate) fn eval_free(&mut self, e: &Expr) -> R<Val> {
        let none = Method {
            locals: Vec::new(),
            body: Vec::new(),
        };
        self.eval(&none, e)
    }

    fn eval(&mut self, m: &Method, e: &Expr) -> R<Val> {
        Ok(match e {
            Expr::Const(v) => v.clone(),
            Expr::Local(slot) => self.local(m, *slot)?,
            Expr::Global(slot) => self.globals[*slot].clone(),
            Expr::Nid => Val::Int(i64::from(self.nid)),
            Expr::Superstep => Val::Int(self.superstep as i64),
            Expr::NumNodes => Val::Int(self.graph.vertex_count() as i64),
            Expr::NumEdges => Val::Int(self.graph.edge_count() as i64),
            Expr::Value => self.value.clone(),
            Expr::EdgeDst(x) => {
                let k = self.eval(m, x)?;
                match k.as_i64() {
                    Some(k) if (0..self.graph.edge_count() as i64).contains(&k) => {
                        Val::Int(i64::from(self.graph.edge_target(k as usize)))
                    }
                    _ => {
                        return Err(format!(
                            "IndexError: {} is not an edge id",
                            super::repr::repr(&k)
                        ));
                    }
                }
            }
            Expr::ExtId(x) => {
                let v = self.eval(m, x)?;
                let v = self.vertex(&v)?;
                let name = self.graph.vertex_name(v);
                Val::Int(name.parse().map_err(|_| {
                    format!("ValueError: ext_id: vertex id '{name}' is not an integer (HyG supports only ids convertible to int)")
                })?)
            }
            Expr::GraphNid(x) => {
                let id = super::repr::str(&self.eval(m, x)?);
                let v = self
                    .graph
                    .vertex_index(&id)
                    .ok_or_else(|| format!("KeyError: graph.nid: no vertex with id '{id}'"))?;
                Val::Int(i64::from(v))
            }
            Expr::Neg(x) => value::neg(&self.eval(m, x)?)?,
            Expr::Pos(x) => value::pos(&self.eval(m, x)?)?,
            Expr::Not(x) => Val::Bool(!self.eval(m, x)?.truthy()),
            Expr::Bin(op, a, b) => {
                let a = self.eval(m, a)?;
                value::binop(*op, &a, &self.eval(m, b)?)?
            }
            Expr::Cmp(first, chain) => {
                let mut left = self.eval(m, first)?;
                for (op, right) in chain {
                    let right = self.eval(m, right)?;
                    if !value::compare(*op, &left, &right)? {
                        return Ok(Val::Bool(false));
                    }
                    left = right;
                }
                Val::Bool(true)
            }
            Expr::And(items) | Expr::Or(items) => {
                let stop_on = matches!(e, Expr::Or(_));
                let mut last = Val::Bool(!stop_on);
                for item in items {
                    last = self.eval(m, item)?;
                    if last.truthy() == stop_on {
                        break;
                    }
                }
                last
            }
            Expr::IfElse(test, a, b) => {
                if self.eval(m, test)?.truthy() {
                    self.eval(m, a)?
                } else {
                    self.eval(m, b)?
                }
            }
            Expr::Call(f, args) => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(m, a)?);
                }
                call(*f, &vals)?
            }
            Expr::Fold(f, seq) => self.fold(*f, seq)?,
        })
    }

    fn fold(&self, f: Fold, seq: &Seq) -> R<Val> {
        let edges = || self.graph.out_edge_range(self.nid);
        match (f, seq) {
            (Fold::Len, Seq::Msgs) => Ok(Val::Int(self.msgs.len() as i64)),
            (Fold::Len, Seq::OutEdges) => Ok(Val::Int(edges().len() as i64)),
            (Fold::Sum, Seq::Msgs) => self.msgs.iter().try_fold(Val::Int(0), |acc, v| {
                value::binop(super::ir::BinOp::Add, &acc, v)
            }),
            (Fold::Sum, Seq::OutEdges) => Ok(Val::Int(edges().map(|k| k as i64).sum())),
            (Fold::Min | Fold::Max, _) => {
                let items: Vec<Val> = match seq {
                    Seq::Msgs => self.msgs.to_vec(),
                    Seq::OutEdges => edges().map(|k| Val::Int(k as i64)).collect(),
                };
                let name = if f == Fold::Min { "min" } else { "max" };
                if items.is_empty() {
                    return Err(format!("ValueError: {name}() arg is an empty sequence"));
                }
                extreme(f == Fold::Min, &items)
            }
        }
    }
}

/// The smallest (or largest) of `items`, the first one on ties, as Python's `min`/`max`.
pub(crate) fn extreme(min: bool, items: &[Val]) -> R<Val> {
    let op = if min {
        super::ir::CmpOp::Lt
    } else {
        super::ir::CmpOp::Gt
    };
    let mut best = &items[0];
    for v in &items[1..] {
        if value::compare(op, v, best)? {
            best = v;
        }
    }
    Ok(best.clone())
}

fn call(f: Builtin, args: &[Val]) -> R<Val> {
    match f {
        Builtin::Min => extreme(true, args),
        Builtin::Max => extreme(false, args),
        Builtin::Abs => value::abs(&args[0]),
        Builtin::Convert(ty) => value::convert(ty, &args[0]),
    }
}
