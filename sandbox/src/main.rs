use clap::{Parser, ValueEnum};
use sg_sandbox::clock::ClockMode;
use sg_sandbox::engine::cards::{test_cards_json, TEST_CARDS};
use sg_sandbox::engine::fps::TEST_PHONES;
use sg_sandbox::engine::CaptureMode;
use sg_sandbox::faults::Faults;
use sg_sandbox::{start, Config};
use std::net::SocketAddr;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scheme {
    /// HMAC-SHA256, lowercase hex (the documented examples).
    Hmac,
    /// RSA PKCS#1 v1.5 with SHA-256, base64 (the live service).
    Rsa,
}

#[derive(Clone, Copy, ValueEnum)]
enum Capture {
    /// Approved payments are captured at once (`payment_finished`).
    Auto,
    /// Approved payments wait for `session/capture` (`ready_to_capture`).
    Manual,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClockArg {
    /// Real time (POST /sandbox/clock can still move it on).
    Real,
    /// Frozen at the start: only POST /sandbox/clock moves it.
    Manual,
}

/// A local emulator of the Smart Glocal API.
///
/// Serves every endpoint under /api/v1/ (session/create, init/payment,
/// start/payment, init/payout, start/payout, session/confirm, cancel,
/// capture, refund, status, recurrent/status, recurrent/disable, token,
/// token/info, wallet/balance), checks X-PARTNER-PROJECT and X-PARTNER-SIGN
/// over the exact body, honours X-PARTNER-IDEMPOTENCY-KEY, serves the 3-D
/// Secure ACS page at /acs/{payment} and the hosted payment page at
/// /{locale}/payment/{public_token}, and POSTs signed webhooks to
/// --webhook-url.
#[derive(Parser)]
#[command(name = "sg-sandbox", version, after_help = after_help())]
struct Cli {
    /// Address to listen on (loopback).
    #[arg(long, default_value = "127.0.0.1:4010")]
    listen: SocketAddr,
    /// The project name expected in X-PARTNER-PROJECT.
    #[arg(long, default_value = "demo")]
    project: String,
    /// The HMAC-SHA256 key requests are signed with, and webhooks are signed with.
    #[arg(
        long,
        env = "SG_SIGNING_KEY",
        default_value = "demo-secret",
        hide_env_values = true
    )]
    signing_key: String,
    /// The signature scheme of requests and webhooks.
    #[arg(long, value_enum, default_value = "hmac")]
    scheme: Scheme,
    /// RSA: the partner's public key (SPKI PEM file) that verifies requests.
    #[arg(long, required_if_eq("scheme", "rsa"))]
    partner_public_key: Option<std::path::PathBuf>,
    /// RSA: Smart Glocal's private key (PKCS#8 PEM file) that signs webhooks.
    #[arg(long, required_if_eq("scheme", "rsa"))]
    sg_private_key: Option<std::path::PathBuf>,
    /// Where webhooks are POSTed; without it they are only logged.
    #[arg(long)]
    webhook_url: Option<String>,
    /// First delay before a webhook is sent again; doubles on every retry.
    #[arg(long, default_value_t = 1000)]
    webhook_retry_base_ms: u64,
    /// How long a webhook is retried before giving up.
    #[arg(long, default_value_t = 1800)]
    webhook_retry_window_s: u64,
    /// The API version whose names webhooks use (1 or 2: v2 says
    /// `payment_list`, `payout_list` and `payout_details`).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    webhook_api_version: u8,
    /// Capture approved payments at once, or wait for session/capture.
    #[arg(long, value_enum, default_value = "auto")]
    capture: Capture,
    /// No ready_to_confirm: a started payment or payout confirms itself.
    #[arg(long)]
    auto_confirm: bool,
    /// Real time, or a clock that only POST /sandbox/clock {"advance_minutes": N}
    /// moves (fires the 240-minute confirmation and 60-minute 3-D Secure
    /// timeouts and webhook redeliveries at once).
    #[arg(long, value_enum, default_value = "real")]
    clock: ClockArg,
    /// Faults to inject, each with a probability: a comma-separated list of
    /// name=p with names api.5xx, api.429 (Retry-After: 1), api.timeout,
    /// api.drop (applied, then the connection closes), hook.drop, hook.dup,
    /// hook.reorder, hook.delay. Example: "api.5xx=0.05,api.drop=0.05,hook.dup=0.1".
    /// Counts at GET /sandbox/stats.
    #[arg(long, default_value = "")]
    faults: String,
    /// Seed of the fault draws (the same seed repeats a run's faults).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How long api.timeout and hook.delay hold, in milliseconds.
    #[arg(long, default_value_t = 5000)]
    fault_delay_ms: u64,
    /// Log one JSON object per line instead of readable lines.
    #[arg(long)]
    json_log: bool,
    /// Base URL of the sandbox as the customer's browser reaches it (ACS
    /// and payment pages); default http://{listen}.
    #[arg(long)]
    public_url: Option<String>,
    /// Print the test cards as JSON and exit.
    #[arg(long)]
    print_test_cards: bool,
}

fn after_help() -> String {
    let mut s = String::from("Test cards (any future expiry, any 3-digit code):\n");
    for c in TEST_CARDS {
        s.push_str(&format!("  {}  {}\n", c.number, c.what));
    }
    s.push_str(
        "  any other Luhn-valid number succeeds\n\nTest phones (fps/customer_verification):\n",
    );
    for p in TEST_PHONES {
        s.push_str(&format!("  {}  {}\n", p.phone, p.what));
    }
    s.push_str(
        "  any other phone is not registered\n\n\
Test controls: GET/POST /sandbox/clock, POST /sandbox/chargeback {\"session_id\": …}, GET /sandbox/stats\n\n\
Example:\n  sg-sandbox --listen 127.0.0.1:4010 --project demo --signing-key demo-secret \\\n    \
--webhook-url http://127.0.0.1:8787/webhooks/smart-glocal",
    );
    s
}

fn fail(code: i32, message: &str) -> ! {
    eprintln!("sg-sandbox: {message}");
    std::process::exit(code)
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if cli.print_test_cards {
        println!("{}", test_cards_json());
        return;
    }
    let read = |path: &Option<std::path::PathBuf>, what: &str| {
        let Some(path) = path.as_ref() else {
            fail(2, &format!("{what} is required with --scheme rsa"))
        };
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| fail(2, &format!("cannot read {what} {}: {e}", path.display())))
    };
    let rsa = (cli.scheme == Scheme::Rsa).then(|| sg_sandbox::RsaKeys {
        partner_public_key: read(&cli.partner_public_key, "--partner-public-key"),
        sg_private_key: read(&cli.sg_private_key, "--sg-private-key"),
    });
    let faults = Faults::parse(&cli.faults, cli.seed, cli.fault_delay_ms)
        .unwrap_or_else(|e| fail(2, &format!("--faults: {e}")));
    let config = Config {
        rsa,
        webhook_url: cli.webhook_url,
        webhook_retry_base_ms: cli.webhook_retry_base_ms,
        webhook_retry_window_s: cli.webhook_retry_window_s,
        webhook_v2: cli.webhook_api_version == 2,
        capture: match cli.capture {
            Capture::Auto => CaptureMode::Auto,
            Capture::Manual => CaptureMode::Manual,
        },
        auto_confirm: cli.auto_confirm,
        json_log: cli.json_log,
        public_url: cli.public_url,
        clock: match cli.clock {
            ClockArg::Real => ClockMode::Real,
            ClockArg::Manual => ClockMode::Manual,
        },
        faults,
        ..Config::new(&cli.project, &cli.signing_key)
    };
    let faulty = !config.faults.is_none();
    let running = match start(cli.listen, config).await {
        Ok(r) => r,
        Err(e) => fail(1, &format!("cannot start on {}: {e}", cli.listen)),
    };
    println!(
        "sg-sandbox listening on http://{} (scheme {}{}{})",
        running.addr,
        if cli.scheme == Scheme::Rsa {
            "rsa"
        } else {
            "hmac"
        },
        if matches!(cli.clock, ClockArg::Manual) {
            ", manual clock"
        } else {
            ""
        },
        if faulty { ", faults on" } else { "" },
    );
    tokio::select! {
        _ = running.task => {}
        _ = tokio::signal::ctrl_c() => println!("sg-sandbox: stopping"),
    }
}
