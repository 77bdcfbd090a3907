use std::path::Path;

use super::*;

fn table(host: &str, work: &Path) -> Table {
    Table::new(Launcher {
        program: PathBuf::from("/nonexistent/graphjobs"),
        store_args: Vec::new(),
        store_env: Vec::new(),
        worker_host: host.to_owned(),
        ports: None,
        work_dir: work.to_owned(),
        lease: Duration::from_secs(60),
        memory_limit: None,
    })
}

#[test]
fn an_ipv6_worker_host_reserves_bracketed_addresses() {
    let work = tempfile::tempdir().unwrap();
    let t = table("::1", work.path());
    let port = t.reserve().unwrap();
    assert!(port.address.starts_with("[::1]:"), "{}", port.address);
    // The address as listed is the one the agent holds, and a socket address as the
    // processes parse it.
    assert!(TcpListener::bind(&port.address).is_err());
    let other = t.reserve().unwrap();
    assert_ne!(other.address, port.address);
    // A start request listing it passes the request's check and finds it reserved (the
    // program, which does not exist, is what fails).
    let req = StartProcess {
        process: 0,
        processes: 2,
        task: "compute/j1/task.json".into(),
        hosts: format!("{}\n{}\n", port.address, other.address),
        memory_limit: None,
    };
    match t.start(&req) {
        Err(Refusal::Unavailable(why)) => assert!(why.contains("cannot start"), "{why}"),
        other => panic!("{other:?}"),
    }
    t.release(&other.address).unwrap();
    drop(TcpListener::bind(&other.address).expect("the port is free again"));
}
