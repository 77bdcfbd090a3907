//! A group of compute processes on this node: started together on free loopback ports, watched
//! together, and ended together.
//!
//! No process outlives its group: [`Group`] kills (SIGKILL) and reaps every child it still has
//! when it is dropped, on every path (success, failure, cancel, panic), and the children are
//! started with `--exit-with-stdin`, so that they also end when the node itself dies (their
//! stdin, a pipe from the node, then closes). Each child is killed by its pid: a compute process
//! starts no processes of its own, so there is no deeper tree to reach.
//!
//! The free ports are found by binding port 0 and releasing it just before the processes start:
//! another program could take one in between, and the group would then fail to connect (an
//! attempt that fails, not a hang: timely gives up and the process exits non-zero).

use std::io::{self, BufRead, BufReader, Read};
use std::net::TcpListener;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::launch::Launch;
use super::parse_progress;
use crate::job::control::JobControl;

/// How often the group is looked at (exits, cancel).
const POLL: Duration = Duration::from_millis(20);
/// Bytes of each process's stderr kept for a failure's reason.
const STDERR_TAIL: usize = 2048;

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

/// The running processes; dropping it kills and reaps those still running.
struct Group {
    children: Vec<Option<Child>>,
}

impl Drop for Group {
    fn drop(&mut self) {
        for child in self.children.iter_mut().filter_map(Option::take) {
            reap(child);
        }
    }
}

fn reap(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// `processes` loopback addresses on ports free right now, one per line.
fn hosts(processes: u32) -> io::Result<String> {
    let listeners = (0..processes)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<io::Result<Vec<_>>>()?;
    let mut text = String::new();
    for l in &listeners {
        text.push_str(&format!("{}\n", l.local_addr()?));
    }
    Ok(text)
}

/// Starts `processes` processes as `launch` says on the task at key `task`, in the working dir
/// `work` (which gets the group's hosts file), and waits for all of them, following process
/// 0's progress lines into `ctl` (the superstep as the job's iteration counter, and its
/// percentage when the number of supersteps is known) and killing the group on a cancel or as
/// soon as one process ends badly.
///
/// # Errors
/// The hosts file cannot be written or a process cannot be started.
pub(crate) fn run(
    launch: &Launch,
    processes: u32,
    task: &str,
    work: &Path,
    ctl: &JobControl,
) -> io::Result<GroupEnd> {
    let hosts_file = work.join("hosts");
    std::fs::write(&hosts_file, hosts(processes)?)?;
    let line = launch.program();
    let env = launch.environment();
    let (program, leading) = line.split_first().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "no compute command configured")
    })?;
    let mut group = Group {
        children: Vec::new(),
    };
    let mut tails = Vec::new();
    for i in 0..processes {
        let mut child = Command::new(program)
            .args(leading)
            .arg("--process")
            .arg(i.to_string())
            .arg("--processes")
            .arg(processes.to_string())
            .arg("--hosts")
            .arg(&hosts_file)
            .arg("--job")
            .arg(task)
            .arg("--exit-with-stdin")
            .args(&launch.args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(work)
            .stdin(Stdio::piped())
            .stdout(if i == 0 {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot start compute process {i}: {} ({e})",
                        program.display()
                    ),
                )
            })?;
        if let Some(out) = child.stdout.take() {
            let ctl = ctl.clone();
            std::thread::spawn(move || follow_progress(out, &ctl));
        }
        let tail = Arc::new(Mutex::new(Vec::new()));
        let reader = child.stderr.take().map(|err| {
            let tail = tail.clone();
            std::thread::spawn(move || keep_tail(err, &tail))
        });
        tails.push((tail, reader));
        group.children.push(Some(child));
    }
    let mut done = 0;
    loop {
        if ctl.is_cancelled() {
            return Ok(GroupEnd::Cancelled);
        }
        let mut failed: Vec<(u32, u32, ExitStatus)> = Vec::new();
        for (i, slot) in group.children.iter_mut().enumerate() {
            let Some(child) = slot else { continue };
            let Some(status) = child.try_wait()? else {
                continue;
            };
            let pid = child.id();
            *slot = None;
            if status.success() {
                done += 1;
            } else {
                failed.push((i as u32, pid, status));
            }
        }
        if !failed.is_empty() {
            // A dead peer makes the others fail too: the one killed by a signal, else one whose
            // task failed, else the first, is the cause.
            let task_failed = |s: &ExitStatus| s.code() == Some(super::EXIT_TASK_FAILED);
            failed.sort_by_key(|(i, _, s)| (s.signal().is_none(), !task_failed(s), *i));
            let (i, pid, status) = failed[0];
            drop(group);
            // Every process is gone, so its stderr is at its end: read what it said last.
            let (tail, reader) = &mut tails[i as usize];
            if let Some(reader) = reader.take() {
                let _ = reader.join();
            }
            let tail = tail.lock().map(|t| t.clone()).unwrap_or_default();
            // Out of memory under the limit: another group would hit it again.
            let oom = out_of_memory(status, &tail);
            let reason = match (oom, launch.memory_limit) {
                (Some(asked), limit) => {
                    let limit = limit.map_or(String::new(), |l| format!(" of {l} bytes"));
                    format!(
                        "compute process {i} of {processes} (pid {pid}) ran out of memory: an allocation of {asked} bytes failed under its limit{limit} (--compute-memory-limit); it aborted (SIGABRT). Run the job on more processes (import the graph with more partitions) or raise the limit"
                    )
                }
                (None, _) => reason(i, processes, pid, status, &tail),
            };
            return Ok(GroupEnd::Failed {
                reason,
                retryable: !task_failed(&status) && oom.is_none(),
            });
        }
        if done == processes {
            return Ok(GroupEnd::Done);
        }
        std::thread::sleep(POLL);
    }
}

/// `compute process 1 of 3 (pid 123) was killed by signal 9 (SIGKILL)`, with the last lines
/// the process wrote on stderr.
fn reason(i: u32, processes: u32, pid: u32, status: ExitStatus, stderr: &[u8]) -> String {
    let cause = match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(sig)) => format!("was killed by signal {sig} ({})", signal_name(sig)),
        (None, None) => format!("ended ({status})"),
    };
    let mut text = format!("compute process {i} of {processes} (pid {pid}) {cause}");
    let said = String::from_utf8_lossy(stderr);
    let said = said.trim();
    if !said.is_empty() {
        let last: Vec<&str> = said.lines().rev().take(3).collect();
        let last: Vec<&str> = last.into_iter().rev().collect();
        text.push_str(&format!(": {}", last.join(" | ")));
    }
    text
}

/// The size of the allocation that failed, when a process aborted (SIGABRT) after Rust's
/// `memory allocation of N bytes failed` on its stderr: it ran out of memory.
fn out_of_memory(status: ExitStatus, stderr: &[u8]) -> Option<u64> {
    if status.signal() != Some(6) {
        return None;
    }
    let said = String::from_utf8_lossy(stderr);
    said.lines().rev().find_map(|l| {
        l.trim()
            .strip_prefix("memory allocation of ")?
            .strip_suffix(" bytes failed")?
            .parse()
            .ok()
    })
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        1 => "SIGHUP",
        2 => "SIGINT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "signal",
    }
}

fn follow_progress(out: impl Read, ctl: &JobControl) {
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { return };
        if let Some((k, total)) = parse_progress(&line) {
            ctl.set_iterations(k);
            if total > 0 {
                ctl.set_progress(k, total);
            }
        }
    }
}

fn keep_tail(mut err: impl Read, tail: &Mutex<Vec<u8>>) {
    let mut buf = [0u8; 1024];
    while let Ok(n) = err.read(&mut buf) {
        if n == 0 {
            return;
        }
        let Ok(mut t) = tail.lock() else { return };
        t.extend_from_slice(&buf[..n]);
        let excess = t.len().saturating_sub(STDERR_TAIL);
        t.drain(..excess);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_the_process_and_its_exit_cause() {
        let killed = ExitStatus::from_raw(9);
        assert_eq!(
            reason(1, 3, 42, killed, b""),
            "compute process 1 of 3 (pid 42) was killed by signal 9 (SIGKILL)"
        );
        let code = ExitStatus::from_raw(101 << 8);
        assert_eq!(
            reason(0, 2, 7, code, b"a\nb\nc\nd\n"),
            "compute process 0 of 2 (pid 7) exited with code 101: b | c | d"
        );
    }

    #[test]
    fn an_abort_after_a_failed_allocation_is_out_of_memory() {
        let abort = ExitStatus::from_raw(6);
        let said = b"starting\nmemory allocation of 4194304 bytes failed\n";
        assert_eq!(out_of_memory(abort, said), Some(4_194_304));
        assert_eq!(out_of_memory(abort, b"assertion failed"), None);
        assert_eq!(out_of_memory(ExitStatus::from_raw(9), said), None);
    }

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
        let launch = Launch {
            command: vec!["sh".into(), "-c".into(), script.into(), "sh".into()],
            ..Launch::default()
        };
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
        let launch = Launch {
            command: vec!["sh".into(), "-c".into(), "exec sleep 60".into()],
            ..Launch::default()
        };
        let ctl = JobControl::new();
        ctl.cancel();
        let end = run(&launch, 3, "t", tmp.path(), &ctl).unwrap();
        assert_eq!(end, GroupEnd::Cancelled);
    }
}
