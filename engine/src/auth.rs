//! Project-scoped API tokens. A token is shown once at creation; only its SHA-256 is stored.

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
    fn project_ids_follow_the_reference() {
        assert!(valid_project_id("demo"));
        assert!(valid_project_id("0a1B2c"));
        assert!(!valid_project_id(""));
        assert!(!valid_project_id("a-b"));
        assert!(!valid_project_id(&"a".repeat(65)));
    }
}
