//! The test cards, written once: the engine decides by them, `--help` and
//! `--print-test-cards` (JSON, which the demo reads) list them.

use serde_json::json;

/// How a card behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Frictionless,
    ThreeDsPost,
    ThreeDsGet,
    Declined,
    /// The operation fails inside a session in `error` (not final).
    SessionError,
}

impl Behaviour {
    pub fn name(self) -> &'static str {
        match self {
            Behaviour::Frictionless => "frictionless",
            Behaviour::ThreeDsPost => "3ds_post",
            Behaviour::ThreeDsGet => "3ds_get",
            Behaviour::Declined => "declined",
            Behaviour::SessionError => "session_error",
        }
    }
}

/// A test card.
#[derive(Debug, Clone, Copy)]
pub struct TestCard {
    pub number: &'static str,
    pub behaviour: Behaviour,
    pub what: &'static str,
}

/// The test cards. Any other Luhn-valid number succeeds without 3-D Secure.
/// For payouts: the declined card fails, the error card ends in `error`,
/// any other succeeds (no 3-D Secure).
pub const TEST_CARDS: [TestCard; 5] = [
    TestCard {
        number: "4242424242424242",
        behaviour: Behaviour::Frictionless,
        what: "succeeds without 3-D Secure",
    },
    TestCard {
        number: "4000000000003220",
        behaviour: Behaviour::ThreeDsPost,
        what: "3-D Secure with a POST redirect (PaReq, MD)",
    },
    TestCard {
        number: "4000000000003063",
        behaviour: Behaviour::ThreeDsGet,
        what: "3-D Secure with a GET redirect",
    },
    TestCard {
        number: "4000000000000002",
        behaviour: Behaviour::Declined,
        what: "declined: payment_finished with failed and error card_declined",
    },
    TestCard {
        number: "4000000000000119",
        behaviour: Behaviour::SessionError,
        what: "fails inside a session in error (not final: ask support)",
    },
];

/// The behaviour of a card number: its row in [`TEST_CARDS`], else frictionless.
pub fn behaviour_of(number: &str) -> Behaviour {
    TEST_CARDS
        .iter()
        .find(|c| c.number == number)
        .map_or(Behaviour::Frictionless, |c| c.behaviour)
}

/// `[{ number, behaviour, what }]`, for `--print-test-cards`.
pub fn test_cards_json() -> String {
    let cards: Vec<_> = TEST_CARDS
        .iter()
        .map(|c| json!({"number": c.number, "behaviour": c.behaviour.name(), "what": c.what}))
        .collect();
    serde_json::to_string_pretty(&cards).unwrap_or_default()
}

/// The card network of a number, by its first digits (the sandbox's own
/// table: what answers show as `card.brand`).
pub fn brand_of(number: &str) -> &'static str {
    let two = number.get(..2).unwrap_or("");
    match (number.get(..1).unwrap_or(""), two) {
        ("4", _) => "visa",
        (_, "51" | "52" | "53" | "54" | "55" | "22" | "23" | "24" | "25" | "26" | "27") => {
            "mastercard"
        }
        (_, "34" | "37") => "amex",
        ("6", _) => "discover",
        _ => "unknown",
    }
}

/// The first six digits (the issuer's identification number).
pub fn bin_of(number: &str) -> String {
    number.chars().take(6).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_valid_and_known() {
        for c in TEST_CARDS {
            assert!(super::super::requests::luhn_ok(c.number), "{}", c.number);
            assert_eq!(behaviour_of(c.number), c.behaviour);
        }
        assert_eq!(behaviour_of("4111111111111111"), Behaviour::Frictionless);
        let listed: serde_json::Value = serde_json::from_str(&test_cards_json()).unwrap();
        assert_eq!(listed.as_array().unwrap().len(), TEST_CARDS.len());
        assert_eq!(bin_of("4242424242424242"), "424242");
        assert_eq!(
            (brand_of("4242424242424242"), brand_of("5555555555554444")),
            ("visa", "mastercard")
        );
    }
}
