//! A process of a group on another machine, started and watched through that machine's
//! compute agent ([`crate::distributed::agent`] has the protocol) over HTTP.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, RequestBuilder, Response};

use super::{Process, progress};
use crate::distributed::agent::{
    AgentToken, DEFAULT_LEASE_MS, PORTS, PROCESSES, PortReserved, ProcessReport, ProcessStarted,
    StartProcess,
};
use crate::job::control::JobControl;

/// How long an agent may take to accept a connection: past it the agent counts as down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How long one request may take. Well under an agent's lease (10 s by default), so that one
/// slow agent does not leave the processes on the others unasked for that long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// A node's compute agents (`--compute-agents`), in the order given.
pub(crate) struct Agents {
    agents: Vec<Agent>,
    /// The node's `--compute-memory-limit`, asked of each agent for each process.
    memory_limit: Option<u64>,
}

/// One agent: its base URL and the node's client for it.
#[derive(Clone)]
struct Agent {
    url: String,
    client: Client,
    token: Option<AgentToken>,
}

impl Agents {
    /// Clients for the agents at `urls` (`http://host:port`), with the shared `token`, that
    /// ask for processes capped at `memory_limit` bytes of address space.
    ///
    /// # Errors
    /// The HTTP client cannot be built.
    pub(super) fn new(
        urls: &[String],
        token: Option<AgentToken>,
        memory_limit: Option<u64>,
    ) -> io::Result<Agents> {
        let client = Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(io::Error::other)?;
        let agents = urls
            .iter()
            .map(|url| Agent {
                url: url.trim_end_matches('/').to_owned(),
                client: client.clone(),
                token: token.clone(),
            })
            .collect();
        Ok(Agents {
            agents,
            memory_limit,
        })
    }

    /// Places process `I` of the group on agent `I mod n`, or, when that agent gives no port
    /// (it cannot be reached, or has none free), on the next one that does: reserves a port
    /// for each, then starts each with the hosts text those ports make, pushing each onto
    /// `started` as soon as it runs (so that the group ends it whatever happens next). So a
    /// retry after an agent died runs on the others.
    ///
    /// # Errors
    /// No agent gives a port, or one refuses to start its process: the words name the agents
    /// and the process.
    pub(super) fn start(
        &self,
        processes: u32,
        task: &str,
        ctl: &JobControl,
        started: &mut Vec<Box<dyn Process>>,
    ) -> Result<(), String> {
        let n = self.agents.len();
        // Agents that did not give a port: left out of this placement.
        let mut down = vec![false; n];
        let mut refusals = Vec::new();
        let mut placed = Vec::with_capacity(processes as usize);
        let mut hosts = String::new();
        for i in 0..processes {
            let mut reserved = None;
            for k in (0..n).map(|d| (i as usize + d) % n) {
                if down[k] {
                    continue;
                }
                let agent = &self.agents[k];
                match agent
                    .call::<PortReserved>(agent.client.post(agent.at(PORTS)), "reserving a port")
                {
                    Ok(port) => {
                        reserved = Some((k, port));
                        break;
                    }
                    Err(why) => {
                        tracing::warn!(reason = %why, "a compute agent is left out of a group");
                        down[k] = true;
                        refusals.push(why.why);
                    }
                }
            }
            let Some((k, port)) = reserved else {
                self.release(&placed);
                return Err(format!(
                    "compute process {i} of {processes} cannot be placed: {}",
                    refusals.join("; ")
                ));
            };
            hosts.push_str(&port.address);
            hosts.push('\n');
            placed.push((k, port.address));
        }
        for i in 0..processes {
            let agent = &self.agents[placed[i as usize].0];
            let body = StartProcess {
                process: i,
                processes,
                task: task.to_owned(),
                hosts: hosts.clone(),
                memory_limit: self.memory_limit,
            };
            let up: ProcessStarted = agent
                .call(
                    agent.client.post(agent.at(PROCESSES)).json(&body),
                    "starting a process",
                )
                .map_err(|why| {
                    // The ports of the processes not started are given back.
                    self.release(&placed[i as usize..]);
                    format!("compute process {i} of {processes} cannot be started: {why}")
                })?;
            started.push(Box::new(Remote {
                agent: agent.clone(),
                answered: Instant::now(),
                unanswered: None,
                started: up,
                asked_limit: self.memory_limit,
                ctl: (i == 0).then(|| ctl.clone()),
                last: ProcessReport::default(),
                ended: false,
            }));
        }
        Ok(())
    }
}

impl Agents {
    /// Gives back the ports reserved (agent, address) for processes that will not start, so
    /// that an immediate retry finds them free; an agent that does not answer frees them at
    /// its lease.
    fn release(&self, reserved: &[(usize, String)]) {
        for (k, address) in reserved {
            let agent = &self.agents[*k];
            let url = format!("{}/{address}", agent.at(PORTS));
            if let Err(why) = agent.send(agent.client.delete(url), "giving back a port") {
                tracing::warn!(reason = %why, "a reserved port is left to the agent's lease");
            }
        }
    }
}

impl Agent {
    fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    fn send(&self, request: RequestBuilder, doing: &str) -> Result<Response, Unanswered> {
        let request = match &self.token {
            Some(token) => request.bearer_auth(token.expose()),
            None => request,
        };
        let response = request.send().map_err(|e| Unanswered {
            why: format!(
                "compute agent {} cannot be reached ({doing}): {}",
                self.url,
                chain(&e)
            ),
            transient: true,
        })?;
        let status = response.status();
        if !status.is_success() {
            let said = response.text().unwrap_or_default();
            return Err(Unanswered {
                why: format!(
                    "compute agent {} answered {status} to {doing}: {}",
                    self.url,
                    said.trim()
                ),
                // A refusal (4xx: no such process, a wrong token) stands; an agent that
                // could not do it now (5xx) may yet.
                transient: status.is_server_error(),
            });
        }
        Ok(response)
    }

    fn call<T: serde::de::DeserializeOwned>(
        &self,
        request: RequestBuilder,
        doing: &str,
    ) -> Result<T, Unanswered> {
        self.send(request, doing)?.json().map_err(|e| Unanswered {
            why: format!(
                "compute agent {} answered {doing} unreadably: {}",
                self.url,
                chain(&e)
            ),
            // Most likely cut short (a timeout while reading).
            transient: true,
        })
    }
}

/// Whether a report that did not come (`no`), `since` the latest that did, is borne with: a
/// transient one (the agent cannot be reached, is slow, or failed on its side) while the
/// agent's `lease` has not passed, as its process may be running well meanwhile (and the
/// agent kills it once the lease passes unasked). Else the reason the process is lost.
fn bear_with(no: &Unanswered, since: Duration, lease: Duration) -> Result<(), String> {
    if !no.transient {
        return Err(no.why.clone());
    }
    if since < lease {
        return Ok(());
    }
    Err(format!(
        "{}; no report for {} ms, the agent's lease",
        no.why,
        lease.as_millis()
    ))
}

/// A request an agent did not answer as asked: why (naming the agent), and whether asking
/// again may help (it could not be reached, timed out, or failed on its side).
struct Unanswered {
    why: String,
    transient: bool,
}

impl From<Unanswered> for String {
    fn from(u: Unanswered) -> String {
        u.why
    }
}

impl std::fmt::Display for Unanswered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why)
    }
}

/// An error with its causes (`error sending request … : Connection refused`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}

/// A process an agent started.
struct Remote {
    agent: Agent,
    started: ProcessStarted,
    /// The memory limit the node asked for (the agent may have started it under less).
    asked_limit: Option<u64>,
    /// Process 0's: its progress goes into the job's control.
    ctl: Option<JobControl>,
    /// The latest report (its stderr is what the process said last).
    last: ProcessReport,
    /// When the latest report came (or the process started).
    answered: Instant,
    /// Why the latest report did not come, while the agent's lease since the one before has
    /// not passed: the process may be fine, and the agent merely slow or briefly away.
    unanswered: Option<String>,
    ended: bool,
}

impl Process for Remote {
    fn poll(&mut self) -> Result<Option<ExitStatus>, String> {
        let url = format!("{}/{}", self.agent.at(PROCESSES), self.started.id);
        match self.agent.call(self.agent.client.get(url), "a report") {
            Ok(report) => {
                self.last = report;
                self.answered = Instant::now();
                self.unanswered = None;
            }
            Err(no) => {
                let lease =
                    Duration::from_millis(self.started.lease_ms.unwrap_or(DEFAULT_LEASE_MS));
                return match bear_with(&no, self.answered.elapsed(), lease) {
                    Ok(()) => {
                        if self.unanswered.is_none() {
                            tracing::warn!(reason = %no, "a compute agent's report did not come; asking again until its lease passes");
                        }
                        self.unanswered = Some(no.why);
                        Ok(None)
                    }
                    Err(why) => Err(why),
                };
            }
        }
        if let (Some(ctl), Some(line)) = (&self.ctl, &self.last.progress) {
            progress(line, ctl);
        }
        if self.last.running {
            return Ok(None);
        }
        // A wait status as the kernel writes it: the signal, or the exit code shifted by 8.
        Ok(Some(match (self.last.signal, self.last.code) {
            (Some(sig), _) => ExitStatus::from_raw(sig),
            (None, Some(code)) => ExitStatus::from_raw((code & 0xff) << 8),
            (None, None) => ExitStatus::from_raw(0xff << 8),
        }))
    }

    fn end(&mut self) {
        if std::mem::replace(&mut self.ended, true) {
            return;
        }
        let url = format!("{}/{}", self.agent.at(PROCESSES), self.started.id);
        // An agent that cannot be reached kills the process itself when its lease runs out.
        if let Err(why) = self.agent.send(self.agent.client.delete(url), "a stop") {
            tracing::warn!(reason = %why, "a remote compute process was not stopped");
        }
    }

    fn stderr(&mut self) -> Vec<u8> {
        self.last.stderr.clone().into_bytes()
    }

    fn whereabouts(&self) -> String {
        format!(
            "pid {} on {}, agent {}",
            self.started.pid, self.started.host, self.agent.url
        )
    }

    fn unanswered(&self) -> Option<String> {
        self.unanswered.clone()
    }

    fn memory_limit(&self) -> Option<(u64, &'static str)> {
        let limit = self.started.memory_limit?;
        let flag = if self.asked_limit == Some(limit) {
            "--compute-memory-limit"
        } else {
            "the agent's --memory-limit"
        };
        Some((limit, flag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_that_does_not_come_is_borne_with_until_the_lease_passes() {
        let lease = Duration::from_secs(10);
        let timed_out = Unanswered {
            why: "compute agent http://b:7070 cannot be reached (a report): timed out".into(),
            transient: true,
        };
        assert!(bear_with(&timed_out, Duration::from_secs(6), lease).is_ok());
        assert_eq!(
            bear_with(&timed_out, lease, lease),
            Err("compute agent http://b:7070 cannot be reached (a report): timed out; no report for 10000 ms, the agent's lease".into())
        );
        // A refusal stands at once: the agent no longer knows the process.
        let forgotten = Unanswered {
            why: "compute agent http://b:7070 answered 404 Not Found to a report: no such process"
                .into(),
            transient: false,
        };
        assert_eq!(
            bear_with(&forgotten, Duration::ZERO, lease),
            Err(forgotten.why.clone())
        );
    }
}
