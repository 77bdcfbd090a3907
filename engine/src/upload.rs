//! Files uploaded for an import (the console's import form sends them from the browser):
//! [`Engine::begin_upload`] opens an upload area under
//! `<data_dir>/uploads/<project>/<id>/`, the caller streams each file into it, and
//! [`Upload::finish`] returns the local paths to import, one per [`UploadSlot`]: the schema
//! file, and the vertex and edge *directories* (several files may be given for each; an
//! import reads every file of a directory).
//!
//! The data dir is always an allowed import root, so the paths need no configuration; only the
//! project that uploaded the files may name them ([`Engine::resolve_local_path`]). An upload
//! whose import was queued is [`Upload::commit`]ted and kept so the job can be re-run; the
//! sweep removes upload areas older than the longest job retention
//! ([`Engine::remove_expired_uploads`]). An upload dropped without a commit (its form was
//! refused, its client went away mid-way) removes its area at once.
//!
//! With a shared object store ([`crate::objects`]) a finished upload is also copied there
//! (`uploads/<project>/<id>/…`), so the import may run on any node: a node that has not got
//! the files fetches them into its own data dir first ([`localize`]).
//!
//! Everything written counts against [`EngineConfig::upload_limit`](crate::EngineConfig);
//! file names are reduced to their last path component and checked, so nothing is written
//! outside the area.
//!
//! [`Engine::begin_upload`]: crate::Engine::begin_upload
//! [`Engine::resolve_local_path`]: crate::Engine::resolve_local_path
//! [`Engine::remove_expired_uploads`]: crate::Engine::remove_expired_uploads

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tokio::io::AsyncWriteExt;

use crate::{Error, Result};

/// Default [`EngineConfig::upload_limit`](crate::EngineConfig): 2 GiB per upload.
pub const DEFAULT_UPLOAD_LIMIT: u64 = 2 << 30;

/// Which import input an uploaded file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadSlot {
    /// The schema XML (one file).
    Schema,
    /// Vertex CSV files.
    Vertices,
    /// Edge CSV files.
    Edges,
}

impl UploadSlot {
    fn dir_name(self) -> &'static str {
        match self {
            UploadSlot::Schema => "schema",
            UploadSlot::Vertices => "vertices",
            UploadSlot::Edges => "edges",
        }
    }
}

/// The local paths of a finished upload, as `file://` paths an import accepts; `None` for a
/// slot no file was sent for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadedPaths {
    /// The schema file.
    pub schema: Option<String>,
    /// The directory of the vertex files.
    pub vertices: Option<String>,
    /// The directory of the edge files.
    pub edges: Option<String>,
}

/// Most files one upload may hold.
pub const MAX_FILES: usize = 1000;

/// An upload in progress. Files are written one after the other: [`Upload::start_file`], then
/// [`Upload::write`] for each chunk; [`Upload::finish`] gives the paths, [`Upload::commit`]
/// keeps the area. Dropped without a commit, it removes its area.
#[derive(Debug)]
pub struct Upload {
    dir: PathBuf,
    /// The store the files are copied to at [`Upload::finish`], and their key there.
    objects: std::sync::Arc<crate::objects::Objects>,
    key: String,
    limit: u64,
    written: u64,
    current: Option<tokio::fs::File>,
    files: Vec<(UploadSlot, PathBuf)>,
    committed: bool,
}

impl Upload {
    /// A new, empty upload area for `project` under `uploads_dir`, copied to `objects` when
    /// finished, of at most `limit` bytes.
    pub(crate) async fn open(
        uploads_dir: &Path,
        objects: std::sync::Arc<crate::objects::Objects>,
        limit: u64,
        project: &str,
    ) -> Result<Self> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let dir = uploads_dir.join(project).join(&id);
        tokio::fs::create_dir_all(&dir).await?;
        Ok(Upload {
            dir,
            objects,
            key: format!("uploads/{project}/{id}"),
            limit,
            written: 0,
            current: None,
            files: Vec::new(),
            committed: false,
        })
    }
}

/// Removes upload areas under `root` (this node's copies) and in `objects` last written before
/// `cutoff`; returns how many areas. Blocking.
pub(crate) fn remove_expired(
    root: &Path,
    objects: &crate::objects::Objects,
    cutoff: SystemTime,
) -> Result<u64> {
    let mut areas = remove_older(root, cutoff)?;
    for key in objects.list_older("uploads", cutoff)? {
        objects.delete(&key)?;
        let mut parts = key.splitn(4, '/').skip(1);
        if let (Some(project), Some(id)) = (parts.next(), parts.next()) {
            areas.insert(format!("{project}/{id}"));
        }
    }
    Ok(areas.len() as u64)
}

/// `raw` (an import path) as this node sees it: a path into an upload area of `project`
/// (`…/uploads/<project>/<id>/…`, as whichever node received the upload wrote it) names this
/// node's copy under `uploads_dir`, fetched from `objects` when it has none. Other paths are
/// returned as they are. Blocking.
pub(crate) fn localize(
    uploads_dir: &Path,
    objects: &crate::objects::Objects,
    project: &str,
    raw: &str,
) -> Result<String> {
    let path = raw.strip_prefix("file://").unwrap_or(raw);
    let parts: Vec<&str> = path.split('/').collect();
    let Some(at) = parts.windows(3).position(|w| {
        w[0] == "uploads"
            && w[1] == project
            && w[2].len() == 32
            && w[2].bytes().all(|b| b.is_ascii_hexdigit())
    }) else {
        return Ok(raw.to_owned());
    };
    let id = parts[at + 2];
    let area = uploads_dir.join(project).join(id);
    let local = parts[at + 3..].iter().fold(area.clone(), |p, s| p.join(s));
    if !area.exists() && objects.is_remote() {
        let prefix = format!("uploads/{project}/{id}");
        for key in objects.list(&prefix)? {
            let rel = key.strip_prefix(&format!("{prefix}/")).unwrap_or(&key);
            objects.download_file(&key, &area.join(rel))?;
        }
    }
    Ok(format!("file://{}", local.display()))
}

impl Upload {
    /// The upload area.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts the next file, named `file_name` (only its last path component is used).
    pub async fn start_file(&mut self, slot: UploadSlot, file_name: &str) -> Result<()> {
        self.close_current().await?;
        let name = clean_file_name(file_name)?;
        if self.files.len() >= MAX_FILES {
            return Err(Error::invalid(format!(
                "an upload holds at most {MAX_FILES} files"
            )));
        }
        if slot == UploadSlot::Schema && self.files.iter().any(|(s, _)| *s == slot) {
            return Err(Error::invalid("give one schema file"));
        }
        let slot_dir = self.dir.join(slot.dir_name());
        tokio::fs::create_dir_all(&slot_dir).await?;
        let path = slot_dir.join(&name);
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    Error::invalid(format!("two uploaded files are named [{name}]"))
                }
                _ => Error::Io(e),
            })?;
        self.current = Some(file);
        self.files.push((slot, path));
        Ok(())
    }

    /// Appends a chunk to the current file.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<()> {
        let Some(file) = self.current.as_mut() else {
            return Err(Error::Internal("upload write before start_file".into()));
        };
        self.written = self.written.saturating_add(chunk.len() as u64);
        if self.written > self.limit {
            return Err(Error::invalid(format!(
                "the upload is larger than its limit of {} bytes",
                self.limit
            )));
        }
        Ok(file.write_all(chunk).await?)
    }

    /// Flushes the last file and returns the paths to import.
    pub async fn finish(&mut self) -> Result<UploadedPaths> {
        self.close_current().await?;
        if self.objects.is_remote() {
            let (objects, key, dir) = (self.objects.clone(), self.key.clone(), self.dir.clone());
            let files: Vec<PathBuf> = self.files.iter().map(|(_, p)| p.clone()).collect();
            crate::job::kind::blocking(move || {
                for f in &files {
                    let rel = f
                        .strip_prefix(&dir)
                        .expect("an upload's file is in its area");
                    objects.upload_file(&format!("{key}/{}", rel.display()), f)?;
                }
                Ok(())
            })
            .await?;
        }
        let url = |slot: UploadSlot| {
            let found = self.files.iter().find(|(s, _)| *s == slot)?;
            let path = match slot {
                UploadSlot::Schema => found.1.clone(),
                UploadSlot::Vertices | UploadSlot::Edges => self.dir.join(slot.dir_name()),
            };
            Some(format!("file://{}", path.display()))
        };
        Ok(UploadedPaths {
            schema: url(UploadSlot::Schema),
            vertices: url(UploadSlot::Vertices),
            edges: url(UploadSlot::Edges),
        })
    }

    /// Keeps the upload area (its import was queued).
    pub fn commit(mut self) {
        self.committed = true;
    }

    async fn close_current(&mut self) -> Result<()> {
        if let Some(mut file) = self.current.take() {
            file.flush().await?;
            file.sync_all().await?;
        }
        Ok(())
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        self.current = None;
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            tracing::warn!(dir = %self.dir.display(), error = %e, "cannot remove an unused upload");
        }
    }
}

/// The last path component of a browser-supplied file name (browsers send the bare name, but
/// nothing stops a client from sending `../../x` or `C:\dir\x`), refused when nothing
/// usable is left.
fn clean_file_name(raw: &str) -> Result<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let ok = !last.is_empty()
        && last != "."
        && last != ".."
        && last.len() <= 255
        && !last.chars().any(|c| c.is_control());
    if ok {
        Ok(last.to_string())
    } else {
        let shown: String = raw.chars().take(64).collect();
        Err(Error::invalid(format!(
            "uploaded file name [{shown}] is not usable"
        )))
    }
}

/// Removes the upload areas (`<root>/<project>/<id>/`) last written before `cutoff`. The
/// project dirs stay (removing one could race with a new upload creating its area in it). An
/// area of the layout before projects (`<root>/<id>/vertices/…`) is read as project `<id>`,
/// so it is removed when old too, and no project may import it.
/// Removes this node's upload areas last written before `cutoff`; returns them as
/// `<project>/<id>`.
fn remove_older(root: &Path, cutoff: SystemTime) -> Result<HashSet<String>> {
    let mut removed = HashSet::new();
    for project in entries(root)? {
        if !project.path().is_dir() {
            continue;
        }
        for area in entries(&project.path())? {
            let modified = area.metadata().and_then(|m| m.modified());
            if modified.is_ok_and(|m| m < cutoff) {
                match std::fs::remove_dir_all(area.path()) {
                    Ok(()) => {
                        let (p, a) = (project.file_name(), area.file_name());
                        removed.insert(format!("{}/{}", p.to_string_lossy(), a.to_string_lossy()));
                    }
                    Err(e) => {
                        tracing::warn!(dir = %area.path().display(), error = %e, "cannot remove an expired upload")
                    }
                }
            }
        }
    }
    Ok(removed)
}

/// A directory's entries; none when it does not exist.
fn entries(dir: &Path) -> Result<Vec<std::fs::DirEntry>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries.flatten().collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn file_names_keep_only_their_last_component() {
        assert_eq!(clean_file_name("vertices.csv").unwrap(), "vertices.csv");
        assert_eq!(clean_file_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(clean_file_name(r"C:\data\edges.csv").unwrap(), "edges.csv");
        for bad in ["", "..", "dir/", "a\u{0}b", " / "] {
            assert!(clean_file_name(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
