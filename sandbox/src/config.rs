//! What the command line sets, as one value the server starts from.

use crate::clock::ClockMode;
use crate::engine::CaptureMode;
use crate::faults::Faults;

/// The live service's scheme: RSA-SHA256, base64.
#[derive(Clone)]
pub struct RsaKeys {
    /// The partner's SPKI public key (PEM): verifies requests.
    pub partner_public_key: String,
    /// Smart Glocal's PKCS#8 private key (PEM): signs webhooks.
    pub sg_private_key: String,
}

impl std::fmt::Debug for RsaKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RsaKeys { .. }")
    }
}

/// Everything the command line sets.
#[derive(Debug, Clone)]
pub struct Config {
    pub project: String,
    /// HMAC key, used when `rsa` is `None`.
    pub signing_key: String,
    /// `--scheme rsa`: the keys of the RSA scheme.
    pub rsa: Option<RsaKeys>,
    pub webhook_url: Option<String>,
    pub webhook_retry_base_ms: u64,
    pub webhook_retry_window_s: u64,
    /// `--webhook-api-version 2`: webhooks in API v2's names (`payment_list`,
    /// `payout_list`, `payout_details`), as a project set up for v2 gets them.
    pub webhook_v2: bool,
    pub capture: CaptureMode,
    /// `--auto-confirm`: no `ready_to_confirm`, a started operation confirms itself.
    pub auto_confirm: bool,
    pub json_log: bool,
    /// No log lines at all (the tests' harness).
    pub quiet: bool,
    /// Base URL of the sandbox as a browser reaches it (ACS and payment
    /// pages). Default: `http://{listen address}`.
    pub public_url: Option<String>,
    /// `--clock manual`: time moves only by `POST /sandbox/clock`.
    pub clock: ClockMode,
    /// `--faults SPEC --seed N`.
    pub faults: Faults,
}

impl Config {
    /// The defaults of the command line, for `project` and an HMAC key.
    pub fn new(project: &str, signing_key: &str) -> Config {
        Config {
            project: project.into(),
            signing_key: signing_key.into(),
            rsa: None,
            webhook_url: None,
            webhook_retry_base_ms: 1000,
            webhook_retry_window_s: 1800,
            webhook_v2: false,
            capture: CaptureMode::Auto,
            auto_confirm: false,
            json_log: false,
            quiet: false,
            public_url: None,
            clock: ClockMode::Real,
            faults: Faults::none(),
        }
    }
}
