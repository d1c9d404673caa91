//! No input reachable from JavaScript makes the core panic: mutated and
//! truncated variants of valid inputs go through every entry point, and each
//! comes back as a value or an `Error`.

use smart_glocal::response::parse_response;
use smart_glocal::return_url::{parse_urlencoded, query_of, redirect_location};
use smart_glocal::webhook::parse_event;
use smart_glocal::{Endpoint, PaymentView, ViewOptions};

/// xorshift64: deterministic, so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"null",
    b"-1",
    b"1e999",
    b"9007199254740992",
    "é".as_bytes(),
    "\u{1F4B3}".as_bytes(),
    b"\xff",
    b"\x00",
    b" ",
    b"\n",
    b"%",
    b"%zz",
    b"&",
    b"=",
];

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(4) {
            0 if !v.is_empty() => {
                let at = rng.below(v.len());
                v.truncate(at);
            }
            1 if !v.is_empty() => {
                let at = rng.below(v.len());
                v[at] = rng.next() as u8;
            }
            2 => {
                let at = rng.below(v.len() + 1);
                let ins = INTERESTING[rng.below(INTERESTING.len())];
                v.splice(at..at, ins.iter().copied());
            }
            _ if !v.is_empty() => {
                let at = rng.below(v.len());
                v.remove(at);
            }
            _ => {}
        }
    }
    v
}

const SEEDS: &[&str] = &[
    r#"{"payment_details":{"type":"card","card":{"type":"bank_card","bank_card":{"number":"4242424242424242","expiration_month":"05","expiration_year":"25","security_code":"123"}}},"amount_details":{"amount":10000,"currency":"usd"},"customer":{"reference":"lucky","contacts":[{"email":"a@b.c"}]},"payment_options":{"return_url":"https://website.com","recurrent":true}}"#,
    r#"{"session_id":"ps_3230","payment_details":{"type":"recurrent","recurrent":{"token":"t","initiator":"client"}},"metadata":[1,{"a":null}]}"#,
    r#"{"session_id":"3230","amount_details":{"amount":1,"currency":"EUR"}}"#,
    r#"{"token":"tok"}"#,
    r#"{"type":"action_required","session":{"id":"ps_1","status":"in_progress","next_action":"confirm","refunds":[{"id":"r","status":"accepted"}],"acquiring_payments":[{"id":"pm_1","status":"pending","payment_details":{"type":"card","card":{"brand":"visa","last4":"4242","number":"4000000000003220"}},"amount_details":{"amount":15000,"currency":"usd"},"customer_interaction":{"type":"redirect","redirect":{"url":"https://a.b?x=1","base_url":"https://a.b","method":"POST","qs":{"x":"1"},"params":{"PaReq":"p","MD":7}}}}]}}"#,
    r#"{"status":"error","error":{"code":"c","description":"d"}}"#,
];

#[test]
fn every_entry_point_survives_mutated_input() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut outcomes = [0usize; 2];
    for round in 0..6_000 {
        let seed = SEEDS[round % SEEDS.len()].as_bytes();
        let input = mutate(&mut rng, seed);
        let text = String::from_utf8_lossy(&input);
        for e in Endpoint::ALL {
            outcomes[e.body_from_json(&text).is_ok() as usize] += 1;
        }
        outcomes[PaymentView::from_json(
            &text,
            ViewOptions {
                include_metadata: true,
            },
        )
        .is_ok() as usize] += 1;
        outcomes[parse_event(&input).is_ok() as usize] += 1;
        for status in [200, 409, 502] {
            outcomes[parse_response(status, &input).is_ok() as usize] += 1;
        }
        let fields = parse_urlencoded(&text);
        let _ = query_of(&text);
        outcomes[redirect_location(&text, &fields).is_ok() as usize] += 1;
        outcomes[redirect_location("/status", &fields).is_ok() as usize] += 1;
    }
    // Both kinds of outcome occurred: the mutations reach past the parsers.
    assert!(outcomes[0] > 1000 && outcomes[1] > 1000, "{outcomes:?}");
}
