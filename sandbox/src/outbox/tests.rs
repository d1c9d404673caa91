use super::*;
use smart_glocal::signature::{HmacSha256, Verifier};

const BASE: u64 = 100;
const WINDOW: u64 = 10_000;

fn outbox(url: Option<&str>) -> Outbox {
    Outbox::new(Settings {
        url: url.map(str::to_string),
        base_ms: BASE,
        window_ms: WINDOW,
        v2: false,
        signer: Box::new(HmacSha256::new(b"k").unwrap()),
    })
}

fn event(session: &str, kind: &str) -> WebhookEvent {
    serde_json::from_value(json!({"type": kind, "session": {"id": session, "status": "accepted"}}))
        .unwrap()
}

fn kinds(sends: &[Attempt]) -> Vec<String> {
    sends
        .iter()
        .map(|s| format!("{} {}", s.session, s.kind))
        .collect()
}

#[test]
fn a_sessions_events_leave_one_at_a_time_in_order() {
    let mut o = outbox(Some("http://127.0.0.1:9/hooks"));
    assert_eq!(o.push(0, &event("ps_a", "ready_to_confirm"), None, 0), None);
    o.push(0, &event("ps_a", "payment_finished"), None, 0);
    o.push(0, &event("ps_b", "payment_finished"), None, 0);
    let first = o.due(0);
    assert_eq!(
        kinds(&first),
        ["ps_a ready_to_confirm", "ps_b payment_finished"]
    );
    assert!(o.due(0).is_empty(), "nothing more until an answer");
    let a = first.iter().find(|s| s.session == "ps_a").unwrap();
    assert_eq!(o.done(5, a.id, Some(200)), Some(Outcome::Delivered));
    assert_eq!(kinds(&o.due(5)), ["ps_a payment_finished"]);
    assert_eq!(o.done(5, a.id, Some(200)), None, "an answer counts once");
    assert_eq!(o.counts()["attempts"], 3);
    assert_eq!(o.counts()["delivered"], 1);
}

#[test]
fn the_body_is_signed_as_sent() {
    let mut o = outbox(Some("http://127.0.0.1:9/hooks"));
    o.push(0, &event("ps_a", "payment_finished"), None, 0);
    let send = o.due(0).remove(0);
    assert_eq!(
        serde_json::from_slice::<Value>(&send.body).unwrap()["session"]["id"],
        "ps_a"
    );
    HmacSha256::new(b"k")
        .unwrap()
        .verify(&send.body, &send.signature)
        .unwrap();
    assert_eq!(
        (send.url.as_str(), send.attempt, send.note),
        ("http://127.0.0.1:9/hooks", 1, "")
    );
}

#[test]
fn failures_are_retried_with_doubling_gaps_until_the_window_is_over() {
    let mut o = outbox(Some("http://127.0.0.1:9/hooks"));
    o.push(0, &event("ps_a", "payment_finished"), None, 0);
    let mut now = 0;
    let mut gaps = Vec::new();
    loop {
        let sends = o.due(now);
        assert_eq!(sends.len(), 1, "at {now}");
        assert!(o.due(now).is_empty());
        match o.done(
            now,
            sends[0].id,
            if sends[0].attempt % 2 == 0 {
                Some(500)
            } else {
                None
            },
        ) {
            Some(Outcome::Retry { in_ms }) => {
                gaps.push(in_ms);
                assert!(o.due(now + in_ms - 1).is_empty(), "not before its time");
                assert_eq!(o.next_due(), Some(now + in_ms));
                now += in_ms;
            }
            Some(Outcome::GaveUp) => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(gaps, [100, 200, 400, 800, 1600, 3200]);
    assert!(gaps.iter().sum::<u64>() <= WINDOW);
    assert_eq!(o.counts()["given_up"], 1);
    assert_eq!(o.counts()["attempts"], 7);
    assert_eq!(o.next_due(), None);
}

#[test]
fn gaps_stop_growing_at_fifteen_minutes() {
    let mut o = Outbox::new(Settings {
        url: Some("http://127.0.0.1:9/".into()),
        base_ms: 60_000,
        window_ms: 24 * 3_600_000,
        v2: false,
        signer: Box::new(HmacSha256::new(b"k").unwrap()),
    });
    o.push(0, &event("ps_a", "payment_finished"), None, 0);
    let mut now = 0;
    let mut last = 0;
    for _ in 0..8 {
        let id = o.due(now)[0].id;
        let Some(Outcome::Retry { in_ms }) = o.done(now, id, Some(503)) else {
            panic!()
        };
        now += in_ms;
        last = in_ms;
    }
    assert_eq!(last, MAX_GAP_MS);
}

#[test]
fn a_retrying_event_holds_its_session_back_but_no_other() {
    let mut o = outbox(Some("http://127.0.0.1:9/hooks"));
    o.push(0, &event("ps_a", "ready_to_confirm"), None, 0);
    o.push(0, &event("ps_a", "payment_finished"), None, 0);
    let a = o.due(0).remove(0);
    assert!(matches!(o.done(0, a.id, None), Some(Outcome::Retry { .. })));
    o.push(0, &event("ps_b", "payment_finished"), None, 0);
    assert_eq!(kinds(&o.due(0)), ["ps_b payment_finished"]);
    assert_eq!(kinds(&o.due(BASE)), ["ps_a ready_to_confirm"]);
}

#[test]
fn faults_drop_duplicate_delay_and_reorder() {
    let url = Some("http://127.0.0.1:9/hooks");
    let mut o = outbox(url);
    let noted = o.push(
        0,
        &event("ps_a", "payment_finished"),
        Some(HookFault::Drop),
        50,
    );
    assert_eq!(noted.map(|n| n.note), Some(" dropped (fault hook.drop)"));
    assert!(o.due(1_000_000).is_empty());

    let mut o = outbox(url);
    assert_eq!(
        o.push(
            0,
            &event("ps_a", "payment_finished"),
            Some(HookFault::Duplicate),
            50
        ),
        None
    );
    let one = o.due(0);
    assert_eq!(one[0].note, "");
    o.done(0, one[0].id, Some(200));
    let two = o.due(0);
    assert_eq!(
        (two.len(), two[0].note),
        (1, " sent again (fault hook.dup)")
    );
    assert_eq!(two[0].body, one[0].body);

    let mut o = outbox(url);
    o.push(
        0,
        &event("ps_a", "ready_to_confirm"),
        Some(HookFault::Delay),
        50,
    );
    o.push(0, &event("ps_a", "payment_finished"), None, 50);
    assert!(
        o.due(49).is_empty(),
        "a delayed event waits, and so does what follows it"
    );
    assert_eq!(kinds(&o.due(50)), ["ps_a ready_to_confirm"]);

    let mut o = outbox(url);
    let noted = o.push(
        0,
        &event("ps_a", "ready_to_confirm"),
        Some(HookFault::Reorder),
        50,
    );
    assert_eq!(
        noted.map(|n| n.note),
        Some(" held back (fault hook.reorder)")
    );
    o.push(0, &event("ps_a", "payment_finished"), None, 50);
    assert_eq!(
        kinds(&o.due(0)),
        ["ps_a payment_finished"],
        "the next event overtakes"
    );
    assert_eq!(kinds(&o.due(50)), ["ps_a ready_to_confirm"]);
}

#[test]
fn without_a_url_nothing_leaves() {
    let mut o = outbox(None);
    let noted = o
        .push(0, &event("ps_a", "payment_finished"), None, 0)
        .unwrap();
    assert_eq!(
        (noted.session.as_str(), noted.note),
        ("ps_a", " (not sent: no --webhook-url)")
    );
    assert!(o.due(0).is_empty());
    assert_eq!(o.next_due(), None);
}

#[test]
fn v2_bodies_use_v2_names() {
    let mut o = Outbox::new(Settings {
        url: Some("http://127.0.0.1:9/".into()),
        base_ms: BASE,
        window_ms: WINDOW,
        v2: true,
        signer: Box::new(HmacSha256::new(b"k").unwrap()),
    });
    let ev: WebhookEvent = serde_json::from_value(json!({"type": "payment_finished", "session": {
        "id": "ps_a", "status": "accepted",
        "acquiring_payments": [{"id": "pm_1", "status": "succeeded"}]}}))
    .unwrap();
    o.push(0, &ev, None, 0);
    let body: Value = serde_json::from_slice(&o.due(0)[0].body).unwrap();
    assert_eq!(body["session"]["payment_list"][0]["id"], "pm_1");
    assert!(body["session"].get("acquiring_payments").is_none());
}
