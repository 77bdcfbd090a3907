//! The address-space cap of a compute process (`serve --compute-memory-limit`, and an agent's
//! `--memory-limit`): how a process is started under it, wherever it is started, so that a
//! loopback group ([`super::launch`]) and an agent's processes are capped alike and an
//! out-of-memory abort reads the same from either.

use std::ffi::OsString;

/// glibc's malloc arenas a limited process may have: each arena reserves 64 MB of address
/// space, one per thread by default, which would count against the limit without being used.
const MALLOC_ARENAS: &str = "1";

/// The program and arguments that start `command` under a cap of `limit` bytes of address
/// space: `command` itself without one, else `prlimit --as=BYTES -- command…` (prlimit sets
/// the limit on itself and executes the command, so the process keeps its pid).
pub fn limited_command(command: &[OsString], limit: Option<u64>) -> Vec<OsString> {
    let Some(bytes) = limit else {
        return command.to_vec();
    };
    let mut line: Vec<OsString> = vec![
        "prlimit".into(),
        format!("--as={bytes}").into(),
        "--".into(),
    ];
    line.extend(command.iter().cloned());
    line
}

/// The environment variables a process under a cap of `limit` bytes also needs: the cap on
/// malloc arenas (none without a limit).
pub fn limited_environment(limit: Option<u64>) -> Vec<(String, String)> {
    match limit {
        None => Vec::new(),
        Some(_) => vec![("MALLOC_ARENA_MAX".to_owned(), MALLOC_ARENAS.to_owned())],
    }
}

/// The tighter of two limits (`None`: no limit): a node's and an agent's.
pub fn tighter_limit(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_wraps_the_command_in_prlimit_with_few_arenas() {
        let command: Vec<OsString> = vec!["w".into(), "compute-worker".into()];
        assert_eq!(limited_command(&command, None), command);
        assert!(limited_environment(None).is_empty());
        assert_eq!(
            limited_command(&command, Some(64 << 20)),
            ["prlimit", "--as=67108864", "--", "w", "compute-worker"]
        );
        assert_eq!(
            limited_environment(Some(1)),
            [("MALLOC_ARENA_MAX".to_owned(), "1".to_owned())]
        );
    }

    #[test]
    fn the_tighter_of_two_limits_holds() {
        assert_eq!(tighter_limit(Some(5), Some(3)), Some(3));
        assert_eq!(tighter_limit(Some(3), Some(5)), Some(3));
        assert_eq!(tighter_limit(None, Some(5)), Some(5));
        assert_eq!(tighter_limit(Some(5), None), Some(5));
        assert_eq!(tighter_limit(None, None), None);
    }
}
