//! The graphs held in memory, loaded lazily from their snapshots.
//!
//! A snapshot is a file in the data dir (`graphs/<project>/<graph>/v<version>.bin`); with a
//! shared object store ([`crate::objects`]) it is also an object of the same key there, written
//! before the catalogue row names the version, and the node's file is only a cache: a node that
//! has none downloads it on first use. Versions are immutable, so a cached file is never stale.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use crate::graph::Graph;
use crate::objects::Objects;
use crate::{Error, Result};

type Key = (String, String, i64);

/// `(project, graph, version) → Arc<Graph>`; old versions drop out when a new one is stored.
#[derive(Debug)]
pub(crate) struct GraphCatalog {
    dir: PathBuf,
    objects: Arc<Objects>,
    loaded: RwLock<HashMap<Key, Arc<Graph>>>,
}

/// The object key of a graph's snapshots (`graphs/<project>/<graph>`).
fn object_key(project: &str, name: &str) -> String {
    format!("graphs/{project}/{name}")
}

impl GraphCatalog {
    pub(crate) fn new(dir: PathBuf, objects: Arc<Objects>) -> Self {
        Self {
            dir,
            objects,
            loaded: RwLock::default(),
        }
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
        let key = (project.to_owned(), name.to_owned(), version);
        if let Some(g) = self.loaded.read().expect("catalog lock").get(&key) {
            return Ok(g.clone());
        }
        let path = self.snapshot_path(project, name, version);
        if self.objects.is_remote() && !path.exists() {
            let at = format!("{}/v{version}.bin", object_key(project, name));
            if !self.objects.download_file(&at, &path)? {
                return Err(Error::Internal(format!(
                    "graph [{name}] v{version} has no snapshot in the object store ({at})"
                )));
            }
        }
        let graph = Arc::new(Graph::load(&path).map_err(|e| {
            Error::Internal(format!(
                "cannot load graph [{name}] v{version} from {}: {e}",
                path.display()
            ))
        })?);
        self.loaded
            .write()
            .expect("catalog lock")
            .insert(key, graph.clone());
        Ok(graph)
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
        let mut loaded = self.loaded.write().expect("catalog lock");
        loaded.retain(|(p, n, _), _| !(p == project && n == name));
        loaded.insert((project.to_owned(), name.to_owned(), version), graph);
        Ok(())
    }

    /// Forgets a graph and deletes all its snapshots.
    pub(crate) fn remove(&self, project: &str, name: &str) -> Result<()> {
        self.loaded
            .write()
            .expect("catalog lock")
            .retain(|(p, n, _), _| !(p == project && n == name));
        self.objects.delete_prefix(&object_key(project, name))?;
        match std::fs::remove_dir_all(self.dir.join(project).join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Removes snapshots of versions other than `keep` (after the catalog row points at it).
    /// Blocking; a failure to delete an old object only leaves it behind (logged).
    pub(crate) fn prune(&self, project: &str, name: &str, keep: i64) {
        let dir = self.dir.join(project).join(name);
        let keep_file = format!("v{keep}.bin");
        let keep_key = format!("{}/{keep_file}", object_key(project, name));
        match self.objects.list(&object_key(project, name)) {
            Ok(keys) => {
                for k in keys.iter().filter(|k| **k != keep_key) {
                    if let Err(e) = self.objects.delete(k) {
                        tracing::warn!(error = %e, key = %k, "old snapshot left in the object store");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "old snapshots left in the object store"),
        }
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy() != keep_file {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}
