//! Reads what lies at a visualization job's `train_url`: every object below it (at most
//! [`MAX_OBJECTS`] objects and [`MAX_BYTES`] in all), named relative to it. Bucket paths use the
//! server's reader credentials (`ObsConfig::reader`); `file:///…` reads below the data dir and
//! the import roots.

use futures::TryStreamExt;
use object_store::ObjectStore;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjPath;

use crate::engine::Engine;
use crate::obs::{Location, Sink};

/// Objects read at most.
pub(crate) const MAX_OBJECTS: usize = 200;
/// Bytes read at most.
pub(crate) const MAX_BYTES: u64 = 64 << 20;

/// `(relative name, bytes)` of every object below `train_url`, or why they cannot be read.
pub(crate) async fn read(
    engine: &Engine,
    project: &str,
    train_url: &str,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let (store, prefix, shown): (std::sync::Arc<dyn ObjectStore>, ObjPath, String) =
        if let Some(local) = train_url.strip_prefix("file://") {
            let dir = engine
                .resolve_local_path(project, local)
                .map_err(|e| format!("train_url {train_url}: {e}"))?;
            if !dir.is_dir() {
                return Err(format!("train_url {train_url} is not a directory"));
            }
            let store = LocalFileSystem::new_with_prefix(&dir)
                .map_err(|e| format!("train_url {train_url}: {e}"))?;
            (
                std::sync::Arc::new(store),
                ObjPath::default(),
                train_url.to_owned(),
            )
        } else {
            // ModelArts writes `/bucket/dir/`; the OBS parser reads a leading `/` as local.
            let raw = train_url.strip_prefix('/').unwrap_or(train_url);
            let location = Location::parse(raw).map_err(|e| format!("train_url: {e}"))?;
            let creds = engine.config().obs.reader.as_ref().ok_or_else(|| {
                "the server has no OBS reader credentials for visualization jobs \
                 (--obs-access-key / --obs-secret-key)"
                    .to_owned()
            })?;
            let sink =
                Sink::open(engine, project, &location, Some(creds)).map_err(|e| e.to_string())?;
            (sink.store, sink.prefix, sink.shown)
        };
    let listed: Vec<_> = store
        .list(Some(&prefix))
        .try_collect()
        .await
        .map_err(|e| crate::obs::sink_reason("reading", &shown, &e))?;
    if listed.len() > MAX_OBJECTS {
        return Err(format!(
            "{} objects at {shown}; a visualization job reads at most {MAX_OBJECTS}",
            listed.len()
        ));
    }
    let bytes: u64 = listed.iter().map(|m| m.size).sum();
    if bytes > MAX_BYTES {
        return Err(format!(
            "{bytes} bytes at {shown}; a visualization job reads at most {MAX_BYTES}"
        ));
    }
    let skip = prefix.parts().count();
    let mut files = Vec::with_capacity(listed.len());
    for meta in listed {
        let name: Vec<String> = meta
            .location
            .parts()
            .skip(skip)
            .map(|p| p.as_ref().to_owned())
            .collect();
        let fail = |e: object_store::Error| crate::obs::sink_reason("reading", &shown, &e);
        let got = store
            .get(&meta.location)
            .await
            .map_err(fail)?
            .bytes()
            .await
            .map_err(fail)?;
        files.push((name.join("/"), got.to_vec()));
    }
    Ok(files)
}
