//! A long-running job for tests: an import whose vertex file is a FIFO blocks (and ignores
//! cancels) until the test writes the rows, which makes "still running" and "did not stop"
//! exact.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use engine::JobKind;
use engine::JobSpec;
use engine::job::ImportSpec;
use serde_json::json;

pub(crate) fn write_inputs(dir: &Path) -> PathBuf {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(input.join("v.csv"), "a,n\nb,n\nc,n\nx,n\ny,n\n").unwrap();
    std::fs::write(input.join("e.csv"), "a,b,e\nb,c,e\nx,y,e\n").unwrap();
    input
}

pub(crate) fn import(graph: &str, input: &Path, vertices: &str) -> JobSpec {
    let p = |n: &str| input.join(n).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p(vertices)],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    };
    JobSpec::new(graph, JobKind::ImportGraph(spec), json!({ "graph": graph }))
}

/// A FIFO vertex file; the import reading it blocks until [`release`].
pub(crate) fn fifo(input: &Path) -> &'static str {
    let path = input.join("slow.csv");
    let ok = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
    "slow.csv"
}

/// Waits until the import has opened the FIFO for reading (so it is blocked on it, past every
/// cancel check before the read) and returns the write end that [`release`] needs.
pub(crate) async fn blocked_reader(input: &Path) -> std::fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000; // Linux: opening a FIFO's write end fails until a reader is there.
    let path = input.join("slow.csv");
    for _ in 0..500 {
        if let Ok(f) = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(&path)
        {
            return f;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the import never opened {}", path.display());
}

/// Lets the import reading the FIFO go on (writes the vertices and closes it).
pub(crate) fn release(mut gate: std::fs::File) {
    gate.write_all(b"a,n\nb,n\nc,n\nx,n\ny,n\n").unwrap();
}
