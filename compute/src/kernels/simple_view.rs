//! [`SimpleView`]: the undirected simple graph the core-number and triangle kernels work on.

use crate::part::LocalGraph;

/// The undirected simple view of the owned vertices' edges: per vertex, its distinct
/// neighbours' slots over both directions, itself left out; and, after
/// [`SimpleView::with_owners`], per slot, the owned vertices it neighbours.
pub(crate) struct SimpleView {
    offsets: Vec<usize>,
    slots: Vec<u32>,
    owner_offsets: Vec<usize>,
    owners: Vec<u32>,
}

impl SimpleView {
    pub(crate) fn build(g: &LocalGraph) -> Result<Self, String> {
        let inc = g
            .inc
            .as_ref()
            .ok_or("the simple view needs the in-edges loaded")?;
        let mut offsets = Vec::with_capacity(g.owned.len() + 1);
        offsets.push(0);
        let mut slots = Vec::new();
        for i in 0..g.owned.len() as u32 {
            let start = slots.len();
            let me = g.owned[i as usize];
            slots.extend(
                g.out
                    .row(i)
                    .iter()
                    .chain(inc.row(i))
                    .filter(|&&s| g.targets[s as usize] != me),
            );
            slots[start..].sort_unstable();
            let mut kept = start;
            for k in start..slots.len() {
                if k == start || slots[k] != slots[kept - 1] {
                    slots[kept] = slots[k];
                    kept += 1;
                }
            }
            slots.truncate(kept);
            offsets.push(slots.len());
        }
        Ok(Self {
            offsets,
            slots,
            owner_offsets: Vec::new(),
            owners: Vec::new(),
        })
    }

    /// Adds the reverse: per slot, the owned vertices it neighbours (a counting sort of the
    /// `(slot, vertex)` pairs by slot).
    pub(crate) fn with_owners(mut self, g: &LocalGraph) -> Self {
        let (offsets, slots) = (&self.offsets, &self.slots);
        let mut owner_offsets = vec![0usize; g.targets.len() + 1];
        for &s in slots.iter() {
            owner_offsets[s as usize + 1] += 1;
        }
        for s in 0..g.targets.len() {
            owner_offsets[s + 1] += owner_offsets[s];
        }
        let mut cursor = owner_offsets.clone();
        let mut owners = vec![0u32; slots.len()];
        for i in 0..g.owned.len() {
            for &s in &slots[offsets[i]..offsets[i + 1]] {
                owners[cursor[s as usize]] = i as u32;
                cursor[s as usize] += 1;
            }
        }
        self.owner_offsets = owner_offsets;
        self.owners = owners;
        self
    }

    /// The distinct neighbours (slots) of owned vertex `i`.
    pub(crate) fn row(&self, i: u32) -> &[u32] {
        &self.slots[self.offsets[i as usize]..self.offsets[i as usize + 1]]
    }

    /// The owned vertices (local indices) that neighbour slot `s` (after
    /// [`SimpleView::with_owners`]).
    pub(crate) fn owners_of(&self, s: u32) -> &[u32] {
        &self.owners[self.owner_offsets[s as usize]..self.owner_offsets[s as usize + 1]]
    }
}
