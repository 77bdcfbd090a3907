//! A partitioned import: the GES CSV files read as [`super::import`] reads them (same parser,
//! schema handling, row checks, rejected-row logs and line numbers), but every edge goes
//! straight into the partition files ([`PartWriter`]) instead of the graph builder. The node
//! holds the vertices (the id → dense index map every edge row is checked against, their
//! labels and properties) and a 64 KiB buffer per part; it never holds the edges nor builds a
//! CSR of them.
//!
//! A graph is imported partitioned when the request says so (the import body's `partitions`,
//! see README) or when its CSV would not fit the node's graph cache ([`auto_parts`]).

use std::path::Path;

use super::csv_file::EdgeSink;
use super::{ImportError, ImportOptions, ImportReport, Inputs, ParallelEdge, Result, io_err};
use crate::graph::Graph;
use crate::graph::builder::GraphBuilder;
use crate::graph::partition::{MAX_PARTS, Manifest, PartWriter};
use crate::graph::schema::Schema;
use crate::job::control::JobControl;

/// What a partitioned import wrote.
#[derive(Debug)]
pub struct PartitionedImport {
    /// The vertices (ids in dense order, labels, properties) with no edge: what the node keeps
    /// of the graph, saved as the version's `v<version>.names.bin`.
    pub vertices: Graph,
    /// Per-file counters, as a whole import reports them.
    pub report: ImportReport,
    /// The partitions written, the unweighted one first, then one per numeric edge property.
    pub manifests: Vec<Manifest>,
    /// Edges per label, labels in schema order.
    pub label_edges: Vec<u64>,
}

/// Bytes of `opts`' vertex and edge files: the size estimate of the graph a whole import
/// would build. A graph in memory takes at least about as many bytes as its CSV text (an
/// edge row of 15–30 bytes becomes 8 bytes of CSR each way, its label, row and properties),
/// so a CSV larger than `--graph-cache-bytes` would not stay in the cache.
///
/// # Errors
/// A file cannot be read.
pub fn estimate_bytes(opts: &ImportOptions) -> Result<u64> {
    Inputs::open(opts)?.csv_bytes()
}

/// The parts an import without `partitions` is cut into: `processes` (the node's
/// `--compute-processes`) when its CSV ([`estimate_bytes`]) exceeds `cache_bytes`
/// (`--graph-cache-bytes`) and the distributed executor is on; `None` (a whole graph)
/// otherwise.
pub fn auto_parts(estimate: u64, cache_bytes: Option<u64>, processes: u32) -> Option<u32> {
    let cache = cache_bytes?;
    (estimate > cache && (1..=MAX_PARTS).contains(&processes)).then_some(processes)
}

/// Imports `opts`' files as version `version` partitioned into `parts` parts, the partitions
/// written under `root` (the graph's directory: `root/v<version>.p<parts>/…`).
///
/// A partitioned import always makes a new graph (no base version) and keeps every edge
/// (`parallelEdge` `allow`): removing duplicates needs all of a vertex's edges at once, which
/// this import never holds.
///
/// # Errors
/// As [`super::import`], plus a partition count out of range or a `parallelEdge` other than
/// `allow` ([`ImportError::InvalidOption`]). Partition files already written stay (the
/// caller removes the version).
pub fn import_partitioned(
    opts: &ImportOptions,
    parts: u32,
    root: &Path,
    version: i64,
    ctl: &JobControl,
) -> Result<PartitionedImport> {
    if !(1..=MAX_PARTS).contains(&parts) {
        return Err(ImportError::InvalidOption(format!(
            "partitions must be in 1..={MAX_PARTS}, not {parts}"
        )));
    }
    if opts.parallel_edge != ParallelEdge::Allow {
        return Err(ImportError::InvalidOption(
            "a partitioned import keeps every edge: parallelEdge action must be allow".into(),
        ));
    }
    let inputs = Inputs::open(opts)?;
    let mut progress = inputs.progress(ctl)?;
    let mut builder = GraphBuilder::new(Schema::new());
    let mut report = ImportReport::default();
    inputs.read_schemas(&mut builder, ctl, &mut report)?;
    let mut writer =
        PartWriter::create(root, version, parts, builder.schema()).map_err(|e| io_err(root, e))?;
    inputs.read_rows(
        &mut builder,
        &mut EdgeSink::Parts(&mut writer),
        &mut progress,
        &mut report,
    )?;
    ctl.check()?;
    let edges = writer.edges();
    let label_edges = writer.label_edges().to_vec();
    let manifests = writer
        .finish(builder.vertex_count() as u64)
        .map_err(|e| io_err(root, e))?;
    // The builder got the vertices only; what it builds has no edge.
    debug_assert_eq!(builder.edge_count(), 0);
    let vertices = builder.build(ParallelEdge::Allow);
    progress.finish();
    tracing::info!(
        vertices = vertices.vertex_count(),
        edges,
        parts,
        rejected = report.failed_lines(),
        "graph imported partitioned"
    );
    Ok(PartitionedImport {
        vertices,
        report,
        manifests,
        label_edges,
    })
}
