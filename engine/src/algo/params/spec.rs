//! Parameter specs: name, type, default and bounds of each algorithm parameter, built with
//! `const` builders so every algorithm's table is a constant.

/// The type of a parameter, for validation and for the console's input widgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A whole number (JSON number or numeric string).
    Int,
    /// A number (JSON number or numeric string).
    Float,
    /// `true`/`false` (JSON boolean or string).
    Bool,
    /// Free text (a vertex id, a property name, a CSV list of ids…); JSON numbers are accepted
    /// as text.
    String,
    /// One of the listed words (matched case-insensitively, reported in this spelling).
    Enum(&'static [&'static str]),
}

/// One parameter of an algorithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// The GES parameter name.
    pub name: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether it must be given (a required parameter has no default).
    pub required: bool,
    /// The default, as text (`"0.85"`, `"true"`, `"OUT"`).
    pub default: Option<&'static str>,
    /// Lower bound for numbers.
    pub min: Option<f64>,
    /// Upper bound for numbers.
    pub max: Option<f64>,
    /// The bounds are open: `(min, max)` rather than `[min, max]`.
    pub exclusive: bool,
    /// Out-of-range values are clamped into the range instead of rejected (GES `num_thread`).
    pub clamp: bool,
    /// One-line help for the console.
    pub help: &'static str,
}

impl ParamSpec {
    /// An optional parameter without default or bounds.
    pub const fn new(name: &'static str, kind: ParamKind, help: &'static str) -> Self {
        Self {
            name,
            kind,
            required: false,
            default: None,
            min: None,
            max: None,
            exclusive: false,
            clamp: false,
            help,
        }
    }

    /// Marks the parameter required.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Sets the default.
    pub const fn default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }

    /// Sets closed bounds `[min, max]`.
    pub const fn range(mut self, min: f64, max: f64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    /// Sets open bounds `(min, max)`.
    pub const fn open_range(mut self, min: f64, max: f64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self.exclusive = true;
        self
    }

    /// Sets a closed lower bound only: `>= min`.
    pub const fn at_least(mut self, min: f64) -> Self {
        self.min = Some(min);
        self
    }

    /// Sets an open lower bound only: `> min`.
    pub const fn above(mut self, min: f64) -> Self {
        self.min = Some(min);
        self.exclusive = true;
        self
    }

    /// Clamps out-of-range values instead of rejecting them.
    pub const fn clamped(mut self) -> Self {
        self.clamp = true;
        self
    }
}
