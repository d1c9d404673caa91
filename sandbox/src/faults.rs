//! Fault injection (`--faults SPEC --seed N`): what can go wrong between a
//! merchant and the service, each with a probability, drawn from a seeded
//! generator so that a run can be repeated.
//!
//! SPEC is a comma-separated list of `name=probability`:
//!
//! | name           | what happens                                                     |
//! |----------------|------------------------------------------------------------------|
//! | `api.5xx`      | the call is not applied; answer 503                              |
//! | `api.429`      | the call is not applied; answer 429 with `Retry-After: 1`        |
//! | `api.timeout`  | the call is not applied; the answer waits (`--fault-delay-ms`), then 504 |
//! | `api.drop`     | the call IS applied; the connection closes without an answer     |
//! | `hook.drop`    | the webhook is never delivered                                   |
//! | `hook.dup`     | the webhook is delivered twice                                   |
//! | `hook.reorder` | the webhook is held back so that the next one overtakes it       |
//! | `hook.delay`   | the webhook waits `--fault-delay-ms` before it is sent           |
//!
//! The API faults are drawn once per call, the webhook faults once per
//! event; the probabilities of each side must add up to at most 1.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// A fault on the API side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFault {
    ServerError,
    TooManyRequests,
    Timeout,
    DropAfterApply,
}

/// A fault on the webhook side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookFault {
    Drop,
    Duplicate,
    Reorder,
    Delay,
}

const API: [(&str, ApiFault); 4] = [
    ("api.5xx", ApiFault::ServerError),
    ("api.429", ApiFault::TooManyRequests),
    ("api.timeout", ApiFault::Timeout),
    ("api.drop", ApiFault::DropAfterApply),
];
const HOOK: [(&str, HookFault); 4] = [
    ("hook.drop", HookFault::Drop),
    ("hook.dup", HookFault::Duplicate),
    ("hook.reorder", HookFault::Reorder),
    ("hook.delay", HookFault::Delay),
];

/// The parsed `--faults` with its seed and delay.
#[derive(Debug, Clone, PartialEq)]
pub struct Faults {
    api: [f64; 4],
    hook: [f64; 4],
    pub seed: u64,
    /// How long `api.timeout` and `hook.delay` hold (milliseconds).
    pub delay_ms: u64,
}

impl Faults {
    pub fn none() -> Faults {
        Faults {
            api: [0.0; 4],
            hook: [0.0; 4],
            seed: 1,
            delay_ms: 5_000,
        }
    }

    pub fn is_none(&self) -> bool {
        self.api.iter().chain(&self.hook).all(|p| *p == 0.0)
    }

    /// The SPEC these were parsed from (the faults that are on), e.g. to
    /// start another shell of the sandbox with the same faults.
    pub fn spec(&self) -> String {
        let api = API.iter().map(|(n, _)| *n).zip(self.api);
        let hook = HOOK.iter().map(|(n, _)| *n).zip(self.hook);
        api.chain(hook)
            .filter(|(_, p)| *p > 0.0)
            .map(|(n, p)| format!("{n}={p}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Parses SPEC (see the module documentation).
    pub fn parse(spec: &str, seed: u64, delay_ms: u64) -> Result<Faults, String> {
        let mut f = Faults {
            seed,
            delay_ms,
            ..Faults::none()
        };
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, p) = item
                .split_once('=')
                .ok_or_else(|| format!("`{item}`: expected name=probability"))?;
            let p: f64 = p
                .trim()
                .parse()
                .ok()
                .filter(|p: &f64| (0.0..=1.0).contains(p))
                .ok_or_else(|| format!("`{name}`: the probability must be a number from 0 to 1"))?;
            let name = name.trim();
            if let Some(i) = API.iter().position(|(n, _)| *n == name) {
                f.api[i] = p;
            } else if let Some(i) = HOOK.iter().position(|(n, _)| *n == name) {
                f.hook[i] = p;
            } else {
                let known: Vec<_> = API
                    .iter()
                    .map(|(n, _)| *n)
                    .chain(HOOK.iter().map(|(n, _)| *n))
                    .collect();
                return Err(format!(
                    "unknown fault `{name}` (known: {})",
                    known.join(", ")
                ));
            }
        }
        for (side, ps) in [("api", &f.api), ("hook", &f.hook)] {
            if ps.iter().sum::<f64>() > 1.0 + 1e-9 {
                return Err(format!("the {side}.* probabilities add up to more than 1"));
            }
        }
        Ok(f)
    }
}

/// splitmix64: small, seeded, good enough to pick faults.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The faults of a running sandbox: draws and counts.
pub struct Injector {
    spec: Faults,
    rng: Mutex<Rng>,
    api_counts: [AtomicU64; 4],
    hook_counts: [AtomicU64; 4],
}

/// Which of the faults a draw in [0, 1) falls on, if any.
fn pick(draw: f64, ps: &[f64; 4]) -> Option<usize> {
    let mut edge = 0.0;
    for (i, p) in ps.iter().enumerate() {
        edge += p;
        if draw < edge {
            return Some(i);
        }
    }
    None
}

impl Injector {
    pub fn new(spec: Faults) -> Injector {
        Injector {
            rng: Mutex::new(Rng(spec.seed)),
            spec,
            api_counts: Default::default(),
            hook_counts: Default::default(),
        }
    }

    pub fn delay_ms(&self) -> u64 {
        self.spec.delay_ms
    }

    fn draw(&self) -> f64 {
        self.rng
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .next_f64()
    }

    /// The fault for one API call, if any (counted).
    pub fn api(&self) -> Option<ApiFault> {
        if self.spec.api.iter().all(|p| *p == 0.0) {
            return None;
        }
        let i = pick(self.draw(), &self.spec.api)?;
        self.api_counts[i].fetch_add(1, Ordering::Relaxed);
        Some(API[i].1)
    }

    /// The fault for one webhook event, if any (counted).
    pub fn hook(&self) -> Option<HookFault> {
        if self.spec.hook.iter().all(|p| *p == 0.0) {
            return None;
        }
        let i = pick(self.draw(), &self.spec.hook)?;
        self.hook_counts[i].fetch_add(1, Ordering::Relaxed);
        Some(HOOK[i].1)
    }

    /// `{ "api.5xx": n, … }`: how many of each were injected.
    pub fn counts(&self) -> Value {
        let mut m = serde_json::Map::new();
        for (i, (name, _)) in API.iter().enumerate() {
            m.insert(
                (*name).into(),
                json!(self.api_counts[i].load(Ordering::Relaxed)),
            );
        }
        for (i, (name, _)) in HOOK.iter().enumerate() {
            m.insert(
                (*name).into(),
                json!(self.hook_counts[i].load(Ordering::Relaxed)),
            );
        }
        Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_comes_back_as_parsed() {
        let f = Faults::parse("hook.dup=0.25, api.5xx=0.1", 3, 10).unwrap();
        assert_eq!(f.spec(), "api.5xx=0.1,hook.dup=0.25");
        assert_eq!(Faults::parse(&f.spec(), 3, 10).unwrap(), f);
        assert_eq!(Faults::none().spec(), "");
    }

    #[test]
    fn specs_parse_or_say_why_not() {
        let f = Faults::parse("api.5xx=0.1, api.drop=0.05,hook.dup=0.5", 7, 100).unwrap();
        assert_eq!(f.api, [0.1, 0.0, 0.0, 0.05]);
        assert_eq!(f.hook, [0.0, 0.5, 0.0, 0.0]);
        assert!(Faults::parse("", 1, 1).unwrap().is_none());
        for (bad, says) in [
            ("api.5xx", "name=probability"),
            ("api.5xx=2", "from 0 to 1"),
            ("api.5xx=x", "from 0 to 1"),
            ("api.boom=0.1", "unknown fault `api.boom`"),
            ("api.5xx=0.6,api.429=0.6", "more than 1"),
        ] {
            let e = Faults::parse(bad, 1, 1).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn draws_follow_the_probabilities_and_the_seed() {
        let spec = Faults::parse("api.5xx=0.25,api.429=0.25,hook.drop=1", 42, 1).unwrap();
        let a = Injector::new(spec.clone());
        let b = Injector::new(spec);
        let seq_a: Vec<_> = (0..1000).map(|_| a.api()).collect();
        let seq_b: Vec<_> = (0..1000).map(|_| b.api()).collect();
        assert_eq!(seq_a, seq_b, "the same seed gives the same faults");
        let errors = seq_a
            .iter()
            .filter(|f| **f == Some(ApiFault::ServerError))
            .count();
        let limited = seq_a
            .iter()
            .filter(|f| **f == Some(ApiFault::TooManyRequests))
            .count();
        assert!(
            (180..320).contains(&errors) && (180..320).contains(&limited),
            "{errors} {limited}"
        );
        assert!(seq_a
            .iter()
            .all(|f| !matches!(f, Some(ApiFault::Timeout | ApiFault::DropAfterApply))));
        assert_eq!(a.hook(), Some(HookFault::Drop));
        assert_eq!(a.counts()["api.5xx"], errors as u64);
        assert_eq!(a.counts()["hook.drop"], 1);
        assert_eq!(Injector::new(Faults::none()).api(), None);
    }
}
