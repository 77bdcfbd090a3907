//! Partitioned graphs: a graph's edges cut into `P` parts by a hash of the source vertex, one
//! compact binary file per part, plus a manifest, so that each process of a distributed job
//! reads its part only, streaming, and never the whole graph.
//!
//! Layout, under a graph version's key (`graphs/<project>/<graph>/`, see [`crate::objects`]):
//!
//! ```text
//! v<version>.p<P>/manifest.json   Manifest (JSON), written last: parts without it are not there
//! v<version>.p<P>/part-00000.bin  the edges whose source `owner(source, P) == 0`
//! …
//! v<version>.p<P>.w<hex>/…        the same with each edge's weight, property <hex> (hex of its name)
//! ```
//!
//! A part file is the 8-byte magic `GJPART01`, a little-endian `u64` edge count and a `u8`
//! flag (1 if every edge carries a weight), then per edge `source: u32`, `target: u32` and, if
//! weighted, `weight: f64`, all little-endian, in the graph's out-edge order. Vertices keep the
//! graph's dense ids `0..vertex_count`; their external ids stay in the version's snapshot
//! (`v<version>.bin`), which the manifest names in `names`, so a part never repeats them.
//!
//! A partitioned import ([`PartWriter`]) writes the same layout while it reads the edge files,
//! with the vertices in `v<version>.names.bin` ([`names_file`]) instead of a whole snapshot.
//!
//! Every edge is in exactly one part, and every out-edge of a vertex is in the same part (its
//! [`owner`]'s), so a process knows the out-degree of every vertex it owns without asking.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Graph;

mod stream;
pub use stream::{PartWriter, names_file};

/// Part file magic: the format and its version.
const MAGIC: &[u8; 8] = b"GJPART01";
/// The manifest's file name inside a partition's directory.
pub const MANIFEST: &str = "manifest.json";
/// The most parts a graph is cut into (the console's import form states the same bound).
pub use rules::graph::MAX_PARTS;

/// The part (and the process) that owns vertex `v` among `parts`: a multiplicative hash, so
/// consecutive ids (often one label's vertices) spread over all parts.
#[inline]
pub fn owner(v: u32, parts: u32) -> u32 {
    let h = u64::from(v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((h >> 32) % u64::from(parts)) as u32
}

/// The directory name of a version's partition into `parts` (`v<version>.p<parts>`), with the
/// weights of edge property `weight` (`….w<hex of the name>`).
pub fn dir_name(version: i64, parts: u32, weight: Option<&str>) -> String {
    match weight {
        None => format!("v{version}.p{parts}"),
        Some(w) => format!("v{version}.p{parts}.w{}", hex::encode(w)),
    }
}

/// The file name of part `i`.
pub fn part_name(i: u32) -> String {
    format!("part-{i:05}.bin")
}

/// What a partition holds, written as `manifest.json` after every part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version (1).
    pub format: u32,
    /// Vertices (dense ids `0..vertices`).
    pub vertices: u64,
    /// Edges over all parts.
    pub edges: u64,
    /// Number of parts.
    pub parts: u32,
    /// Edges are stored as directed (source → target); undirected kernels add the reverse.
    pub directed: bool,
    /// The edge property the weights come from, if the parts carry weights.
    pub weight: Option<String>,
    /// Part file names, part `i` at index `i`, relative to the manifest's directory.
    pub part_keys: Vec<String>,
    /// Edges per part, part `i` at index `i`.
    pub part_edges: Vec<u64>,
    /// Where the dense-id → external-id map is: the snapshot file name beside the partition's
    /// directory (`v<version>.bin`).
    pub names: String,
}

impl Manifest {
    /// Reads `dir/manifest.json`.
    ///
    /// # Errors
    /// The file is missing or not a manifest.
    pub fn read(dir: &Path) -> io::Result<Manifest> {
        Self::parse(&fs::read(dir.join(MANIFEST))?)
    }

    /// Parses a manifest's bytes (as read from the object store).
    ///
    /// # Errors
    /// Not a manifest.
    pub fn parse(bytes: &[u8]) -> io::Result<Manifest> {
        serde_json::from_slice(bytes).map_err(|e| invalid(format!("{MANIFEST}: {e}")))
    }
}

/// One edge as a part stores it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PartEdge {
    /// Source vertex (dense id).
    pub source: u32,
    /// Target vertex (dense id).
    pub target: u32,
    /// Weight, if the part is weighted.
    pub weight: Option<f64>,
}

/// Writes `graph` cut into `parts` parts into `dir` (created), the manifest last; `version` names
/// the snapshot holding the external ids. `weight` names the edge property to store with each
/// edge (`None`: unweighted; an edge without a value gets weight 1, as the kernels read it).
///
/// # Errors
/// `parts` out of `1..=MAX_PARTS`, or an I/O error.
pub fn write(
    graph: &Graph,
    version: i64,
    parts: u32,
    weight: Option<&str>,
    dir: &Path,
) -> io::Result<Manifest> {
    if !(1..=MAX_PARTS).contains(&parts) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("partition count {parts} is out of range 1..={MAX_PARTS}"),
        ));
    }
    fs::create_dir_all(dir)?;
    let weights = weight.and_then(|w| graph.edge_weights(w));
    let n = graph.vertex_count() as u32;
    let mut counts = vec![0u64; parts as usize];
    for v in 0..n {
        counts[owner(v, parts) as usize] += graph.out_degree(v) as u64;
    }
    let part_keys: Vec<String> = (0..parts).map(part_name).collect();
    let mut writers = part_keys
        .iter()
        .zip(&counts)
        .map(|(key, &count)| {
            let mut w = BufWriter::with_capacity(1 << 16, File::create(dir.join(key))?);
            w.write_all(MAGIC)?;
            w.write_all(&count.to_le_bytes())?;
            w.write_all(&[u8::from(weights.is_some())])?;
            Ok(w)
        })
        .collect::<io::Result<Vec<_>>>()?;
    for v in 0..n {
        let w = &mut writers[owner(v, parts) as usize];
        for (k, &t) in graph.out_edge_range(v).zip(graph.out_neighbors(v)) {
            w.write_all(&v.to_le_bytes())?;
            w.write_all(&t.to_le_bytes())?;
            if let Some(ws) = &weights {
                w.write_all(&ws.get(k).unwrap_or(1.0).to_le_bytes())?;
            }
        }
    }
    for w in writers {
        w.into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .sync_all()?;
    }
    let manifest = Manifest {
        format: 1,
        vertices: u64::from(n),
        edges: graph.edge_count() as u64,
        parts,
        directed: true,
        weight: weights
            .is_some()
            .then(|| weight.unwrap_or_default().to_owned()),
        part_keys,
        part_edges: counts,
        names: format!("v{version}.bin"),
    };
    stream::write_manifest(dir, &manifest)?;
    Ok(manifest)
}

/// Streams the edges of one part, in stored order, from a local file or any [`Read`] (an
/// object in the store, [`crate::objects::ObjectClient::reader`]).
#[derive(Debug)]
pub struct PartReader<R: Read = File> {
    r: BufReader<R>,
    name: String,
    left: u64,
    weighted: bool,
}

impl PartReader<File> {
    /// Opens a part file and reads its header.
    ///
    /// # Errors
    /// The file is missing or not a part file.
    pub fn open(path: &Path) -> io::Result<PartReader> {
        PartReader::new(File::open(path)?, path.display().to_string())
    }
}

impl<R: Read> PartReader<R> {
    /// Reads the header of the part `source` holds (`name`: what messages call it).
    ///
    /// # Errors
    /// `source` fails or holds no part.
    pub fn new(source: R, name: String) -> io::Result<PartReader<R>> {
        let mut r = BufReader::with_capacity(1 << 16, source);
        let mut head = [0u8; 17];
        r.read_exact(&mut head).map_err(|e| short(e, &name))?;
        if &head[..8] != MAGIC || head[16] > 1 {
            return Err(invalid(format!(
                "{name} is not a graphjobs part file (version 1)"
            )));
        }
        Ok(PartReader {
            r,
            name,
            left: u64::from_le_bytes(head[8..16].try_into().expect("8 bytes")),
            weighted: head[16] == 1,
        })
    }

    /// Edges not read yet.
    pub fn remaining(&self) -> u64 {
        self.left
    }

    /// Whether the edges carry weights.
    pub fn weighted(&self) -> bool {
        self.weighted
    }

    fn read_edge(&mut self) -> io::Result<PartEdge> {
        let mut buf = [0u8; 16];
        let len = if self.weighted { 16 } else { 8 };
        self.r
            .read_exact(&mut buf[..len])
            .map_err(|e| short(e, &self.name))?;
        let word = |i: usize| u32::from_le_bytes(buf[i..i + 4].try_into().expect("4 bytes"));
        Ok(PartEdge {
            source: word(0),
            target: word(4),
            weight: self
                .weighted
                .then(|| f64::from_le_bytes(buf[8..16].try_into().expect("8 bytes"))),
        })
    }
}

impl<R: Read> Iterator for PartReader<R> {
    type Item = io::Result<PartEdge>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let edge = self.read_edge();
        if edge.is_err() {
            self.left = 0;
        }
        Some(edge)
    }
}

/// A read that ended early is a truncated part; any other error is the source's own (an object
/// store that stopped answering), passed on as it is so that the caller can tell.
fn short(e: io::Error, name: &str) -> io::Error {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        invalid(format!("{name} is truncated: {e}"))
    } else {
        e
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges_of(dir: &Path, m: &Manifest) -> Vec<Vec<PartEdge>> {
        m.part_keys
            .iter()
            .map(|k| {
                PartReader::open(&dir.join(k))
                    .unwrap()
                    .collect::<io::Result<Vec<_>>>()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn every_edge_is_in_exactly_the_part_of_its_source() {
        let edges: Vec<(u32, u32)> = (0..500u32).map(|i| (i * 7 % 97, i * 13 % 89)).collect();
        let g = Graph::from_edges(100, &edges);
        let tmp = tempfile::tempdir().unwrap();
        let m = write(&g, 4, 3, None, tmp.path()).unwrap();
        assert_eq!(Manifest::read(tmp.path()).unwrap(), m);
        assert_eq!((m.vertices, m.edges, m.parts), (100, 500, 3));
        assert_eq!(m.names, "v4.bin");
        let parts = edges_of(tmp.path(), &m);
        let mut all = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            assert_eq!(part.len() as u64, m.part_edges[i]);
            assert!(part.iter().all(|e| owner(e.source, 3) == i as u32));
            assert!(part.iter().all(|e| e.weight.is_none()));
            all.extend(part.iter().map(|e| (e.source, e.target)));
        }
        // The multiset of edges is the graph's.
        let mut want = edges;
        want.sort_unstable();
        all.sort_unstable();
        assert_eq!(all, want);
        assert!(
            parts.iter().all(|p| !p.is_empty()),
            "the hash spreads vertices"
        );
    }

    #[test]
    fn weights_round_trip_and_bad_input_is_refused() {
        let g = Graph::from_weighted_edges(3, &[(0, 1, 2.5), (2, 0, 4.0), (1, 2, 0.5)]);
        let tmp = tempfile::tempdir().unwrap();
        let m = write(&g, 1, 1, Some("weight"), tmp.path()).unwrap();
        assert_eq!(m.weight.as_deref(), Some("weight"));
        let got: Vec<_> = edges_of(tmp.path(), &m).remove(0);
        let triples: Vec<_> = got.iter().map(|e| (e.source, e.target, e.weight)).collect();
        assert_eq!(
            triples,
            [(0, 1, Some(2.5)), (1, 2, Some(0.5)), (2, 0, Some(4.0))]
        );
        assert!(write(&g, 1, 0, None, tmp.path()).is_err());
        assert!(write(&g, 1, MAX_PARTS + 1, None, tmp.path()).is_err());
        // A truncated part is an error, not a short read.
        let part = tmp.path().join(part_name(0));
        let bytes = fs::read(&part).unwrap();
        fs::write(&part, &bytes[..bytes.len() - 3]).unwrap();
        let read: Vec<_> = PartReader::open(&part).unwrap().collect();
        assert_eq!(read.len(), 3);
        assert!(read[2].is_err());
        fs::write(&part, b"something else entirely").unwrap();
        assert!(PartReader::open(&part).is_err());
    }
}
