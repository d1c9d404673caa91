//! The options of a sandbox as the package's JavaScript gives them (JSON
//! text of a plain object it built), read strictly: an unknown member is
//! an error naming it, so a typo never passes silently.

use serde::Deserialize;
use sg_sandbox::clock::ClockMode;
use sg_sandbox::engine::CaptureMode;
use sg_sandbox::faults::Faults;
use sg_sandbox::Config;

enum Kind {
    Text,
    Whole,
    Switch,
}

/// Every option and its type (the members of [`Options`], camelCase).
const KINDS: &[(&str, Kind)] = &[
    ("project", Kind::Text),
    ("signingKey", Kind::Text),
    ("publicUrl", Kind::Text),
    ("webhookUrl", Kind::Text),
    ("clock", Kind::Text),
    ("faults", Kind::Text),
    ("seed", Kind::Whole),
    ("faultDelayMs", Kind::Whole),
    ("retryBaseMs", Kind::Whole),
    ("retryWindowS", Kind::Whole),
    ("capture", Kind::Text),
    ("autoConfirm", Kind::Switch),
    ("webhookApiVersion", Kind::Whole),
    ("log", Kind::Switch),
    ("jsonLog", Kind::Switch),
    ("partnerPublicKey", Kind::Text),
    ("sgPrivateKey", Kind::Text),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    project: String,
    signing_key: String,
    /// Where the sandbox's pages are reached (the shell's own address).
    public_url: String,
    #[serde(default)]
    webhook_url: Option<String>,
    #[serde(default)]
    clock: Option<String>,
    #[serde(default)]
    faults: Option<String>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    fault_delay_ms: Option<u64>,
    #[serde(default)]
    retry_base_ms: Option<u64>,
    #[serde(default)]
    retry_window_s: Option<u64>,
    #[serde(default)]
    capture: Option<String>,
    #[serde(default)]
    auto_confirm: Option<bool>,
    #[serde(default)]
    webhook_api_version: Option<u8>,
    /// Keep a log line per request and webhook attempt for the shell.
    #[serde(default)]
    log: Option<bool>,
    /// Those lines as JSON objects.
    #[serde(default)]
    json_log: Option<bool>,
    /// The RSA scheme (the live service's): the partner's SPKI public key
    /// that verifies requests, and the PKCS#8 private key that signs
    /// webhooks, as PEM text. Both or neither; with them `signingKey` is
    /// not used.
    #[serde(default)]
    partner_public_key: Option<String>,
    #[serde(default)]
    sg_private_key: Option<String>,
}

impl Options {
    /// Reads the JSON text; errors name the option, never its value.
    pub fn parse(text: &str) -> Result<Options, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|_| "the options are not JSON".to_string())?;
        let object = value.as_object().ok_or("the options must be an object")?;
        for (name, v) in object {
            let Some((_, kind)) = KINDS.iter().find(|(n, _)| n == name) else {
                return Err(format!("unknown option \"{name}\""));
            };
            let ok = match kind {
                Kind::Text => v.is_string(),
                Kind::Whole => v.is_u64(),
                Kind::Switch => v.is_boolean(),
            };
            if !ok && !v.is_null() {
                let what = match kind {
                    Kind::Text => "a string",
                    Kind::Whole => "a whole number",
                    Kind::Switch => "a boolean",
                };
                return Err(format!("option `{name}` must be {what}"));
            }
        }
        serde_json::from_value(value).map_err(|_| "the options are not valid".to_string())
    }

    /// The sandbox's configuration, and where its pages are reached.
    pub fn config(self) -> Result<(Config, String), String> {
        if self.project.is_empty() || self.signing_key.is_empty() {
            return Err("project and signingKey must not be empty".into());
        }
        let mut c = Config::new(&self.project, &self.signing_key);
        c.rsa = match (self.partner_public_key, self.sg_private_key) {
            (None, None) => None,
            (Some(partner_public_key), Some(sg_private_key)) => Some(sg_sandbox::RsaKeys {
                partner_public_key,
                sg_private_key,
            }),
            _ => return Err("partnerPublicKey and sgPrivateKey go together".into()),
        };
        c.webhook_url = self.webhook_url;
        c.quiet = !self.log.unwrap_or(false);
        c.json_log = self.json_log.unwrap_or(false);
        c.clock = match self.clock.as_deref() {
            None | Some("real") => ClockMode::Real,
            Some("manual") => ClockMode::Manual,
            Some(_) => return Err("clock must be \"real\" or \"manual\"".into()),
        };
        c.capture = match self.capture.as_deref() {
            None | Some("auto") => CaptureMode::Auto,
            Some("manual") => CaptureMode::Manual,
            Some(_) => return Err("capture must be \"auto\" or \"manual\"".into()),
        };
        c.auto_confirm = self.auto_confirm.unwrap_or(false);
        c.webhook_v2 = match self.webhook_api_version {
            None | Some(1) => false,
            Some(2) => true,
            Some(_) => return Err("webhookApiVersion must be 1 or 2".into()),
        };
        if let Some(ms) = self.retry_base_ms {
            c.webhook_retry_base_ms = ms.max(1);
        }
        if let Some(s) = self.retry_window_s {
            c.webhook_retry_window_s = s;
        }
        if let Some(spec) = self.faults.as_deref().filter(|s| !s.is_empty()) {
            // The native command line's defaults (Faults::none's).
            let none = Faults::none();
            c.faults = Faults::parse(
                spec,
                self.seed.unwrap_or(none.seed),
                self.fault_delay_ms.unwrap_or(none.delay_ms),
            )?;
        }
        Ok((c, self.public_url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_strictly() {
        let ok = Options::parse(r#"{"project":"demo","signingKey":"k","publicUrl":"http://127.0.0.1:1","clock":"manual","faults":"hook.drop=0.5","seed":3}"#)
            .unwrap()
            .config()
            .unwrap();
        assert_eq!(ok.0.clock, ClockMode::Manual);
        assert_eq!(ok.1, "http://127.0.0.1:1");
        let e = Options::parse(
            r#"{"project":"demo","signingKey":"k","publicUrl":"x","webhookURL":"secret-ish"}"#,
        )
        .unwrap_err();
        assert!(e.contains("webhookURL") && !e.contains("secret-ish"), "{e}");
        let e =
            Options::parse(r#"{"project":"demo","signingKey":"k","publicUrl":"x","clock":"fast"}"#)
                .unwrap()
                .config()
                .unwrap_err();
        assert!(e.contains("clock"), "{e}");
        let e = Options::parse(r#"{"project":"demo","signingKey":987654321,"publicUrl":"x"}"#)
            .unwrap_err();
        assert_eq!(e, "option `signingKey` must be a string", "never the value");
        let e = Options::parse(r#"{"project":"demo","signingKey":"k","publicUrl":"x","seed":"7"}"#)
            .unwrap_err();
        assert_eq!(e, "option `seed` must be a whole number");
        assert!(Options::parse("[1]").is_err());
        let half = Options::parse(
            r#"{"project":"demo","signingKey":"k","publicUrl":"x","sgPrivateKey":"pem"}"#,
        )
        .unwrap()
        .config()
        .unwrap_err();
        assert!(half.contains("together"), "{half}");
    }
}
