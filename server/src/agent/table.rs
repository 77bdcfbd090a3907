//! The agent's ports and processes: reservations held by listeners, `compute-worker` children
//! with their stderr's tail and latest progress line, and the lease that kills a process
//! whose node stopped asking about it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::ops::RangeInclusive;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use engine::distributed::agent::{
    PortReserved, ProcessReport, ProcessStarted, StartProcess, host_port,
};

use super::request_check;

/// The variable the agent's token may come from (`--agent-token`), kept from its processes.
pub(super) const TOKEN_ENV: &str = "GRAPHJOBS_COMPUTE_AGENT_TOKEN";

/// Why a request was refused.
#[derive(Debug)]
pub(super) enum Refusal {
    /// The request is malformed or does not fit this agent (400).
    Bad(String),
    /// No such process (404).
    Unknown,
    /// No port free, or the process could not be started (503).
    Unavailable(String),
}

/// How the agent starts a process: its own executable's `compute-worker`, the store's
/// arguments and environment; never anything a request says.
pub(super) struct Launcher {
    /// The running executable (`graphjobs`).
    pub(super) program: PathBuf,
    /// `--object-store …` and the endpoint's settings.
    pub(super) store_args: Vec<String>,
    /// The store's keys.
    pub(super) store_env: Vec<(String, String)>,
    /// The machine's name in hosts files, an IPv6 address without brackets.
    pub(super) worker_host: String,
    /// Ports processes may use (`None`: any).
    pub(super) ports: Option<RangeInclusive<u16>>,
    /// Root of the processes' working dirs.
    pub(super) work_dir: PathBuf,
    /// How long a process or a reservation lives unasked.
    pub(super) lease: Duration,
    /// The most address space a process may map (`--memory-limit`), whatever a node asks.
    pub(super) memory_limit: Option<u64>,
}

/// Everything the agent holds.
pub(super) struct Table {
    launcher: Launcher,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    /// Reserved `NAME:PORT` addresses, each held by a listener until its process starts.
    reserved: HashMap<String, (TcpListener, Instant)>,
    processes: HashMap<u64, Entry>,
}

impl Inner {
    /// Whether `address` is reserved, or the port of a process that has not exited (it may
    /// not listen yet: a worker binds its port only after reading its task and its part's
    /// manifest, so the port is free to the OS in between).
    fn holds(&self, address: &str) -> bool {
        self.reserved.contains_key(address)
            || self
                .processes
                .values()
                .any(|e| e.status.is_none() && e.address == address)
    }
}

struct Entry {
    /// Its `NAME:PORT`, reserved for it.
    address: String,
    child: Child,
    status: Option<ExitStatus>,
    tail: Arc<Mutex<Vec<u8>>>,
    /// The thread that keeps `tail`, joined once the process exited, so that a report of
    /// an exit carries everything the process said (an out-of-memory abort's last line).
    reader: Option<JoinHandle<()>>,
    progress: Arc<Mutex<Option<String>>>,
    asked: Instant,
    dir: PathBuf,
}

impl Entry {
    /// Kills it if it runs, reaps it and removes its working dir.
    fn end(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Table {
    /// A table with no process. Ids start at a random number, so that a node asking about
    /// (or stopping) a process of an agent that has since restarted reaches none of the new
    /// agent's; the process dirs a dead agent left (named by their ids) are removed.
    pub(super) fn new(launcher: Launcher) -> Table {
        if let Ok(dirs) = std::fs::read_dir(&launcher.work_dir) {
            for dir in dirs.flatten() {
                if dir
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.parse::<u64>().is_ok())
                {
                    let _ = std::fs::remove_dir_all(dir.path());
                }
            }
        }
        let start = std::collections::hash_map::RandomState::new();
        let next = std::hash::BuildHasher::hash_one(&start, Instant::now()) >> 16;
        Table {
            launcher,
            inner: Mutex::new(Inner {
                next,
                ..Inner::default()
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reserves a port on this machine for a process (any free one, or the first free one of
    /// `--ports`).
    pub(super) fn reserve(&self) -> Result<PortReserved, Refusal> {
        // Bound bare (`::1`), listed bracketed (`[::1]:PORT`).
        let host = self.launcher.worker_host.as_str();
        let mut inner = self.lock();
        let listener = match &self.launcher.ports {
            None => {
                // The system may hand out a port a starting process holds but does not listen
                // on yet: such a port is kept bound (so not handed out again) and another taken.
                let mut passed = Vec::new();
                loop {
                    let l = TcpListener::bind((host, 0)).map_err(|e| {
                        Refusal::Unavailable(format!("cannot listen on {host}: {e}"))
                    })?;
                    let port = l.local_addr().map_or(0, |a| a.port());
                    if !inner.holds(&host_port(host, port)) {
                        break l;
                    }
                    if passed.len() >= 64 {
                        return Err(Refusal::Unavailable(format!(
                            "no free port on {host} that no starting process holds"
                        )));
                    }
                    passed.push(l);
                }
            }
            Some(range) => range
                .clone()
                .filter(|p| !inner.holds(&host_port(host, *p)))
                .find_map(|p| TcpListener::bind((host, p)).ok())
                .ok_or_else(|| {
                    Refusal::Unavailable(format!(
                        "no port of {}-{} is free on {host}",
                        range.start(),
                        range.end()
                    ))
                })?,
        };
        let port = listener
            .local_addr()
            .map_err(|e| Refusal::Unavailable(e.to_string()))?
            .port();
        let address = host_port(host, port);
        inner
            .reserved
            .insert(address.clone(), (listener, Instant::now()));
        Ok(PortReserved { address })
    }

    /// Starts process `I` of `P` on one of this agent's reserved ports (line `I` of the hosts
    /// text), releasing that port just before.
    pub(super) fn start(&self, req: &StartProcess) -> Result<ProcessStarted, Refusal> {
        let hosts = request_check::check(req)?;
        let mine = hosts[req.process as usize];
        let mut inner = self.lock();
        if !inner.reserved.contains_key(mine) {
            return Err(Refusal::Bad(format!(
                "line {} of the hosts, {mine}, is not a port this agent reserved",
                req.process
            )));
        }
        inner.next += 1;
        let id = inner.next;
        let dir = self.launcher.work_dir.join(id.to_string());
        let hosts_file = dir.join("hosts");
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&hosts_file, hosts.join("\n") + "\n"))
            .map_err(|e| Refusal::Unavailable(format!("working dir {}: {e}", dir.display())))?;
        // The process listens on it now.
        inner.reserved.remove(mine);
        let l = &self.launcher;
        // Under the smaller of the node's limit and this agent's, applied exactly as to a
        // loopback process (`prlimit --as`, few malloc arenas), so that an out-of-memory abort
        // reads the same to the node.
        let memory_limit = engine::distributed::tighter_limit(req.memory_limit, l.memory_limit);
        let line = engine::distributed::limited_command(
            &[l.program.clone().into_os_string(), "compute-worker".into()],
            memory_limit,
        );
        let spawned = Command::new(&line[0])
            .args(&line[1..])
            .args(["--process", &req.process.to_string()])
            .args(["--processes", &req.processes.to_string()])
            .arg("--hosts")
            .arg(&hosts_file)
            .args(["--job", &req.task, "--exit-with-stdin"])
            .args(&l.store_args)
            .envs(l.store_env.iter().map(|(k, v)| (k, v)))
            .envs(engine::distributed::limited_environment(memory_limit))
            // The worker has no use for the agent's own token.
            .env_remove(TOKEN_ENV)
            .current_dir(&dir)
            // The agent keeps the pipe: the process ends when the agent does.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(Refusal::Unavailable(format!(
                    "cannot start {}: {e}",
                    l.program.display()
                )));
            }
        };
        let (tail, progress) = (Arc::default(), Arc::default());
        if let Some(out) = child.stdout.take() {
            let progress = Arc::clone(&progress);
            std::thread::spawn(move || keep_progress(out, &progress));
        }
        let reader = child.stderr.take().map(|err| {
            let tail = Arc::clone(&tail);
            std::thread::spawn(move || engine::distributed::keep_stderr_tail(err, &tail))
        });
        let pid = child.id();
        tracing::info!(id, pid, process = req.process, processes = req.processes, task = %req.task, memory_limit, "compute process started");
        inner.processes.insert(
            id,
            Entry {
                address: mine.to_owned(),
                child,
                status: None,
                tail,
                reader,
                progress,
                asked: Instant::now(),
                dir,
            },
        );
        Ok(ProcessStarted {
            id,
            pid,
            host: l.worker_host.clone(),
            memory_limit,
            lease_ms: Some(l.lease.as_millis().try_into().unwrap_or(u64::MAX)),
        })
    }

    /// Gives back a reserved port no process will use.
    pub(super) fn release(&self, address: &str) -> Result<(), Refusal> {
        self.lock()
            .reserved
            .remove(address)
            .map(drop)
            .ok_or(Refusal::Unknown)
    }

    /// How process `id` is doing; asking renews its lease.
    pub(super) fn report(&self, id: u64) -> Result<ProcessReport, Refusal> {
        let reader = {
            let mut inner = self.lock();
            let entry = inner.processes.get_mut(&id).ok_or(Refusal::Unknown)?;
            entry.asked = Instant::now();
            if entry.status.is_none() {
                entry.status = entry
                    .child
                    .try_wait()
                    .map_err(|e| Refusal::Unavailable(e.to_string()))?;
            }
            if entry.status.is_some() {
                entry.reader.take()
            } else {
                None
            }
        };
        // The process is gone: its stderr is at its end (read outside the lock, so that the
        // other requests do not wait on it).
        if let Some(reader) = reader {
            let _ = reader.join();
        }
        let mut inner = self.lock();
        let entry = inner.processes.get_mut(&id).ok_or(Refusal::Unknown)?;
        let tail = entry.tail.lock().map(|t| t.clone()).unwrap_or_default();
        Ok(ProcessReport {
            running: entry.status.is_none(),
            code: entry.status.and_then(|s| s.code()),
            signal: entry.status.and_then(|s| s.signal()),
            stderr: String::from_utf8_lossy(&tail).into_owned(),
            progress: entry.progress.lock().ok().and_then(|p| p.clone()),
        })
    }

    /// Kills and reaps process `id` and forgets it.
    pub(super) fn stop(&self, id: u64) -> Result<(), Refusal> {
        let entry = self.lock().processes.remove(&id).ok_or(Refusal::Unknown)?;
        entry.end();
        Ok(())
    }

    /// Kills the processes nobody asked about for the lease, and releases the reservations
    /// as old; returns the ids of the processes killed.
    pub(super) fn expire(&self) -> Vec<u64> {
        let lease = self.launcher.lease;
        let mut inner = self.lock();
        inner.reserved.retain(|_, (_, at)| at.elapsed() < lease);
        let old: Vec<u64> = inner
            .processes
            .iter()
            .filter(|(_, e)| e.asked.elapsed() >= lease)
            .map(|(id, _)| *id)
            .collect();
        let ended: Vec<Entry> = old
            .iter()
            .filter_map(|id| inner.processes.remove(id))
            .collect();
        drop(inner);
        for (id, entry) in old.iter().zip(ended) {
            tracing::warn!(
                id,
                pid = entry.child.id(),
                "no node asked about a compute process for the lease: killing it"
            );
            entry.end();
        }
        old
    }

    /// Kills every process (the agent is stopping).
    pub(super) fn end_all(&self) {
        let all: Vec<Entry> = self.lock().processes.drain().map(|(_, e)| e).collect();
        all.into_iter().for_each(Entry::end);
    }

    /// How often [`Table::expire`] should run.
    pub(super) fn lease(&self) -> Duration {
        self.launcher.lease
    }
}

fn keep_progress(out: impl Read, latest: &Mutex<Option<String>>) {
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { return };
        if engine::distributed::parse_progress(&line).is_some()
            && let Ok(mut l) = latest.lock()
        {
            *l = Some(line);
        }
    }
}

#[cfg(test)]
mod tests;
