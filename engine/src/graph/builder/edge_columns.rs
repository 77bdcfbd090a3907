//! [`EdgeColumns`]: the builder's edges as columns, each only as wide as the edges need.
//!
//! An edge is a source, a target, a label and a row in its label's property table. Kept as one
//! 16-byte record per edge, the edges alone weighed more than half the finished graph, and the
//! build held them beside the graph it made (peak RSS 2.3× the graph at scale 18). Most graphs
//! have one edge label, and then an edge's row is its arrival index; so the label and row
//! columns (the graph's own [`Labels`] and [`Rows`], as the builder's vertex columns are) are
//! materialised only once some edge breaks that pattern, and the build takes the
//! endpoint columns away to scatter them (freeing them before the graph's own arrays grow).
//! The finished graph gets the same patterns as they are ([`labels_in`](EdgeColumns::labels_in)
//! gives one label, the compaction identity rows), never a vector expanded then inspected.

use std::borrow::Cow;

use super::EdgeRec;
use crate::graph::labels::Labels;
use crate::graph::rows::Rows;

/// Every edge's endpoints, label and property row, in arrival order.
#[derive(Debug, Clone, Default)]
pub(super) struct EdgeColumns {
    src: Vec<u32>,
    dst: Vec<u32>,
    /// One label for all (the common case) until another comes.
    labels: Labels,
    /// Edge `i`'s row is `i` (one label, every row kept) until an edge breaks it.
    rows: Rows,
}

impl EdgeColumns {
    /// Room for `n` edges' endpoints.
    pub(super) fn with_capacity(n: usize) -> Self {
        Self {
            src: Vec::with_capacity(n),
            dst: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// Number of edges.
    pub(super) fn len(&self) -> usize {
        self.src.len()
    }

    /// Appends an edge.
    pub(super) fn push(&mut self, e: EdgeRec) {
        self.labels.push(e.label);
        self.rows.push(e.row);
        self.src.push(e.src);
        self.dst.push(e.dst);
    }

    /// Edge `i`'s label.
    #[inline]
    pub(super) fn label(&self, i: usize) -> u16 {
        self.labels.get(i)
    }

    /// Takes the source and target columns (the build scatters and frees them); the labels and
    /// rows stay.
    pub(super) fn take_endpoints(&mut self) -> (Vec<u32>, Vec<u32>) {
        (std::mem::take(&mut self.src), std::mem::take(&mut self.dst))
    }

    /// The labels of edges `order[0], order[1], …`: one label said once when the edges had
    /// one, never a vector repeating it.
    pub(super) fn labels_in(&self, order: &[u32]) -> Labels {
        self.labels.pick(order)
    }

    /// The rows of edges `order[0], order[1], …` (`order` itself when rows are arrival
    /// indices).
    pub(super) fn rows_in<'a>(&self, order: &'a [u32]) -> Cow<'a, [u32]> {
        self.rows.pick(order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(src: u32, label: u16, row: u32) -> EdgeRec {
        EdgeRec {
            src,
            dst: src + 1,
            label,
            row,
        }
    }

    #[test]
    fn columns_materialise_only_when_an_edge_breaks_the_pattern() {
        let mut c = EdgeColumns::default();
        for i in 0..3 {
            c.push(e(i, 4, i));
        }
        assert_eq!(c.labels, Labels::same(4, 3));
        assert_eq!(c.rows, Rows::Identity(3));
        assert_eq!(c.labels_in(&[2, 0]), Labels::same(4, 2));
        assert_eq!(*c.rows_in(&[2, 0]), [2, 0]);
        c.push(e(3, 1, 0));
        c.push(e(4, 4, 3));
        assert_eq!(c.len(), 5);
        assert_eq!(c.labels_in(&[4, 3, 0]), Labels::Each(vec![4, 1, 4]));
        // The edges kept may all have one label again.
        assert_eq!(c.labels_in(&[4, 0]), Labels::same(4, 2));
        assert_eq!(*c.rows_in(&[4, 3, 2, 1, 0]), [3, 0, 2, 1, 0]);
        assert_eq!((c.label(3), c.label(1)), (1, 4));
        let (src, dst) = c.take_endpoints();
        assert_eq!((src, dst), (vec![0, 1, 2, 3, 4], vec![1, 2, 3, 4, 5]));
    }
}
