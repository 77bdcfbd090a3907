//! The values a script computes with, and Python's arithmetic and comparisons on them.
//!
//! Choices (Python semantics where it has them):
//! - `int` is 64-bit: an overflow fails the job (`OverflowError`) instead of growing a bigint.
//! - `bool` counts as `int` in arithmetic and comparisons (`True + 1 == 2`), as in Python.
//! - `/` always gives a float; `//` and `%` floor, the remainder taking the divisor's sign;
//!   dividing by zero fails the job (`ZeroDivisionError`).
//! - Strings exist only at the top level (`print("…")`, `graph.nid("…")`); they compare with
//!   `==`/`!=` only.

use super::ir::{BinOp, CmpOp, Ty};

/// A value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// `int`.
    Int(i64),
    /// `float`.
    Float(f64),
    /// `bool`.
    Bool(bool),
    /// `str` (top level only).
    Str(String),
}

/// A number, with `bool` read as `int`.
#[derive(Debug, Clone, Copy)]
enum Num {
    I(i64),
    F(f64),
}

impl Val {
    /// Python's type name.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Val::Int(_) => "int",
            Val::Float(_) => "float",
            Val::Bool(_) => "bool",
            Val::Str(_) => "str",
        }
    }

    /// Python truthiness.
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Val::Int(i) => *i != 0,
            Val::Float(f) => *f != 0.0,
            Val::Bool(b) => *b,
            Val::Str(s) => !s.is_empty(),
        }
    }

    fn num(&self) -> Option<Num> {
        match self {
            Val::Int(i) => Some(Num::I(*i)),
            Val::Bool(b) => Some(Num::I(i64::from(*b))),
            Val::Float(f) => Some(Num::F(*f)),
            Val::Str(_) => None,
        }
    }

    /// The value as a float (`int`, `float` and `bool` only).
    pub(crate) fn as_f64(&self) -> Option<f64> {
        self.num().map(|n| match n {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        })
    }

    /// The value as an integer id (`int` and `bool` only).
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self.num()? {
            Num::I(i) => Some(i),
            Num::F(_) => None,
        }
    }

    /// The zero of a declared type: what a vertex value starts as.
    pub(crate) fn zero(ty: Ty) -> Val {
        match ty {
            Ty::Int => Val::Int(0),
            Ty::Float => Val::Float(0.0),
            Ty::Bool => Val::Bool(false),
        }
    }

    /// This value stored as `ty` (`ntype`/`mtype`): an `int` widens to `float`, a `bool` to
    /// `int` or `float`; anything else is a `TypeError`.
    pub(crate) fn coerce(self, ty: Ty, what: &str) -> Result<Val, String> {
        match (ty, &self) {
            (Ty::Int, Val::Int(_)) | (Ty::Float, Val::Float(_)) | (Ty::Bool, Val::Bool(_)) => {
                Ok(self)
            }
            (Ty::Int, Val::Bool(b)) => Ok(Val::Int(i64::from(*b))),
            (Ty::Float, Val::Int(_) | Val::Bool(_)) => {
                Ok(Val::Float(self.as_f64().expect("a number")))
            }
            _ => Err(format!(
                "TypeError: {what} must be {}, got {} {}",
                ty.name(),
                self.type_name(),
                super::repr::repr(&self)
            )),
        }
    }
}

fn type_error(op: &str, a: &Val, b: &Val) -> String {
    format!(
        "TypeError: unsupported operand type(s) for {op}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    )
}

const OVERFLOW: &str = "OverflowError: integer result out of 64-bit range";
const ZERO: &str = "ZeroDivisionError: division by zero";

/// `a op b`.
pub(crate) fn binop(op: BinOp, a: &Val, b: &Val) -> Result<Val, String> {
    let (Some(x), Some(y)) = (a.num(), b.num()) else {
        return Err(type_error(op.symbol(), a, b));
    };
    match (x, y) {
        (Num::I(x), Num::I(y)) => int_op(op, x, y),
        _ => {
            let (x, y) = (a.as_f64().expect("num"), b.as_f64().expect("num"));
            float_op(op, x, y)
        }
    }
}

fn int_op(op: BinOp, x: i64, y: i64) -> Result<Val, String> {
    let checked = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => return float_op(op, x as f64, y as f64),
        BinOp::FloorDiv | BinOp::Mod if y == 0 => {
            return Err(if op == BinOp::Mod {
                "ZeroDivisionError: integer modulo by zero".into()
            } else {
                "ZeroDivisionError: integer division or modulo by zero".into()
            });
        }
        // Python floors the quotient; Rust truncates it.
        BinOp::FloorDiv => x.checked_div(y).map(|q| {
            if x % y != 0 && (x < 0) != (y < 0) {
                q - 1
            } else {
                q
            }
        }),
        BinOp::Mod => x.checked_rem(y).map(|r| {
            if r != 0 && (r < 0) != (y < 0) {
                r + y
            } else {
                r
            }
        }),
    };
    checked.map(Val::Int).ok_or_else(|| OVERFLOW.to_owned())
}

fn float_op(op: BinOp, x: f64, y: f64) -> Result<Val, String> {
    Ok(Val::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y == 0.0 => return Err(ZERO.into()),
        BinOp::Div => x / y,
        BinOp::FloorDiv if y == 0.0 => {
            return Err("ZeroDivisionError: float floor division by zero".into());
        }
        BinOp::FloorDiv => (x / y).floor(),
        BinOp::Mod if y == 0.0 => return Err("ZeroDivisionError: float modulo".into()),
        BinOp::Mod => {
            let r = x % y;
            if r != 0.0 && (r < 0.0) != (y < 0.0) {
                r + y
            } else {
                r
            }
        }
    }))
}

/// `-a`.
pub(crate) fn neg(a: &Val) -> Result<Val, String> {
    match a.num() {
        Some(Num::I(i)) => i.checked_neg().map(Val::Int).ok_or_else(|| OVERFLOW.into()),
        Some(Num::F(f)) => Ok(Val::Float(-f)),
        None => Err(format!(
            "TypeError: bad operand type for unary -: '{}'",
            a.type_name()
        )),
    }
}

/// `+a`.
pub(crate) fn pos(a: &Val) -> Result<Val, String> {
    match a.num() {
        Some(Num::I(i)) => Ok(Val::Int(i)),
        Some(Num::F(f)) => Ok(Val::Float(f)),
        None => Err(format!(
            "TypeError: bad operand type for unary +: '{}'",
            a.type_name()
        )),
    }
}

/// `abs(a)`.
pub(crate) fn abs(a: &Val) -> Result<Val, String> {
    match a.num() {
        Some(Num::I(i)) => i.checked_abs().map(Val::Int).ok_or_else(|| OVERFLOW.into()),
        Some(Num::F(f)) => Ok(Val::Float(f.abs())),
        None => Err(format!(
            "TypeError: bad operand type for abs(): '{}'",
            a.type_name()
        )),
    }
}

/// `a op b` for a comparison.
pub(crate) fn compare(op: CmpOp, a: &Val, b: &Val) -> Result<bool, String> {
    if let (Val::Str(x), Val::Str(y)) = (a, b) {
        return match op {
            CmpOp::Eq => Ok(x == y),
            CmpOp::Ne => Ok(x != y),
            _ => Err(type_error(op.symbol(), a, b)),
        };
    }
    let (Some(x), Some(y)) = (a.num(), b.num()) else {
        return match op {
            CmpOp::Eq => Ok(false),
            CmpOp::Ne => Ok(true),
            _ => Err(format!(
                "TypeError: '{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            )),
        };
    };
    let ord = match (x, y) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(&y)),
        _ => a
            .as_f64()
            .expect("num")
            .partial_cmp(&b.as_f64().expect("num")),
    };
    use std::cmp::Ordering::{Equal, Greater, Less};
    Ok(match op {
        CmpOp::Lt => ord == Some(Less),
        CmpOp::Le => matches!(ord, Some(Less | Equal)),
        CmpOp::Gt => ord == Some(Greater),
        CmpOp::Ge => matches!(ord, Some(Greater | Equal)),
        CmpOp::Eq => ord == Some(Equal),
        CmpOp::Ne => ord != Some(Equal),
    })
}

/// `int(a)`, `float(a)` or `bool(a)`.
pub(crate) fn convert(ty: Ty, a: &Val) -> Result<Val, String> {
    match (ty, a) {
        (Ty::Bool, _) => Ok(Val::Bool(a.truthy())),
        (Ty::Int, Val::Float(f)) if f.is_finite() && f.abs() < 9.2e18 => {
            Ok(Val::Int(f.trunc() as i64))
        }
        (Ty::Int, Val::Float(f)) => Err(format!(
            "OverflowError: cannot convert float {f} to integer"
        )),
        (Ty::Int, Val::Int(_) | Val::Bool(_)) => Ok(Val::Int(a.as_i64().expect("int"))),
        (Ty::Float, Val::Int(_) | Val::Bool(_) | Val::Float(_)) => {
            Ok(Val::Float(a.as_f64().expect("num")))
        }
        (_, Val::Str(_)) => Err(format!(
            "TypeError: {}() of a str is not supported by the HyG dsl subset",
            ty.name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_follows_python() {
        let i = Val::Int;
        let f = Val::Float;
        assert_eq!(binop(BinOp::Add, &i(2), &Val::Bool(true)), Ok(i(3)));
        assert_eq!(binop(BinOp::Div, &i(7), &i(2)), Ok(f(3.5)));
        assert_eq!(binop(BinOp::FloorDiv, &i(-7), &i(2)), Ok(i(-4)));
        assert_eq!(binop(BinOp::FloorDiv, &i(7), &i(-2)), Ok(i(-4)));
        assert_eq!(binop(BinOp::FloorDiv, &i(-7), &i(-2)), Ok(i(3)));
        assert_eq!(binop(BinOp::Mod, &i(-7), &i(3)), Ok(i(2)));
        assert_eq!(binop(BinOp::Mod, &i(7), &i(-3)), Ok(i(-2)));
        assert_eq!(binop(BinOp::Mod, &f(-7.0), &f(3.0)), Ok(f(2.0)));
        assert_eq!(binop(BinOp::Mul, &i(3), &f(0.5)), Ok(f(1.5)));
        assert!(
            binop(BinOp::Div, &i(1), &i(0))
                .unwrap_err()
                .starts_with("ZeroDivisionError")
        );
        assert!(
            binop(BinOp::Add, &i(i64::MAX), &i(1))
                .unwrap_err()
                .starts_with("OverflowError")
        );
        assert!(
            binop(BinOp::Add, &i(1), &Val::Str("x".into()))
                .unwrap_err()
                .starts_with("TypeError")
        );
        assert_eq!(compare(CmpOp::Lt, &i(1), &f(1.5)), Ok(true));
        assert_eq!(compare(CmpOp::Eq, &Val::Bool(true), &i(1)), Ok(true));
        assert_eq!(convert(Ty::Int, &f(-2.7)), Ok(i(-2)));
        assert_eq!(Val::Int(3).coerce(Ty::Float, "x"), Ok(f(3.0)));
        assert!(Val::Float(3.5).coerce(Ty::Int, "x").is_err());
    }
}
