//! The sandbox as a second, independent reading of the API: it judges
//! requests with its own module (`engine/requests`, written from the live
//! reference's pages) and never with the SDK's `params`, and it accepts
//! every request example of the live pages (`tests/fixtures/live`) over
//! HTTP in v1 and v2, a session made first where the example names one.

mod common;

use common::harness;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_sandbox_never_judges_a_request_with_the_sdks_params() {
    let mut sources = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    assert!(sources.len() > 20, "read {} files", sources.len());
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            assert!(
                !code.contains("smart_glocal::params") && !code.contains("params::read"),
                "{}:{}: the sandbox must read requests with its own module",
                file.display(),
                n + 1
            );
        }
    }
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/live")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test]
async fn every_request_example_of_the_live_pages_is_accepted() {
    let h = harness().await;
    let manifest = fixture("examples");
    let examples: Vec<(&str, &str)> = manifest["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r[0].as_str().unwrap(), r[1].as_str().unwrap()))
        .collect();
    assert!(examples.len() >= 27);
    let mut judged = 0;
    for ((name, endpoint), v2) in examples.iter().flat_map(|e| [(*e, false), (*e, true)]) {
        let mut body = fixture(name);
        // In v2 a payout's destination is `payout_details`.
        if v2 && endpoint.starts_with("session/") {
            if let Some(m) = body.as_object_mut().unwrap().remove("payment_method") {
                body["payout_details"] = m;
            }
        }
        let endpoint = if v2 {
            format!("v2/{endpoint}")
        } else {
            endpoint.to_string()
        };
        let session_of = |extra: Value| async {
            let s = h.ok("session/create", extra).await;
            s["id"].as_str().unwrap().to_string()
        };
        // A session of the sandbox's own where the example names one.
        let widget = ["acquiring_widget", "fps_no_account_widget"]
            .into_iter()
            .find(|w| body.get(w).is_some());
        if let Some(w) = widget {
            let amount = json!({"amount_details": {"amount": 1000, "currency": "usd"}});
            body[w]["session_id"] = json!(session_of(amount).await);
        } else if body.get("session_id").is_some() {
            body["session_id"] = json!(session_of(json!({})).await);
        }
        let (status, reply) = h.call(&endpoint, body).await;
        let code = reply["error"]["code"].as_str().unwrap_or("");
        assert!(
            !matches!(code, "invalid_params" | "malformed_json"),
            "{name} → {endpoint}: {status} {reply}"
        );
        judged += 1;
    }
    assert_eq!(judged, 2 * examples.len(), "in v1 and v2");
    // And a modelling error is caught: the shape these notes once had.
    h.error(
        "recurrent/disable",
        json!({"token": "t"}),
        400,
        "invalid_params",
    )
    .await;
}

/// API v2 (the reference's v2 tabs): `/api/v2/…` takes `payout_details` for
/// v1's `payment_method`, and answers with `payment_list`, `payout_list`
/// and `payout_details`; a v1 name in v2 is refused.
#[tokio::test]
async fn api_v2_speaks_v2_names_both_ways() {
    let h = harness().await;
    let mut payout = fixture("payout-fps-request");
    let method = payout
        .as_object_mut()
        .unwrap()
        .remove("payment_method")
        .unwrap();
    payout["payout_details"] = method.clone();
    let s = h.ok("v2/session/init/payout", payout.clone()).await;
    assert!(s.get("payments").is_none(), "{s}");
    assert!(s["payout_list"][0]["id"]
        .as_str()
        .unwrap()
        .starts_with("po_"));
    assert_eq!(
        s["payout_list"][0]["payout_details"]["type"],
        "bank_account"
    );
    h.error("session/init/payout", payout, 400, "invalid_params")
        .await;
    let mut v1_in_v2 = fixture("payout-fps-request");
    v1_in_v2["amount_details"]["amount"] = json!(10001);
    h.error("v2/session/init/payout", v1_in_v2, 400, "invalid_params")
        .await;
    let paid = h
        .ok(
            "v2/session/init/payment",
            common::init_body("4242424242424242", json!({})),
        )
        .await;
    assert!(
        paid.get("acquiring_payments").is_none() && paid["payment_list"].is_array(),
        "{paid}"
    );
    let id = paid["id"].as_str().unwrap();
    let status = h.ok("v2/session/status", json!({"session_id": id})).await;
    assert_eq!(
        status["payment_list"][0]["id"],
        paid["payment_list"][0]["id"]
    );
}

/// Every member path of a JSON value (`session.payments[].id`), values aside.
fn members(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.push(path.clone());
                members(child, &path, out);
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                members(first, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

/// The sandbox answers each documented request with the members of the
/// page's answer (a session made first where the manifest says so). The
/// members that only echo what the caller sent (`customer`, `metadata`) are
/// left to the flow tests.
#[tokio::test]
async fn answers_carry_the_documented_members() {
    let h = harness().await;
    let manifest = fixture("examples");
    let mut compared = Vec::new();
    for answer in manifest["answers"].as_array().unwrap() {
        let Some(request) = answer["request"].as_str() else {
            continue;
        };
        let name = answer["answer"].as_str().unwrap();
        let endpoint = answer["endpoint"].as_str().unwrap();
        let mut body = fixture(request);
        if let Some(setup) = answer["session"].as_str() {
            let s = h
                .ok(&setup_endpoint(&manifest, setup), fixture(setup))
                .await;
            let id = json!(s["id"].as_str().unwrap());
            match body.get_mut("acquiring_widget") {
                Some(w) => w["session_id"] = id,
                None => body["session_id"] = id,
            }
        }
        let (status, reply) = h.call(endpoint, body).await;
        assert_eq!(
            (status, reply["status"].as_str()),
            (200, Some("ok")),
            "{name}: {reply}"
        );
        let (mut documented, mut got) = (Vec::new(), Vec::new());
        members(&fixture(name), "", &mut documented);
        members(&reply, "", &mut got);
        let echoed = |p: &String| p.contains(".customer") || p.contains(".metadata");
        let missing: Vec<_> = documented
            .iter()
            .filter(|p| !echoed(p) && !got.contains(p))
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: the sandbox lacks {missing:?} in {reply}"
        );
        compared.push(name);
    }
    assert_eq!(compared.len(), 6, "{compared:?}");
}

fn setup_endpoint(manifest: &Value, request: &str) -> String {
    manifest["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == request)
        .map(|r| r[1].as_str().unwrap().to_string())
        .unwrap()
}

/// The country schemes of a `global` account are judged by their public
/// rules, and mixing two is refused (docs/payouts/payout-USA,
/// payout-australia, payout-united-kingdom).
#[tokio::test]
async fn global_accounts_are_judged_by_their_country_rules() {
    let h = harness().await;
    let at = "payment_method.bank_account.global";
    for (file, member, value, field) in [
        (
            "payout-usa-request",
            "routing_code",
            json!("011000016"),
            "routing_code",
        ),
        (
            "payout-usa-request",
            "account_type",
            json!("checking"),
            "account_type",
        ),
        ("payout-usa-request", "sort_code", json!("123456"), "iban"),
        (
            "payout-australia-request",
            "bsb_number",
            json!("0620-00"),
            "bsb_number",
        ),
        (
            "payout-australia-request",
            "account_number",
            json!("123456"),
            "account_number",
        ),
        (
            "payout-united-kingdom-request",
            "sort_code",
            json!("12-345-6"),
            "sort_code",
        ),
    ] {
        let mut body = fixture(file);
        body["payment_method"]["bank_account"]["global"][member] = value;
        let reply = h
            .error("session/init/payout", body, 400, "invalid_params")
            .await;
        let said = reply["error"]["description"].as_str().unwrap_or("");
        assert!(
            said.contains(&format!("{at}.{field}")),
            "{file} {member}: {reply}"
        );
    }
}
