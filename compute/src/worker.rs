//! [`worker_main`]: one process of a compute group, from its command line to its shard.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use engine::distributed::ComputeTask;
use engine::graph::partition::Manifest;
use timely::{CommunicationConfig, WorkerConfig};

use crate::WorkerArgs;

/// Exit code of a process whose standard input closed under `--exit-with-stdin` (its node is
/// gone).
pub const ORPHANED: i32 = 70;
/// Exit code of a process whose peers did not all connect within `--connect-timeout-secs`.
pub const UNREACHABLE: i32 = 71;

/// Runs process `args.process` of a group: joins the other processes (timely, one worker
/// thread per process, addresses from `args.hosts`), loads part `args.process` of the task's
/// partition, runs the task's kernel and writes its shard into the task's shard dir.
///
/// # Errors
/// A message for the process's stderr: bad arguments, an unreadable task, partition or hosts
/// file, a partition cut for another process count, or a failed write of the shard. A peer
/// that dies makes timely panic in this process (timely has no fault tolerance; the node
/// that started the group kills it and fails the attempt).
pub fn worker_main(args: WorkerArgs) -> Result<(), String> {
    if args.exit_with_stdin {
        std::thread::spawn(|| {
            let mut sink = [0u8; 64];
            while matches!(std::io::stdin().read(&mut sink), Ok(n) if n > 0) {}
            std::process::exit(ORPHANED);
        });
    }
    let task = ComputeTask::read(&args.job)
        .map_err(|e| format!("task file {}: {e}", args.job.display()))?;
    let hosts: Vec<String> = std::fs::read_to_string(&args.hosts)
        .map_err(|e| format!("hosts file {}: {e}", args.hosts.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if hosts.len() != args.processes as usize || args.process >= args.processes {
        return Err(format!(
            "process {} of {} does not fit the hosts file {} ({} addresses)",
            args.process,
            args.processes,
            args.hosts.display(),
            hosts.len()
        ));
    }
    let manifest = Manifest::read(&task.parts_dir)
        .map_err(|e| format!("partition {}: {e}", task.parts_dir.display()))?;
    if manifest.parts != args.processes {
        return Err(format!(
            "the partition {} has {} parts, the group {} processes",
            task.parts_dir.display(),
            manifest.parts,
            args.processes
        ));
    }
    // Timely retries a peer it cannot reach forever; the group gives up after the timeout.
    let joined = Arc::new(AtomicBool::new(false));
    let (watch, timeout) = (joined.clone(), args.connect_timeout_secs);
    let peers = hosts.join(", ");
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(timeout));
        if !watch.load(Ordering::Acquire) {
            eprintln!(
                "the group did not form within {timeout} s: some of [{peers}] cannot be reached"
            );
            std::process::exit(UNREACHABLE);
        }
    });
    let config = timely::Config {
        communication: CommunicationConfig::Cluster {
            threads: 1,
            process: args.process as usize,
            addresses: hosts,
            report: false,
            zerocopy: false,
        },
        worker: WorkerConfig::default(),
    };
    let guards = timely::execute(config, move |worker| {
        joined.store(true, Ordering::Release);
        let shard = crate::kernels::run(worker, &task, &manifest)?;
        shard
            .write(&task.shard_dir)
            .map_err(|e| format!("writing shard {}: {e}", shard.process))
    })?;
    for result in guards.join() {
        result??;
    }
    Ok(())
}
