use clap::{Parser, ValueEnum};
use sg_sandbox::engine::{CaptureMode, TEST_CARDS};
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

/// A local emulator of the Smart Glocal API.
///
/// Serves every endpoint under /api/v1/ (session/create, init/payment,
/// start/payment, confirm, cancel, capture, refund, status,
/// recurrent/status, recurrent/disable), checks X-PARTNER-PROJECT and
/// X-PARTNER-SIGN (HMAC-SHA256 hex over the body), honours
/// X-PARTNER-IDEMPOTENCY-KEY, serves a 3-D Secure ACS page at
/// /acs/{payment}, and POSTs signed webhooks to --webhook-url.
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
    /// Capture approved payments at once, or wait for session/capture.
    #[arg(long, value_enum, default_value = "auto")]
    capture: Capture,
    /// Log one JSON object per line instead of readable lines.
    #[arg(long)]
    json_log: bool,
    /// Base URL of the sandbox as the customer's browser reaches it (ACS
    /// redirects); default http://{listen}.
    #[arg(long)]
    public_url: Option<String>,
}

fn after_help() -> String {
    let mut s = String::from("Test cards (any expiry, any 3-digit code):\n");
    for (number, _, what) in TEST_CARDS {
        s.push_str(&format!("  {number}  {what}\n"));
    }
    s.push_str("  any other Luhn-valid number succeeds\n\nExample:\n  sg-sandbox --listen 127.0.0.1:4010 --project demo --signing-key demo-secret \\\n    --webhook-url http://127.0.0.1:8787/webhooks/smart-glocal");
    s
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let read = |path: &Option<std::path::PathBuf>, what: &str| {
        let path = path.as_ref().expect("clap requires it with --scheme rsa");
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("sg-sandbox: cannot read {what} {}: {e}", path.display());
            std::process::exit(2);
        })
    };
    let rsa = (cli.scheme == Scheme::Rsa).then(|| sg_sandbox::RsaKeys {
        partner_public_key: read(&cli.partner_public_key, "--partner-public-key"),
        sg_private_key: read(&cli.sg_private_key, "--sg-private-key"),
    });
    let config = Config {
        project: cli.project,
        signing_key: cli.signing_key,
        rsa,
        webhook_url: cli.webhook_url,
        webhook_retry_base_ms: cli.webhook_retry_base_ms,
        webhook_retry_window_s: cli.webhook_retry_window_s,
        capture: match cli.capture {
            Capture::Auto => CaptureMode::Auto,
            Capture::Manual => CaptureMode::Manual,
        },
        json_log: cli.json_log,
        public_url: cli.public_url,
    };
    let running = match start(cli.listen, config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sg-sandbox: cannot start on {}: {e}", cli.listen);
            std::process::exit(1);
        }
    };
    println!(
        "sg-sandbox listening on http://{} (scheme {})",
        running.addr,
        if cli.scheme == Scheme::Rsa {
            "rsa"
        } else {
            "hmac"
        }
    );
    tokio::select! {
        _ = running.task => {}
        _ = tokio::signal::ctrl_c() => println!("sg-sandbox: stopping"),
    }
}
