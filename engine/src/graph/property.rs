//! Columnar, typed property storage: one [`Table`] per label, one [`Column`] per property.
//!
//! Every column uses the same layout whatever its cardinality: row `i`'s values are
//! `values[ends.range(i)]` in a flat typed vector. A single-valued property has zero (absent)
//! or one value per row; lists and sets have any number. While every row has exactly one value
//! (the common case) the [`Ends`] hold no vector. Rows are append-only while a graph is
//! built; [`Table::gather`] compacts them (dropping rows replaced by a later import of the same
//! vertex, and following the CSR order of edges) when the graph is frozen.

use std::ops::Range;

use serde::{Deserialize, Serialize};

mod append;
mod ends;
mod value;

use super::arena::StrArena;
use super::schema::{Cardinality, DataType, Label};
use ends::Ends;
pub(crate) use value::{Value, parse_date};
use value::{format_date, parse_value};

/// A flat, typed vector of values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum Values {
    Int(Vec<i32>),
    Long(Vec<i64>),
    Float(Vec<f32>),
    Double(Vec<f64>),
    Bool(Vec<bool>),
    Date(Vec<i64>),
    Enum(Vec<u16>),
    Str(StrArena),
}

impl Values {
    fn for_type(dt: &DataType) -> Self {
        match dt {
            DataType::Int => Self::Int(Vec::new()),
            DataType::Long => Self::Long(Vec::new()),
            DataType::Float => Self::Float(Vec::new()),
            DataType::Double => Self::Double(Vec::new()),
            DataType::Bool => Self::Bool(Vec::new()),
            DataType::Date => Self::Date(Vec::new()),
            DataType::Enum(_) => Self::Enum(Vec::new()),
            DataType::Char | DataType::CharArray { .. } | DataType::String => {
                Self::Str(StrArena::default())
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Int(v) => v.len(),
            Self::Long(v) => v.len(),
            Self::Float(v) => v.len(),
            Self::Double(v) => v.len(),
            Self::Bool(v) => v.len(),
            Self::Date(v) => v.len(),
            Self::Enum(v) => v.len(),
            Self::Str(a) => a.len(),
        }
    }

    /// Appends `v`; it must have this column's type (guaranteed by [`parse_value`]).
    fn push(&mut self, v: Value<'_>) {
        match (self, v) {
            (Self::Int(c), Value::Int(x)) => c.push(x),
            (Self::Long(c), Value::Long(x)) => c.push(x),
            (Self::Float(c), Value::Float(x)) => c.push(x),
            (Self::Double(c), Value::Double(x)) => c.push(x),
            (Self::Bool(c), Value::Bool(x)) => c.push(x),
            (Self::Date(c), Value::Date(x)) => c.push(x),
            (Self::Enum(c), Value::Enum(x)) => c.push(x),
            (Self::Str(c), Value::Str(x)) => {
                c.push(x);
            }
            (c, v) => unreachable!("value {v:?} pushed into a {} column", c.kind()),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Int(_) => "int",
            Self::Long(_) => "long",
            Self::Float(_) => "float",
            Self::Double(_) => "double",
            Self::Bool(_) => "bool",
            Self::Date(_) => "date",
            Self::Enum(_) => "enum",
            Self::Str(_) => "string",
        }
    }

    /// Appends `other[r]` (same variant).
    fn extend_from(&mut self, other: &Values, r: Range<usize>) {
        match (self, other) {
            (Self::Int(c), Self::Int(o)) => c.extend_from_slice(&o[r]),
            (Self::Long(c), Self::Long(o)) => c.extend_from_slice(&o[r]),
            (Self::Float(c), Self::Float(o)) => c.extend_from_slice(&o[r]),
            (Self::Double(c), Self::Double(o)) => c.extend_from_slice(&o[r]),
            (Self::Bool(c), Self::Bool(o)) => c.extend_from_slice(&o[r]),
            (Self::Date(c), Self::Date(o)) => c.extend_from_slice(&o[r]),
            (Self::Enum(c), Self::Enum(o)) => c.extend_from_slice(&o[r]),
            (Self::Str(c), Self::Str(o)) => r.for_each(|i| {
                c.push(o.get(i));
            }),
            (c, o) => unreachable!("{} values copied into a {} column", o.kind(), c.kind()),
        }
    }

    fn empty_like(&self) -> Self {
        match self {
            Self::Int(_) => Self::Int(Vec::new()),
            Self::Long(_) => Self::Long(Vec::new()),
            Self::Float(_) => Self::Float(Vec::new()),
            Self::Double(_) => Self::Double(Vec::new()),
            Self::Bool(_) => Self::Bool(Vec::new()),
            Self::Date(_) => Self::Date(Vec::new()),
            Self::Enum(_) => Self::Enum(Vec::new()),
            Self::Str(_) => Self::Str(StrArena::default()),
        }
    }

    fn render(&self, i: usize, dt: &DataType) -> String {
        match self {
            Self::Int(c) => c[i].to_string(),
            Self::Long(c) => c[i].to_string(),
            Self::Float(c) => c[i].to_string(),
            Self::Double(c) => c[i].to_string(),
            Self::Bool(c) => c[i].to_string(),
            Self::Date(c) => format_date(c[i]),
            Self::Enum(c) => match dt {
                DataType::Enum(names) => names[c[i] as usize].clone(),
                _ => c[i].to_string(),
            },
            Self::Str(a) => a.get(i).to_string(),
        }
    }

    fn as_f64(&self, i: usize) -> Option<f64> {
        match self {
            Self::Int(c) => Some(c[i] as f64),
            Self::Long(c) => Some(c[i] as f64),
            Self::Float(c) => Some(c[i] as f64),
            Self::Double(c) => Some(c[i]),
            _ => None,
        }
    }

    /// A number, or a date as seconds since the epoch.
    fn as_instant(&self, i: usize) -> Option<f64> {
        match self {
            Self::Date(c) => Some(c[i] as f64),
            _ => self.as_f64(i),
        }
    }

    fn memory_bytes(&self) -> u64 {
        (match self {
            Self::Int(c) => c.capacity() * 4,
            Self::Long(c) => c.capacity() * 8,
            Self::Float(c) => c.capacity() * 4,
            Self::Double(c) => c.capacity() * 8,
            Self::Bool(c) => c.capacity(),
            Self::Date(c) => c.capacity() * 8,
            Self::Enum(c) => c.capacity() * 2,
            Self::Str(a) => a.memory_bytes() as usize,
        }) as u64
    }
}

/// One property's values for every row of a label table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Column {
    /// Where each row's values end in `values`.
    ends: Ends,
    values: Values,
}

impl Column {
    fn range(&self, row: usize) -> Range<usize> {
        self.ends.range(row)
    }
}

/// The parsed property values of one CSV row: column `c`'s values are
/// `values[start(c)..ends[c]]`.
#[derive(Debug, Default)]
pub(crate) struct RowValues<'a> {
    values: Vec<Value<'a>>,
    ends: Vec<usize>,
}

impl<'a> RowValues<'a> {
    /// A row of exactly one property holding one value.
    pub(crate) fn single(v: Value<'a>) -> Self {
        Self {
            values: vec![v],
            ends: vec![1],
        }
    }

    /// Parses `fields` (one per property of `label`, in order). Empty fields are absent values;
    /// list and set fields are split on `;` (empty pieces skipped), sets drop duplicates.
    ///
    /// # Errors
    /// The reason, naming the property: `property [Age]: invalid int value [x]`.
    pub(crate) fn parse(label: &Label, fields: &[&'a str]) -> Result<Self, String> {
        debug_assert_eq!(label.properties.len(), fields.len());
        let mut row = RowValues {
            values: Vec::with_capacity(fields.len()),
            ends: Vec::with_capacity(fields.len()),
        };
        for (p, &field) in label.properties.iter().zip(fields) {
            let named = |e: String| format!("property [{}]: {e}", p.name);
            if !field.is_empty() {
                match p.cardinality {
                    Cardinality::Single => row
                        .values
                        .push(parse_value(&p.data_type, field).map_err(named)?),
                    Cardinality::List | Cardinality::Set => {
                        let start = row.values.len();
                        for piece in field.split(';').filter(|s| !s.is_empty()) {
                            let v = parse_value(&p.data_type, piece).map_err(named)?;
                            if p.cardinality == Cardinality::List
                                || !row.values[start..].contains(&v)
                            {
                                row.values.push(v);
                            }
                        }
                    }
                }
            }
            row.ends.push(row.values.len());
        }
        Ok(row)
    }
}

/// The property values of every vertex (or edge) of one label, row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Table {
    rows: u32,
    columns: Vec<Column>,
}

impl Table {
    /// An empty table with one column per property of `label`.
    pub(crate) fn new(label: &Label) -> Self {
        let columns = label
            .properties
            .iter()
            .map(|p| Column {
                ends: Ends::default(),
                values: Values::for_type(&p.data_type),
            })
            .collect();
        Self { rows: 0, columns }
    }

    /// Number of rows.
    pub(crate) fn rows(&self) -> u32 {
        self.rows
    }

    /// Appends a row and returns its index.
    pub(crate) fn push_row(&mut self, row: &RowValues<'_>) -> u32 {
        debug_assert_eq!(row.ends.len(), self.columns.len());
        let mut start = 0;
        for (col, &end) in self.columns.iter_mut().zip(&row.ends) {
            for &v in &row.values[start..end] {
                col.values.push(v);
            }
            col.ends.push(col.values.len() as u32);
            start = end;
        }
        self.rows += 1;
        self.rows - 1
    }

    /// A new table holding rows `rows[0], rows[1], …` of this one, in that order.
    pub(crate) fn gather(&self, rows: &[u32]) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|col| {
                if col.ends.is_one_per_row() {
                    // One value per row: row r's value is value r.
                    return Column {
                        ends: Ends::One(rows.len()),
                        values: col.values.pick(rows),
                    };
                }
                // Stays implicit if the rows kept all have one value.
                let mut out = Column {
                    ends: Ends::default(),
                    values: col.values.empty_like(),
                };
                for &r in rows {
                    out.values.extend_from(&col.values, col.range(r as usize));
                    out.ends.push(out.values.len() as u32);
                }
                out.ends.shrink_to_fit();
                out
            })
            .collect();
        Table {
            rows: rows.len() as u32,
            columns,
        }
    }

    /// Row `row`'s values of property `col`, rendered as text.
    pub(crate) fn render(&self, row: u32, col: usize, dt: &DataType) -> Vec<String> {
        let c = &self.columns[col];
        c.range(row as usize)
            .map(|i| c.values.render(i, dt))
            .collect()
    }

    /// Row `row`'s first value of property `col` as a number (`None` if absent or not numeric).
    pub(crate) fn number(&self, row: u32, col: usize) -> Option<f64> {
        let c = &self.columns[col];
        let r = c.range(row as usize);
        if r.is_empty() {
            None
        } else {
            c.values.as_f64(r.start)
        }
    }

    /// Row `row`'s first value of property `col` as a number, dates as seconds since the epoch
    /// (`None` if absent or neither numeric nor a date).
    pub(crate) fn instant(&self, row: u32, col: usize) -> Option<f64> {
        let c = &self.columns[col];
        let r = c.range(row as usize);
        if r.is_empty() {
            None
        } else {
            c.values.as_instant(r.start)
        }
    }

    /// Approximate heap bytes held.
    pub(crate) fn memory_bytes(&self) -> u64 {
        self.columns
            .iter()
            .map(|c| c.ends.memory_bytes() + c.values.memory_bytes())
            .sum()
    }
}

#[cfg(test)]
mod expanded;
#[cfg(test)]
mod tests;
