//! The pipelined read of one CSV file: while the rows of block k are added (in file order, one
//! after another), block k + 1 is read and its pieces parsed by the other threads.
//!
//! The parse of a block must not depend on the adding of the blocks before it: a vertex row's
//! parse reads only the schema, an edge row's the schema and the vertex ids, which no edge
//! row changes (see the builder's `parsed` module). Row order, line numbers, rejected rows,
//! progress and cancellation all come from the adding, which stays sequential and in file
//! order. When adding fails (cancellation, a log that cannot be written), that error is the
//! one returned, as a sequential read would never have read on; a read error of the block
//! after only counts once the block before it was added without one.
//!
//! Two blocks are in flight at once: their bytes (a MiB each) and their parsed pieces.
//! Each block's buffer and piece set is reused two blocks later.

use rayon::prelude::*;

use super::Result;
use super::blocks::{Block, Blocks};
use super::csv_line::Splitter;
use super::piece::{Piece, parse_piece};
use crate::graph::arena::StrArena;
use crate::graph::builder::RowError;
use crate::graph::property::Table;

/// A piece's bytes (whether they start the file) and the splitter it was parsed with.
pub(super) type Source<'b> = ((bool, &'b [u8]), Splitter);

/// A block read and parsed: its bytes and its pieces, one per piece of the block (the set may
/// hold more, left over from a larger block).
struct Parsed<T> {
    block: Block,
    pieces: Vec<Piece<T>>,
}

/// Reads every block of `blocks`: its pieces parsed in parallel with `parse` (which gets a
/// record's fields, the piece's tables, made from `tables`, and its name arena), then each
/// piece handed to `add` in file order, while the next block is read and parsed.
pub(super) fn read_blocks<T: Send>(
    blocks: &mut Blocks<'_>,
    tables: &[Table],
    parse: impl Fn(&[&str], &mut [Table], &mut StrArena) -> Result<T, RowError> + Sync,
    mut add: impl FnMut(&mut Piece<T>, Source<'_>) -> Result<()> + Send,
) -> Result<()> {
    let splitter = blocks.splitter();
    let mut current = parse_next(blocks, Vec::new(), tables, &parse)?;
    let mut spare = Vec::new();
    while let Some(mut parsed) = current {
        let pieces = std::mem::take(&mut spare);
        let (next, added) = rayon::join(
            || parse_next(blocks, pieces, tables, &parse),
            || add_block(&mut parsed, splitter, &mut add),
        );
        added?;
        current = next?;
        blocks.recycle(parsed.block.bytes);
        spare = parsed.pieces;
    }
    Ok(())
}

/// Reads the next block and parses its pieces into `pieces` (reused); `None` at the end.
fn parse_next<T: Send>(
    blocks: &mut Blocks<'_>,
    mut pieces: Vec<Piece<T>>,
    tables: &[Table],
    parse: &(impl Fn(&[&str], &mut [Table], &mut StrArena) -> Result<T, RowError> + Sync),
) -> Result<Option<Parsed<T>>> {
    let splitter = blocks.splitter();
    let Some(block) = blocks.next_block()? else {
        return Ok(None);
    };
    let n = block.ends.len();
    while pieces.len() < n {
        pieces.push(Piece::new(tables.to_vec()));
    }
    pieces[..n]
        .par_iter_mut()
        .enumerate()
        .for_each(|(i, piece)| {
            let (file_start, bytes) = block.piece(i);
            parse_piece(bytes, splitter, file_start, piece, parse);
        });
    Ok(Some(Parsed { block, pieces }))
}

/// Hands the pieces of `parsed` to `add` in file order.
fn add_block<T>(
    parsed: &mut Parsed<T>,
    splitter: Splitter,
    add: &mut impl FnMut(&mut Piece<T>, Source<'_>) -> Result<()>,
) -> Result<()> {
    let Parsed { block, pieces } = parsed;
    for (i, piece) in pieces[..block.ends.len()].iter_mut().enumerate() {
        add(piece, (block.piece(i), splitter))?;
    }
    Ok(())
}
