//! The distance a delta-stepping run keeps per vertex, in an atomic cell: `f64` in general, or
//! `u32` when every length is a whole number and no path can exceed `u32::MAX - 1`
//! (`sssp/lengths.rs` decides). Integer sums are exact, so both give the same distances; the
//! `u32` array is half the size, and most relaxations read a distance at random.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// A distance type and its atomic cell. `improve` is a minimum: a relaxation first reads the
/// cell with a plain load and only attempts a compare-and-swap when it would lower it (most
/// relaxations do not; an unconditional atomic read-modify-write per edge serialises the
/// memory accesses).
pub(super) trait Distance: Copy + PartialOrd + Send + Sync + 'static {
    /// The atomic cell holding one distance.
    type Cell: Send + Sync;
    /// The source's distance.
    const ZERO: Self;
    /// A cell holding "not reached".
    fn unreached() -> Self::Cell;
    /// The cell's distance now.
    fn load(cell: &Self::Cell) -> Self;
    /// Sets the cell (no concurrent writer).
    fn store(cell: &Self::Cell, d: Self);
    /// Lowers the cell to `d` if that is an improvement; true if this call did it.
    fn improve(cell: &Self::Cell, d: Self) -> bool;
    /// The distance as `f64` (+∞ for "not reached").
    fn as_f64(self) -> f64;
}

impl Distance for f64 {
    /// `f64` bits: for non-negative floats and +∞ they order like the values.
    type Cell = AtomicU64;
    const ZERO: f64 = 0.0;

    fn unreached() -> AtomicU64 {
        AtomicU64::new(f64::INFINITY.to_bits())
    }

    #[inline]
    fn load(cell: &AtomicU64) -> f64 {
        f64::from_bits(cell.load(Ordering::Relaxed))
    }

    fn store(cell: &AtomicU64, d: f64) {
        cell.store(d.to_bits(), Ordering::Relaxed);
    }

    #[inline]
    fn improve(cell: &AtomicU64, d: f64) -> bool {
        let new = d.to_bits();
        let mut old = cell.load(Ordering::Relaxed);
        while new < old {
            match cell.compare_exchange_weak(old, new, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(now) => old = now,
            }
        }
        false
    }

    #[inline]
    fn as_f64(self) -> f64 {
        self
    }
}

impl Distance for u32 {
    /// `u32::MAX` is "not reached".
    type Cell = AtomicU32;
    const ZERO: u32 = 0;

    fn unreached() -> AtomicU32 {
        AtomicU32::new(u32::MAX)
    }

    #[inline]
    fn load(cell: &AtomicU32) -> u32 {
        cell.load(Ordering::Relaxed)
    }

    fn store(cell: &AtomicU32, d: u32) {
        cell.store(d, Ordering::Relaxed);
    }

    #[inline]
    fn improve(cell: &AtomicU32, d: u32) -> bool {
        let mut old = cell.load(Ordering::Relaxed);
        while d < old {
            match cell.compare_exchange_weak(old, d, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(now) => old = now,
            }
        }
        false
    }

    #[inline]
    fn as_f64(self) -> f64 {
        if self == u32::MAX {
            f64::INFINITY
        } else {
            f64::from(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn improve_only_lowers_and_unreached_reads_as_infinity() {
        let c = <u32 as Distance>::unreached();
        assert_eq!(<u32 as Distance>::load(&c).as_f64(), f64::INFINITY);
        assert!(u32::improve(&c, 7));
        assert!(!u32::improve(&c, 9));
        assert!(!u32::improve(&c, 7));
        assert!(u32::improve(&c, 3));
        assert_eq!(u32::load(&c), 3);

        let c = <f64 as Distance>::unreached();
        assert_eq!(f64::load(&c), f64::INFINITY);
        assert!(f64::improve(&c, 2.5));
        assert!(!f64::improve(&c, 2.75));
        assert!(f64::improve(&c, 0.5));
        assert_eq!(f64::load(&c), 0.5);
    }
}
