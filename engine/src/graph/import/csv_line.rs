//! Splits one CSV record into fields, honouring the configured delimiter and quote character.
//!
//! A field that starts with the quote character runs to the matching closing quote; a doubled
//! quote inside it is a literal quote, and the delimiter inside it is literal. Anything after the
//! closing quote up to the next delimiter is kept as is. A quote inside an unquoted field is an
//! ordinary character. Fields are not trimmed (GES keeps spaces as part of the value).

use std::ops::Range;

/// The record ended inside a quoted field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unterminated;

/// How far a quoted field may run over line breaks before its opening quote is taken for a
/// stray one: 8 MiB, far above any property value GES takes, and low enough that an unmatched
/// quote costs a bounded read instead of buffering the rest of the file.
pub(super) const MAX_RECORD: usize = 8 << 20;

/// Field splitter for one delimiter / quote configuration (both ASCII).
#[derive(Debug, Clone, Copy)]
pub(super) struct Splitter {
    pub(super) delimiter: u8,
    pub(super) quote: Option<u8>,
    /// Bytes a record may span while still inside a quoted field ([`MAX_RECORD`]); past it
    /// the record's first line is rejected alone and reading resumes on the next line.
    pub(super) max_record: usize,
}

/// Where a left-to-right scan of a record stands, carried from one line of the record to the
/// next so a quoted field's end is found without splitting the record again (the rules are
/// [`Splitter::split`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    /// At the start of a field.
    FieldStart,
    /// Inside an unquoted field, or after a quoted field's closing quote.
    Unquoted,
    /// Inside a quoted field: the record goes on past a line break.
    Quoted,
    /// Just after a quote inside a quoted field (a doubled quote or the closing one).
    QuoteInQuoted,
}

impl Splitter {
    /// The scan state after `bytes`, from `state`.
    pub(super) fn scan(&self, mut state: Scan, bytes: &[u8]) -> Scan {
        let (d, q) = (self.delimiter, self.quote);
        let mut i = 0;
        while i < bytes.len() {
            if state == Scan::Quoted {
                // Jump to the next quote: the field's end or a doubled quote.
                match q.and_then(|q| memchr::memchr(q, &bytes[i..])) {
                    Some(at) => {
                        i += at + 1;
                        state = Scan::QuoteInQuoted;
                        continue;
                    }
                    None => return Scan::Quoted,
                }
            }
            let b = bytes[i];
            state = match state {
                Scan::FieldStart | Scan::QuoteInQuoted if Some(b) == q => Scan::Quoted,
                _ if b == d => Scan::FieldStart,
                _ => Scan::Unquoted,
            };
            i += 1;
        }
        state
    }

    /// Splits `line`, appending its unquoted field texts to `scratch` and one range of
    /// `scratch` per field to `fields`. On `Unterminated` the caller truncates both back.
    pub(super) fn split(
        &self,
        line: &str,
        scratch: &mut String,
        fields: &mut Vec<Range<usize>>,
    ) -> Result<(), Unterminated> {
        let bytes = line.as_bytes();
        let d = self.delimiter;
        let mut i = 0;
        loop {
            let start = scratch.len();
            if self.quote.is_some_and(|q| bytes.get(i) == Some(&q)) {
                let q = self.quote.expect("checked");
                i += 1;
                loop {
                    // Copy up to the next quote (delimiters included).
                    let rel = bytes[i..]
                        .iter()
                        .position(|&b| b == q)
                        .ok_or(Unterminated)?;
                    scratch.push_str(&line[i..i + rel]);
                    i += rel + 1;
                    if bytes.get(i) == Some(&q) {
                        scratch.push(q as char);
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            // Unquoted text (or text after a closing quote) up to the delimiter.
            let rel = bytes[i..]
                .iter()
                .position(|&b| b == d)
                .unwrap_or(bytes.len() - i);
            scratch.push_str(&line[i..i + rel]);
            i += rel;
            fields.push(start..scratch.len());
            if i >= bytes.len() {
                return Ok(());
            }
            i += 1; // the delimiter
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &Splitter, line: &str) -> Result<Vec<String>, Unterminated> {
        let (mut scratch, mut fields) = (String::new(), Vec::new());
        s.split(line, &mut scratch, &mut fields)?;
        Ok(fields.into_iter().map(|r| scratch[r].to_string()).collect())
    }

    const CSV: Splitter = Splitter {
        delimiter: b',',
        quote: Some(b'"'),
        max_record: MAX_RECORD,
    };

    #[test]
    fn plain_and_empty_fields() {
        assert_eq!(
            split(&CSV, "Vivian,user,F,25-34").unwrap(),
            ["Vivian", "user", "F", "25-34"]
        );
        assert_eq!(split(&CSV, "a,,b,").unwrap(), ["a", "", "b", ""]);
        assert_eq!(split(&CSV, "").unwrap(), [""]);
        assert_eq!(split(&CSV, " a , b").unwrap(), [" a ", " b"], "no trimming");
    }

    #[test]
    fn quotes_protect_delimiters_and_double_up() {
        assert_eq!(
            split(&CSV, r#"Eric,"Lethal Weapon, 2",rate,"say ""hi""""#).unwrap(),
            ["Eric", "Lethal Weapon, 2", "rate", r#"say "hi""#]
        );
        assert_eq!(split(&CSV, r#"a"b,"c"d"#).unwrap(), [r#"a"b"#, "cd"]);
        assert_eq!(split(&CSV, r#"a,"open"#), Err(Unterminated));
        assert_eq!(
            split(&CSV, "a,\"multi\nline\",b").unwrap(),
            ["a", "multi\nline", "b"]
        );
    }

    #[test]
    fn other_delimiters_and_no_quote() {
        let tsv = Splitter {
            delimiter: b'\t',
            quote: None,
            max_record: MAX_RECORD,
        };
        assert_eq!(split(&tsv, "\"a\"\tb,c").unwrap(), ["\"a\"", "b,c"]);
        let pipe = Splitter {
            delimiter: b'|',
            quote: Some(b'\''),
            max_record: MAX_RECORD,
        };
        assert_eq!(split(&pipe, "'x|y'|z").unwrap(), ["x|y", "z"]);
    }

    #[test]
    fn the_scan_agrees_with_the_split_on_whether_a_quote_is_open() {
        let lines = [
            "a,b",
            r#"a,"b"#,
            r#""a""b",c"#,
            r#""a""#,
            r#""a"""#,
            r#"a"b,c"#,
            r#"x,"y,""z"#,
            r#""",a"#,
            r#"""#,
            r#"a,"b"c,"d"#,
            "",
        ];
        for line in lines {
            let open = CSV.scan(Scan::FieldStart, line.as_bytes()) == Scan::Quoted;
            assert_eq!(open, split(&CSV, line).is_err(), "{line:?}");
            let (head, tail) = line.split_at(line.len() / 2);
            let state = CSV.scan(CSV.scan(Scan::FieldStart, head.as_bytes()), tail.as_bytes());
            assert_eq!(state == Scan::Quoted, open, "{line:?} in two parts");
        }
    }
}
