//! Why a script is refused at submit (a [`crate::Refusal::BadScript`]), with its line, and the names the messages
//! give Python constructs.

use rustpython_parser::ast::{self, Ranged};
use rustpython_parser::text_size::TextSize;

/// A script refused at submit: a syntax error, a construct outside the subset, or a misuse
/// of the HyG API that can be seen without running it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// 1-based source line.
    pub(crate) line: usize,
    /// What is wrong, without the line.
    pub(crate) message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Line numbers of byte offsets.
#[derive(Debug)]
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// The 1-based line of a byte offset.
    pub(crate) fn of(&self, at: TextSize) -> usize {
        let at = usize::from(at);
        self.starts.partition_point(|&s| s <= at)
    }

    /// The line a node starts on.
    pub(crate) fn at(&self, node: &impl Ranged) -> usize {
        self.of(node.start())
    }

    /// A refusal at `node`.
    pub(crate) fn refuse(&self, node: &impl Ranged, message: impl Into<String>) -> Refusal {
        Refusal {
            line: self.at(node),
            message: message.into(),
        }
    }

    /// "unsupported construct `what`" at `node`.
    pub(crate) fn unsupported(&self, node: &impl Ranged, what: &str) -> Refusal {
        self.refuse(
            node,
            format!("unsupported construct {what} (outside the HyG dsl subset graphjobs runs)"),
        )
    }
}

/// How messages name a statement kind.
pub(crate) fn stmt_name(s: &ast::Stmt) -> &'static str {
    use ast::Stmt as S;
    match s {
        S::FunctionDef(_) => "`def`",
        S::AsyncFunctionDef(_) | S::AsyncFor(_) | S::AsyncWith(_) => "`async`",
        S::ClassDef(_) => "`class`",
        S::Return(_) => "`return`",
        S::Delete(_) => "`del`",
        S::Assign(_) => "assignment",
        S::TypeAlias(_) => "`type` alias",
        S::AugAssign(_) => "augmented assignment",
        S::AnnAssign(_) => "annotated assignment",
        S::For(_) => "`for`",
        S::While(_) => "`while`",
        S::If(_) => "`if`",
        S::With(_) => "`with`",
        S::Match(_) => "`match`",
        S::Raise(_) => "`raise`",
        S::Try(_) | S::TryStar(_) => "`try`",
        S::Assert(_) => "`assert`",
        S::Import(_) => "`import`",
        S::ImportFrom(_) => "`from … import`",
        S::Global(_) => "`global`",
        S::Nonlocal(_) => "`nonlocal`",
        S::Expr(_) => "expression statement",
        S::Pass(_) => "`pass`",
        S::Break(_) => "`break`",
        S::Continue(_) => "`continue`",
    }
}

/// How messages name an expression kind.
pub(crate) fn expr_name(e: &ast::Expr) -> &'static str {
    use ast::Expr as E;
    match e {
        E::BoolOp(_) => "`and`/`or`",
        E::NamedExpr(_) => "`:=`",
        E::BinOp(_) => "binary operator",
        E::UnaryOp(_) => "unary operator",
        E::Lambda(_) => "`lambda`",
        E::IfExp(_) => "conditional expression",
        E::Dict(_) => "dict literal",
        E::Set(_) => "set literal",
        E::ListComp(_) => "list comprehension",
        E::SetComp(_) => "set comprehension",
        E::DictComp(_) => "dict comprehension",
        E::GeneratorExp(_) => "generator expression",
        E::Await(_) => "`await`",
        E::Yield(_) | E::YieldFrom(_) => "`yield`",
        E::Compare(_) => "comparison",
        E::Call(_) => "call",
        E::FormattedValue(_) | E::JoinedStr(_) => "f-string",
        E::Constant(_) => "constant",
        E::Attribute(_) => "attribute access",
        E::Subscript(_) => "subscript `[…]`",
        E::Starred(_) => "`*` unpacking",
        E::Name(_) => "name",
        E::List(_) => "list literal",
        E::Tuple(_) => "tuple",
        E::Slice(_) => "slice",
    }
}

/// How messages name a callee: `print`, `ctx.send`, `graph.nid`, or the expression kind.
pub(crate) fn callee(e: &ast::Expr) -> String {
    match e {
        ast::Expr::Name(n) => n.id.to_string(),
        ast::Expr::Attribute(a) => format!("{}.{}", callee(&a.value), a.attr),
        ast::Expr::Call(c) => format!("{}()", callee(&c.func)),
        other => expr_name(other).trim_matches('`').to_owned(),
    }
}
