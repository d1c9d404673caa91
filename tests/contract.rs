//! The packages' written contract agrees with the core: the TypeScript
//! unions `ErrorCode` and `PaymentState` (js/shared.d.ts, shipped in both
//! packages), the edge package's `Endpoint`, status and event-type unions
//! list exactly the core's values, in order; the edge client has one method
//! per endpoint; both package READMEs name every error code.

use smart_glocal::error::ERROR_CODES;
use smart_glocal::view::PaymentState;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn typescript_unions_match_the_core() {
    let dts = read("js/shared.d.ts");
    assert_eq!(quoted_union(&dts, "ErrorCode"), ERROR_CODES);
    assert_eq!(quoted_union(&dts, "PaymentState"), PaymentState::KNOWN);
}

#[test]
fn the_codes_made_in_javascript_are_the_core_s() {
    let load = read("js/load.js");
    assert!(load.contains("\"wasm_unavailable\""));
    assert!(ERROR_CODES.contains(&"wasm_unavailable"));
    let form = read("pkg-template/browser/payment-form.js");
    assert!(form.contains("\"widget_unavailable\""));
    let options = read("pkg-template/browser/plain-options.js");
    assert!(options.contains("\"invalid_params\""));
    assert!(ERROR_CODES.contains(&"widget_unavailable"));
}

#[test]
fn both_readmes_name_every_error_code() {
    for readme in [
        "pkg-template/edge/README.md",
        "pkg-template/browser/README.md",
    ] {
        let text = read(readme);
        let missing: Vec<_> = ERROR_CODES
            .iter()
            .filter(|c| !text.contains(&format!("`{c}`")))
            .collect();
        assert!(missing.is_empty(), "{readme} lacks {missing:?}");
    }
}

/// The members of `export interface <name> { … }` (one per line, `name:` or `name?:`).
fn interface(dts: &str, name: &str) -> Vec<String> {
    let start = dts
        .find(&format!("export interface {name} {{"))
        .unwrap_or_else(|| panic!("no interface {name}"));
    let body = &dts[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && !l.is_empty())
        .filter_map(|l| l.split([':', '?']).next())
        .map(|m| m.trim().to_string())
        .collect()
}

#[test]
fn the_typescript_payment_view_has_the_core_views_members_in_order() {
    let dts = read("js/shared.d.ts");
    let view = smart_glocal::PaymentView::json_of(
        r#"{"id":"ps_1","status":"created","metadata":{"m":1}}"#,
        true,
    )
    .unwrap();
    let doc = smart_glocal::json::parse(view.as_bytes()).unwrap();
    let keys: Vec<String> = doc
        .root()
        .members()
        .map(|(k, _)| k.as_str().unwrap().into_owned())
        .collect();
    assert_eq!(
        keys,
        interface(&dts, "PaymentView"),
        "the same members, in order"
    );
}

/// The quoted members of `<name> = Open<"a" | "b">` or `<name> = | "a" | "b";`.
fn quoted_union(dts: &str, name: &str) -> Vec<String> {
    let start = dts
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no type {name}"));
    let body = &dts[start..];
    let body = &body[..body.find(';').unwrap()];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

#[test]
fn the_edge_unions_match_the_core() {
    use smart_glocal::model::{EventType, PaymentStatus, RefundStatus, SessionStatus};
    let dts = read("pkg-template/edge/index.d.ts");
    let paths: Vec<&str> = smart_glocal::Endpoint::ALL
        .iter()
        .map(|e| e.path())
        .collect();
    assert_eq!(quoted_union(&dts, "Endpoint"), paths);
    for (name, known) in [
        ("SessionStatus", SessionStatus::KNOWN),
        ("PaymentStatus", PaymentStatus::KNOWN),
        ("RefundStatus", RefundStatus::KNOWN),
        ("EventType", EventType::KNOWN),
    ] {
        assert_eq!(quoted_union(&dts, name), known, "{name}");
    }
}

#[test]
fn the_edge_client_calls_every_endpoint_once() {
    let client = read("pkg-template/edge/src/client.js");
    let called: Vec<&str> = client
        .split("this.#call(\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let mut sorted = called.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        called.len(),
        "one method per endpoint: {called:?}"
    );
    let mut all: Vec<&str> = smart_glocal::Endpoint::ALL
        .iter()
        .map(|e| e.path())
        .collect();
    all.sort_unstable();
    assert_eq!(sorted, all);
}
