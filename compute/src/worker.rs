//! [`worker_main`]: one process of a compute group, from its command line to its shard.

use std::io::Read;
use std::time::Duration;

use engine::distributed::{ComputeTask, EXIT_TASK_FAILED, key_in};
use engine::graph::partition::{MANIFEST, Manifest};
use engine::objects::ObjectClient;
use timely::WorkerConfig;
use timely::communication::Hooks;
use timely::communication::allocator::zero_copy::initialize::initialize_networking_from_sockets;
use timely::communication::allocator::{AllocatorBuilder, ProcessBuilder};

use crate::WorkerArgs;
use crate::store_fault::store_failed;

/// Exit code of a process whose standard input closed under `--exit-with-stdin` (its node is
/// gone).
pub const ORPHANED: i32 = 70;
/// Exit code of a process whose peers did not all connect within `--connect-timeout-secs`.
pub const UNREACHABLE: i32 = 71;

/// Runs process `args.process` of a group: opens the object store, reads the task from it,
/// joins the other processes (`group.rs`, one timely worker thread per process, addresses
/// from `args.hosts`), streams part `args.process` of the task's partition from the store,
/// runs the task's kernel and puts its shard in the store.
/// A group that does not form within `--connect-timeout-secs` ends the process with
/// [`UNREACHABLE`]; a store that does not answer, with [`crate::STORE_UNAVAILABLE`].
///
/// # Errors
/// A message for the process's stderr: bad arguments, a store that cannot be reached, an
/// unreadable task, partition or hosts file, or a partition cut for another process count, met
/// before the group runs. Once it runs, an error of the kernel
/// or of the shard's write ends the process at once with [`EXIT_TASK_FAILED`] (`give_up`).
/// A peer that dies makes timely panic in this process (timely has no fault tolerance; the
/// node that started the group kills it and fails the attempt).
pub fn worker_main(args: WorkerArgs) -> Result<(), String> {
    if args.exit_with_stdin {
        std::thread::spawn(|| {
            let mut sink = [0u8; 64];
            while matches!(std::io::stdin().read(&mut sink), Ok(n) if n > 0) {}
            std::process::exit(ORPHANED);
        });
    }
    let store = ObjectClient::connect(&args.store.object_store, &args.store.obs())
        .map_err(|e| e.to_string())?;
    let task = ComputeTask::read(&store, &args.job)
        .map_err(|e| store_failed(format_args!("task {}", args.job), &e))?;
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
    let manifest_key = key_in(&task.parts, MANIFEST);
    let manifest = store
        .get(&manifest_key)
        .map_err(|e| store_failed("reading the partition's manifest", &e))?
        .ok_or_else(|| format!("the partition {} has no {MANIFEST}", task.parts))
        .and_then(|b| Manifest::parse(&b).map_err(|e| format!("partition {}: {e}", task.parts)))?;
    if manifest.parts != args.processes {
        return Err(format!(
            "the partition {} has {} parts, the group {} processes",
            task.parts, manifest.parts, args.processes
        ));
    }
    let timeout = Duration::from_secs(args.connect_timeout_secs);
    let sockets = match crate::group::connect(&hosts, args.process as usize, timeout) {
        Ok(sockets) => sockets,
        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            eprintln!(
                "the group did not form within {} s: some of [{}] cannot be reached",
                args.connect_timeout_secs,
                hosts.join(", ")
            );
            std::process::exit(UNREACHABLE);
        }
        Err(e) => {
            return Err(format!(
                "joining the group at {}: {e}",
                hosts[args.process as usize]
            ));
        }
    };
    // One worker thread per process, on the connections made above.
    let hooks = Hooks::default();
    let local = ProcessBuilder::new_typed_vector(1, hooks.refill.clone(), hooks.spill.clone());
    let (builders, comms) =
        initialize_networking_from_sockets(local, sockets, args.process as usize, 1, hooks)
            .map_err(|e| format!("starting timely's networking: {e}"))?;
    let builders = builders.into_iter().map(AllocatorBuilder::Tcp).collect();
    let guards = timely::execute::execute_from(
        builders,
        Box::new(comms),
        WorkerConfig::default(),
        move |worker| {
            let done = crate::kernels::run(worker, &task, &manifest, &store).and_then(|shard| {
                shard
                    .write(&store, &task.shards)
                    .map_err(|e| store_failed(format_args!("writing shard {}", shard.process), &e))
            });
            done.unwrap_or_else(|e| give_up(&e));
        },
    )?;
    for result in guards.join() {
        result?;
    }
    Ok(())
}

/// Ends this process at once with [`EXIT_TASK_FAILED`] and `error` on stderr: its task cannot
/// succeed (bad input, a damaged part or checkpoint, a failed write).
///
/// Returning the error to timely instead would hang the group. Timely keeps a returning worker
/// stepping until every dataflow of the group is complete, and its clean shutdown waits for
/// every peer to close its connections; the peers meanwhile either wait forever for a round of
/// a dataflow this process never built (an error before a kernel's first superstep, as a part
/// this process refuses at load) or run on without this process's vertices, to an answer
/// nobody will use. Exiting closes this process's connections without timely's end-of-stream
/// message, which makes timely fail every peer ("timely communication error"), and the node
/// that started the group sees this exit code, tears the group down and fails the job with
/// this process's last words, without another attempt.
fn give_up(error: &str) -> ! {
    eprintln!("graphjobs compute-worker: {error}");
    std::process::exit(EXIT_TASK_FAILED);
}
