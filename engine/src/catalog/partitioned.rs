//! Partitioned versions in the catalogue: a version whose data is only its partitions.
//!
//! A partitioned import ([`crate::graph::import::partitioned`]) leaves, beside where a whole
//! version's `v<version>.bin` would be:
//!
//! ```text
//! v<version>.p<P>/…            the partition (manifest and parts), as partition.rs writes it
//! v<version>.p<P>.w<hex>/…     one weighted partition per numeric edge property
//! v<version>.names.bin         the vertices (ids, labels, properties; no edge), a snapshot
//! v<version>.parts.json        this marker (PartsInfo), written last
//! ```
//!
//! With a shared store each is uploaded (a partition's manifest after its parts, the marker
//! after everything) and the local partition files are removed, as for the partitions a
//! distributed job cuts. The catalogue row that names the version is written after the
//! marker (the job's success), so a node killed midway leaves files of a version no row
//! names, which the snapshot sweep removes. There is no `v<version>.bin`: loading the version
//! as a whole graph ([`GraphCatalog::get`]) is refused with [`refusal`], which is what every
//! local-only operation (queries, exports, algorithms without a distributed kernel) answers.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{GraphCatalog, object_key};
use crate::graph::Graph;
use crate::graph::import::partitioned::PartitionedImport;
use crate::graph::partition::{self, names_file};
use crate::job::control::JobControl;
use crate::{Error, Refusal, Result};

/// What `v<version>.parts.json` says of a partitioned version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PartsInfo {
    /// Number of parts (and of processes a job on it runs).
    pub parts: u32,
    /// Vertices.
    pub vertices: u64,
    /// Edges over all parts.
    pub edges: u64,
    /// The edge properties with a weighted partition.
    pub weights: Vec<String>,
    /// Edges per label, labels in schema order.
    pub label_edges: Vec<u64>,
}

/// The marker's file name.
fn marker(version: i64) -> String {
    format!("v{version}.parts.json")
}

/// The refusal of a local-only operation on a partitioned graph.
pub(crate) fn refusal(graph: &str, parts: u32) -> Error {
    Error::refused(
        Refusal::WrongState,
        format!(
            "graph [{graph}] is partitioned into {parts} parts: only algorithm jobs of the distributed executor ({}) run on it; import it without partitions to query or export it",
            crate::distributed::ALGORITHMS.join(", ")
        ),
    )
}

impl GraphCatalog {
    fn graph_dir(&self, project: &str, name: &str) -> PathBuf {
        self.dir.join(project).join(name)
    }

    /// Where a partitioned import of `project/name` writes its partitions (the graph's dir).
    pub(crate) fn partition_root(&self, project: &str, name: &str) -> Result<PathBuf> {
        let dir = self.graph_dir(project, name);
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Records a partitioned import of `version` (its partitions already under
    /// [`partition_root`](Self::partition_root)): the vertices' snapshot, then, with a shared
    /// store, the uploads, then the marker. Blocking.
    ///
    /// `ctl`'s cancel is checked before each upload and before the marker: uploading a large
    /// partition takes a while, and a cancel during it must end the import cancelled, not let
    /// it publish the graph. `Ok(None)`: cancelled, the marker not written; the caller removes
    /// what was uploaded ([`discard`](Self::discard)), as after a failure.
    pub(crate) fn store_partitioned(
        &self,
        project: &str,
        name: &str,
        version: i64,
        imported: &PartitionedImport,
        ctl: &JobControl,
    ) -> Result<Option<PartsInfo>> {
        let dir = self.graph_dir(project, name);
        let key = object_key(project, name);
        let first = imported
            .manifests
            .first()
            .ok_or_else(|| Error::Internal("a partitioned import wrote no partition".into()))?;
        for m in &imported.manifests {
            let part_dir = partition::dir_name(version, m.parts, m.weight.as_deref());
            let local = dir.join(&part_dir);
            if self.objects.is_remote() {
                for file in m
                    .part_keys
                    .iter()
                    .map(String::as_str)
                    .chain([partition::MANIFEST])
                {
                    if ctl.is_cancelled() {
                        return Ok(None);
                    }
                    self.objects
                        .upload_file(&format!("{key}/{part_dir}/{file}"), &local.join(file))?;
                }
                // A node keeps no partition: the processes read it from the store.
                let _ = std::fs::remove_dir_all(&local);
            }
        }
        let names = dir.join(names_file(version));
        imported.vertices.save(&names)?;
        self.objects
            .upload_file(&format!("{key}/{}", names_file(version)), &names)?;
        let info = PartsInfo {
            parts: first.parts,
            vertices: first.vertices,
            edges: first.edges,
            weights: imported
                .manifests
                .iter()
                .filter_map(|m| m.weight.clone())
                .collect(),
            label_edges: imported.label_edges.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&info).map_err(|e| Error::Internal(e.to_string()))?;
        // The last moment a cancel stops the import: with the marker the version is whole.
        if ctl.is_cancelled() {
            return Ok(None);
        }
        write_atomically(&dir.join(marker(version)), &bytes)?;
        self.objects
            .put(&format!("{key}/{}", marker(version)), bytes)?;
        // A whole version of this graph held in memory is older than this one, and so are the
        // vertices of an older partitioned one.
        self.loaded.forget(project, name);
        self.vertex_sets.forget(project, name);
        Ok(Some(info))
    }

    /// The marker of `version` if it is partitioned (`None`: a whole version). Blocking: a
    /// file read, and with a shared store a GET when this node has no copy.
    pub(crate) fn partitioned(
        &self,
        project: &str,
        name: &str,
        version: i64,
    ) -> Result<Option<PartsInfo>> {
        let path = self.graph_dir(project, name).join(marker(version));
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.objects.is_remote() && !self.snapshot_path(project, name, version).exists()
                {
                    let at = format!("{}/{}", object_key(project, name), marker(version));
                    match self.objects.get(&at)? {
                        Some(b) => {
                            write_atomically(&path, &b)?;
                            b.to_vec()
                        }
                        None => return Ok(None),
                    }
                } else {
                    return Ok(None);
                }
            }
            Err(e) => return Err(e.into()),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))
    }

    /// The vertices of partitioned `version` (no edge): what a distributed job resolves
    /// vertex ids with and renders its result's rows with. Blocking; loaded on first use and
    /// then held for the jobs that follow (versions are immutable, so a held one is never
    /// stale; a new version or the graph's removal drops it).
    pub(crate) fn vertices(&self, project: &str, name: &str, version: i64) -> Result<Arc<Graph>> {
        let key = (project.to_owned(), name.to_owned(), version);
        if let Some(held) = self.vertex_sets.get(&key) {
            return Ok(held);
        }
        let path = self.graph_dir(project, name).join(names_file(version));
        if self.objects.is_remote() && !path.exists() {
            let at = format!("{}/{}", object_key(project, name), names_file(version));
            self.objects.download_file(&at, &path)?;
        }
        let graph = Graph::load(&path).map(Arc::new).map_err(|e| {
            Error::Internal(format!(
                "cannot load the vertices of graph [{name}] v{version} from {}: {e}",
                path.display()
            ))
        })?;
        self.vertex_sets.insert(key, graph.clone());
        Ok(graph)
    }

    /// Removes what a partitioned import of `version` that failed or was cancelled wrote.
    /// Blocking.
    pub(crate) fn discard(&self, project: &str, name: &str, version: i64) {
        self.remove_versions(project, name, |v| v == version);
    }

    /// The graph at `version` if whole, else its vertices: what reads only the schema or the
    /// vertices (clearing a graph keeps its schema) takes. Blocking.
    pub(crate) fn get_or_vertices(
        &self,
        project: &str,
        name: &str,
        version: i64,
    ) -> Result<Arc<Graph>> {
        match self.partitioned(project, name, version)? {
            Some(_) => self.vertices(project, name, version),
            None => self.get(project, name, version),
        }
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::graph::import::ImportOptions;
    use crate::graph::import::partitioned::import_partitioned;
    use crate::objects::Objects;

    fn demo() -> ImportOptions {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../demo/movie");
        ImportOptions {
            schema_paths: vec![dir.join("schema.xml")],
            vertex_paths: vec![dir.join("vertices.csv")],
            edge_paths: vec![dir.join("edges.csv")],
            ..ImportOptions::default()
        }
    }

    /// Imports the demo graph partitioned as `version` of `p/g`.
    fn import(catalog: &GraphCatalog, version: i64) {
        let root = catalog.partition_root("p", "g").unwrap();
        let imported = import_partitioned(&demo(), 2, &root, version, &JobControl::new()).unwrap();
        let stored = catalog.store_partitioned("p", "g", version, &imported, &JobControl::new());
        assert!(stored.unwrap().is_some());
    }

    #[test]
    fn a_versions_vertices_are_loaded_once_and_dropped_when_a_new_version_is_stored() {
        let tmp = tempfile::tempdir().unwrap();
        let catalog = GraphCatalog::new(tmp.path().to_owned(), Arc::new(Objects::data_dir()), None);
        import(&catalog, 1);
        let first = catalog.vertices("p", "g", 1).unwrap();
        assert_eq!(first.vertex_count(), 4018);
        // The next job reuses it: not read again (its file may even be gone).
        let names = tmp.path().join("p/g").join(names_file(1));
        std::fs::remove_file(&names).unwrap();
        let again = catalog.vertices("p", "g", 1).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "held between jobs");

        // A re-import stores version 2: version 1's vertices are dropped (loading them now
        // reads the file, which is gone), and version 2's are loaded once and then held.
        import(&catalog, 2);
        let e = catalog.vertices("p", "g", 1).unwrap_err();
        assert!(e.to_string().contains("cannot load the vertices"), "{e}");
        let second = catalog.vertices("p", "g", 2).unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(Arc::ptr_eq(
            &second,
            &catalog.vertices("p", "g", 2).unwrap()
        ));
        // Removing the graph drops them too.
        catalog.remove("p", "g", 2);
        assert!(catalog.vertices("p", "g", 2).is_err());
    }

    #[test]
    fn a_cancelled_import_writes_no_marker() {
        let tmp = tempfile::tempdir().unwrap();
        let catalog = GraphCatalog::new(tmp.path().to_owned(), Arc::new(Objects::data_dir()), None);
        let root = catalog.partition_root("p", "g").unwrap();
        let imported = import_partitioned(&demo(), 2, &root, 1, &JobControl::new()).unwrap();
        let ctl = JobControl::new();
        ctl.cancel();
        let stored = catalog.store_partitioned("p", "g", 1, &imported, &ctl);
        assert_eq!(stored.unwrap(), None);
        assert!(!tmp.path().join("p/g").join(marker(1)).exists());
        assert_eq!(catalog.partitioned("p", "g", 1).unwrap(), None);
    }
}
