//! Import from OBS: every bucket path of an import is downloaded into a temp dir below the
//! data dir (`tmp/import-<job>/`), then the ordinary importer reads the local copies; the temp
//! dir is removed afterwards. A path names an object, or — when no object has that key, or it
//! ends with `/` — a folder whose objects (one level, like a local directory) are all read.

use std::path::{Path, PathBuf};

use futures::StreamExt;
use object_store::ObjectStore;
use object_store::path::Path as ObjPath;
use tokio::io::AsyncWriteExt;

use super::sink::{Sink, reason};
use super::{Location, ObsCredentials};
use crate::engine::Engine;
use crate::job::ImportSpec;

/// The local copies of an import's bucket paths; removed on drop.
#[derive(Debug)]
pub struct Downloaded {
    dir: PathBuf,
}

impl Drop for Downloaded {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether any input path of `spec` is on OBS.
pub fn uses_obs(spec: &ImportSpec) -> bool {
    spec.schema_paths
        .iter()
        .chain(&spec.vertex_paths)
        .chain(&spec.edge_paths)
        .any(|p| super::location::looks_like_bucket(p))
}

/// Downloads the bucket paths of `spec` and returns the spec with those paths replaced by the
/// local copies. `Err(reason)` for the user when a download fails.
pub(crate) async fn localize(
    engine: &Engine,
    project: &str,
    job_id: &str,
    spec: &ImportSpec,
    creds: Option<&ObsCredentials>,
) -> Result<(ImportSpec, Option<Downloaded>), String> {
    if !uses_obs(spec) {
        return Ok((spec.clone(), None));
    }
    let creds = creds.ok_or_else(|| super::vault::LOST.to_owned())?;
    let dir = engine
        .config()
        .data_dir
        .join("tmp")
        .join(format!("import-{job_id}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let guard = Downloaded { dir: dir.clone() };
    let mut out = spec.clone();
    let mut n = 0usize;
    for paths in [
        &mut out.schema_paths,
        &mut out.vertex_paths,
        &mut out.edge_paths,
    ] {
        for p in paths.iter_mut() {
            if !super::location::looks_like_bucket(p) {
                continue;
            }
            let location = Location::parse(p).map_err(|e| e.to_string())?;
            let sink =
                Sink::open(engine, project, &location, Some(creds)).map_err(|e| e.to_string())?;
            let local = dir.join(n.to_string());
            n += 1;
            std::fs::create_dir_all(&local).map_err(|e| e.to_string())?;
            let got = fetch(&sink, p.ends_with('/'), &local).await?;
            *p = format!("file://{}", got.display());
        }
    }
    Ok((out, Some(guard)))
}

/// Downloads the object at the sink's prefix into `local`, or every object one level below
/// it; returns the local file or folder.
async fn fetch(sink: &Sink, folder: bool, local: &Path) -> Result<PathBuf, String> {
    let err = |doing: &str, e: object_store::Error| reason(doing, &sink.shown, &e);
    // Listing first: it tells a folder from an object, and its errors carry the S3 error body
    // (a HEAD's do not), so a wrong key reads as `SignatureDoesNotMatch`.
    let listing = sink
        .store
        .list_with_delimiter(Some(&sink.prefix))
        .await
        .map_err(|e| err("listing", e))?;
    if listing.objects.is_empty() {
        if folder {
            return Err(format!("no object or folder at [{}]", sink.shown));
        }
        let name = sink.prefix.filename().unwrap_or("object").to_owned();
        let target = local.join(name);
        return match copy(sink.store.as_ref(), &sink.prefix, &target).await {
            Ok(()) => Ok(target),
            Err(object_store::Error::NotFound { .. }) => {
                Err(format!("no object or folder at [{}]", sink.shown))
            }
            Err(e) => Err(err("reading", e)),
        };
    }
    for meta in listing.objects {
        let name = meta.location.filename().unwrap_or("object").to_owned();
        copy(sink.store.as_ref(), &meta.location, &local.join(name))
            .await
            .map_err(|e| err("reading", e))?;
    }
    Ok(local.to_path_buf())
}

/// Streams one object to a local file.
async fn copy(store: &dyn ObjectStore, key: &ObjPath, target: &Path) -> object_store::Result<()> {
    let io = |e: std::io::Error| object_store::Error::Generic {
        store: "local",
        source: Box::new(e),
    };
    let mut stream = store.get(key).await?.into_stream();
    let mut file = tokio::fs::File::create(target).await.map_err(io)?;
    while let Some(chunk) = stream.next().await {
        file.write_all(&chunk?).await.map_err(io)?;
    }
    file.flush().await.map_err(io)?;
    Ok(())
}
