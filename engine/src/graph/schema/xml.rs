//! The GES XML metadata file: `<PMML><labels><label name><properties><property name
//! cardinality dataType [maxDataSize] [typeNameCount typeName1..N]/>…`. Element names are matched
//! by local name, so the default PMML namespace (or a prefix) does not matter; unknown elements
//! (`<Header>`, …) are ignored.

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{Label, Schema, SchemaError, property_from_attrs};

/// Parses the XML metadata file.
pub(super) fn parse(text: &str) -> Result<Schema, SchemaError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut schema = Schema::new();
    let mut current: Option<Label> = None;
    let xml_err = |e: &dyn std::fmt::Display, pos: u64| {
        SchemaError(format!("malformed schema XML at byte {pos}: {e}"))
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_err(&e, reader.error_position()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"label" => {
                        if let Some(open) = &current {
                            return Err(SchemaError(format!(
                                "label [{}]: a <label> is nested inside it",
                                open.name
                            )));
                        }
                        let attrs = attributes(e)?;
                        let name = attrs
                            .iter()
                            .find(|(k, _)| k == "name")
                            .map(|(_, v)| v.trim().to_string())
                            .unwrap_or_default();
                        if name.is_empty() {
                            return Err(SchemaError("a <label> has no name attribute".into()));
                        }
                        let label = Label {
                            name,
                            properties: Vec::new(),
                        };
                        if is_empty {
                            schema.add_label(label)?;
                        } else {
                            current = Some(label);
                        }
                    }
                    b"property" => {
                        let Some(label) = current.as_mut() else {
                            return Err(SchemaError("a <property> is outside any <label>".into()));
                        };
                        let prop = property_from_attrs(&label.name, &attributes(e)?)?;
                        label.properties.push(prop);
                    }
                    _ => {}
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == b"label" => {
                if let Some(label) = current.take() {
                    schema.add_label(label)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(label) = current {
        return Err(SchemaError(format!("label [{}] is not closed", label.name)));
    }
    Ok(schema)
}

fn attributes(e: &BytesStart<'_>) -> Result<Vec<(String, String)>, SchemaError> {
    let mut out = Vec::new();
    for attr in e.attributes() {
        let attr =
            attr.map_err(|err| SchemaError(format!("malformed schema XML attribute: {err}")))?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        let value = attr
            .unescape_value()
            .map_err(|err| SchemaError(format!("malformed schema XML attribute [{key}]: {err}")))?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

/// Renders `schema` in the same layout [`parse`] reads.
pub(super) fn render(schema: &Schema) -> String {
    use std::fmt::Write as _;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PMML version=\"3.0\" \
         xmlns=\"http://www.dmg.org/PMML-3-0\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema_instance\">\n  <labels>\n",
    );
    for label in schema.labels() {
        if label.properties.is_empty() {
            let _ = writeln!(s, "    <label name=\"{}\"></label>", esc(&label.name));
            continue;
        }
        let _ = writeln!(
            s,
            "    <label name=\"{}\">\n      <properties>",
            esc(&label.name)
        );
        for p in &label.properties {
            let _ = write!(
                s,
                "        <property name=\"{}\" cardinality=\"{}\" dataType=\"{}\"",
                esc(&p.name),
                p.cardinality.as_str(),
                p.data_type.as_str()
            );
            match &p.data_type {
                super::DataType::CharArray { max_data_size } => {
                    let _ = write!(s, " maxDataSize=\"{max_data_size}\"");
                }
                super::DataType::Enum(names) => {
                    let _ = write!(s, " typeNameCount=\"{}\"", names.len());
                    for (i, n) in names.iter().enumerate() {
                        let _ = write!(s, " typeName{}=\"{}\"", i + 1, esc(n));
                    }
                }
                _ => {}
            }
            s.push_str("/>\n");
        }
        s.push_str("      </properties>\n    </label>\n");
    }
    s.push_str("  </labels>\n</PMML>\n");
    s
}

fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}

#[cfg(test)]
mod tests {
    use super::super::{Cardinality, DataType};
    use super::*;

    /// The layout from DECISIONS.md, verbatim.
    const DECISIONS_XML: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema_instance">
  <labels>
    <label name="rate">
      <properties>
        <property name="Score" cardinality="single" dataType="int"/>
        <property name="Datetime" cardinality="single" dataType="date"/>
      </properties>
    </label>
    <label name="friends"></label>
    <label name="user">
      <properties>
        <property name="Name" cardinality="single" dataType="string"/>
        <property name="Gender" cardinality="single" dataType="enum" typeNameCount="2" typeName1="F" typeName2="M"/>
        <property name="Zip-code" cardinality="single" dataType="char array" maxDataSize="12"/>
      </properties>
    </label>
    <label name="empty"><properties/></label>
    <label name="bare"/>
  </labels>
</PMML>"#;

    #[test]
    fn parses_the_verified_layout() {
        let s = Schema::from_xml(DECISIONS_XML).unwrap();
        let names: Vec<_> = s.labels().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["rate", "friends", "user", "empty", "bare"]);
        let rate = s.label(0);
        assert_eq!(rate.properties[0].name, "Score");
        assert_eq!(rate.properties[0].data_type, DataType::Int);
        assert_eq!(rate.properties[1].data_type, DataType::Date);
        assert!(s.label(1).properties.is_empty());
        let user = s.label(2);
        assert_eq!(
            user.properties[1].data_type,
            DataType::Enum(vec!["F".into(), "M".into()])
        );
        assert_eq!(
            user.properties[2].data_type,
            DataType::CharArray { max_data_size: 12 }
        );
        assert_eq!(user.properties[2].cardinality, Cardinality::Single);
        assert!(s.label(3).properties.is_empty() && s.label(4).properties.is_empty());
    }

    #[test]
    fn render_round_trips() {
        let s = Schema::from_xml(DECISIONS_XML).unwrap();
        assert_eq!(Schema::from_xml(&s.to_xml()).unwrap(), s);
    }

    #[test]
    fn errors_name_label_and_property() {
        let bad = r#"<PMML><labels><label name="movie"><properties>
            <property name="Year" cardinality="single" dataType="integer"/>
            </properties></label></labels></PMML>"#;
        let e = Schema::from_xml(bad).unwrap_err();
        assert!(
            e.0.contains("label [movie] property [Year]: unknown dataType [integer]"),
            "{e}"
        );
        let dup = r#"<PMML><labels><label name="a"/><label name="a"/></labels></PMML>"#;
        assert!(
            Schema::from_xml(dup)
                .unwrap_err()
                .0
                .contains("label [a] is defined twice")
        );
        let broken = r#"<PMML><labels><label name="a"><properties></label></PMML>"#;
        assert!(
            Schema::from_xml(broken)
                .unwrap_err()
                .0
                .contains("malformed schema XML")
        );
    }
}
