//! Random hex for ids, tokens and 3-D Secure values, from the OS-seeded
//! hasher keys of std (no extra dependency; not a key generator).

#[cfg(not(target_arch = "wasm32"))]
use std::hash::{BuildHasher, Hasher};

/// 64 random bits as 16 hex digits.
#[cfg(target_arch = "wasm32")]
pub fn random_hex() -> String {
    // In WebAssembly, from the host (crypto.getRandomValues).
    let mut bytes = [0u8; 8];
    let _ = getrandom::getrandom(&mut bytes);
    format!("{:016x}", u64::from_le_bytes(bytes))
}

/// 64 random bits as 16 hex digits.
#[cfg(not(target_arch = "wasm32"))]
pub fn random_hex() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    );
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_differ_and_are_hex() {
        let a = super::random_hex();
        let b = super::random_hex();
        assert_ne!(a, b);
        assert!(a.len() == 16 && a.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
