//! A real S3-protocol server on loopback for the OBS tests: `s3s` with SigV4 checked against
//! one known key pair (`AK`/`SK` below), objects kept by `s3s-fs` in a temp dir. Every
//! authenticated operation is recorded (name, bucket/key) so tests can see multipart uploads
//! and that the manifest is written last.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use object_store::ObjectStore;
use s3s::access::{S3Access, S3AccessContext};
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;

pub const AK: &str = "GJTESTACCESSKEY";
pub const SK: &str = "gj-test-secret-key-0123456789";

/// One recorded operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub name: String,
    pub key: String,
}

/// Records operations; answers 503 `ServiceUnavailable` to every request while `refusing`;
/// holds the requests on the keys [`S3Server::hold`] names.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Op>>>, Arc<AtomicBool>, Arc<Hold>);

/// Requests on keys ending with `suffix` wait until [`S3Server::release`]: what a test
/// needs to act while a client is midway through its uploads.
struct Hold {
    suffix: Mutex<Option<String>>,
    /// One permit per request held.
    held: tokio::sync::Notify,
    released: tokio::sync::Semaphore,
}

impl Default for Hold {
    fn default() -> Self {
        Hold {
            suffix: Mutex::default(),
            held: tokio::sync::Notify::new(),
            released: tokio::sync::Semaphore::new(0),
        }
    }
}

#[async_trait::async_trait]
impl S3Access for Recorder {
    async fn check(&self, cx: &mut S3AccessContext<'_>) -> s3s::S3Result<()> {
        if self.1.load(Ordering::SeqCst) {
            return Err(s3s::s3_error!(
                ServiceUnavailable,
                "refusing requests (test)"
            ));
        }
        if cx.credentials().is_none() {
            return Err(s3s::s3_error!(AccessDenied, "Signature is required"));
        }
        let key = cx.s3_path().get_object_key().unwrap_or_default().to_owned();
        self.0.lock().unwrap().push(Op {
            name: cx.s3_op().name().to_owned(),
            key: key.clone(),
        });
        let hold = &self.2;
        let held = hold
            .suffix
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|s| key.ends_with(s.as_str()));
        if held {
            hold.held.notify_one();
            hold.released.acquire().await.unwrap().forget();
        }
        Ok(())
    }
}

pub struct S3Server {
    pub endpoint: String,
    pub root: tempfile::TempDir,
    ops: Recorder,
}

impl S3Server {
    /// Starts the server with the given buckets.
    pub async fn start(buckets: &[&str]) -> S3Server {
        let root = tempfile::tempdir().unwrap();
        for b in buckets {
            std::fs::create_dir_all(root.path().join(b)).unwrap();
        }
        let fs = s3s_fs::FileSystem::new(root.path()).unwrap();
        let ops = Recorder::default();
        let mut b = S3ServiceBuilder::new(fs);
        b.set_auth(SimpleAuth::from_single(AK, SK));
        b.set_access(ops.clone());
        let service = b.build().into_shared();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let svc = service.clone();
                tokio::spawn(async move {
                    let _ = ConnBuilder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        S3Server {
            endpoint,
            root,
            ops,
        }
    }

    /// Makes the server answer every request with 503 (`true`) or serve again (`false`).
    pub fn refuse(&self, refusing: bool) {
        self.ops.1.store(refusing, Ordering::SeqCst);
    }

    /// Holds every request on a key ending with `suffix` until [`S3Server::release`].
    pub fn hold(&self, suffix: &str) {
        *self.ops.2.suffix.lock().unwrap() = Some(suffix.to_owned());
    }

    /// Returns once a request is held (at once if one was held since the last call).
    pub async fn held(&self) {
        self.ops.2.held.notified().await;
    }

    /// Lets the held requests through, and holds no more.
    pub fn release(&self) {
        *self.ops.2.suffix.lock().unwrap() = None;
        self.ops
            .2
            .released
            .add_permits(tokio::sync::Semaphore::MAX_PERMITS / 2);
    }

    /// Operations seen so far.
    pub fn ops(&self) -> Vec<Op> {
        self.ops.0.lock().unwrap().clone()
    }

    /// A client for `bucket` with the right keys (reads back over the S3 protocol).
    pub fn client(&self, bucket: &str) -> object_store::aws::AmazonS3 {
        object_store::aws::AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_region("us-east-1")
            .with_bucket_name(bucket)
            .with_access_key_id(AK)
            .with_secret_access_key(SK)
            .with_allow_http(true)
            .build()
            .unwrap()
    }

    /// The text of an object, read over S3.
    pub async fn read(&self, bucket: &str, key: &str) -> String {
        let bytes = self
            .client(bucket)
            .get(&object_store::path::Path::from(key))
            .await
            .unwrap_or_else(|e| panic!("reading {bucket}/{key}: {e}"))
            .bytes()
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    /// Keys under a prefix, sorted.
    pub async fn keys(&self, bucket: &str, prefix: &str) -> Vec<String> {
        use futures::TryStreamExt;
        let p = object_store::path::Path::from(prefix);
        let mut keys: Vec<String> = self
            .client(bucket)
            .list(Some(&p))
            .map_ok(|m| m.location.to_string())
            .try_collect()
            .await
            .unwrap();
        keys.sort();
        keys
    }
}
