//! The checked form of a script: what [`super::compile`] makes of the Python syntax tree and
//! the interpreter runs. Names are resolved to slots, calls to the operations they stand for,
//! and every statement keeps its source line for runtime errors.

use super::value::Val;

/// A declared scalar type (`ntype`, `mtype`, and the `int`/`float`/`bool` conversions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `bool`.
    Bool,
}

impl Ty {
    /// The Python name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Bool => "bool",
        }
    }

    /// The type a Python builtin name stands for.
    pub(crate) fn parse(name: &str) -> Option<Ty> {
        match name {
            "int" => Some(Ty::Int),
            "float" => Some(Ty::Float),
            "bool" => Some(Ty::Bool),
            _ => None,
        }
    }
}

/// A model's `combiner`: how messages to one vertex are merged before it sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combiner {
    /// `min`.
    Min,
    /// `max`.
    Max,
    /// `sum`.
    Sum,
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
}

impl BinOp {
    /// The operator as written.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
        }
    }
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl CmpOp {
    /// The operator as written.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        }
    }
}

/// Builtins on scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// `min(a, b, …)`
    Min,
    /// `max(a, b, …)`
    Max,
    /// `abs(a)`
    Abs,
    /// `int(a)`, `float(a)`, `bool(a)`
    Convert(Ty),
}

/// Builtins over a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// `len(…)`
    Len,
    /// `min(…)`
    Min,
    /// `max(…)`
    Max,
    /// `sum(…)`
    Sum,
}

/// The sequences a model method sees: its messages and its vertex's out-edges.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Seq {
    /// `msgs`.
    Msgs,
    /// `ctx.out_edges(nid)`: edge ids.
    OutEdges,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A literal.
    Const(Val),
    /// A local variable of a model method (by slot).
    Local(usize),
    /// A module constant (by slot).
    Global(usize),
    /// The method's `nid`.
    Nid,
    /// `ctx.superstep`.
    Superstep,
    /// `ctx.num_nodes`.
    NumNodes,
    /// `ctx.num_edges`.
    NumEdges,
    /// `ctx.value(nid)`.
    Value,
    /// `ctx.edge_dst(e)`.
    EdgeDst(Box<Expr>),
    /// `ctx.ext_id(v)`.
    ExtId(Box<Expr>),
    /// `graph.nid(x)` (top level only).
    GraphNid(Box<Expr>),
    /// `-a`.
    Neg(Box<Expr>),
    /// `+a`.
    Pos(Box<Expr>),
    /// `not a`.
    Not(Box<Expr>),
    /// `a op b`.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `a op1 b op2 c …` (a chain, as Python evaluates it).
    Cmp(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `a and b and …`.
    And(Vec<Expr>),
    /// `a or b or …`.
    Or(Vec<Expr>),
    /// `a if test else b`: (test, a, b).
    IfElse(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A builtin on scalars.
    Call(Builtin, Vec<Expr>),
    /// A builtin over a sequence.
    Fold(Fold, Seq),
}

/// A statement of a model method.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stmt {
    /// `x = e`, or `x op= e` with `op`.
    Assign {
        /// Source line.
        line: usize,
        /// Local slot.
        slot: usize,
        /// The augmented operator, if any.
        op: Option<BinOp>,
        /// The right-hand side.
        value: Expr,
    },
    /// `if`/`elif`/`else`.
    If {
        /// Source line.
        line: usize,
        /// Condition.
        test: Expr,
        /// Taken branch.
        then: Vec<Stmt>,
        /// Other branch (an `elif` is an `If` here).
        orelse: Vec<Stmt>,
    },
    /// `for x in <seq>:`.
    For {
        /// Source line.
        line: usize,
        /// Loop variable slot.
        slot: usize,
        /// What is iterated.
        seq: Seq,
        /// Body.
        body: Vec<Stmt>,
    },
    /// `ctx.set_value(nid, e)`.
    SetValue {
        /// Source line.
        line: usize,
        /// New value.
        value: Expr,
    },
    /// `ctx.send(dst, msg)`.
    Send {
        /// Source line.
        line: usize,
        /// Target vertex.
        dst: Expr,
        /// Message.
        msg: Expr,
    },
    /// `ctx.halt(nid)`.
    Halt,
    /// `print(…)` (only in models run with `debug_mode=True`).
    Print {
        /// Source line.
        line: usize,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `return`.
    Return,
}

/// A compiled model method.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Method {
    /// Its local variables' names, by slot.
    pub(crate) locals: Vec<String>,
    /// Its body.
    pub(crate) body: Vec<Stmt>,
}

/// A `@pregel_types` class.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Model {
    /// Class name.
    pub(crate) name: String,
    /// `ntype`.
    pub(crate) ntype: Ty,
    /// `mtype` (defaults to `ntype`).
    pub(crate) mtype: Ty,
    /// `combiner` (`None`: every message is delivered).
    pub(crate) combiner: Option<Combiner>,
    /// `init(ctx, nid)`.
    pub(crate) init: Option<Method>,
    /// `compute(ctx, nid, msgs)`.
    pub(crate) compute: Option<Method>,
    /// Line of the first `print` in its methods.
    pub(crate) first_print: Option<usize>,
}

/// A `graph.run_pregel(Model, …)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Source line.
    pub(crate) line: usize,
    /// Index into [`Program::models`].
    pub(crate) model: usize,
    /// `result_filter=lambda ctx, nid: …`.
    pub(crate) filter: Option<Expr>,
}

/// What a top-level `print` argument is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PrintArg {
    /// A value.
    Value(Expr),
    /// A run's result (index into the runs).
    Result(usize),
    /// `type(x)`.
    TypeOf(Box<PrintArg>),
    /// `len(result)`.
    Len(usize),
}

/// A top-level statement, in script order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Top {
    /// `NAME = e`.
    Global {
        /// Source line.
        line: usize,
        /// Global slot.
        slot: usize,
        /// Value.
        value: Expr,
    },
    /// `result = graph.run_pregel(…)`.
    Run(Run),
    /// `print(…)`.
    Print(Vec<PrintArg>),
}

/// A checked script.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Program {
    /// Module constant slots.
    pub(crate) globals: usize,
    /// Models, in definition order.
    pub(crate) models: Vec<Model>,
    /// Top-level statements.
    pub(crate) top: Vec<Top>,
}
