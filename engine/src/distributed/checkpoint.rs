//! Checkpoints of a distributed job: every few supersteps each process writes the state of the
//! vertices it owns (`ckpt-s<superstep>-p<process>.bin` in the job's checkpoint dir). A
//! superstep's checkpoint is complete when all processes wrote theirs; a group that lost a
//! process is started again from the latest complete one ([`prepare`]).
//!
//! The kernels are deterministic (PageRank's sums are all-reduced in process order; labels,
//! levels and distances are fixed points), so a job resumed from a checkpoint ends with exactly
//! the result of a run that never stopped.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ShardValues;

/// One process's state after a superstep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The process that wrote it.
    pub process: u32,
    /// The supersteps done when it was written.
    pub superstep: u64,
    /// The owned vertices' values (ranks, labels, levels or distances).
    pub values: ShardValues,
    /// PageRank: the L1 change of the last iteration (0 otherwise).
    pub delta: f64,
}

fn name(superstep: u64, process: u32) -> String {
    format!("ckpt-s{superstep}-p{process}.bin")
}

/// `(superstep, process)` of a checkpoint file name.
fn parse(name: &str) -> Option<(u64, u32)> {
    let rest = name.strip_prefix("ckpt-s")?.strip_suffix(".bin")?;
    let (s, p) = rest.split_once("-p")?;
    Some((s.parse().ok()?, p.parse().ok()?))
}

impl Checkpoint {
    /// Writes it into `dir` (a temporary file renamed into place: a checkpoint under its name
    /// is whole).
    ///
    /// # Errors
    /// I/O.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        let final_name = name(self.superstep, self.process);
        let tmp = dir.join(format!(".{final_name}.tmp"));
        std::fs::write(&tmp, bincode::serialize(self).map_err(io::Error::other)?)?;
        std::fs::rename(&tmp, dir.join(final_name))
    }

    /// Reads process `process`'s checkpoint of `superstep` from `dir`.
    ///
    /// # Errors
    /// Missing or malformed.
    pub fn read(dir: &Path, superstep: u64, process: u32) -> io::Result<Checkpoint> {
        let bytes = std::fs::read(dir.join(name(superstep, process)))?;
        bincode::deserialize(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// The latest superstep all `processes` checkpointed in `dir` (created if missing); every other
/// file there is deleted, so the next group starts from that superstep alone.
///
/// # Errors
/// I/O.
pub fn prepare(dir: &Path, processes: u32) -> io::Result<Option<u64>> {
    std::fs::create_dir_all(dir)?;
    let mut found: Vec<(u64, u32)> = Vec::new();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(sp) = parse(&file) {
            found.push(sp);
        }
        names.push(file);
    }
    found.sort_unstable();
    found.dedup();
    let complete = found
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() == processes as usize && run.iter().all(|&(_, p)| p < processes))
        .map(|run| run[0].0)
        .max();
    for file in names {
        if parse(&file).is_some_and(|(s, _)| Some(s) == complete) {
            continue;
        }
        std::fs::remove_file(dir.join(&file))?;
    }
    Ok(complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ckpt(process: u32, superstep: u64) -> Checkpoint {
        Checkpoint {
            process,
            superstep,
            values: ShardValues::U32(vec![(process, 7)]),
            delta: 0.0,
        }
    }

    #[test]
    fn the_latest_complete_superstep_is_kept_and_the_rest_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        assert_eq!(prepare(dir, 2).unwrap(), None);
        for (p, s) in [(0, 10), (1, 10), (0, 20), (1, 20), (0, 30)] {
            ckpt(p, s).write(dir).unwrap();
        }
        std::fs::write(dir.join(".ckpt-s30-p1.bin.tmp"), b"half").unwrap();
        assert_eq!(prepare(dir, 2).unwrap(), Some(20));
        let mut left: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["ckpt-s20-p0.bin", "ckpt-s20-p1.bin"]);
        assert_eq!(Checkpoint::read(dir, 20, 1).unwrap(), ckpt(1, 20));
        // With three processes superstep 20 is not complete.
        assert_eq!(prepare(dir, 3).unwrap(), None);
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 0);
    }
}
