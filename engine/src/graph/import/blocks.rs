//! [`Blocks`]: a CSV file read a MiB at a time, each block ending on a record boundary and
//! cut into pieces (also on record boundaries) that can be parsed in parallel.
//!
//! A block without the quote character ends at its last line break, and its pieces at line
//! breaks. A block with quotes is scanned record by record (a quoted field may span lines) to
//! find both.
//!
//! A block owns its bytes, so that it can be added while the next one is read and parsed; its
//! buffer is then given back ([`Blocks::recycle`]) to read the block after next into (a fresh
//! buffer per block would cost a page fault per 4 KiB read).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::csv_line::Splitter;
use super::record::{Cursor, Next, Scratch};
use super::{Result, io_err};

/// Bytes read per block (more when one record is longer).
///
/// Two blocks are in flight, each with its parsed rows (about twice its bytes for an edge
/// file), and the allocator keeps much of what the parse threads freed after the read. With
/// 4 MiB blocks that was some 25 MiB while reading and about 13 MiB still resident through the
/// build, a fifth of the graph at Kronecker scale 18; 1 MiB blocks took the import's peak
/// there from 83 to 60 MiB while reading, and no longer at scales 20 and 22.
pub(super) const BLOCK: usize = 1 << 20;

/// One block: the bytes and where its pieces end.
pub(super) struct Block {
    pub(super) bytes: Vec<u8>,
    /// Ascending piece ends; the last is `bytes.len()`.
    pub(super) ends: Vec<usize>,
    /// Whether the block starts the file.
    pub(super) file_start: bool,
}

impl Block {
    /// Piece `i`: whether it starts the file, and its bytes.
    pub(super) fn piece(&self, i: usize) -> (bool, &[u8]) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (
            self.file_start && start == 0,
            &self.bytes[start..self.ends[i]],
        )
    }
}

/// Reads one file block by block.
pub(super) struct Blocks<'p> {
    path: &'p Path,
    file: File,
    splitter: Splitter,
    pieces: usize,
    block: usize,
    /// The bytes read after the last block handed out (the start of its next record), then
    /// the next block as it is read.
    buf: Vec<u8>,
    /// A buffer given back, to read a later block into.
    spare: Option<Vec<u8>>,
    eof: bool,
    file_start: bool,
}

impl<'p> Blocks<'p> {
    /// Opens `path`, to be read `block` bytes at a time (usually [`BLOCK`]), each block cut into
    /// about `pieces` pieces.
    pub(super) fn open(
        path: &'p Path,
        splitter: Splitter,
        pieces: usize,
        block: usize,
    ) -> Result<Self> {
        Ok(Self {
            path,
            file: File::open(path).map_err(|e| io_err(path, e))?,
            splitter,
            pieces: pieces.max(1),
            block: block.max(1),
            buf: Vec::new(),
            spare: None,
            eof: false,
            file_start: true,
        })
    }

    /// How records are split.
    pub(super) fn splitter(&self) -> Splitter {
        self.splitter
    }

    /// Gives back the bytes of a block handed out before, to read a later block into.
    pub(super) fn recycle(&mut self, bytes: Vec<u8>) {
        self.spare = Some(bytes);
    }

    /// The next block, `None` at the end of the file.
    pub(super) fn next_block(&mut self) -> Result<Option<Block>> {
        if self.buf.is_empty() && self.eof {
            return Ok(None);
        }
        let mut want = self.block;
        loop {
            self.fill(want)?;
            if self.buf.is_empty() {
                return Ok(None);
            }
            let ends = self.piece_ends();
            if let Some(&end) = ends.last() {
                let file_start = std::mem::replace(&mut self.file_start, false);
                // The bytes after the block move to the front of the buffer the next is read into.
                let mut rest = self.spare.take().unwrap_or_default();
                rest.clear();
                rest.extend_from_slice(&self.buf[end..]);
                let mut bytes = std::mem::replace(&mut self.buf, rest);
                bytes.truncate(end);
                return Ok(Some(Block {
                    bytes,
                    ends,
                    file_start,
                }));
            }
            // Not one whole record yet: read more.
            want = self.buf.len() * 2;
        }
    }

    /// Reads until `buf` holds `want` bytes or the file ends.
    fn fill(&mut self, want: usize) -> Result<()> {
        if self.buf.capacity() < want {
            self.buf.reserve_exact(want - self.buf.len());
        }
        // Read into the spare capacity (`read_to_end` does not zero it first, as a resize would).
        if self.buf.len() < want && !self.eof {
            let missing = (want - self.buf.len()) as u64;
            (&mut self.file)
                .take(missing)
                .read_to_end(&mut self.buf)
                .map_err(|e| io_err(self.path, e))?;
            if self.buf.len() < want {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// Piece ends within `buf` (empty when it holds no whole record yet).
    fn piece_ends(&self) -> Vec<usize> {
        let buf = &self.buf[..];
        let step = buf.len().div_ceil(self.pieces).max(1);
        let quoted = self
            .splitter
            .quote
            .is_some_and(|q| memchr::memchr(q, buf).is_some());
        let mut ends = Vec::with_capacity(self.pieces);
        if !quoted {
            let last = if self.eof {
                buf.len()
            } else {
                match memchr::memrchr(b'\n', buf) {
                    Some(i) => i + 1,
                    None => return ends,
                }
            };
            let mut at = 0;
            while at < last {
                at = match memchr::memchr(b'\n', &buf[(at + step).min(last)..last]) {
                    Some(i) => (at + step).min(last) + i + 1,
                    None => last,
                };
                ends.push(at);
            }
            return ends;
        }
        let mut cursor = Cursor::new(buf, self.splitter, self.file_start, self.eof);
        let mut sc = Scratch::default();
        let mut target = step;
        loop {
            match cursor.next(&mut sc) {
                Next::End | Next::Incomplete => break,
                Next::Blank(_) | Next::Record { .. } if cursor.pos() >= target => {
                    ends.push(cursor.pos());
                    target = cursor.pos() + step;
                }
                _ => {}
            }
        }
        if ends.last() != Some(&cursor.pos()) && cursor.pos() > 0 {
            ends.push(cursor.pos());
        }
        ends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record (and blank line) with its absolute line, read through blocks and pieces.
    fn through_blocks(path: &Path, splitter: Splitter, pieces: usize, block: usize) -> Vec<String> {
        let mut blocks = Blocks::open(path, splitter, pieces, block).unwrap();
        let (mut out, mut lines, mut sc) = (Vec::new(), 0u64, Scratch::default());
        while let Some(b) = blocks.next_block().unwrap() {
            let mut start = 0;
            for &end in &b.ends {
                let mut c = Cursor::new(
                    &b.bytes[start..end],
                    splitter,
                    b.file_start && start == 0,
                    true,
                );
                loop {
                    match c.next(&mut sc) {
                        Next::End => break,
                        Next::Incomplete => panic!("a piece ends inside a record"),
                        Next::Blank(n) => out.push(format!("blank {n}")),
                        Next::Record { line, bytes, error } => out.push(format!(
                            "{}:{bytes}:{:?}:{error:?}:{:?}",
                            lines + u64::from(line),
                            sc.raw(),
                            sc.fields
                                .iter()
                                .map(|r| &sc.text[r.clone()])
                                .collect::<Vec<_>>()
                        )),
                    }
                }
                lines += u64::from(c.lines());
                start = end;
            }
        }
        out
    }

    #[test]
    fn any_block_size_and_piece_count_reads_the_file_alike() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        let quoted = Splitter {
            delimiter: b',',
            quote: Some(b'"'),
            max_record: 24,
        };
        let files: [&[u8]; 4] = [
            b"\xEF\xBB\xBFa,b\r\n\r\nc,\"x\r\n\ny,\"\",d\ne\xff,1\n\"q\"\"q\",2\nlast,\"open\n",
            b"1,2,edge,3\n4,5,edge,6\n\n7,8,edge,9",
            b"x,\"a\nb\"\n\"\n\"\n",
            b"a,1\nstray,\"q\nb,2\nc,3\nd,4\ne,5\nf,6\ng,7\nh,8\ni,9\n",
        ];
        for bytes in files {
            std::fs::write(&path, bytes).unwrap();
            let whole = through_blocks(&path, quoted, 1, 1 << 20);
            assert!(whole.len() >= 2, "{whole:?}");
            for block in 1..=bytes.len() + 1 {
                for pieces in 1..=4 {
                    assert_eq!(
                        through_blocks(&path, quoted, pieces, block),
                        whole,
                        "block {block}, pieces {pieces}"
                    );
                }
            }
        }
    }
}
