//! Where a stable, parallel counting sort writes each item: the items come in consecutive
//! parts, each part read in order by one task, and each goes to one of `n` buckets.
//!
//! Each part counts its items per bucket into counters of its own. Counting into one shared
//! array of atomics made the cache lines of the busiest buckets (a Kronecker graph's hubs)
//! bounce between the cores on every item. The counts then become, for every part and bucket,
//! where that part's first item of that bucket goes: a bucket holds its items part by part, in
//! each part's order, so the result is the sequential sort's, whatever the thread timing.

use std::ops::Range;

use rayon::prelude::*;

/// Items below this are sorted as one part.
pub(super) const PARALLEL_ITEMS: usize = 1 << 16;

/// How many parts to cut `items` items going to `n` buckets into: one per thread, but no more
/// than keeps the per-part counters (`4·n` bytes each) to at most two bytes per item.
pub(crate) fn part_count(n: usize, items: usize) -> usize {
    if items < PARALLEL_ITEMS {
        return 1;
    }
    rayon::current_num_threads()
        .min(items / (2 * n.max(1)))
        .max(1)
}

/// `0..items` cut into `parts` ranges of about equal size.
pub(crate) fn equal_parts(items: usize, parts: usize) -> Vec<Range<usize>> {
    (0..parts)
        .map(|p| p * items / parts..(p + 1) * items / parts)
        .collect()
}

/// For `parts` parts over `n` buckets, with `count(p, counts)` adding part `p`'s items to
/// `counts` (one counter per bucket, zero at first): the `n + 1` bucket offsets, and for each
/// part, where its first item of each bucket goes (advance it by one per item placed).
///
/// Positions are `u32`: a graph holds fewer than `u32::MAX` edges.
pub(crate) fn part_cursors(
    n: usize,
    parts: usize,
    count: impl Fn(usize, &mut [u32]) + Sync,
) -> (Vec<u64>, Vec<Vec<u32>>) {
    let mut cursors: Vec<Vec<u32>> = (0..parts)
        .into_par_iter()
        .map(|p| {
            let mut counts = vec![0u32; n];
            count(p, &mut counts);
            counts
        })
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    let mut pos = 0u64;
    offsets.push(pos);
    for b in 0..n {
        for cursor in &mut cursors {
            let c = cursor[b];
            cursor[b] = pos as u32;
            pos += u64::from(c);
        }
        offsets.push(pos);
    }
    (offsets, cursors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fill_each_bucket_in_part_order() {
        // Part 0 holds items going to buckets [2, 0, 2], part 1 to [0, 2].
        let items: [&[usize]; 2] = [&[2, 0, 2], &[0, 2]];
        let (offsets, cursors) = part_cursors(3, 2, |p, counts| {
            for &b in items[p] {
                counts[b] += 1;
            }
        });
        assert_eq!(offsets, [0, 2, 2, 5]);
        assert_eq!(cursors, [vec![0, 2, 2], vec![1, 2, 4]]);
        assert_eq!(equal_parts(5, 2), [0..2, 2..5]);
        assert_eq!(part_count(10, 100), 1);
    }
}
