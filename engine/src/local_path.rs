//! Local paths in requests (`file:///abs/path` or `/abs/path`): which a project may read from
//! (imports, visualization sources) or write into (exports, rejected rows).
//!
//! [`resolve`] ([`Engine::resolve_local_path`](crate::Engine::resolve_local_path)) allows a path when it is absolute, has no `..`, and — with
//! symlinks resolved — lies below the data dir or a configured import root (`--import-roots`).
//! Inside the data dir it refuses the engine's own files ([`owner_of`]): every project may name
//! local paths, so none may read (or export into) the job store, the graph snapshots, other
//! jobs' results, the master key, or another project's uploads.

use std::path::{Component, Path, PathBuf};

use crate::{EngineConfig, Error, Result};

/// The real path `raw` names, if `project` may use it under `config` (see the module docs).
///
/// # Errors
/// `InvalidArgument` naming why the path is refused.
pub(crate) fn resolve(config: &EngineConfig, project: &str, raw: &str) -> Result<PathBuf> {
    let stripped = raw.strip_prefix("file://").unwrap_or(raw);
    let path = Path::new(stripped);
    let refuse = |why: &str| Error::invalid(format!("path [{raw}] is refused: {why}"));
    if !path.is_absolute() {
        return Err(refuse("local paths must be absolute (file:///…)"));
    }
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(refuse("'..' is not allowed"));
    }
    let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Ok(data_dir) = config.data_dir.canonicalize()
        && let Ok(inside) = real.strip_prefix(&data_dir)
    {
        match owner_of(config, inside) {
            Owner::Anyone => {}
            Owner::Engine => return Err(refuse("it is the server's own data")),
            Owner::Project(p) if p == project => {}
            Owner::Project(_) => return Err(refuse("it is another project's upload")),
        }
    }
    let roots = std::iter::once(&config.data_dir).chain(&config.import_roots);
    let allowed = roots
        .filter_map(|r| r.canonicalize().ok())
        .any(|r| real.starts_with(&r));
    if allowed {
        Ok(real)
    } else {
        Err(refuse("it is outside the allowed import roots"))
    }
}

/// Whose a path inside the data dir is.
#[derive(Debug, PartialEq, Eq)]
enum Owner<'a> {
    /// The engine's: the data dir itself, the uploads dir and each project's uploads dir as a
    /// whole (a directory import would read every file in them), the job store's files,
    /// `graphs/`, `results/` and `secrets/`.
    Engine,
    /// One upload of this project (`uploads/<project>/<id>/…`).
    Project(&'a str),
    /// Anything else: the demo files, what an operator puts in the data dir.
    Anyone,
}

/// Who owns `inside`, a path relative to the data dir. The engine's entries are named by
/// `config`, where the engine takes them from.
fn owner_of<'a>(config: &EngineConfig, inside: &'a Path) -> Owner<'a> {
    let parts: Vec<_> = inside.components().take(3).collect();
    let name = |i: usize| match parts.get(i) {
        Some(Component::Normal(s)) => s.to_str(),
        _ => None,
    };
    let Some(first) = name(0) else {
        // The data dir itself (or a name that is not UTF-8, which the engine never writes).
        return if parts.is_empty() {
            Owner::Engine
        } else {
            Owner::Anyone
        };
    };
    let named = |dir: PathBuf| dir.file_name().is_some_and(|n| n == first);
    // The job store's file and its `-wal`/`-shm` companions.
    let store = config.database_path();
    let store = store.file_name().and_then(|n| n.to_str());
    if named(config.graphs_dir())
        || named(config.results_dir())
        || named(config.secrets_dir())
        || store.is_some_and(|db| first.starts_with(db))
    {
        return Owner::Engine;
    }
    if !named(config.uploads_dir()) {
        return Owner::Anyone;
    }
    match (name(1), parts.len()) {
        (Some(project), 3) => Owner::Project(project),
        _ => Owner::Engine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_of_paths_inside_the_data_dir() {
        let cases = [
            ("", Owner::Engine),
            ("graphjobs.db", Owner::Engine),
            ("graphjobs.db-wal", Owner::Engine),
            ("graphs/p1/g.snap", Owner::Engine),
            ("results/j1/rows", Owner::Engine),
            ("secrets/master.key", Owner::Engine),
            ("uploads", Owner::Engine),
            ("uploads/p1", Owner::Engine),
            ("uploads/p1/0a1b", Owner::Project("p1")),
            ("uploads/p1/0a1b/vertices/v.csv", Owner::Project("p1")),
            ("demo/movie/vertices.csv", Owner::Anyone),
            ("graphsx/file.csv", Owner::Anyone),
        ];
        let config = EngineConfig::new("/data");
        for (path, want) in cases {
            assert_eq!(owner_of(&config, Path::new(path)), want, "{path:?}");
        }
    }
}
