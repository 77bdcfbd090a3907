//! Graph metadata (the GES "schema"): labels and their typed properties.
//!
//! Two input forms are accepted, both producing the same [`Schema`]:
//! - the PMML-flavoured XML metadata file (attributes on `<label>` and `<property>`, see
//!   DECISIONS.md "Schema (metadata) XML — verified layout"), parsed in [`xml`];
//! - the JSON form of the management "create metadata" API
//!   (`{"ges_metadata":{"labels":[{"name":..,"properties":[{..}]}]}}`, REFERENCE §7.5), parsed in
//!   [`json`].
//!
//! Labels are general-purpose: any label may be used by vertices and by edges. Property columns in
//! the CSV files follow the order in which a label declares its properties.

mod attrs;
mod json;
mod xml;

use serde::{Deserialize, Serialize};

use attrs::property_from_attrs;

/// A schema problem; the message names the label and property at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SchemaError(pub String);

/// Property value type, spelled as the GES `dataType` attribute spells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataType {
    /// `char`: a single character.
    Char,
    /// `char array`: a string of at most `max_data_size` bytes (`maxDataSize`); single only.
    CharArray {
        /// The `maxDataSize` attribute, in bytes.
        max_data_size: u32,
    },
    /// `float`: 32-bit floating point.
    Float,
    /// `double`: 64-bit floating point.
    Double,
    /// `bool`: `true`/`false` or `1`/`0`.
    Bool,
    /// `long`: 64-bit signed integer.
    Long,
    /// `int`: 32-bit signed integer.
    Int,
    /// `date`: `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`, zero-padded.
    Date,
    /// `enum`: one of the listed names (`typeName1..N`), at most 65535.
    Enum(Vec<String>),
    /// `string`: variable length text.
    String,
}

/// The `dataType` spellings, in the order GES documents them.
pub const DATA_TYPE_NAMES: &[&str] = &[
    "char",
    "char array",
    "float",
    "double",
    "bool",
    "long",
    "int",
    "date",
    "enum",
    "string",
];

impl DataType {
    /// The `dataType` attribute value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Char => "char",
            Self::CharArray { .. } => "char array",
            Self::Float => "float",
            Self::Double => "double",
            Self::Bool => "bool",
            Self::Long => "long",
            Self::Int => "int",
            Self::Date => "date",
            Self::Enum(_) => "enum",
            Self::String => "string",
        }
    }

    /// Whether values of this type can be read as an `f64` (for weights).
    pub fn is_numeric(&self) -> bool {
        matches!(self, Self::Float | Self::Double | Self::Long | Self::Int)
    }
}

/// How many values a property holds per vertex or edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cardinality {
    /// Exactly one value (or none). `a;b` stays one literal value.
    Single,
    /// Ordered values separated by `;` in the CSV, duplicates kept.
    List,
    /// Values separated by `;`, duplicates dropped (first occurrence kept).
    Set,
}

impl Cardinality {
    /// The `cardinality` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::List => "list",
            Self::Set => "set",
        }
    }
}

/// One property of a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyDef {
    /// Property name, unique within its label.
    pub name: String,
    /// Value type.
    pub data_type: DataType,
    /// Single, list or set.
    pub cardinality: Cardinality,
}

/// A label and its properties, in CSV column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Label name.
    pub name: String,
    /// Properties in declaration (= CSV column) order.
    pub properties: Vec<PropertyDef>,
}

impl Label {
    /// Index of the property named `name`.
    pub fn property_index(&self, name: &str) -> Option<usize> {
        self.properties.iter().position(|p| p.name == name)
    }
}

/// The label table of a graph. Label ids are indices into [`Schema::labels`] (at most 65535).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    labels: Vec<Label>,
}

impl Schema {
    /// A schema without labels.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses either form, chosen by the first non-blank character (`{` means JSON).
    ///
    /// # Errors
    /// A [`SchemaError`] naming the label and property at fault.
    pub fn parse(text: &str) -> Result<Self, SchemaError> {
        let text = text.trim_start_matches('\u{feff}');
        if text.trim_start().starts_with('{') {
            Self::from_json(text)
        } else {
            Self::from_xml(text)
        }
    }

    /// Parses the PMML-flavoured XML metadata file.
    ///
    /// # Errors
    /// Malformed XML, or a [`SchemaError`] naming the label and property at fault.
    pub fn from_xml(text: &str) -> Result<Self, SchemaError> {
        xml::parse(text)
    }

    /// Parses the JSON metadata form (`{"ges_metadata":{"labels":[..]}}`).
    ///
    /// # Errors
    /// Malformed JSON, or a [`SchemaError`] naming the label and property at fault.
    pub fn from_json(text: &str) -> Result<Self, SchemaError> {
        json::parse(text)
    }

    /// Renders the schema as the GES XML metadata file.
    pub fn to_xml(&self) -> String {
        xml::render(self)
    }

    /// All labels; a label's id is its index here.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The id of the label named `name`.
    pub fn label_id(&self, name: &str) -> Option<u16> {
        self.labels
            .iter()
            .position(|l| l.name == name)
            .map(|i| i as u16)
    }

    /// The label with id `id`. Panics if `id` is out of range.
    pub fn label(&self, id: u16) -> &Label {
        &self.labels[id as usize]
    }

    /// Adds a label and returns its id.
    ///
    /// # Errors
    /// A duplicate label name, a duplicate or invalid property name, or more than 65535 labels.
    pub fn add_label(&mut self, label: Label) -> Result<u16, SchemaError> {
        validate_label(&label)?;
        if self.label_id(&label.name).is_some() {
            return Err(SchemaError(format!(
                "label [{}] is defined twice",
                label.name
            )));
        }
        if self.labels.len() >= u16::MAX as usize {
            return Err(SchemaError("too many labels (at most 65535)".into()));
        }
        self.labels.push(label);
        Ok((self.labels.len() - 1) as u16)
    }

    /// Adds `other`'s labels to this schema (incremental import). A label already present must be
    /// defined identically; new labels are appended, so existing label ids never change.
    ///
    /// # Returns
    /// The number of labels in `other` (all of them were accepted).
    ///
    /// # Errors
    /// A label redefined with different properties.
    pub fn merge(&mut self, other: &Schema) -> Result<usize, SchemaError> {
        let mut merged = self.clone();
        for label in &other.labels {
            match merged.label_id(&label.name) {
                Some(id) if merged.label(id) == label => {}
                Some(_) => {
                    return Err(SchemaError(format!(
                        "label [{}] conflicts with its existing definition (changing a label's \
                         properties is not supported)",
                        label.name
                    )));
                }
                None => {
                    merged.add_label(label.clone())?;
                }
            }
        }
        *self = merged;
        Ok(other.labels.len())
    }
}

fn validate_label(label: &Label) -> Result<(), SchemaError> {
    if label.name.is_empty() {
        return Err(SchemaError("a label has an empty name".into()));
    }
    for (i, p) in label.properties.iter().enumerate() {
        if label.properties[..i].iter().any(|q| q.name == p.name) {
            return Err(SchemaError(format!(
                "label [{}] property [{}]: defined twice",
                label.name, p.name
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_appends_new_labels_and_rejects_conflicts() {
        let mut a = Schema::new();
        a.add_label(Label {
            name: "user".into(),
            properties: vec![],
        })
        .unwrap();
        let mut b = Schema::new();
        b.add_label(Label {
            name: "user".into(),
            properties: vec![],
        })
        .unwrap();
        b.add_label(Label {
            name: "movie".into(),
            properties: vec![],
        })
        .unwrap();
        assert_eq!(a.merge(&b), Ok(2));
        assert_eq!(a.label_id("movie"), Some(1));
        let mut c = Schema::new();
        let p = PropertyDef {
            name: "x".into(),
            data_type: DataType::Int,
            cardinality: Cardinality::Single,
        };
        c.add_label(Label {
            name: "user".into(),
            properties: vec![p],
        })
        .unwrap();
        assert!(
            a.merge(&c)
                .unwrap_err()
                .0
                .contains("label [user] conflicts")
        );
        assert_eq!(
            a.labels().len(),
            2,
            "a failed merge leaves the schema unchanged"
        );
    }
}
