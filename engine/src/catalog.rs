//! The graphs held in memory, loaded lazily from their snapshots in the data dir.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use crate::graph::Graph;
use crate::{Error, Result};

type Key = (String, String, i64);

/// `(project, graph, version) → Arc<Graph>`; old versions drop out when a new one is stored.
#[derive(Debug, Default)]
pub(crate) struct GraphCatalog {
    dir: PathBuf,
    loaded: RwLock<HashMap<Key, Arc<Graph>>>,
}

impl GraphCatalog {
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self {
            dir,
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
        match std::fs::remove_dir_all(self.dir.join(project).join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Removes snapshot files of versions other than `keep` (after the catalog row points at it).
    pub(crate) fn prune(&self, project: &str, name: &str, keep: i64) {
        let dir = self.dir.join(project).join(name);
        let keep_file = format!("v{keep}.bin");
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy() != keep_file {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}
