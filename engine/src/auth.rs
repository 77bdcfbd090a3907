//! Project-scoped credentials.
//!
//! - API tokens (`X-Auth-Token`): shown once at creation; only their SHA-256 is stored.
//! - Access keys (AK/SK, `SDK-HMAC-SHA256` signing, [`signature`]): the secret key is never
//!   stored; it is derived as `hex(HMAC-SHA256(master, "graphjobs-sk:" + AK))` from a master
//!   key kept in the data dir (`secrets/master.key`, mode 0600), so the server can recompute it
//!   to verify a signature, and revoking the AK's row disables it.
//! - Roles ([`role`]): each credential has a [`Role`] per project it may use.

pub mod role;
pub mod signature;

pub use role::{Grant, Role};

use std::path::Path;

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Prefix that makes graphjobs tokens recognisable in logs and secret scanners.
pub const TOKEN_PREFIX: &str = "gjt_";

/// A new random token (256 bits).
pub fn generate_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", hex::encode(bytes))
}

/// What the store keeps of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A token's id, as `graphjobs token list` shows it and the audit log names its actor: the
/// first 12 hex digits of its hash (never the token itself).
pub fn token_id(token: &str) -> String {
    hash_token(token)[..12].to_owned()
}

/// A new access key id: 20 upper-case letters and digits, like cloud AKs.
pub fn generate_access_key() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut bytes = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// The secret key of an access key, derived from the master key.
pub fn derive_secret(master: &[u8], access_key: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(master).expect("any key length");
    mac.update(b"graphjobs-sk:");
    mac.update(access_key.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Reads the data dir's master key, creating it (0600) on first use.
pub fn load_or_create_master_key(data_dir: &Path) -> std::io::Result<Vec<u8>> {
    let path = data_dir.join(crate::config::SECRETS_DIR).join("master.key");
    match std::fs::read(&path) {
        Ok(key) if key.len() == 32 => return Ok(key),
        Ok(_) => {
            return Err(std::io::Error::other(format!(
                "{} is not a 32-byte key",
                path.display()
            )));
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    std::fs::create_dir_all(path.parent().expect("has parent"))?;
    let mut key = vec![0u8; 32];
    rand::thread_rng().fill_bytes(&mut key);
    // A temp file of our own: two processes (the server starting and a CLI creating a key)
    // sharing one temp name would each write into the other's file and end up holding
    // different keys — every secret derived by one would fail to verify in the other.
    let tmp = path.with_extension(format!(
        "tmp.{}.{:016x}",
        std::process::id(),
        rand::random::<u64>()
    ));
    {
        use std::io::Write;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp)?;
        f.write_all(&key)?;
        f.sync_all()?;
    }
    // Another process may have created it meanwhile: whichever link landed first wins, and
    // everyone uses what the file holds.
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(key),
        Err(_) => std::fs::read(&path),
    }
}

/// A project id is 1–64 letters and digits (REFERENCE §1.1).
pub fn valid_project_id(project: &str) -> bool {
    (1..=64).contains(&project.len()) && project.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed_deterministically() {
        let (a, b) = (generate_token(), generate_token());
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == TOKEN_PREFIX.len() + 64);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), hash_token(&b));
        assert!(!hash_token(&a).contains(&a[TOKEN_PREFIX.len()..]));
    }

    #[test]
    fn racing_creators_all_end_up_with_the_stored_key() {
        for _ in 0..20 {
            let tmp = tempfile::tempdir().unwrap();
            let keys: Vec<Vec<u8>> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..8)
                    .map(|_| s.spawn(|| load_or_create_master_key(tmp.path()).unwrap()))
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let stored = std::fs::read(tmp.path().join("secrets").join("master.key")).unwrap();
            assert!(
                keys.iter().all(|k| *k == stored),
                "a creator kept a key the file does not hold"
            );
            let leftovers = std::fs::read_dir(tmp.path().join("secrets"))
                .unwrap()
                .count();
            assert_eq!(leftovers, 1, "temp files left behind");
        }
    }

    #[test]
    fn secrets_derive_from_the_master_key_and_it_persists() {
        let tmp = tempfile::tempdir().unwrap();
        let m1 = load_or_create_master_key(tmp.path()).unwrap();
        let m2 = load_or_create_master_key(tmp.path()).unwrap();
        assert_eq!(m1, m2);
        let ak = generate_access_key();
        assert_eq!(ak.len(), 20);
        assert_eq!(derive_secret(&m1, &ak), derive_secret(&m2, &ak));
        assert_ne!(derive_secret(&m1, &ak), derive_secret(&m1, "OTHER"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(tmp.path().join("secrets/master.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn project_ids_follow_the_reference() {
        assert!(valid_project_id("demo"));
        assert!(valid_project_id("0a1B2c"));
        assert!(!valid_project_id(""));
        assert!(!valid_project_id("a-b"));
        assert!(!valid_project_id(&"a".repeat(65)));
    }
}
