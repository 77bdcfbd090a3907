//! A group of compute processes: started together, watched together, and ended together,
//! on this node ([`local`], loopback children) or on other machines through their compute
//! agents ([`remote`], `serve --compute-agents`). Both are a [`Process`] to the watch loop,
//! so failure reasons, out-of-memory detection, cancel and the retries from checkpoints
//! (`super::job`) are one code path.
//!
//! No process outlives its group: [`Group`] kills and reaps every process it started when it
//! is dropped, on every path (success, failure, cancel, panic). A local child is also started
//! with `--exit-with-stdin`, so that it ends when the node itself dies (its stdin, a pipe from
//! the node, then closes); an agent starts its children so too, and kills a process whose node
//! stopped asking about it for the agent's lease.
//!
//! Local ports are found by binding port 0 and releasing it just before the processes start:
//! another program could take one in between, and the group would then fail to connect (an
//! attempt that fails, not a hang: timely gives up and the process exits non-zero). An agent
//! holds the port it reserved with a listener until it starts the process, and hands it to no
//! one else while that process lives.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::ExitStatus;
use std::time::Duration;

use super::launch::Launch;
use super::parse_progress;
use crate::config::EngineConfig;
use crate::job::control::JobControl;

mod local;
mod reason;
mod remote;

use reason::{out_of_memory, reason};

/// How often a group on this node is looked at (exits, cancel).
const POLL: Duration = Duration::from_millis(20);
/// How often a group on agents is looked at: each look is one request per process.
const REMOTE_POLL: Duration = Duration::from_millis(100);

/// How a group ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GroupEnd {
    /// Every process exited with success.
    Done,
    /// The job was cancelled; the group was killed.
    Cancelled,
    /// A process ended badly; the reason names it and its exit cause.
    Failed {
        /// Which process, how it ended, what it said last.
        reason: String,
        /// Whether another group could do better (not when the task itself failed,
        /// [`super::EXIT_TASK_FAILED`]).
        retryable: bool,
    },
}

/// Where a node's groups run.
pub(crate) enum Placement {
    /// Children of this node on loopback, started as the launch says.
    Local(Launch),
    /// Round-robin over compute agents: process `I` on agent `I mod n`, or on the next one
    /// that gives a port.
    Agents(remote::Agents),
}

impl Placement {
    /// The placement a node configured by `config` uses: its agents when it has some
    /// (`--compute-agents`), else its own children.
    ///
    /// # Errors
    /// The running executable or the data dir's absolute path cannot be found; the HTTP
    /// client cannot be built.
    pub(crate) fn for_node(config: &EngineConfig) -> io::Result<Placement> {
        let compute = &config.compute;
        if compute.agents.is_empty() {
            return Ok(Placement::Local(Launch::for_node(config)?));
        }
        Ok(Placement::Agents(remote::Agents::new(
            &compute.agents,
            compute.agent_token.clone(),
            compute.memory_limit,
        )?))
    }
}

/// One process of a group, wherever it runs.
trait Process {
    /// How it ended, or `None` while it runs (and, for process 0, its progress into the
    /// job's control).
    ///
    /// # Errors
    /// It can no longer be looked at (its agent cannot be reached): the words say why.
    fn poll(&mut self) -> Result<Option<ExitStatus>, String>;
    /// Kills it if it still runs and reaps it (for a remote one: tells its agent to forget
    /// it). Called on every process when the group ends; calling it again does no harm.
    fn end(&mut self);
    /// The last bytes it wrote on stderr; complete once it has exited and [`Process::end`]
    /// was called.
    fn stderr(&mut self) -> Vec<u8>;
    /// Where it runs, for reasons: `pid 42`, or `pid 42 on host b, agent http://b:7000`.
    fn whereabouts(&self) -> String;
    /// Why it could not be looked at lately, while that is borne with (a remote process whose
    /// agent's report did not come, within the agent's lease); `None` otherwise. When the
    /// group fails meanwhile, that is the likelier cause: the process is counted lost.
    fn unanswered(&self) -> Option<String> {
        None
    }
    /// The bytes of address space it was started with, and the flag that set them (for an
    /// out-of-memory reason); `None`: no limit.
    fn memory_limit(&self) -> Option<(u64, &'static str)>;
}

/// The running processes; dropping it ends every one.
struct Group {
    processes: Vec<Box<dyn Process>>,
}

impl Drop for Group {
    fn drop(&mut self) {
        for p in &mut self.processes {
            p.end();
        }
    }
}

/// What became of one process that did not end well.
enum Bad {
    /// It exited with this status.
    Exited(ExitStatus),
    /// It could not be looked at; why.
    Lost(String),
}

/// Starts `processes` processes where `placement` says on the task at key `task`, in the
/// working dir `work` (which gets a local group's hosts file), and waits for all of them,
/// following process 0's progress lines into `ctl` (the superstep as the job's iteration
/// counter, and its percentage when the number of supersteps is known) and killing the group
/// on a cancel or as soon as one process ends badly.
///
/// # Errors
/// The hosts file cannot be written or a local process cannot be started. An agent that
/// cannot be reached or refuses is a failed (retryable) group, not an error.
pub(crate) fn run(
    placement: &Placement,
    processes: u32,
    task: &str,
    work: &Path,
    ctl: &JobControl,
) -> io::Result<GroupEnd> {
    let mut group = Group {
        processes: Vec::new(),
    };
    let poll = match placement {
        Placement::Local(launch) => {
            local::start(launch, processes, task, work, ctl, &mut group.processes)?;
            POLL
        }
        Placement::Agents(agents) => {
            if let Err(why) = agents.start(processes, task, ctl, &mut group.processes) {
                return Ok(GroupEnd::Failed {
                    reason: why,
                    retryable: true,
                });
            }
            REMOTE_POLL
        }
    };
    let mut done = vec![false; processes as usize];
    loop {
        if ctl.is_cancelled() {
            return Ok(GroupEnd::Cancelled);
        }
        let mut failed = sweep(&mut group, &mut done);
        if !failed.is_empty() {
            // A dead peer makes the others fail too, so look once more at the rest: the
            // first to die (a lost agent, one killed by a signal) is surely seen by now.
            failed.extend(sweep(&mut group, &mut done));
            return Ok(failure(group, failed, processes));
        }
        if done.iter().all(|d| *d) {
            return Ok(GroupEnd::Done);
        }
        std::thread::sleep(poll);
    }
}

/// Polls every process not yet done; marks the ones that ended and returns those that did
/// not end well.
fn sweep(group: &mut Group, done: &mut [bool]) -> Vec<(u32, Bad)> {
    let mut failed = Vec::new();
    for (i, p) in group.processes.iter_mut().enumerate() {
        if done[i] {
            continue;
        }
        match p.poll() {
            Ok(None) => {}
            Ok(Some(status)) => {
                done[i] = true;
                if !status.success() {
                    failed.push((i as u32, Bad::Exited(status)));
                }
            }
            Err(why) => {
                done[i] = true;
                failed.push((i as u32, Bad::Lost(why)));
            }
        }
    }
    failed
}

/// The group's end when `failed` did not end well: the one lost, else killed by a signal,
/// else whose task failed, else the first, is the cause.
fn failure(mut group: Group, mut failed: Vec<(u32, Bad)>, processes: u32) -> GroupEnd {
    // One whose agent is not answering now is likelier the first to go than the others,
    // which a dead peer makes fail too.
    for (i, p) in group.processes.iter().enumerate() {
        if let Some(why) = p.unanswered()
            && !failed.iter().any(|(f, _)| *f as usize == i)
        {
            failed.push((i as u32, Bad::Lost(why)));
        }
    }
    let task_failed = |s: &ExitStatus| s.code() == Some(super::EXIT_TASK_FAILED);
    failed.sort_by_key(|(i, bad)| match bad {
        Bad::Lost(_) => (0, *i),
        Bad::Exited(s) if s.signal().is_some() => (1, *i),
        Bad::Exited(s) if task_failed(s) => (2, *i),
        Bad::Exited(_) => (3, *i),
    });
    let (i, bad) = failed.swap_remove(0);
    for p in &mut group.processes {
        p.end();
    }
    let cause = &mut group.processes[i as usize];
    let whereabouts = cause.whereabouts();
    let status = match bad {
        Bad::Lost(why) => {
            return GroupEnd::Failed {
                reason: format!(
                    "compute process {i} of {processes} ({whereabouts}) was lost: {why}"
                ),
                retryable: true,
            };
        }
        Bad::Exited(status) => status,
    };
    // Every process is gone, so its stderr is at its end: what it said last.
    let tail = cause.stderr();
    // Out of memory under the limit: another group would hit it again.
    let oom = out_of_memory(status, &tail);
    let reason = match oom {
        Some(asked) => {
            let limit = cause.memory_limit().map_or(String::new(), |(l, flag)| {
                format!(" under its limit of {l} bytes ({flag})")
            });
            format!(
                "compute process {i} of {processes} ({whereabouts}) ran out of memory: an allocation of {asked} bytes failed{limit}; it aborted (SIGABRT). Run the job on more processes (import the graph with more partitions) or raise the limit"
            )
        }
        None => reason(i, processes, &whereabouts, status, &tail),
    };
    GroupEnd::Failed {
        reason,
        retryable: !task_failed(&status) && oom.is_none(),
    }
}

/// Takes a progress line of process 0 into the job's control (others are ignored).
fn progress(line: &str, ctl: &JobControl) {
    if let Some((k, total)) = parse_progress(line) {
        ctl.set_iterations(k);
        if total > 0 {
            ctl.set_progress(k, total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_process_fails_the_group_and_none_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        // `sh -c SCRIPT NAME ARGS…`: process 0 notes its pid and would sleep for a minute;
        // process 1 fails once that pid is written (the file is non-empty: the note is one
        // `write`), so the check below always has a pid to look for.
        let pid0 = tmp.path().join("pid0");
        let script = format!(
            "case \"$2\" in 1) until [ -s {0} ]; do sleep 0.01; done; echo broken >&2; exit 3;; *) echo $$ > {0}; exec sleep 60;; esac",
            pid0.display()
        );
        let launch = Placement::Local(Launch {
            command: vec!["sh".into(), "-c".into(), script.into(), "sh".into()],
            ..Launch::default()
        });
        let end = run(
            &launch,
            2,
            "compute/j/task.json",
            tmp.path(),
            &JobControl::new(),
        )
        .unwrap();
        let GroupEnd::Failed {
            reason: why,
            retryable: true,
        } = end
        else {
            panic!("{end:?}")
        };
        assert!(
            why.starts_with("compute process 1 of 2 (pid ")
                && why.ends_with("exited with code 3: broken"),
            "{why}"
        );
        // Process 0 was killed and reaped with the group.
        let pid: u32 = std::fs::read_to_string(&pid0)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let proc = Path::new("/proc").join(pid.to_string());
        assert!(!proc.exists(), "process 0 ({pid}) is left behind");
        let hosts = std::fs::read_to_string(tmp.path().join("hosts")).unwrap();
        assert_eq!(hosts.lines().count(), 2);
    }

    #[test]
    fn a_cancel_ends_the_group() {
        let tmp = tempfile::tempdir().unwrap();
        let launch = Placement::Local(Launch {
            command: vec!["sh".into(), "-c".into(), "exec sleep 60".into()],
            ..Launch::default()
        });
        let ctl = JobControl::new();
        ctl.cancel();
        let end = run(&launch, 3, "t", tmp.path(), &ctl).unwrap();
        assert_eq!(end, GroupEnd::Cancelled);
    }
}
