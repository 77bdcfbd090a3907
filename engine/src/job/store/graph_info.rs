//! The graph catalogue's records: a graph's current version and counts, and what a succeeded
//! job did to them.

/// What a succeeded job did to its graph's catalogue row (see [`super::Outcome::Succeeded`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphChange {
    /// Made the version it wrote (import, create, clear, delete by filter) current.
    Publish(GraphInfo),
    /// Deleted the graph (its row and HyG view; its version numbers stay given).
    Delete,
}

/// A graph as the catalogue records it (what `Engine::graphs` returns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphInfo {
    /// Name, unique per project.
    pub name: String,
    /// Bumped on every write.
    pub version: i64,
    /// Vertex count.
    pub vertices: u64,
    /// Edge count.
    pub edges: u64,
    /// When the graph was first created (set by the store).
    pub created_at: time::OffsetDateTime,
    /// When its data last changed (set by the store).
    pub updated_at: time::OffsetDateTime,
}

impl GraphInfo {
    /// A graph row to store (the store sets the times).
    pub fn new(name: &str, version: i64, vertices: u64, edges: u64) -> Self {
        let now = crate::time_fmt::now();
        Self {
            name: name.to_owned(),
            version,
            vertices,
            edges,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A graph's versions as the snapshot sweep sees them, taken while no job that writes it is
/// queued or running (see `JobStore::idle_graphs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdleGraph {
    /// Project.
    pub project: String,
    /// Graph name.
    pub name: String,
    /// The current version; `None` when the graph was deleted.
    pub current: Option<i64>,
    /// The highest version number ever given for the name: every snapshot up to it but the
    /// current one is unused; a later writer's version is above it.
    pub last_version: i64,
}
