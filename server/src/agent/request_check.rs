//! What a start request may ask of an agent: a process in range, a plain task key, plain
//! `host:port` lines; anything else is refused before a process or a file is made.

use engine::distributed::agent::StartProcess;

use super::table::Refusal;

/// Longest task key and hosts line accepted.
const LONGEST: usize = 512;

/// The hosts text's lines, once the request is one this agent may run: `0 ≤ I < P ≤` the most
/// processes a group may have, a plain task key (no option, no parent dir), P plain
/// `host:port` lines.
pub(super) fn check(req: &StartProcess) -> Result<Vec<&str>, Refusal> {
    let bad = |why: String| Err(Refusal::Bad(why));
    if !(1..=engine::distributed::MAX_PROCESSES).contains(&req.processes)
        || req.process >= req.processes
    {
        return bad(format!(
            "process {} of {} is out of range (1..={} processes)",
            req.process,
            req.processes,
            engine::distributed::MAX_PROCESSES
        ));
    }
    let plain = |s: &str, extra: &[char]| {
        !s.is_empty()
            && s.len() <= LONGEST
            && !s.starts_with(['-', '/'])
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c) || extra.contains(&c))
    };
    if !plain(&req.task, &['/']) || req.task.split('/').any(|seg| seg == "..") {
        return bad(format!("[{}] is not a task key", req.task));
    }
    let hosts: Vec<&str> = req.hosts.lines().map(str::trim).collect();
    if hosts.len() != req.processes as usize {
        return bad(format!(
            "the hosts list {} addresses for {} processes",
            hosts.len(),
            req.processes
        ));
    }
    if let Some(h) = hosts.iter().find(|h| !plain(h, &[':', '[', ']'])) {
        return bad(format!("[{h}] is not a host:port"));
    }
    Ok(hosts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(process: u32, processes: u32, task: &str, hosts: &str) -> StartProcess {
        StartProcess {
            process,
            processes,
            task: task.into(),
            hosts: hosts.into(),
            memory_limit: None,
        }
    }

    #[test]
    fn only_plain_tasks_and_hosts_in_range_are_started() {
        let ok = req(1, 2, "compute/j1/task.json", "a:1\nb:2\n");
        assert_eq!(check(&ok).unwrap(), ["a:1", "b:2"]);
        let ipv6 = req(0, 2, "compute/j1/task.json", "[::1]:7000\n[fe80::2]:7001\n");
        assert_eq!(check(&ipv6).unwrap(), ["[::1]:7000", "[fe80::2]:7001"]);
        for bad in [
            req(2, 2, "compute/j/task.json", "a:1\nb:2"),
            req(0, 0, "compute/j/task.json", ""),
            req(0, 1, "--help", "a:1"),
            req(0, 1, "/etc/passwd", "a:1"),
            req(0, 1, "compute/../x", "a:1"),
            req(0, 1, "compute/j task", "a:1"),
            req(0, 2, "compute/j/task.json", "a:1"),
            req(0, 1, "compute/j/task.json", "a:1; rm -rf /"),
        ] {
            assert!(matches!(check(&bad), Err(Refusal::Bad(_))), "{bad:?}");
        }
    }
}
