//! [`Cursor`]: whole CSV records, one after another, out of a slice of a file that starts on a
//! record boundary (a quoted field may continue on following lines).
//!
//! A physical line loses its line break (`\n`, and a `\r` before it or at the end of the file),
//! and the file's first line its UTF-8 byte-order mark. Lines of one record are joined with `\n`.
//! Empty lines between records are blank and not records. Each line must be valid UTF-8; a record
//! with a bad line is read as far as it goes and carries its error. A quoted field that is still
//! open at the end of the slice (which ends the file or a piece), or after
//! [`MAX_RECORD`](super::csv_line::MAX_RECORD) bytes, is taken for a stray quote: its first line
//! alone is rejected ("unterminated quoted field") and reading goes on at the next line, so one
//! unmatched quote neither swallows the rows after it nor makes the reader buffer the rest of
//! the file.

use super::csv_line::{Scan, Splitter};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One record's texts, reused from record to record.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// The record as read (lines joined with `\n`), for the rejected-row log; read it with
    /// [`raw`](Self::raw), as a plain line leaves it empty.
    raw: String,
    /// The record is one line without quotes: its text is its raw text (not copied twice).
    plain: bool,
    /// The unquoted field texts, back to back.
    pub(super) text: String,
    /// One range of `text` per field.
    pub(super) fields: Vec<std::ops::Range<usize>>,
}

impl Scratch {
    /// The record as read (lines joined with `\n`), for the rejected-row log.
    pub(super) fn raw(&self) -> &str {
        if self.plain { &self.text } else { &self.raw }
    }
}

/// What [`Cursor::next`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Next {
    /// The slice is used up, on a record boundary.
    End,
    /// The slice ends inside this record (only when the slice does not end the file).
    Incomplete,
    /// An empty line of so many bytes, skipped.
    Blank(u64),
    /// A record, its texts in the [`Scratch`].
    Record {
        /// Line where it starts, counted from 1 at the cursor's start.
        line: u32,
        /// Bytes it took, line breaks included.
        bytes: u64,
        /// Why it cannot be used (invalid UTF-8, unterminated quote); no fields then.
        error: Option<String>,
    },
}

/// Reads records out of `bytes`.
pub(super) struct Cursor<'b> {
    bytes: &'b [u8],
    pos: usize,
    line: u32,
    splitter: Splitter,
    /// Whether `bytes` starts the file (its first line may carry a byte-order mark).
    file_start: bool,
    /// Whether `bytes` ends the file (else a record running off its end is incomplete).
    file_end: bool,
}

impl<'b> Cursor<'b> {
    pub(super) fn new(
        bytes: &'b [u8],
        splitter: Splitter,
        file_start: bool,
        file_end: bool,
    ) -> Self {
        Self {
            bytes,
            pos: 0,
            line: 0,
            splitter,
            file_start,
            file_end,
        }
    }

    /// Bytes consumed so far (always a record boundary between calls).
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    /// Lines consumed so far.
    pub(super) fn lines(&self) -> u32 {
        self.line
    }

    /// The next physical line without its line break, its byte count, and whether it is known
    /// to be whole (it ended in `\n` or ends the file); `None` at the end of the slice.
    fn next_line(&mut self) -> Option<(&'b [u8], u64, bool)> {
        let rest = &self.bytes[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let (mut line, n, whole) = match memchr::memchr(b'\n', rest) {
            Some(i) => (&rest[..i], i + 1, true),
            None => (rest, rest.len(), self.file_end),
        };
        self.pos += n;
        self.line += 1;
        if let [head @ .., b'\r'] = line {
            line = head;
        }
        if self.file_start && self.line == 1 && line.starts_with(BOM) {
            line = &line[BOM.len()..];
        }
        Some((line, n as u64, whole))
    }

    /// Goes back to just after the first line of the record that started at `pos`/`line`;
    /// returns that line's length as it stands in the record's raw text.
    fn rewind_to_line_after(&mut self, pos: usize, line: u32) -> usize {
        (self.pos, self.line) = (pos, line);
        let (first, _, _) = self
            .next_line()
            .expect("the record's first line was read before");
        first.len()
    }

    /// Reads the next record into `sc`.
    pub(super) fn next(&mut self, sc: &mut Scratch) -> Next {
        let (start_pos, start_line) = (self.pos, self.line);
        let incomplete = |c: &mut Self| {
            (c.pos, c.line) = (start_pos, start_line);
            Next::Incomplete
        };
        let Some((first, mut bytes, whole)) = self.next_line() else {
            return Next::End;
        };
        if !whole {
            return incomplete(self);
        }
        if first.is_empty() {
            return Next::Blank(bytes);
        }
        let line = self.line;
        let first_bytes = bytes;
        sc.raw.clear();
        sc.text.clear();
        sc.fields.clear();
        sc.plain = false;
        if self.plain_line(first, sc) {
            return Next::Record {
                line,
                bytes,
                error: None,
            };
        }
        let mut error = append_utf8(&mut sc.raw, first).err();
        // Follow an open quoted field from line to line, scanning only the new bytes.
        let mut state = self.splitter.scan(Scan::FieldStart, sc.raw.as_bytes());
        while error.is_none() && state == Scan::Quoted {
            let next = if sc.raw.len() > self.splitter.max_record {
                None
            } else {
                self.next_line()
            };
            match next {
                Some((next, n, true)) => {
                    bytes += n;
                    sc.raw.push('\n');
                    let from = sc.raw.len();
                    error = append_utf8(&mut sc.raw, next).err();
                    state = self.splitter.scan(state, b"\n");
                    state = self.splitter.scan(state, &sc.raw.as_bytes()[from..]);
                }
                Some(_) => return incomplete(self),
                None if !self.file_end && sc.raw.len() <= self.splitter.max_record => {
                    return incomplete(self);
                }
                None => {
                    // The field never closes (the slice ends, or it ran past the cap): a stray
                    // quote, most likely. Its line is rejected alone; reading goes on after it.
                    let first_len = self.rewind_to_line_after(start_pos, start_line);
                    sc.raw.truncate(first_len);
                    bytes = first_bytes;
                    error = Some("unterminated quoted field".into());
                }
            }
        }
        if error.is_none()
            && self
                .splitter
                .split(&sc.raw, &mut sc.text, &mut sc.fields)
                .is_err()
        {
            error = Some("unterminated quoted field".into());
        }
        if error.is_some() {
            sc.text.clear();
            sc.fields.clear();
            if sc.raw.is_empty() {
                sc.raw.push_str(&String::from_utf8_lossy(first));
            }
        }
        Next::Record { line, bytes, error }
    }
}

impl Cursor<'_> {
    /// Reads a one-line record without a quote character in one pass (the common case, and
    /// the same fields as the general path finds): fields are the texts between delimiters.
    /// False, with `sc` untouched, when the line has a quote or is not valid UTF-8.
    #[inline]
    fn plain_line(&self, line: &[u8], sc: &mut Scratch) -> bool {
        if self
            .splitter
            .quote
            .is_some_and(|q| memchr::memchr(q, line).is_some())
        {
            return false;
        }
        let Ok(text) = std::str::from_utf8(line) else {
            return false;
        };
        sc.plain = true;
        sc.text.push_str(text);
        let mut start = 0;
        for at in memchr::memchr_iter(self.splitter.delimiter, line) {
            sc.fields.push(start..at);
            start = at + 1;
        }
        sc.fields.push(start..line.len());
        true
    }
}

fn append_utf8(record: &mut String, raw: &[u8]) -> Result<(), String> {
    let s = std::str::from_utf8(raw)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    record.push_str(s);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: Splitter = Splitter {
        delimiter: b',',
        quote: Some(b'"'),
        max_record: 64,
    };

    fn all(bytes: &[u8], file_end: bool) -> Vec<String> {
        let mut c = Cursor::new(bytes, CSV, true, file_end);
        let mut sc = Scratch::default();
        let mut out = Vec::new();
        loop {
            match c.next(&mut sc) {
                Next::End => return out,
                Next::Incomplete => {
                    out.push(format!("incomplete at {}", c.pos()));
                    return out;
                }
                Next::Blank(n) => out.push(format!("blank {n}")),
                Next::Record { line, bytes, error } => out.push(format!(
                    "{line}:{bytes}:{:?}:{:?}",
                    sc.raw(),
                    error.unwrap_or_else(|| sc.fields.len().to_string())
                )),
            }
        }
    }

    #[test]
    fn a_line_without_quotes_has_the_general_splitters_fields() {
        let tab = Splitter {
            delimiter: b'\t',
            ..CSV
        };
        let unquoted = Splitter { quote: None, ..CSV };
        for (splitter, line) in [
            (CSV, "a,b,c"),
            (CSV, ",,"),
            (CSV, "x,"),
            (CSV, "Zoë,用户, spaced ,"),
            (tab, "a\tb,c\t"),
            (unquoted, "a,\"b\",c"),
        ] {
            let mut c = Cursor::new(line.as_bytes(), splitter, true, true);
            let mut sc = Scratch::default();
            assert!(matches!(c.next(&mut sc), Next::Record { error: None, .. }));
            let (mut text, mut fields) = (String::new(), Vec::new());
            splitter.split(line, &mut text, &mut fields).unwrap();
            let general: Vec<&str> = fields.iter().map(|r| &text[r.clone()]).collect();
            let read: Vec<&str> = sc.fields.iter().map(|r| &sc.text[r.clone()]).collect();
            assert_eq!(read, general, "{line:?}");
            assert_eq!(sc.raw(), line);
        }
    }

    #[test]
    fn records_blank_lines_and_quoted_line_breaks() {
        assert_eq!(
            all(b"\xEF\xBB\xBFa,b\r\n\r\nc,\"x\r\ny\",d\ne", true),
            [
                r#"1:8:"a,b":"2""#,
                "blank 2",
                r#"3:11:"c,\"x\ny\",d":"3""#,
                r#"5:1:"e":"1""#,
            ]
        );
    }

    #[test]
    fn unterminated_invalid_and_incomplete_records() {
        assert_eq!(
            all(b"a,\"open\nmore", true),
            [
                r#"1:8:"a,\"open":"unterminated quoted field""#,
                r#"2:4:"more":"1""#
            ]
        );
        assert_eq!(
            all(b"ok\na,\"open\n\xff\nz\n", true),
            [
                r#"1:3:"ok":"1""#,
                r#"2:10:"a,\"open\n":"invalid UTF-8 at byte 0""#,
                r#"4:2:"z":"1""#,
            ]
        );
        assert_eq!(
            all(b"x\xffy\n", true),
            [r#"1:4:"x�y":"invalid UTF-8 at byte 1""#]
        );
        assert_eq!(
            all(b"a\nb,\"c\nd", false),
            [r#"1:2:"a":"1""#, "incomplete at 2"]
        );
        assert_eq!(all(b"a\nbc", false), [r#"1:2:"a":"1""#, "incomplete at 2"]);
    }

    #[test]
    fn a_stray_quote_rejects_its_line_alone_past_the_cap() {
        // 20 lines of 5 bytes after the stray quote: the open field passes 64 bytes on the
        // 13th line, so the first line is rejected and every later line is read as a record.
        let mut file = b"ok\nbad,\"x\n".to_vec();
        for i in 0..20 {
            file.extend_from_slice(format!("r,{i:02}\n").as_bytes());
        }
        let got = all(&file, true);
        assert_eq!(got[0], r#"1:3:"ok":"1""#);
        assert_eq!(got[1], r#"2:7:"bad,\"x":"unterminated quoted field""#);
        assert_eq!(got.len(), 22, "{got:?}");
        assert_eq!(got[21], r#"22:5:"r,19":"2""#);
        // Within the cap, the field closes as usual, however many lines it spans.
        assert_eq!(
            all(b"a,\"1\n2\n3\",b\n", true),
            [r#"1:12:"a,\"1\n2\n3\",b":"3""#]
        );
        // A slice that ends before the cap is incomplete, not a rejection.
        assert_eq!(all(b"bad,\"x\nr,1\n", false), ["incomplete at 0"]);
    }
}
