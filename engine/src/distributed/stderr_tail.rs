//! The last words of a compute process: the tail of its stderr, kept while it runs (by the
//! node for its loopback children, by a compute agent for the processes it started), for the
//! reason a failed attempt gives and its out-of-memory detection.

use std::io::Read;
use std::sync::Mutex;

/// Bytes of each process's stderr kept.
pub const STDERR_TAIL: usize = 2048;

/// Reads `err` to its end, keeping its last [`STDERR_TAIL`] bytes in `tail`.
pub fn keep_stderr_tail(mut err: impl Read, tail: &Mutex<Vec<u8>>) {
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
    fn only_the_last_bytes_are_kept() {
        let said: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let tail = Mutex::new(Vec::new());
        keep_stderr_tail(&said[..], &tail);
        assert_eq!(*tail.lock().unwrap(), said[said.len() - STDERR_TAIL..]);
    }
}
