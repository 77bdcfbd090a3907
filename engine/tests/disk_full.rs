//! The SQLite job store on a filesystem that fills up: a small tmpfs, filled with a filler
//! file until ENOSPC. Mounting needs root, which the test command has here (as root, a failing
//! mount is a test failure); run as another user, the test says it skipped.
//!
//! In WAL mode a write reaches the disk at commit. A claim (`UPDATE … RETURNING`) whose commit
//! fails must be an error, not a claimed job that is still queued in the file (sqlx returns
//! the row and drops the commit's error when the statement is not stepped to its end), and
//! the store must take writes again as soon as space is back, without a restart.

use std::fs::File;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use engine::job::JobType;
use engine::job::store::{JobStore, Outcome, SqlStore};
use engine::time_fmt::now;
use engine::{JobId, JobRecord, JobState};
use serde_json::json;

const P: &str = "proj1";

/// A tmpfs mounted on a temporary dir, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` when not root (the test then skips).
    fn mount(size: &str) -> Option<Self> {
        let uid = Command::new("id").arg("-u").output().ok()?;
        if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .unwrap()
            .success();
        assert!(ok, "mount -t tmpfs failed although running as root");
        Some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `mount`/`umount` with `args`, retrying while the kernel answers "busy" (a closed
    /// SQLite pool may still be closing its files on its worker threads).
    fn retry(cmd: &str, args: &[&str], path: &Path) -> bool {
        for _ in 0..50 {
            if Command::new(cmd)
                .args(args)
                .arg(path)
                .stderr(Stdio::null())
                .status()
                .unwrap()
                .success()
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        if !Self::retry("umount", &[], self.dir.path()) {
            let _ = Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .status();
        }
    }
}

/// Writes a filler file until the filesystem has no byte left.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = File::create(&path).unwrap();
    for size in [1 << 16, 512] {
        let chunk = vec![0u8; size];
        loop {
            match f.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::StorageFull => break,
                Err(e) => panic!("filling: {e}"),
            }
        }
    }
    path
}

/// Gives the filler's space back: truncated first, so the blocks are free at once even while a
/// child process spawned by a parallel test still holds an inherited descriptor of it.
fn free(filler: &Path) {
    File::options()
        .write(true)
        .open(filler)
        .unwrap()
        .set_len(0)
        .unwrap();
    std::fs::remove_file(filler).unwrap();
}

fn record(n: u64) -> JobRecord {
    JobRecord {
        algorithm: Some("pagerank".into()),
        ..JobRecord::new(
            JobId::generate(n),
            P,
            "g",
            JobType::Algorithm,
            json!({"n": n}),
        )
    }
}

async fn state(store: &SqlStore, id: &str) -> JobState {
    store.job(P, id).await.unwrap().expect("job exists").state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_that_cannot_be_committed_fails_and_the_store_heals_when_space_is_back() {
    let Some(fs) = Tmpfs::mount("2m") else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let store = SqlStore::open_sqlite(&fs.path().join("graphjobs.db"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for n in 0..4 {
        let job = record(n);
        store.insert_job(&job, &json!({"n": n}), 0).await.unwrap();
        ids.push(job.id.0);
    }
    let filler = fill(fs.path());
    // Every claim while the disk is full either fails or is really stored as running.
    let mut refused = 0;
    for _ in 0..4 {
        match store.claim_next("full-worker").await {
            Ok(Some(job)) => assert_eq!(
                state(&store, &job.id.0).await,
                JobState::Running,
                "claim of {} reported although the job is still queued in the store",
                job.id
            ),
            Ok(None) => {}
            Err(e) => {
                assert!(e.is_internal(), "{e}");
                refused += 1;
            }
        }
    }
    assert!(
        refused > 0,
        "the disk was full, yet every claim was committed"
    );
    // Space is back: writes go through again at once, on every pooled connection.
    free(&filler);
    let started = Instant::now();
    for id in &ids {
        if state(&store, id).await != JobState::Queued {
            continue;
        }
        let job = store
            .claim_next("worker")
            .await
            .unwrap()
            .expect("a queued job");
        assert_eq!(state(&store, &job.id.0).await, JobState::Running);
        let outcome = Outcome::Succeeded {
            result_total: 0,
            graph_version: None,
            detail: None,
            partial: false,
            graph_change: None,
        };
        assert!(store.finish(&job.id.0, "worker", &outcome).await.unwrap());
        assert_eq!(state(&store, &job.id.0).await, JobState::Succeeded);
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "writes waited {:?} after space came back (a connection still held the write lock?)",
        started.elapsed()
    );
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sweep_whose_commit_fails_leaves_no_transaction_behind() {
    let Some(fs) = Tmpfs::mount("2m") else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let db = fs.path().join("graphjobs.db");
    let store = SqlStore::open_sqlite(&db).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        let job = record(n);
        store.insert_job(&job, &json!({"n": n}), 0).await.unwrap();
        ids.push(job.id.0);
    }
    let running = store.claim_next("w").await.unwrap().expect("a job").id.0;
    let later = now() + time::Duration::hours(1);
    let filler = fill(fs.path());
    for _ in 0..3 {
        assert!(
            store.expire_leases(later).await.is_err(),
            "the disk is full"
        );
    }
    free(&filler);
    let filler = fill(fs.path());
    for _ in 0..3 {
        assert!(
            store.expire_leases(later).await.is_err(),
            "the disk is full"
        );
    }
    free(&filler);
    let started = Instant::now();
    let swept = store.expire_leases(later).await.unwrap();
    assert_eq!(swept.requeued, 1);
    assert_eq!(state(&store, &running).await, JobState::Queued);
    for id in &ids {
        let claimed = store.claim_next("w2").await.unwrap().expect("a queued job");
        assert!(ids.contains(&claimed.id.0), "{id}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "writes waited {:?} after space came back (a connection still held the write lock?)",
        started.elapsed()
    );
    // What the store answered is what the file holds.
    store.close().await;
    let reopened = SqlStore::open_sqlite(&db).await.unwrap();
    for id in &ids {
        assert_eq!(state(&reopened, id).await, JobState::Running, "{id}");
    }
    reopened.close().await;
}

#[tokio::test]
async fn a_read_only_data_dir_is_refused_with_one_error_naming_it() {
    let Some(fs) = Tmpfs::mount("2m") else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let existing = fs.path().join("data");
    std::fs::create_dir(&existing).unwrap();
    assert!(Tmpfs::retry("mount", &["-o", "remount,ro"], fs.path()));
    // An existing data dir, one that does not exist yet, and the CLI's path.
    for dir in [existing.clone(), fs.path().join("missing")] {
        let config = engine::EngineConfig::new(&dir);
        let err = engine::Engine::open(config.clone())
            .await
            .expect_err("read-only");
        assert!(matches!(err, engine::Error::DataDir { .. }), "{err}");
        assert_eq!(
            err.to_string(),
            format!(
                "the data dir {} is not writable (Read-only file system (os error 30))",
                dir.display()
            )
        );
        let err = engine::admin::create_token(&config, "demo")
            .await
            .unwrap_err();
        assert!(matches!(err, engine::Error::DataDir { .. }), "{err}");
    }
}
