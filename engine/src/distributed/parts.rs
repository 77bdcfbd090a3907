//! The partition a job's group reads: cut once per graph version, process count and weight
//! property, and kept in the object store beside the version's snapshot.

use std::path::Path;

use crate::graph::{Graph, partition};
use crate::objects::Objects;
use crate::{Error, Result};

/// The graph version being cut.
pub(crate) struct Version<'a> {
    /// The graph's key in the store (`graphs/<project>/<graph>`).
    pub(crate) key: String,
    /// The version's local snapshot file (its directory holds local partitions).
    pub(crate) snapshot: &'a Path,
    /// The version.
    pub(crate) number: i64,
}

/// The key of the partition of `graph` into `parts` (with the weights of `weight`), written
/// unless the store has it already. With the data dir as the store the partition is written
/// beside the snapshot under a name of the job's own and renamed into place, so two jobs
/// partitioning at once do not mix their files. With a shared store it is written to such a
/// temporary dir, uploaded (the manifest last: parts without it are not there) and the local
/// copy removed: a node keeps no partition, the processes read it from the store.
pub(crate) fn ensure(
    objects: &Objects,
    graph: &Graph,
    version: &Version<'_>,
    parts: u32,
    weight: Option<&str>,
    job: &str,
) -> Result<String> {
    let name = partition::dir_name(version.number, parts, weight);
    let key = format!("{}/{name}", version.key);
    let parent = version
        .snapshot
        .parent()
        .expect("a snapshot has a directory");
    let tmp = parent.join(format!(".{name}.{job}"));
    if objects.is_remote() {
        if objects
            .get(&format!("{key}/{}", partition::MANIFEST))?
            .is_some()
        {
            return Ok(key);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        let uploaded = partition::write(graph, version.number, parts, weight, &tmp)
            .map_err(Error::from)
            .and_then(|m| upload(objects, &tmp, &key, &m.part_keys));
        let _ = std::fs::remove_dir_all(&tmp);
        uploaded?;
        return Ok(key);
    }
    let dir = parent.join(&name);
    if dir.join(partition::MANIFEST).exists() {
        return Ok(key);
    }
    partition::write(graph, version.number, parts, weight, &tmp)?;
    if std::fs::rename(&tmp, &dir).is_err() {
        // Another job got there first.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    if !dir.join(partition::MANIFEST).exists() {
        return Err(Error::Internal(format!(
            "the partition {} could not be written",
            dir.display()
        )));
    }
    Ok(key)
}

/// Uploads the parts in `dir` under `key`, then the manifest.
fn upload(objects: &Objects, dir: &Path, key: &str, part_keys: &[String]) -> Result<()> {
    for part in part_keys
        .iter()
        .map(String::as_str)
        .chain([partition::MANIFEST])
    {
        objects.upload_file(&format!("{key}/{part}"), &dir.join(part))?;
    }
    Ok(())
}
