//! Benchmark (not a test): the webhook path's stages in the core, natively,
//! for the bodies named on the command line (`make bench` writes the same
//! bodies the JavaScript side measures). Prints µs per call and MB/s for:
//! structure (the parser, repeated keys found as objects close), read
//! (parser + the event's checks), view (all of `eventView`: parse, read
//! and the view's JSON out), and the core's own HMAC-SHA256 (the packages
//! use WebCrypto instead).
//!
//!   cargo run --release -p smart-glocal --example stages -- body.json … [params:init.json …]
//!
//! A `params:` file is an `init/payment` body: its stages are "params", the
//! check `prepare` makes of it (parse, every field by its rule), and
//! "plan", all of `prepare`'s core (the check, the request, its headers).
//!
//! For counts that load on the machine cannot blur (`perf stat -e
//! instructions:u`, `valgrind --tool=callgrind`): `BENCH_ONLY=structure`
//! runs one stage, `BENCH_ITERS=1000` a fixed number of calls of it.
use smart_glocal::client::{read_config, CallOptions};
use smart_glocal::json;
use smart_glocal::params::read_with;
use smart_glocal::request::{ApiVersion, Endpoint, DRAWN_KEY_BYTES};
use smart_glocal::session::read_event;
use smart_glocal::signature::{HmacSha256, Signer, Verifier};
use smart_glocal::tree::{Path, Reader};
use smart_glocal::view::PaymentView;
use std::hint::black_box;
use std::time::Instant;

/// Best of 5 rounds of about `ms` each: noise only ever adds time. With
/// `BENCH_ITERS`, exactly that many calls and their mean.
fn best_us(ms: u128, mut f: impl FnMut()) -> f64 {
    if let Some(n) = std::env::var("BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    {
        let t0 = Instant::now();
        for _ in 0..n {
            f();
        }
        return t0.elapsed().as_secs_f64() * 1e6 / f64::from(n.max(1));
    }
    for _ in 0..100 {
        f();
    }
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t0 = Instant::now();
        let mut n = 0u32;
        while t0.elapsed().as_millis() < ms {
            for _ in 0..50 {
                f();
            }
            n += 50;
        }
        best = best.min(t0.elapsed().as_secs_f64() * 1e6 / f64::from(n));
    }
    best
}

type Stage<'a> = Box<dyn FnMut() + 'a>;

fn view_of(bytes: &[u8]) -> String {
    let doc = json::parse(bytes).expect("a JSON text");
    let event = read_event(&Reader::API, &doc.root(), &Path::root("")).expect("an event");
    PaymentView::from_facts(&event.session, Some(&event.kind))
        .to_out()
        .to_json()
}

fn main() {
    let ms = std::env::var("BENCH_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200u128)
        / 2;
    let mac = HmacSha256::new(b"demo-secret").expect("a key");
    let config = json::parse(br#"{"project":"demo","signingKey":"demo-secret"}"#).expect("JSON");
    let spec = read_config(Some(&config.root())).expect("a config");
    println!("\nthe core natively, µs per call (best of 5 rounds); MB/s of the body\n");
    println!("{:<10}{:<14}{:>10}{:>10}", "body", "stage", "µs", "MB/s");
    for arg in std::env::args().skip(1) {
        if let Some(path) = arg.strip_prefix("params:") {
            let text = std::fs::read_to_string(path).expect("a params file");
            let mut check = || {
                let checked = read_with(
                    Endpoint::InitPayment,
                    black_box(&text),
                    ApiVersion::V1,
                    false,
                );
                black_box(checked.expect("init/payment params"));
            };
            // All of `prepare`'s core: the check, the key, the request
            // and its headers (the glue's `plan` adds only the crossing).
            let mut plan = || {
                let opts = CallOptions {
                    idempotency_key: Some("order-42-init".into()),
                    ..CallOptions::default()
                };
                let planned = spec.plan(Endpoint::InitPayment, black_box(&text), opts, || {
                    Ok([7; DRAWN_KEY_BYTES])
                });
                black_box(planned.expect("a plan"));
            };
            let mut stages: Vec<(&str, Stage)> = vec![
                ("params", Box::new(&mut check)),
                ("plan", Box::new(&mut plan)),
            ];
            let only = std::env::var("BENCH_ONLY").ok();
            stages.retain(|(name, _)| only.as_deref().is_none_or(|o| o == *name));
            for (stage, f) in &mut stages {
                let us = best_us(ms, f);
                let label = format!("{} B", text.len());
                println!(
                    "{label:<10}{stage:<14}{us:>10.1}{:>10.0}",
                    text.len() as f64 / us
                );
            }
            continue;
        }
        let path = arg;
        let bytes = std::fs::read(&path).expect("a body file");
        let sig = mac.sign(&bytes);
        let label = format!("{} B", bytes.len());
        let mut stages: Vec<(&str, Stage)> = vec![
            (
                "structure",
                Box::new(|| {
                    black_box(json::parse(black_box(&bytes)).is_ok());
                }),
            ),
            (
                "read",
                Box::new(|| {
                    let doc = json::parse(black_box(&bytes)).expect("a JSON text");
                    let e = read_event(&Reader::API, &doc.root(), &Path::root(""));
                    black_box(e.is_ok());
                }),
            ),
            (
                "view",
                Box::new(|| {
                    black_box(view_of(black_box(&bytes)));
                }),
            ),
            (
                "hmac",
                Box::new(|| {
                    black_box(mac.verify(black_box(&bytes), &sig).is_ok());
                }),
            ),
        ];
        let only = std::env::var("BENCH_ONLY").ok();
        stages.retain(|(name, _)| only.as_deref().is_none_or(|o| o == *name));
        for (stage, f) in &mut stages {
            let us = best_us(ms, f);
            let mbs = bytes.len() as f64 / us;
            println!("{label:<10}{stage:<14}{us:>10.1}{mbs:>10.0}");
        }
    }
}
