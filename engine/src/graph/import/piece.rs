//! [`Piece`]: the rows of one piece of a block, parsed apart from the builder (pieces of a block
//! are parsed in parallel) and then added to it in file order.
//!
//! A file's pieces are reused from block to block (cleared, their allocations kept): fresh
//! ones for every block cost a page fault per 4 KiB of rows, and the freed ones stayed resident
//! in the allocator's heap after the import.

use super::csv_line::Splitter;
use super::plain_piece::{parse_plain, plain_text};
use super::record::{Cursor, Next, Scratch};
use crate::graph::arena::StrArena;
use crate::graph::builder::RowError;
use crate::graph::property::Table;

/// A row that could not be parsed, with what the rejected-row log needs.
pub(super) struct Rejected {
    pub(super) reason: String,
    /// The record as read.
    pub(super) raw: String,
}

/// One record of a piece.
pub(super) struct Row<T> {
    /// Line where it starts, counted from 1 at the piece's start.
    pub(super) line: u32,
    /// Where it starts in the piece.
    pub(super) start: usize,
    /// Bytes it took in the file.
    pub(super) bytes: u64,
    /// The parsed row, or the index of why it was rejected in [`Piece::rejected`] (kept apart,
    /// so that a row is no wider than what it parsed into).
    pub(super) item: Result<T, u32>,
}

/// A piece's records, parsed, and what they parsed into.
pub(super) struct Piece<T> {
    pub(super) rows: Vec<Row<T>>,
    /// The rows that could not be parsed.
    pub(super) rejected: Vec<Rejected>,
    /// Bytes of its skipped blank lines.
    pub(super) blank_bytes: u64,
    /// Lines it spans.
    pub(super) lines: u32,
    /// Property tables (one per label) its rows' properties went to.
    pub(super) tables: Vec<Table>,
    /// Vertex ids its rows named (vertex files only).
    pub(super) names: StrArena,
}

impl<T> Piece<T> {
    /// An empty piece whose rows' properties go to `tables` (one empty table per label).
    pub(super) fn new(tables: Vec<Table>) -> Self {
        Self {
            rows: Vec::new(),
            rejected: Vec::new(),
            blank_bytes: 0,
            lines: 0,
            tables,
            names: StrArena::default(),
        }
    }

    /// Empties the piece for the next block, keeping its allocations.
    fn clear(&mut self) {
        self.rows.clear();
        self.rejected.clear();
        self.blank_bytes = 0;
        self.lines = 0;
        self.tables.iter_mut().for_each(Table::clear);
        self.names.truncate(0);
    }
}

/// Parses every record of `bytes` (whole records; `file_start` when it starts the file) into
/// `piece` (emptied first) with `parse`, which gets a record's fields, the piece's tables and
/// its name arena. A piece without quotes and in valid UTF-8 takes the fast path
/// ([`parse_plain`]).
pub(super) fn parse_piece<T>(
    bytes: &[u8],
    splitter: Splitter,
    file_start: bool,
    piece: &mut Piece<T>,
    parse: impl FnMut(&[&str], &mut [Table], &mut StrArena) -> Result<T, RowError>,
) {
    match plain_text(bytes, splitter) {
        Some(text) => {
            piece.clear();
            parse_plain(text, splitter.delimiter, file_start, piece, parse);
        }
        None => parse_records(bytes, splitter, file_start, piece, parse),
    }
}

/// [`parse_piece`] with the record reader, which any piece can take (quoted fields, invalid
/// UTF-8).
pub(super) fn parse_records<T>(
    bytes: &[u8],
    splitter: Splitter,
    file_start: bool,
    piece: &mut Piece<T>,
    mut parse: impl FnMut(&[&str], &mut [Table], &mut StrArena) -> Result<T, RowError>,
) {
    piece.clear();
    // Every piece ends on a record boundary, so its end is read as a file's end would be.
    let mut cursor = Cursor::new(bytes, splitter, file_start, true);
    let mut sc = Scratch::default();
    let mut spare: Vec<&str> = Vec::new();
    loop {
        let start = cursor.pos();
        let (line, bytes, error) = match cursor.next(&mut sc) {
            Next::End | Next::Incomplete => break,
            Next::Blank(n) => {
                piece.blank_bytes += n;
                continue;
            }
            Next::Record { line, bytes, error } => (line, bytes, error),
        };
        let item = match error {
            Some(reason) => Err(reason),
            None => {
                let fields = fields_of(&sc, recycle(spare));
                let item = parse(&fields, &mut piece.tables, &mut piece.names);
                spare = recycle(fields);
                item.map_err(|e| e.0)
            }
        };
        let item = item.map_err(|reason| {
            piece.rejected.push(Rejected {
                reason,
                raw: sc.raw().to_string(),
            });
            (piece.rejected.len() - 1) as u32
        });
        piece.rows.push(Row {
            line,
            start,
            bytes,
            item,
        });
    }
    piece.lines = cursor.lines();
}

/// The field texts of the record in `sc`, in `v` (empty).
fn fields_of<'a>(sc: &'a Scratch, mut v: Vec<&'a str>) -> Vec<&'a str> {
    v.extend(sc.fields.iter().map(|r| &sc.text[r.clone()]));
    v
}

/// The record at `start` of a piece (`bytes`) as read, for the rejected-row log of a row that
/// was parsed but could not be added.
pub(super) fn raw_record(
    bytes: &[u8],
    start: usize,
    splitter: Splitter,
    file_start: bool,
) -> String {
    let mut sc = Scratch::default();
    Cursor::new(&bytes[start..], splitter, file_start && start == 0, true).next(&mut sc);
    sc.raw().to_string()
}

/// An emptied vector of field texts, its allocation kept for the next record's borrows.
fn recycle<'a>(mut v: Vec<&str>) -> Vec<&'a str> {
    v.clear();
    v.into_iter().map(|_| unreachable!("emptied")).collect()
}
