//! The fuzz targets: one function per entry point, each a strategy and the
//! properties every input must keep (never a panic, and more where a rule
//! says more).

mod inputs;
mod replay;

pub use replay::replay;

use super::run;
use inputs::*;
use proptest::prelude::*;
use smart_glocal::json;
use smart_glocal::model::{Fields, Redirect, RedirectMethod};
use smart_glocal::request::AnswerPart;
use smart_glocal::{Endpoint, Error};

/// No error message may carry 12 or more digits in a row that the input
/// had: that would be a card number echoed.
fn no_card_echo(input: &[u8], e: &Error) -> Result<(), String> {
    let message = e.message();
    let text = String::from_utf8_lossy(input);
    for run in text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| r.len() >= 12)
    {
        if message.contains(run) {
            return Err(format!("the message quotes input digits: {message}"));
        }
    }
    Ok(())
}

pub fn json_parser() {
    run("json_parser", mutated_json(), |bytes| {
        if let Ok(doc) = json::parse(bytes) {
            // Every value's span is inside the text and parses alone.
            let root = doc.root();
            let span = root.span();
            if span.end > bytes.len() || json::parse(&bytes[span]).is_err() {
                return Err("a span that does not parse".into());
            }
        }
        Ok(())
    });
}

pub fn json_parser_agrees_with_serde() {
    run("json_parser_agrees_with_serde", json_alphabet(), |bytes| {
        let kept = json::parse_keeping_repeats(bytes);
        let ours = kept.is_ok();
        // The strict reader refuses exactly the documents that repeat a key.
        let repeats = kept.as_ref().is_ok_and(|d| d.has_repeated_key());
        if json::parse(bytes).is_ok() != (ours && !repeats) {
            return Err("the strict reader disagrees with the repeated-key check".into());
        }
        let theirs = serde_json::from_slice::<serde_json::Value>(bytes);
        let out_of_range =
            matches!(&theirs, Err(e) if e.to_string().starts_with("number out of range"));
        if !out_of_range && ours != theirs.is_ok() {
            return Err(format!("ours {ours}, serde {}", theirs.is_ok()));
        }
        Ok(())
    });
}

pub fn params_of_every_endpoint() {
    run(
        "params_of_every_endpoint",
        (mutated_params(), 0..Endpoint::ALL.len()),
        |(bytes, i)| {
            let text = String::from_utf8_lossy(bytes);
            match smart_glocal::params::read(Endpoint::ALL[*i], &text) {
                Ok(r) => {
                    // The body is JSON and differs from the input only by case.
                    let body: serde_json::Value =
                        serde_json::from_str(&r.body).map_err(|e| e.to_string())?;
                    let input: serde_json::Value =
                        serde_json::from_str(&text).map_err(|e| e.to_string())?;
                    if !body.to_string().eq_ignore_ascii_case(&input.to_string()) {
                        return Err("the body is not the caller's JSON".into());
                    }
                    // `edited` says exactly whether the bytes changed (the
                    // glue sends the caller's own bytes when not).
                    if r.edited != (r.body != text) {
                        return Err(format!(
                            "edited is {} for a body that is {}the text",
                            r.edited,
                            if r.edited { "" } else { "not " }
                        ));
                    }
                    Ok(())
                }
                Err(e) => no_card_echo(bytes, &e),
            }
        },
    );
}

pub fn webhook_events() {
    run(
        "webhook_events",
        mutated_events(),
        |bytes| match smart_glocal::webhook::parse_event(bytes) {
            Ok(ev) => {
                if let Some(op) = &ev.session.operation {
                    if op.amount.as_ref().is_some_and(|a| a.0 > (1 << 53) - 1) {
                        return Err("an unsafe amount got through".into());
                    }
                }
                Ok(())
            }
            Err(e) => no_card_echo(bytes, &e),
        },
    );
}

pub fn api_answers() {
    run(
        "api_answers",
        (
            mutated_events(),
            prop_oneof![Just(200u16), Just(409), Just(429), Just(502), 100u16..600],
        ),
        |(bytes, status)| {
            for returns in [
                AnswerPart::Session,
                AnswerPart::Recurrent,
                AnswerPart::Whole,
            ] {
                let _ = smart_glocal::response::interpret_text(*status, bytes, returns);
            }
            Ok(())
        },
    );
}

pub fn payment_views() {
    run(
        "payment_views",
        (mutated_events(), any::<bool>()),
        |(bytes, metadata)| {
            let text = String::from_utf8_lossy(bytes);
            if let Ok(view) = smart_glocal::PaymentView::json_of(&text, *metadata) {
                let v: serde_json::Value =
                    serde_json::from_str(&view).map_err(|e| e.to_string())?;
                if let Some(l) = v["card"]["last4"].as_str() {
                    if l.len() > 4 {
                        return Err("last4 of more than 4 digits".into());
                    }
                }
                for secret in ["4000000000003220", "tok_secret", "reject_reasons"] {
                    if view.contains(secret) {
                        return Err(format!("{secret} in a view"));
                    }
                }
            }
            Ok(())
        },
    );
}

pub fn views_read_back() {
    run("views_read_back", mutated_views(), |bytes| {
        if let Ok(doc) = json::parse(bytes) {
            let _ = smart_glocal::view::read_view(&doc.root());
        }
        Ok(())
    });
}

pub fn redirect_plans() {
    let field = (".{0,12}", ".{0,24}");
    let strategy = (
        url_like(),
        proptest::option::of(url_like()),
        prop_oneof![Just("GET"), Just("POST"), Just("PUT"), Just("get")],
        prop::collection::vec(field, 0..4),
        prop::collection::vec(field, 0..4),
        proptest::option::of(prop::collection::vec("[a-z.]{1,12}", 0..3)),
    )
        .prop_map(|(url, base_url, method, qs, params, hosts)| {
            (
                Redirect {
                    url,
                    base_url,
                    method: RedirectMethod::from(method.to_ascii_uppercase().as_str()),
                    qs: Fields(qs),
                    params: Fields(params),
                },
                hosts,
            )
        });
    run(
        "redirect_plans",
        strategy.prop_map(|(r, h)| (format!("{r:?}"), (r, h))),
        |(_, (r, hosts))| {
            if let Ok(plan) = smart_glocal::redirect::plan(r, hosts.as_deref()) {
                let url = smart_glocal::url::parse_http(&plan.action)
                    .ok_or("an action that is not an http(s) URL")?;
                if !url.https && !url.is_loopback() {
                    return Err("plain http to a remote host".into());
                }
            }
            Ok(())
        },
    );
}

pub fn returns_from_3ds() {
    run(
        "returns_from_3ds",
        (form_like(), url_like()),
        |(form, target)| {
            let _ = smart_glocal::return_url::fields_in("POST", Some(form));
            if let Ok(location) = smart_glocal::return_url::return_location(target, form) {
                if location.len() > smart_glocal::limits::MAX_LOCATION_BYTES {
                    return Err("a Location over its cap".into());
                }
                if location.starts_with("//") {
                    return Err("a Location to another origin".into());
                }
            }
            Ok(())
        },
    );
}

pub fn rsa_keys() {
    run("rsa_keys", pem_like(), |pem| {
        use smart_glocal::signature::keys::{rsa_private_key, rsa_public_key};
        for e in [
            rsa_private_key(pem, "privateKey").err(),
            rsa_public_key(pem, "webhookPublicKey").err(),
        ]
        .into_iter()
        .flatten()
        {
            let body_line = pem.lines().nth(1).unwrap_or("");
            if body_line.len() > 8 && e.message().contains(body_line) {
                return Err("key material echoed".into());
            }
        }
        Ok(())
    });
}

pub fn base64_and_hex() {
    run(
        "base64_and_hex",
        prop::collection::vec(any::<u8>(), 0..300),
        |bytes| {
            use smart_glocal::signature::base64;
            let coded = base64::encode(bytes);
            if base64::decode(coded.bytes()).as_deref() != Some(bytes.as_slice()) {
                return Err("base64 does not round-trip".into());
            }
            let _ = base64::decode(bytes.iter().copied());
            let hex = smart_glocal::hex::encode(bytes);
            if bytes.len() == 32
                && smart_glocal::hex::decode_fixed::<32>(&hex)
                    .map(|b| b.to_vec())
                    .as_ref()
                    != Some(bytes)
            {
                return Err("hex does not round-trip".into());
            }
            let _ = smart_glocal::hex::decode_fixed::<32>(&String::from_utf8_lossy(bytes));
            Ok(())
        },
    );
}

pub fn retry_policy() {
    let strategy = (
        0u32..12,
        0u32..12,
        prop_oneof![Just(None), Just(Some(0u16)), (100u16..600).prop_map(Some)],
        proptest::option::of(".{0,40}"),
        any::<f64>(),
        any::<u64>(),
    );
    run(
        "retry_policy",
        strategy.prop_map(|v| (format!("{v:?}"), v)),
        |(_, (max, attempt, status, retry_after, jitter, now))| {
            use smart_glocal::limits::MAX_RETRY_AFTER_MS;
            use smart_glocal::retry::{Outcome, RetryPolicy};
            let p = RetryPolicy { max_retries: *max };
            let outcome = match status {
                None => Outcome::Timeout,
                Some(0) => Outcome::Network,
                Some(s) => Outcome::Status {
                    status: *s,
                    api_code: None,
                    retry_after: retry_after.as_deref(),
                },
            };
            match p.next_delay_ms(*attempt, outcome, *jitter, *now) {
                Some(_) if attempt >= max => Err("retried past maxRetries".into()),
                Some(d) if d > MAX_RETRY_AFTER_MS => Err(format!("a delay of {d} ms")),
                _ => Ok(()),
            }
        },
    );
}

pub fn client_config() {
    run("client_config", mutated_configs(), |bytes| {
        if let Ok(doc) = json::parse(bytes) {
            if let Err(e) = smart_glocal::client::read_config(Some(&doc.root())) {
                if e.message().contains("s3cret") {
                    return Err("a key in a message".into());
                }
            }
        }
        Ok(())
    });
}

pub fn body_caps() {
    run(
        "body_caps",
        (".{0,30}", 1u64..1 << 30),
        |(declared, limit)| {
            let cap = smart_glocal::body_cap::BodyCap { limit: *limit };
            if let Ok(n) = declared.trim().parse::<u64>() {
                if declared.trim().bytes().all(|b| b.is_ascii_digit())
                    && (cap.check_declared(Some(declared)).is_ok()) != (n <= *limit)
                {
                    return Err("the declared length was misjudged".into());
                }
            }
            Ok(())
        },
    );
}

pub fn urls() {
    run("urls", url_like(), |s| {
        if let Some(u) = smart_glocal::url::parse_http(s) {
            if s.bytes().any(|b| b <= b' ' || b == b'\\') || u.host.is_empty() {
                return Err("accepted a URL a browser would read differently".into());
            }
        }
        Ok(())
    });
}

pub fn redaction() {
    run("redaction", mutated_params(), |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let out = smart_glocal::redact::redact_body(&text);
        for card in ["4242424242424242", "4000000000000002"] {
            if out.contains(card) && text.contains(&format!("\"number\":\"{card}\"")) {
                return Err("a card number survived redaction".into());
            }
        }
        Ok(())
    });
}

/// A card number (Luhn-valid, 12 to 19 digits, in groups with separators),
/// an IBAN (mod 97, maybe in groups of four) or a hex token, generated and
/// written inside text under any name: the redacted body never holds it.
pub fn redaction_of_secret_shapes() {
    const SEPARATORS: [&str; 7] = [" ", "-", ".", "\u{a0}", "\u{200b}", "\u{2060}", "\u{feff}"];
    let strategy = (
        0..3u8,
        proptest::collection::vec(0..10u8, 11..=18),
        proptest::collection::vec(1..7usize, 1..8),
        0..SEPARATORS.len(),
        "[a-z ]{0,12}",
        "[a-z ]{0,12}",
        "[a-z_]{1,10}",
    );
    run(
        "redaction_of_secret_shapes",
        strategy.prop_map(|(kind, digits, groups, sep, before, after, key)| {
            let secret = match kind {
                0 => grouped(&luhn_complete(&digits), &groups, SEPARATORS[sep]),
                1 => iban_of(&digits, sep % 2 == 0),
                _ => digits
                    .iter()
                    .chain(&digits)
                    .chain(&digits)
                    .map(|d| format!("{:x}", d + 6))
                    .collect(),
            };
            let body = format!(
                r#"{{"metadata":{{"{key}":"{before}{secret}{after}"}}}}"#,
                before = before.trim_end_matches(char::is_numeric),
            );
            (body, secret)
        }),
        |(body, secret)| {
            let out = smart_glocal::redact::redact_body(body);
            let plain: String = secret.chars().filter(char::is_ascii_alphanumeric).collect();
            let out_plain: String = out.chars().filter(char::is_ascii_alphanumeric).collect();
            if out.contains(secret.as_str()) || out_plain.contains(&plain) {
                return Err(format!("a secret survived: {out}"));
            }
            Ok(())
        },
    );
}

/// `digits` with the Luhn check digit appended.
fn luhn_complete(digits: &[u8]) -> String {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    digits
        .iter()
        .map(|d| char::from(b'0' + d))
        .chain([char::from_digit(check, 10).unwrap()])
        .collect()
}

/// `number` cut in groups of the given sizes (the last takes the rest).
fn grouped(number: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::new();
    let mut rest = number;
    for &n in sizes {
        if rest.len() <= n {
            break;
        }
        out.push_str(&rest[..n]);
        out.push_str(sep);
        rest = &rest[n..];
    }
    out.push_str(rest);
    out
}

/// A German-style IBAN with valid check digits, maybe in groups of four.
fn iban_of(digits: &[u8], spaced: bool) -> String {
    let bban: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    // Check digits: 98 − (BBAN · "DE00" as digits) mod 97.
    let moved = format!("{bban}131400");
    let rem = moved
        .bytes()
        .fold(0u32, |r, b| (r * 10 + u32::from(b - b'0')) % 97);
    let iban = format!("DE{:02}{bban}", 98 - rem);
    if !spaced {
        return iban;
    }
    iban.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn money() {
    run(
        "money",
        ("[a-zA-Z]{0,4}", any::<u64>()),
        |(currency, amount)| {
            let text = smart_glocal::money::to_decimal(*amount, currency);
            let digits: String = text.chars().filter(|c| *c != '.').collect();
            if digits.trim_start_matches('0').parse::<u64>().unwrap_or(0) != *amount {
                return Err(format!("{amount} became {text}"));
            }
            Ok(())
        },
    );
}
