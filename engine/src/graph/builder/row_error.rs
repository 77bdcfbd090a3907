//! [`RowError`]: why a vertex or edge row was rejected.

use crate::graph::schema::Label;

/// Why a vertex or edge row was rejected (the text goes to the rejected-rows log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RowError(pub String);

/// A row whose column count is not its label's (`fixed` leading columns, then properties).
pub(super) fn column_count_error(def: &Label, fixed: usize, got_props: usize) -> RowError {
    let what = if fixed == 2 {
        "id,label"
    } else {
        "source,target,label"
    };
    RowError(format!(
        "label [{}] expects {} columns ({what} and {} properties), got {}",
        def.name,
        fixed + def.properties.len(),
        def.properties.len(),
        fixed + got_props
    ))
}

/// A vertex row with fewer than its two fixed columns.
pub(super) fn too_few_vertex_fields(fields: &[&str]) -> RowError {
    RowError(format!(
        "expected at least 2 columns (id,label), got {}",
        fields.len()
    ))
}

/// An edge row with fewer than its three fixed columns.
pub(super) fn too_few_edge_fields(fields: &[&str]) -> RowError {
    RowError(format!(
        "expected at least 3 columns (source,target,label), got {}",
        fields.len()
    ))
}
