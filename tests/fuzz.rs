//! Property tests of every core entry point reachable from JavaScript, with
//! generated and mutated input. Each target prints its case count and the
//! panics found; a panicking input fails the run and is saved under
//! `tests/fixtures/regressions/`, which `regressions_stay_fixed` replays.
//!
//! `FUZZ_CASES` sets the cases per target: `make test` runs a short pass,
//! `make fuzz` a long one (over 1,000,000 cases in all).
#![cfg(all(not(target_arch = "wasm32"), feature = "signing"))]

mod fuzz_targets;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

fn regressions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions")
}

/// Runs `check` on `cases()` inputs of `strategy`, counting them and the
/// panics; saves a panicking input (as bytes) for the regression test.
fn run<S: Strategy>(name: &str, strategy: S, check: impl Fn(&S::Value) -> Result<(), String>)
where
    S::Value: AsBytes,
{
    let count = AtomicUsize::new(0);
    let panics = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |input| {
        count.fetch_add(1, Ordering::Relaxed);
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(property)) => Err(TestCaseError::fail(property)),
            Err(_) => {
                panics.fetch_add(1, Ordering::Relaxed);
                let bytes = input.as_bytes();
                let file = regressions().join(format!("{name}-{:016x}.bin", fnv(&bytes)));
                let _ = std::fs::create_dir_all(regressions());
                let _ = std::fs::write(&file, &bytes);
                Err(TestCaseError::fail(format!(
                    "panicked; saved as {}",
                    file.display()
                )))
            }
        }
    });
    println!(
        "fuzz: {name}: {} cases, {} panics",
        count.load(Ordering::Relaxed),
        panics.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// An input as bytes, to be saved when it panics.
pub trait AsBytes {
    fn as_bytes(&self) -> Vec<u8>;
}

impl AsBytes for Vec<u8> {
    fn as_bytes(&self) -> Vec<u8> {
        self.clone()
    }
}

impl AsBytes for String {
    fn as_bytes(&self) -> Vec<u8> {
        self.clone().into_bytes()
    }
}

impl<A: AsBytes, B: std::fmt::Debug> AsBytes for (A, B) {
    fn as_bytes(&self) -> Vec<u8> {
        let mut v = self.0.as_bytes();
        v.extend_from_slice(format!("\n{:?}", self.1).as_bytes());
        v
    }
}

macro_rules! targets {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                crate::fuzz_targets::$name();
            }
        )*
    };
}

/// Every test here is named `fuzz::…`, so a run can select or skip them all
/// by that prefix (`make test-native` skips them; `make test-fuzz` runs them).
mod fuzz {
    use super::*;

    targets!(
        json_parser,
        json_parser_agrees_with_serde,
        params_of_every_endpoint,
        webhook_events,
        api_answers,
        payment_views,
        views_read_back,
        redirect_plans,
        returns_from_3ds,
        rsa_keys,
        base64_and_hex,
        retry_policy,
        client_config,
        body_caps,
        urls,
        redaction,
        redaction_of_secret_shapes,
        money,
    );

    /// Every saved input that once panicked goes through its target again.
    #[test]
    fn regressions_stay_fixed() {
        let Ok(dir) = std::fs::read_dir(regressions()) else {
            return;
        };
        let mut replayed = 0;
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".bin") {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap();
            let target = name.split('-').next().unwrap_or("");
            fuzz_targets::replay(target, &bytes);
            replayed += 1;
        }
        println!("fuzz: regressions: {replayed} inputs replayed, 0 panics");
    }
}
