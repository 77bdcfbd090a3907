//! The common piece: no quote character in it and valid UTF-8 as a whole (then so is each of
//! its lines, cut at ASCII line breaks). Every line is then a record of its own, its fields the
//! texts between delimiters, so it is parsed straight from the piece's text: one UTF-8 check
//! and one quote search per piece instead of per line, and no copy of each line (the record
//! reader, [`Cursor`](super::record::Cursor), copies a line into its scratch text).
//!
//! What it finds is the record reader's, row for row: the same line numbers, starts and byte
//! counts, the same blank lines (a line that is empty once its `\r` and, first in the file, its
//! byte-order mark are gone), the same fields and raw text (the test below holds the two side by
//! side).

use super::csv_line::Splitter;
use super::hits::Hits;
use super::piece::{Piece, Rejected, Row};
use crate::graph::arena::StrArena;
use crate::graph::builder::RowError;
use crate::graph::property::Table;

/// `bytes` as text, when [`parse_plain`] reads it as the record reader would: no quote
/// character and valid UTF-8.
pub(super) fn plain_text(bytes: &[u8], splitter: Splitter) -> Option<&str> {
    if splitter
        .quote
        .is_some_and(|q| memchr::memchr(q, bytes).is_some())
    {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// Parses every line of `text` (a piece [`plain_text`] accepted; `file_start` when it starts
/// the file) into `piece` (emptied) with `parse`, as `parse_piece` does.
pub(super) fn parse_plain<T>(
    text: &str,
    delimiter: u8,
    file_start: bool,
    piece: &mut Piece<T>,
    mut parse: impl FnMut(&[&str], &mut [Table], &mut StrArena) -> Result<T, RowError>,
) {
    let bytes = text.as_bytes();
    let mut fields: Vec<&str> = Vec::new();
    // One pass over the piece for both delimiters and line breaks (a search per line, and one
    // per field, cost more than the short lines they searched), a word at a time.
    let mut hits = Hits::new(delimiter, b'\n', bytes);
    // The file's first line loses its byte-order mark.
    let bom = if file_start && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let (mut start, mut line) = (0, 0u32);
    // Where the current field starts.
    let mut from = bom;
    while start < bytes.len() {
        let end = loop {
            match hits.next() {
                Some(at) if bytes[at] == delimiter => {
                    fields.push(&text[from..at]);
                    from = at + 1;
                }
                Some(at) => break at,
                None => break bytes.len(),
            }
        };
        let next = (end + 1).min(bytes.len());
        line += 1;
        // A `\r` before the line break goes (never one of the fields' delimiters).
        let end = if end > from && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let record = &text[if line == 1 { bom } else { start }..end];
        let taken = (next - start) as u64;
        if record.is_empty() {
            piece.blank_bytes += taken;
        } else {
            fields.push(&text[from..end]);
            let item = parse(&fields, &mut piece.tables, &mut piece.names).map_err(|e| {
                piece.rejected.push(Rejected {
                    reason: e.0,
                    raw: record.to_string(),
                });
                (piece.rejected.len() - 1) as u32
            });
            piece.rows.push(Row {
                line,
                start,
                bytes: taken,
                item,
            });
        }
        fields.clear();
        (start, from) = (next, next);
    }
    piece.lines = line;
}

#[cfg(test)]
mod tests {
    use super::super::piece::parse_records;
    use super::*;

    /// Everything a parsed piece holds, the parse giving the fields joined by `|` or, for a
    /// field `bad`, an error.
    fn parsed(piece: &Piece<String>) -> String {
        let rows: Vec<String> = piece
            .rows
            .iter()
            .map(|r| {
                let item = match &r.item {
                    Ok(s) => s.clone(),
                    Err(i) => {
                        let rejected = &piece.rejected[*i as usize];
                        format!("rejected {:?} {:?}", rejected.reason, rejected.raw)
                    }
                };
                format!("{}@{}+{}: {item}", r.line, r.start, r.bytes)
            })
            .collect();
        format!("{rows:?} blank {} lines {}", piece.blank_bytes, piece.lines)
    }

    fn parse(fields: &[&str], _: &mut [Table], _: &mut StrArena) -> Result<String, RowError> {
        if fields.contains(&"bad") {
            return Err(RowError(format!("bad among {}", fields.len())));
        }
        Ok(fields.join("|"))
    }

    #[test]
    fn plain_pieces_parse_as_the_record_reader_reads_them() {
        let pieces = [
            "a,b\nc,d,e\n",
            "\u{feff}a,b\r\n\r\n\nx,bad,y\r\nlast",
            "\u{feff}\n\u{feff}a\n",
            "Zoë,用户, spaced ,\n,\n,,\n\r\r\n",
            "1,2,edge,3\n4,5,edge,6\n\n7,8,edge,9",
            "",
            "\n\n",
        ];
        for delimiter in [b',', b'|'] {
            for quote in [Some(b'"'), None] {
                let splitter = Splitter {
                    delimiter,
                    quote,
                    max_record: 64,
                };
                for text in pieces {
                    for file_start in [true, false] {
                        let bytes = text.as_bytes();
                        let mut general = Piece::new(Vec::new());
                        parse_records(bytes, splitter, file_start, &mut general, parse);
                        let mut plain = Piece::new(Vec::new());
                        let text = plain_text(bytes, splitter).unwrap();
                        parse_plain(text, delimiter, file_start, &mut plain, parse);
                        assert_eq!(parsed(&plain), parsed(&general), "{text:?} {file_start}");
                    }
                }
            }
        }
        let splitter = Splitter {
            delimiter: b',',
            quote: Some(b'"'),
            max_record: 64,
        };
        assert_eq!(plain_text(b"a,\"b\"\n", splitter), None);
        assert_eq!(plain_text(b"a,\xff\n", splitter), None);
    }
}
