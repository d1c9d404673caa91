//! The `sg-sandbox` binary itself: its --help documents the command line,
//! and it serves on the address it prints.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sg-sandbox");

#[test]
fn help_documents_every_option_and_the_test_cards() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--listen",
        "--project",
        "--signing-key",
        "--webhook-url",
        "--webhook-retry-base-ms",
        "--webhook-retry-window-s",
        "--webhook-api-version",
        "--capture",
        "--json-log",
        "--auto-confirm",
        "--clock",
        "--faults",
        "api.drop",
        "hook.reorder",
        "--seed",
        "--print-test-cards",
        "/sandbox/clock",
        "auto",
        "manual",
        "4242424242424242",
        "4000000000003220",
        "4000000000003063",
        "4000000000000002",
        "4000000000000119",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}

#[test]
fn prints_the_test_cards_as_json_and_refuses_bad_faults() {
    let out = Command::new(BIN)
        .arg("--print-test-cards")
        .output()
        .unwrap();
    assert!(out.status.success());
    let cards: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let numbers: Vec<_> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap().to_string())
        .collect();
    assert!(numbers.contains(&"4000000000003220".to_string()) && numbers.len() >= 5);
    assert!(cards[0]["behaviour"].is_string() && cards[0]["what"].is_string());
    let out = Command::new(BIN)
        .args(["--faults", "api.boom=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown fault `api.boom`"));
    for bad in ["3", "0", "v2", ""] {
        let out = Command::new(BIN)
            .args(["--webhook-api-version", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--webhook-api-version {bad:?}");
    }
}

#[test]
fn serves_and_logs_json_lines() {
    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--json-log"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    // "sg-sandbox listening on http://127.0.0.1:PORT (scheme hmac)"
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string();
    assert!(first.ends_with("(scheme hmac)"), "{first}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut stream = loop {
        match std::net::TcpStream::connect(&addr) {
            Ok(s) => break s,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("{e}"),
        }
    };
    write!(stream, "POST /api/v1/session/status HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let log: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(log["kind"], "api");
    assert_eq!(log["status"], 401);
    assert_eq!(log["error"], "unauthorized");
    child.kill().unwrap();
    child.wait().unwrap();
}
