//! Graph snapshots: an 8-byte magic and format version, then the [`Graph`] in bincode.
//!
//! [`save`] writes a temporary file in the target's directory, syncs it and renames it over the
//! target, so a crash never leaves a half-written snapshot under the real name.
//!
//! The graph's implicit columns (one vertex or edge label, identity rows, one value per row; see
//! [`pattern_seq`](super::pattern_seq)) change nothing here: they serialize as the plain vectors
//! they stand for and are recognised again while reading, so the layout is byte for byte the
//! one `GJGRAPH1` always had. We chose that over a `GJGRAPH2` with the compact layout: no second
//! reader to keep for the old files, and snapshots written now still load in older binaries.
//! The price is disk: a snapshot is as large as before (it holds the vectors the graph no longer
//! holds in memory); memory is not paid, since reading never materialises a vector that follows
//! its pattern.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use super::Graph;

/// File magic: identifies the format and its version (bump the digit on layout changes).
const MAGIC: &[u8; 8] = b"GJGRAPH1";

pub(super) fn save(graph: &Graph, path: &Path) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "snapshot path has no file name",
        )
    })?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        w.write_all(MAGIC)?;
        bincode::serialize_into(&mut w, graph).map_err(to_io)?;
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

pub(super) fn load(path: &Path) -> io::Result<Graph> {
    let mut r = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic)?;
    if &magic != MAGIC {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not a graphjobs graph snapshot (version 1)",
                path.display()
            ),
        ));
    }
    bincode::deserialize_from(r).map_err(to_io)
}

#[allow(
    clippy::boxed_local,
    reason = "bincode::Error is a Box; its Io variant is moved out"
)]
fn to_io(e: bincode::Error) -> io::Error {
    match *e {
        bincode::ErrorKind::Io(e) => e,
        other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_preserves_everything() {
        let g = Graph::from_weighted_edges(4, &[(0, 1, 2.5), (1, 2, 1.0), (3, 0, 4.0)]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.snap");
        g.save(&path).unwrap();
        let h = Graph::load(&path).unwrap();
        assert_eq!(h.vertex_count(), 4);
        assert_eq!(h.edge_count(), 3);
        assert_eq!(h.in_neighbors(0), [3]);
        assert_eq!(h.vertex_index("3"), Some(3));
        assert_eq!(h.edge_weight(2, "weight"), Some(4.0));
        let (a, b) = (h.stats(), g.stats());
        assert_eq!(
            (a.vertex_labels, a.edge_labels),
            (b.vertex_labels, b.edge_labels)
        );
        // Only the snapshot itself is left in the directory.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn foreign_files_are_invalid_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        fs::write(&path, b"not a snapshot at all").unwrap();
        assert_eq!(
            Graph::load(&path).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }
}
