//! Forming the group: a TCP connection between every two processes, made here with short
//! retries and then handed to timely's networking. Timely's own `create_sockets` sleeps a whole
//! second after each refused connect and after each empty poll of its listener, which cost
//! every job one to two seconds; the handshake is timely's (the connecting process sends its
//! index as a big-endian `u64`).

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Pause between attempts while a peer is not there yet.
const RETRY: Duration = Duration::from_millis(5);

/// Connections to every other process of `hosts` (index `me` is `None`), made before
/// `timeout`: this process listens on its own address, connects to the processes before it,
/// and accepts the ones after it.
///
/// # Errors
/// [`io::ErrorKind::TimedOut`] when some peer did not connect in time; the address of this
/// process cannot be listened on; a peer that sent no index.
pub(crate) fn connect(
    hosts: &[String],
    me: usize,
    timeout: Duration,
) -> io::Result<Vec<Option<TcpStream>>> {
    let deadline = Instant::now() + timeout;
    let late = || io::Error::new(io::ErrorKind::TimedOut, "the group did not form in time");
    let listener = TcpListener::bind(hosts[me].as_str())?;
    listener.set_nonblocking(true)?;
    let mut sockets: Vec<Option<TcpStream>> = (0..hosts.len()).map(|_| None).collect();
    for (j, host) in hosts.iter().enumerate().take(me) {
        let mut stream = loop {
            match TcpStream::connect(host.as_str()) {
                Ok(s) => break s,
                Err(_) if Instant::now() < deadline => std::thread::sleep(RETRY),
                Err(_) => return Err(late()),
            }
        };
        stream.set_nodelay(true)?;
        stream.write_all(&(me as u64).to_be_bytes())?;
        sockets[j] = Some(stream);
    }
    let mut missing = hosts.len() - me - 1;
    while missing > 0 {
        match listener.accept() {
            Ok((mut stream, _)) => {
                stream.set_nonblocking(false)?;
                stream.set_nodelay(true)?;
                let mut index = [0u8; 8];
                stream.read_exact(&mut index)?;
                let k = u64::from_be_bytes(index) as usize;
                if k <= me || k >= hosts.len() || sockets[k].is_some() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("a peer introduced itself as process {k}"),
                    ));
                }
                sockets[k] = Some(stream);
                missing -= 1;
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Err(late());
                }
                std::thread::sleep(RETRY);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(sockets)
}
