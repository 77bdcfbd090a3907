//! [`Engine::resolve_local_path`]: which local paths a project may use (see
//! [`crate::local_path`]).

use std::path::PathBuf;

use super::Engine;
use crate::Result;

impl Engine {
    /// The real path `raw` names, if `project` may use it (see [`crate::local_path`]).
    ///
    /// # Errors
    /// `InvalidArgument` naming why the path is refused.
    pub fn resolve_local_path(&self, project: &str, raw: &str) -> Result<PathBuf> {
        crate::local_path::resolve(self.config(), project, raw)
    }
}
