//! The prefunding balance payouts draw on (`wallet/balance`): one wallet
//! per currency, each opened with the same test balance.

use super::{Engine, Reply};
use serde_json::json;
use std::collections::BTreeMap;

/// Minor units a wallet starts with (10,000,000.00 in a two-decimal currency).
pub const OPENING_BALANCE: u64 = 1_000_000_000;

#[derive(Debug, Default)]
pub struct Wallets {
    balances: BTreeMap<String, u64>,
}

impl Wallets {
    /// Takes `amount` from the `currency` wallet; `false` when it is short.
    pub fn withdraw(&mut self, currency: &str, amount: u64) -> bool {
        let balance = self
            .balances
            .entry(currency.into())
            .or_insert(OPENING_BALANCE);
        match balance.checked_sub(amount) {
            Some(left) => {
                *balance = left;
                true
            }
            None => false,
        }
    }
}

impl Engine {
    pub(super) fn wallet_balance(&mut self) -> Reply {
        if self.wallets.balances.is_empty() {
            self.wallets.balances.insert("usd".into(), OPENING_BALANCE);
        }
        let wallets: Vec<_> = self
            .wallets
            .balances
            .iter()
            .enumerate()
            .map(|(i, (currency, amount))| {
                json!({"id": (310 + i).to_string(), "amount_details": {"amount": amount, "currency": currency}})
            })
            .collect();
        Reply::ok(json!({"status": "ok", "wallets": wallets}))
    }
}
