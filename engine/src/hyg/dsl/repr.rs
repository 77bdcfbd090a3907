//! How values print: Python's `str()` (what `print` writes) and `repr()` (inside a dict).
//!
//! Floats use Python's shortest round-trip form (`0.1`, `1.0`, `1e+16`, `1.5e-05`, `inf`,
//! `nan`); a run's result prints as a Python dict from external id (a `str`, HyG ids being
//! `fixedLengthString`) to value: `{'1': 0, '2': 1}`.

use super::value::Val;

/// `str(v)`.
pub(crate) fn str(v: &Val) -> String {
    match v {
        Val::Str(s) => s.clone(),
        other => repr(other),
    }
}

/// `repr(v)`.
pub(crate) fn repr(v: &Val) -> String {
    match v {
        Val::Int(i) => i.to_string(),
        Val::Float(f) => float(*f),
        Val::Bool(true) => "True".into(),
        Val::Bool(false) => "False".into(),
        Val::Str(s) => string(s),
    }
}

/// Python's `repr` of a float.
pub(crate) fn float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    // `{:e}` gives the shortest round-trip digits: `d.ddde<exp>`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent digits");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    // Python switches to exponent form outside 1e-4 <= |f| < 1e16.
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            let (int, frac) = digits.split_at(point as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

/// Python's `repr` of a str: single quotes unless the text has one and no double quote.
pub(crate) fn string(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A result dict: `{'id': value, …}` over `entries` in order.
pub(crate) fn dict<'a>(entries: impl Iterator<Item = (&'a str, &'a Val)>) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in entries.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&string(k));
        out.push_str(": ");
        out.push_str(&repr(v));
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python_prints_them() {
        for (f, want) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456.789, "123456.789"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1.2345e100, "1.2345e+100"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
        ] {
            assert_eq!(float(f), want, "{f:e}");
        }
    }

    #[test]
    fn strings_and_dicts_print_as_python_prints_them() {
        assert_eq!(string("a"), "'a'");
        assert_eq!(string("it's"), "\"it's\"");
        assert_eq!(string("a'\"b"), "'a\\'\"b'");
        assert_eq!(str(&Val::Str("x y".into())), "x y");
        assert_eq!(repr(&Val::Bool(true)), "True");
        let (a, b) = (Val::Int(0), Val::Float(2.0));
        assert_eq!(
            dict([("1", &a), ("2", &b)].into_iter()),
            "{'1': 0, '2': 2.0}"
        );
        assert_eq!(dict(std::iter::empty()), "{}");
    }
}
