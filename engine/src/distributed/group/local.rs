//! A process of a group as a child of this node, on loopback.

use std::io::{self, BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::{Process, progress};
use crate::distributed::keep_stderr_tail;
use crate::distributed::launch::Launch;
use crate::job::control::JobControl;

/// A child process: killed by its pid (a compute process starts no processes of its own, so
/// there is no deeper tree to reach), its stderr's tail kept by a thread of its own.
struct Local {
    child: Child,
    tail: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    /// The node's `--compute-memory-limit`, which it was started under.
    memory_limit: Option<u64>,
}

impl Process for Local {
    fn poll(&mut self) -> Result<Option<ExitStatus>, String> {
        self.child
            .try_wait()
            .map_err(|e| format!("cannot wait for it: {e}"))
    }

    fn end(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn stderr(&mut self) -> Vec<u8> {
        // The process is gone, so its stderr is at its end once the reader is.
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.tail.lock().map(|t| t.clone()).unwrap_or_default()
    }

    fn whereabouts(&self) -> String {
        format!("pid {}", self.child.id())
    }

    fn memory_limit(&self) -> Option<(u64, &'static str)> {
        self.memory_limit.map(|l| (l, "--compute-memory-limit"))
    }
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

/// Writes the group's hosts file into `work` and starts its `processes` processes as `launch`
/// says, pushing each onto `started` as soon as it runs (so that the group ends it whatever
/// happens next).
///
/// # Errors
/// The hosts file cannot be written or a process cannot be started.
pub(super) fn start(
    launch: &Launch,
    processes: u32,
    task: &str,
    work: &Path,
    ctl: &JobControl,
    started: &mut Vec<Box<dyn Process>>,
) -> io::Result<()> {
    let hosts_file = work.join("hosts");
    std::fs::write(&hosts_file, hosts(processes)?)?;
    let line = launch.program();
    let env = launch.environment();
    let (program, leading) = line.split_first().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "no compute command configured")
    })?;
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
            std::thread::spawn(move || keep_stderr_tail(err, &tail))
        });
        started.push(Box::new(Local {
            child,
            tail,
            reader,
            memory_limit: launch.memory_limit,
        }));
    }
    Ok(())
}

fn follow_progress(out: impl Read, ctl: &JobControl) {
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { return };
        progress(&line, ctl);
    }
}
