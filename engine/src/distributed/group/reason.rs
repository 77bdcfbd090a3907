//! The words of a failed group's reason: how a process ended, and whether it ran out of
//! memory.

use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

/// `compute process 1 of 3 (pid 123) was killed by signal 9 (SIGKILL)`, with the last lines
/// the process wrote on stderr.
pub(super) fn reason(
    i: u32,
    processes: u32,
    whereabouts: &str,
    status: ExitStatus,
    stderr: &[u8],
) -> String {
    let cause = match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(sig)) => format!("was killed by signal {sig} ({})", signal_name(sig)),
        (None, None) => format!("ended ({status})"),
    };
    let mut text = format!("compute process {i} of {processes} ({whereabouts}) {cause}");
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
pub(super) fn out_of_memory(status: ExitStatus, stderr: &[u8]) -> Option<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_the_process_and_its_exit_cause() {
        let killed = ExitStatus::from_raw(9);
        assert_eq!(
            reason(1, 3, "pid 42", killed, b""),
            "compute process 1 of 3 (pid 42) was killed by signal 9 (SIGKILL)"
        );
        let code = ExitStatus::from_raw(101 << 8);
        assert_eq!(
            reason(0, 2, "pid 7", code, b"a\nb\nc\nd\n"),
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
}
