//! `bank_account.global` of a payout: an IBAN, or a country's local bank
//! code with the account number it goes with. Named by field on error,
//! never quoting a number.
//!
//! From the per-country payout pages of developer.smart-glocal.com:
//! - IBAN countries: `iban` (ISO 13616, mod 97), optional `swift_bic_code`;
//! - docs/payouts/payout-united-kingdom: `sort_code` (three pairs of digits,
//!   dashes allowed) with `account_number`;
//! - docs/payouts/payout-USA: `routing_code` (ABA, 9 digits with a check
//!   digit) with `bank_account_number`, and `account_type` `CHECKING` or
//!   `SAVINGS`;
//! - docs/payouts/payout-australia: `bsb_number` (6 digits, `062-000`
//!   allowed) with `bank_account_number`;
//!
//! and `description` (the purpose of remittance) everywhere.

use super::bank_account::{all_digits, last4_of, BankAccount, BankSystem};
use super::iban::validate_iban;
use super::object::{invalid, Obj};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;
use core::ops::RangeInclusive;

/// A local bank code and the account number that goes with it.
struct Local {
    bank: &'static str,
    bank_ok: fn(&str) -> bool,
    bank_rule: &'static str,
    number: &'static str,
    lengths: RangeInclusive<usize>,
    number_rule: &'static str,
}

const LOCALS: [Local; 3] = [
    Local {
        bank: "sort_code",
        bank_ok: sort_code_ok,
        bank_rule: "must be six digits (three pairs, such as 12-34-56)",
        number: "account_number",
        lengths: 6..=10,
        number_rule: "must be an account number of 6 to 10 digits",
    },
    Local {
        bank: "routing_code",
        bank_ok: aba_ok,
        bank_rule: "must be an ABA routing number: 9 digits with a valid check digit",
        number: "bank_account_number",
        lengths: 4..=17,
        number_rule: "must be an account number of 4 to 17 digits",
    },
    Local {
        bank: "bsb_number",
        bank_ok: bsb_ok,
        bank_rule: "must be a BSB code of six digits (such as 062-000)",
        number: "bank_account_number",
        lengths: 5..=10,
        number_rule: "must be an account number of 5 to 10 digits",
    },
];

const NUMBERS: [&str; 2] = ["account_number", "bank_account_number"];

pub(super) fn global(v: Value<'_>, path: &Path) -> Result<BankAccount, Error> {
    let g = Obj::new(
        v,
        path,
        &[
            "iban",
            "swift_bic_code",
            "description",
            "account_type",
            "account_number",
            "sort_code",
            "bank_account_number",
            "routing_code",
            "bsb_number",
        ],
    )?;
    let banks: Vec<&Local> = LOCALS.iter().filter(|l| g.get(l.bank).is_some()).collect();
    let last4 = match (g.string("iban")?, banks.as_slice()) {
        (Some(iban), []) => {
            if let Some(n) = NUMBERS.iter().find(|n| g.get(n).is_some()) {
                return Err(invalid(&path.key(n), "does not go with iban"));
            }
            validate_iban(&iban).map_err(|m| invalid(&path.key("iban"), m))?;
            if let Some(code) = g.string("swift_bic_code")? {
                if !is_bic(&code) {
                    return Err(invalid(
                        &path.key("swift_bic_code"),
                        "must be a SWIFT/BIC code: 8 or 11 letters and digits (bank, country, place, branch)",
                    ));
                }
            }
            last4_of(&iban)
        }
        (Some(_), [local, ..]) => {
            return Err(invalid(&path.key(local.bank), "does not go with iban"))
        }
        (None, [local]) => local_account(&g, path, local)?,
        (None, [_, second, ..]) => {
            return Err(invalid(
                &path.key(second.bank),
                "goes with no other bank code",
            ))
        }
        (None, []) => return Err(no_bank_code(&g, path)),
    };
    let routed = banks.iter().any(|l| l.bank == "routing_code");
    if routed || g.get("account_type").is_some() {
        let kind = g.nonblank("account_type")?;
        if routed && kind != "CHECKING" && kind != "SAVINGS" {
            return Err(invalid(
                &path.key("account_type"),
                "must be \"CHECKING\" or \"SAVINGS\"",
            ));
        }
    }
    let description = g.nonblank("description")?;
    Ok(BankAccount {
        system: BankSystem::Global,
        last4,
        description,
        phone: None,
        bank_id: None,
    })
}

fn local_account(g: &Obj<'_, '_>, path: &Path, local: &Local) -> Result<String, Error> {
    let code = g.required_string(local.bank)?;
    if !(local.bank_ok)(&code) {
        return Err(invalid(&path.key(local.bank), local.bank_rule));
    }
    if let Some(other) = NUMBERS
        .iter()
        .find(|n| **n != local.number && g.get(n).is_some())
    {
        let message = format!("does not go with {}", local.bank);
        return Err(invalid(&path.key(other), &message));
    }
    let Some(number) = g.string(local.number)? else {
        let message = format!("is required with {}", local.bank);
        return Err(invalid(&path.key(local.number), &message));
    };
    if !local.lengths.contains(&number.len()) || !all_digits(&number) {
        return Err(invalid(&path.key(local.number), local.number_rule));
    }
    Ok(last4_of(&number))
}

/// No IBAN and no bank code: name what the given number needs.
fn no_bank_code(g: &Obj<'_, '_>, path: &Path) -> Error {
    if g.get("account_number").is_some() {
        invalid(&path.key("sort_code"), "is required with account_number")
    } else if g.get("bank_account_number").is_some() {
        invalid(
            path,
            "needs a routing_code or a bsb_number with bank_account_number",
        )
    } else {
        invalid(
            path,
            "needs an iban, or a bank code (sort_code, routing_code or bsb_number) with its account number",
        )
    }
}

/// Six digits, or three pairs joined by dashes.
fn sort_code_ok(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        6 => all_digits(s),
        8 => {
            b[2] == b'-'
                && b[5] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Six digits, or three and three joined by a dash.
fn bsb_ok(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        6 => all_digits(s),
        7 => b[3] == b'-' && all_digits(&s[..3]) && all_digits(&s[4..]),
        _ => false,
    }
}

/// ABA routing number: 9 digits, 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9)
/// divisible by 10.
fn aba_ok(s: &str) -> bool {
    if s.len() != 9 || !all_digits(s) {
        return false;
    }
    let sum: u32 = s
        .bytes()
        .enumerate()
        .map(|(i, c)| u32::from(c - b'0') * [3, 7, 1][i % 3])
        .sum();
    sum % 10 == 0
}

/// ISO 9362: four letters (bank), two letters (country), two letters or
/// digits (place), and optionally three more (branch).
fn is_bic(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(global: &str) -> Result<BankAccount, Error> {
        let text =
            format!(r#"{{"system_type":"global","global":{{"description":"Salary",{global}}}}}"#);
        let doc = crate::json::parse_keeping_repeats(text.as_bytes()).unwrap();
        BankAccount::read(doc.root(), &Path::root("bank_account"))
    }

    fn field(global: &str) -> String {
        match read(global) {
            Err(Error::InvalidParams { field, message }) => {
                assert!(
                    !message.contains("1100") && !message.contains("0110"),
                    "{message}"
                );
                field.trim_start_matches("bank_account.global").into()
            }
            other => panic!("{global}: {other:?}"),
        }
    }

    #[test]
    fn every_country_page_reads() {
        for (global, last4) in [
            (
                r#""iban":"GB82WEST12345698765432","swift_bic_code":"WESTGB2L""#,
                "5432",
            ),
            (
                r#""account_type":"CHECKING","sort_code":"12-34-56","account_number":"12345678""#,
                "5678",
            ),
            (r#""sort_code":"123456","account_number":"123456""#, "3456"),
            (
                r#""account_type":"SAVINGS","routing_code":"011000015","bank_account_number":"110000000""#,
                "0000",
            ),
            (
                r#""bsb_number":"062-000","bank_account_number":"12345678""#,
                "5678",
            ),
            (
                r#""bsb_number":"062000","bank_account_number":"12345""#,
                "2345",
            ),
        ] {
            assert_eq!(read(global).unwrap().last4, last4, "{global}");
        }
    }

    #[test]
    fn wrong_or_mixed_identifiers_are_named() {
        for (global, at) in [
            (
                r#""sort_code":"12-345-6","account_number":"12345678""#,
                ".sort_code",
            ),
            (
                r#""sort_code":"12-34-56","account_number":"123""#,
                ".account_number",
            ),
            (r#""sort_code":"12-34-56""#, ".account_number"),
            (r#""account_number":"12345678""#, ".sort_code"),
            (r#""bank_account_number":"12345678""#, ""),
            (
                r#""account_type":"CHECKING","routing_code":"011000016","bank_account_number":"110000000""#,
                ".routing_code",
            ),
            (
                r#""routing_code":"011000015","bank_account_number":"110000000""#,
                ".account_type",
            ),
            (
                r#""account_type":"checking","routing_code":"011000015","bank_account_number":"110000000""#,
                ".account_type",
            ),
            (
                r#""bsb_number":"0620-00","bank_account_number":"12345678""#,
                ".bsb_number",
            ),
            (
                r#""bsb_number":"062000","account_number":"12345678""#,
                ".account_number",
            ),
            (
                r#""sort_code":"123456","bsb_number":"062000","account_number":"123456""#,
                ".bsb_number",
            ),
            (
                r#""iban":"GB82WEST12345698765432","sort_code":"123456""#,
                ".sort_code",
            ),
            (
                r#""iban":"GB82WEST12345698765432","account_number":"123456""#,
                ".account_number",
            ),
            (r#""iban":"GB82WEST12345698765433""#, ".iban"),
            (
                r#""iban":"GB82WEST12345698765432","swift_bic_code":"west""#,
                ".swift_bic_code",
            ),
            (
                r#""iban":"GB82WEST12345698765432","account_type":"""#,
                ".account_type",
            ),
            (r#""swift_bic_code":"WESTGB2L""#, ""),
            // An attacker's versions: wrong types, a repeated member.
            (
                r#""routing_code":11000015,"bank_account_number":"110000000","account_type":"CHECKING""#,
                ".routing_code",
            ),
            (
                r#""bsb_number":"062000","bank_account_number":["12345678"]"#,
                ".bank_account_number",
            ),
            (
                r#""sort_code":"123456","sort_code":"654321","account_number":"123456""#,
                "",
            ),
        ] {
            assert_eq!(field(global), at, "{global}");
        }
    }

    #[test]
    fn aba_check_digit() {
        assert!(aba_ok("011000015") && aba_ok("021000021") && aba_ok("122105155"));
        assert!(!aba_ok("011000016") && !aba_ok("01100001") && !aba_ok("01100001a"));
    }
}
