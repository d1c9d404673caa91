//! Payouts to bank accounts, by system, as the payout pages give them:
//! `global` (docs/payouts/payout-united-kingdom, payout-USA,
//! payout-australia and the IBAN pages), `ru` (payout-russia) and
//! `faster_payment_system` (payout-fps).

use super::checks::{digits, iban_ok, mask_last4, phone};
use super::{invalid, Obj};
use crate::engine::Reply;

/// A bank account: its system (`global`, `ru`, `faster_payment_system`)
/// and the last four characters of its number (all the sandbox keeps).
#[derive(Debug, Clone, PartialEq)]
pub struct BankAccount {
    pub system: &'static str,
    pub last4: String,
    pub description: String,
    /// `faster_payment_system`: the phone (digits) and its bank, to look
    /// up in the test phones; never kept on the payout.
    pub fps: Option<(String, String)>,
}

pub fn bank_account(a: &Obj) -> Result<BankAccount, Reply> {
    a.only(&["system_type", "global", "ru", "faster_payment_system"])?;
    let system = a.text("system_type")?;
    let account = |system: &'static str, last4: String, description: String| BankAccount {
        system,
        last4,
        description,
        fps: None,
    };
    match system.as_str() {
        "global" => {
            let g = a.object("global")?;
            let last4 = global_number(&g)?;
            Ok(account("global", last4, g.text("description")?))
        }
        "ru" => {
            let r = a.object("ru")?;
            r.only(&["bik", "account", "full_name", "description", "inn", "kpp"])?;
            digits(&r, "bik", &[9], "must be 9 digits")?;
            let number = digits(&r, "account", &[20], "must be 20 digits")?;
            digits(&r, "inn", &[10, 12], "must be 10 or 12 digits")?;
            if r.has("kpp") {
                digits(&r, "kpp", &[9], "must be 9 digits")?;
            }
            r.text("full_name")?;
            Ok(account("ru", mask_last4(&number), r.text("description")?))
        }
        "faster_payment_system" => {
            let f = a.object("faster_payment_system")?;
            f.only(&["phone", "bank_id", "description"])?;
            let p = phone(&f, "phone")?;
            let bank_id = digits(&f, "bank_id", &[12], "must be 12 digits")?;
            Ok(BankAccount {
                fps: Some((p.clone(), bank_id)),
                ..account(
                    "faster_payment_system",
                    mask_last4(&p),
                    f.text("description")?,
                )
            })
        }
        _ => Err(invalid(
            &a.name("system_type"),
            "is not a payout system of the reference",
        )),
    }
}

/// The account of a `global` payout, one scheme per country page; the
/// last four of its number.
fn global_number(g: &Obj) -> Result<String, Reply> {
    g.only(&[
        "iban",
        "swift_bic_code",
        "description",
        "account_type",
        "account_number",
        "sort_code",
        "bank_account_number",
        "routing_code",
        "bsb_number",
    ])?;
    let has = |k: &str| g.has(k);
    let scheme = (
        has("iban"),
        has("sort_code"),
        has("routing_code"),
        has("bsb_number"),
    );
    let number = match scheme {
        (true, false, false, false) => {
            if has("account_number") || has("bank_account_number") {
                return Err(invalid(&g.name("iban"), "comes without an account number"));
            }
            let iban = g.text("iban")?;
            if !iban_ok(&iban) {
                return Err(invalid(&g.name("iban"), "is not a valid IBAN"));
            }
            if has("swift_bic_code") {
                let bic = g.text("swift_bic_code")?;
                let ok = (bic.len() == 8 || bic.len() == 11)
                    && bic
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                if !ok {
                    return Err(invalid(&g.name("swift_bic_code"), "is not a BIC"));
                }
            }
            iban
        }
        // United Kingdom: a sort code of three pairs.
        (false, true, false, false) => {
            let sort = g.text("sort_code")?;
            let plain: String = sort.chars().filter(|c| *c != '-').collect();
            let pairs = sort.len() == 6 || sort.split('-').all(|p| p.len() == 2);
            if plain.len() != 6 || !plain.bytes().all(|b| b.is_ascii_digit()) || !pairs {
                return Err(invalid(&g.name("sort_code"), "must be six digits"));
            }
            if has("bank_account_number") {
                return Err(invalid(
                    &g.name("bank_account_number"),
                    "is not a UK member",
                ));
            }
            digits(g, "account_number", &[6, 7, 8, 9, 10], "must be digits")?
        }
        // USA: an ABA routing number and an account type.
        (false, false, true, false) => {
            let routing = digits(g, "routing_code", &[9], "must be 9 digits")?;
            let weights = [3u32, 7, 1, 3, 7, 1, 3, 7, 1];
            let sum: u32 = routing
                .bytes()
                .zip(weights)
                .map(|(d, w)| u32::from(d - b'0') * w)
                .sum();
            if sum % 10 != 0 {
                return Err(invalid(&g.name("routing_code"), "fails its check digit"));
            }
            if !matches!(g.text("account_type")?.as_str(), "CHECKING" | "SAVINGS") {
                return Err(invalid(
                    &g.name("account_type"),
                    "must be CHECKING or SAVINGS",
                ));
            }
            if has("account_number") {
                return Err(invalid(&g.name("account_number"), "is not a US member"));
            }
            let lengths: Vec<usize> = (4..=17).collect();
            digits(g, "bank_account_number", &lengths, "must be 4 to 17 digits")?
        }
        // Australia: a BSB code.
        (false, false, false, true) => {
            let bsb = g.text("bsb_number")?;
            let plain = bsb.replacen('-', "", 1);
            let dash_ok = bsb.len() == 6 || bsb.find('-') == Some(3);
            if plain.len() != 6 || !plain.bytes().all(|b| b.is_ascii_digit()) || !dash_ok {
                return Err(invalid(&g.name("bsb_number"), "must be six digits"));
            }
            if has("account_number") {
                return Err(invalid(
                    &g.name("account_number"),
                    "is not an Australian member",
                ));
            }
            digits(
                g,
                "bank_account_number",
                &[5, 6, 7, 8, 9, 10],
                "must be 5 to 10 digits",
            )?
        }
        _ => {
            return Err(invalid(
                &g.name("iban"),
                "or exactly one of sort_code, routing_code, bsb_number is required",
            ))
        }
    };
    if has("account_type") {
        g.text("account_type")?;
    }
    Ok(mask_last4(&number))
}
