//! [`Adjacency`]: one direction of a process's edges, rows by local index.

/// One direction of the local adjacency: a CSR whose rows are the owned vertices by local index
/// (their rank among the owned vertices) and whose entries are *slots*, indices into the
/// process's table of distinct neighbours (`LocalGraph::targets`), with the edges' weights
/// when the partition has them. Nothing in it is sized by the whole graph.
pub(crate) struct Adjacency {
    offsets: Vec<usize>,
    entries: Vec<u32>,
    weights: Vec<f64>,
}

impl Adjacency {
    /// Builds `rows` rows from `(row, neighbour id)` pairs and their `weights` (empty, or one
    /// per pair); entries keep their order within a row. The entries are neighbour ids until
    /// [`Adjacency::ids_into_slots`] turns them into slots.
    pub(super) fn from_pairs(rows: usize, pairs: &[(u32, u32)], weights: &[f64]) -> Self {
        let mut offsets = vec![0usize; rows + 1];
        for &(s, _) in pairs {
            offsets[s as usize + 1] += 1;
        }
        for v in 0..rows {
            offsets[v + 1] += offsets[v];
        }
        let mut cursor = offsets.clone();
        let mut entries = vec![0u32; pairs.len()];
        let mut placed = vec![0f64; weights.len()];
        for (i, &(s, t)) in pairs.iter().enumerate() {
            let at = cursor[s as usize];
            entries[at] = t;
            if let Some(&w) = weights.get(i) {
                placed[at] = w;
            }
            cursor[s as usize] += 1;
        }
        Self {
            offsets,
            entries,
            weights: placed,
        }
    }

    /// The neighbour ids, while they are ids.
    pub(super) fn ids(&self) -> &[u32] {
        &self.entries
    }

    /// Replaces each neighbour id by its index in `targets` (sorted, holding every id).
    pub(super) fn ids_into_slots(&mut self, targets: &[u32]) {
        for e in &mut self.entries {
            *e = targets
                .binary_search(e)
                .expect("every neighbour has a slot") as u32;
        }
    }

    /// The slots of row `i`'s neighbours.
    #[inline]
    pub(crate) fn row(&self, i: u32) -> &[u32] {
        &self.entries[self.offsets[i as usize]..self.offsets[i as usize + 1]]
    }

    /// The weights of row `i`'s entries (empty when the partition has no weights).
    #[inline]
    pub(crate) fn row_weights(&self, i: u32) -> &[f64] {
        if self.weights.is_empty() {
            return &[];
        }
        &self.weights[self.offsets[i as usize]..self.offsets[i as usize + 1]]
    }
}
