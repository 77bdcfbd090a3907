//! The graphs held in memory, loaded lazily from their snapshots.
//!
//! A snapshot is a file in the data dir (`graphs/<project>/<graph>/v<version>.bin`); with a
//! shared object store ([`crate::objects`]) it is also an object of the same key there, written
//! before the catalogue row names the version, and the node's file is only a cache: a node that
//! has none downloads it on first use. Versions are immutable, so a cached file is never stale.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use time::OffsetDateTime;

use crate::graph::Graph;
use crate::job::store::IdleGraph;
use crate::objects::Objects;
use crate::{Error, Result};

mod cache;
mod partitioned;

use cache::GraphCache;
pub(crate) use partitioned::{PartsInfo, refusal as partitioned_refusal};

/// `(project, graph, version) → Arc<Graph>`; old versions drop out when a new one is stored,
/// and past `--graph-cache-bytes` the least recently used graphs do ([`GraphCache`]).
#[derive(Debug)]
pub(crate) struct GraphCatalog {
    dir: PathBuf,
    objects: Arc<Objects>,
    loaded: GraphCache,
    /// The vertices of partitioned versions ([`GraphCatalog::vertices`]), which every
    /// distributed job on one resolves its ids with and renders its rows from; held like whole
    /// graphs, in a cache of their own with the same limit (least recently used out past
    /// `--graph-cache-bytes`), and dropped with a graph's
    /// other versions when a new one is stored or the graph is removed.
    vertex_sets: GraphCache,
    /// When this node last swept unused snapshots ([`GraphCatalog::sweep`]).
    last_sweep: Mutex<Option<OffsetDateTime>>,
}

/// The object key of a graph's snapshots (`graphs/<project>/<graph>`).
fn object_key(project: &str, name: &str) -> String {
    format!("graphs/{project}/{name}")
}

impl GraphCatalog {
    pub(crate) fn new(dir: PathBuf, objects: Arc<Objects>, cache_bytes: Option<u64>) -> Self {
        Self {
            dir,
            objects,
            loaded: GraphCache::new(cache_bytes),
            vertex_sets: GraphCache::new(cache_bytes),
            last_sweep: Mutex::new(None),
        }
    }

    /// The graph a job runs on, at `version`; a load (the graph was not in memory) is counted
    /// in the job's `graph_load_ms`. Blocking.
    pub(crate) fn graph_for(
        &self,
        job: &crate::JobRecord,
        version: i64,
        ctl: &crate::job::control::JobControl,
    ) -> Result<Arc<Graph>> {
        let (graph, load) = self.get_timed(&job.project, &job.graph, version)?;
        if let Some(took) = load {
            ctl.set_graph_load(took);
        }
        Ok(graph)
    }

    /// Whether a snapshot sweep is due at `now` (none yet, or the last one `every` ago);
    /// if so, `now` is recorded as the last one.
    pub(crate) fn sweep_due(&self, now: OffsetDateTime, every: time::Duration) -> bool {
        let mut last = self.last_sweep.lock().expect("sweep time lock");
        let due = last.is_none_or(|at| now - at >= every);
        if due {
            *last = Some(now);
        }
        due
    }

    /// Snapshot file of one graph version.
    pub(crate) fn snapshot_path(&self, project: &str, name: &str, version: i64) -> PathBuf {
        self.dir
            .join(project)
            .join(name)
            .join(format!("v{version}.bin"))
    }

    /// The graph at `version`, loading its snapshot on first use (blocking I/O: call from a
    /// blocking thread).
    pub(crate) fn get(&self, project: &str, name: &str, version: i64) -> Result<Arc<Graph>> {
        self.get_timed(project, name, version).map(|(g, _)| g)
    }

    /// [`get`](Self::get), and how long loading took when the graph was not in memory (a job
    /// shows it among its counters).
    pub(crate) fn get_timed(
        &self,
        project: &str,
        name: &str,
        version: i64,
    ) -> Result<(Arc<Graph>, Option<Duration>)> {
        let key = (project.to_owned(), name.to_owned(), version);
        if let Some(g) = self.loaded.get(&key) {
            return Ok((g, None));
        }
        let started = Instant::now();
        let path = self.snapshot_path(project, name, version);
        if !path.exists() {
            let at = format!("{}/v{version}.bin", object_key(project, name));
            let remote = self.objects.is_remote();
            if !(remote && self.objects.download_file(&at, &path)?) {
                // A partitioned version has no snapshot: only its parts.
                if let Some(p) = self.partitioned(project, name, version)? {
                    return Err(partitioned::refusal(name, p.parts));
                }
                if remote {
                    return Err(Error::Internal(format!(
                        "graph [{name}] v{version} has no snapshot in the object store ({at})"
                    )));
                }
            }
        }
        let graph = Arc::new(Graph::load(&path).map_err(|e| {
            Error::Internal(format!(
                "cannot load graph [{name}] v{version} from {}: {e}",
                path.display()
            ))
        })?);
        self.loaded.insert(key, graph.clone());
        Ok((graph, Some(started.elapsed())))
    }

    /// Saves a new version's snapshot and makes it the one held in memory; older snapshot files
    /// of that graph are removed once the new one is durable.
    pub(crate) fn store(
        &self,
        project: &str,
        name: &str,
        version: i64,
        graph: Arc<Graph>,
    ) -> Result<()> {
        let path = self.snapshot_path(project, name, version);
        std::fs::create_dir_all(path.parent().expect("snapshot has a parent"))?;
        graph.save(&path)?;
        let at = format!("{}/v{version}.bin", object_key(project, name));
        self.objects.upload_file(&at, &path)?;
        self.loaded.forget(project, name);
        self.vertex_sets.forget(project, name);
        self.loaded
            .insert((project.to_owned(), name.to_owned(), version), graph);
        Ok(())
    }

    /// Forgets a deleted graph and removes the snapshots of its versions up to `last` (the
    /// version current when it was deleted). Blocking; what cannot be deleted is logged. The
    /// graph's directory stays (empty): the next writer may be creating its own version in it.
    pub(crate) fn remove(&self, project: &str, name: &str, last: i64) {
        self.loaded.forget(project, name);
        self.vertex_sets.forget(project, name);
        self.remove_versions(project, name, |v| v <= last);
    }

    /// Removes the snapshots of versions older than `keep` (after the catalog row points at
    /// it). Blocking; a failure to delete an old object only leaves it behind (logged). Newer
    /// versions stay: the graph's next writer may already be writing one (its FIFO lets it
    /// start once this job's success is recorded, before this cleanup runs).
    pub(crate) fn prune(&self, project: &str, name: &str, keep: i64) {
        self.remove_versions(project, name, |v| v < keep);
    }

    /// Removes what the cleanups after a job missed (the node died first, or the writer failed
    /// or was fenced after writing its snapshot): every version of an idle graph up to its last
    /// given one except the current. Blocking; returns how many files and objects went.
    pub(crate) fn sweep(&self, g: &IdleGraph) -> u64 {
        if g.current.is_none() {
            self.loaded.forget(&g.project, &g.name);
        }
        self.remove_versions(&g.project, &g.name, |v| {
            v <= g.last_version && Some(v) != g.current
        })
    }

    /// Removes the snapshots `v<N>.bin`, partitions `v<N>.p<P>/…`, a partitioned version's
    /// `v<N>.names.bin` and `v<N>.parts.json`, and a stopped writer's
    /// `.v<N>.bin.tmp-…` whose version is `doomed`, from the object store and the data dir.
    fn remove_versions(&self, project: &str, name: &str, doomed: impl Fn(i64) -> bool) -> u64 {
        let old = |file: &str| version_of(file).is_some_and(&doomed);
        let mut removed = 0;
        let prefix = object_key(project, name);
        match self.objects.list(&prefix) {
            Ok(keys) => {
                let is_old = |k: &&String| {
                    k.strip_prefix(&prefix)
                        .is_some_and(|rest| old(rest.trim_start_matches('/')))
                };
                for k in keys.iter().filter(is_old) {
                    match self.objects.delete(k) {
                        Ok(()) => removed += 1,
                        Err(e) => {
                            tracing::warn!(error = %e, key = %k, "old snapshot left in the object store");
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "old snapshots left in the object store"),
        }
        let dir = self.dir.join(project).join(name);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                if old(&e.file_name().to_string_lossy()) {
                    let gone = std::fs::remove_file(e.path())
                        .or_else(|_| std::fs::remove_dir_all(e.path()));
                    removed += u64::from(gone.is_ok());
                }
            }
        }
        removed
    }
}

/// The version a snapshot file or object (`v<N>.bin`, `v<N>.p<P>/…`, `v<N>.names.bin`,
/// `v<N>.parts.json`, or the temporary file
/// `.v<N>.bin.tmp-…` a writer that stopped midway left) belongs to.
fn version_of(file: &str) -> Option<i64> {
    let file = file.strip_prefix('.').unwrap_or(file);
    file.strip_prefix('v')?.split('.').next()?.parse().ok()
}
