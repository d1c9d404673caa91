//! `payment_method.bank_account` of a payout: one object per payment
//! system, each checked where its rules are public, named by field and
//! never quoting a number.
//!
//! - `global`: an IBAN or a country's local bank code with its account
//!   number (`bank_global.rs`).
//! - `ru` (docs/payouts/payout-russia): `bik` (9 digits), `account` (20
//!   digits), `inn` (10 digits for legal entities, 12 for individuals),
//!   `kpp` (9 digits, for legal entities), `full_name`, `description`.
//! - `faster_payment_system` (docs/payouts/payout-fps): `phone` (digits,
//!   international form, `+` allowed), `bank_id` (12 digits), `description`.

use super::bank_global::global;
use super::object::{invalid, Obj};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

/// The systems a payout to a bank account goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankSystem {
    Global,
    Russia,
    FasterPayments,
}

impl BankSystem {
    pub fn as_str(self) -> &'static str {
        match self {
            BankSystem::Global => "global",
            BankSystem::Russia => "ru",
            BankSystem::FasterPayments => "faster_payment_system",
        }
    }
}

/// A checked bank account. `Debug` shows no number.
#[derive(Clone, PartialEq, Eq)]
pub struct BankAccount {
    pub system: BankSystem,
    /// The last four characters of the account (IBAN, account number or
    /// phone): what a view may show.
    pub last4: String,
    pub description: String,
    /// `faster_payment_system`: the phone and the bank it is registered with.
    pub phone: Option<String>,
    pub bank_id: Option<String>,
}

impl core::fmt::Debug for BankAccount {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BankAccount")
            .field("system", &self.system)
            .finish_non_exhaustive()
    }
}

const SYSTEMS: &str = "must be \"global\", \"ru\" or \"faster_payment_system\"";

impl BankAccount {
    pub fn read(v: Value<'_>, path: &Path) -> Result<BankAccount, Error> {
        let acc = Obj::new(
            v,
            path,
            &["system_type", "global", "ru", "faster_payment_system"],
        )?;
        let system = match acc.required_string("system_type")?.as_str() {
            "global" => BankSystem::Global,
            "ru" => BankSystem::Russia,
            "faster_payment_system" => BankSystem::FasterPayments,
            _ => return Err(invalid(&path.key("system_type"), SYSTEMS)),
        };
        let name = system.as_str();
        for other in ["global", "ru", "faster_payment_system"] {
            if other != name && acc.get(other).is_some() {
                return Err(invalid(
                    &path.key(other),
                    "does not go with this system_type",
                ));
            }
        }
        let here = path.key(name);
        let inner = acc.required(name)?;
        match system {
            BankSystem::Global => global(inner, &here),
            BankSystem::Russia => russia(inner, &here),
            BankSystem::FasterPayments => faster_payments(inner, &here),
        }
    }
}

fn russia(v: Value<'_>, path: &Path) -> Result<BankAccount, Error> {
    let r = Obj::new(
        v,
        path,
        &["bik", "account", "full_name", "description", "inn", "kpp"],
    )?;
    digits(&r, path, "bik", &[9], "must be a BIK of 9 digits")?;
    let account = digits(
        &r,
        path,
        "account",
        &[20],
        "must be an account number of 20 digits",
    )?;
    digits(
        &r,
        path,
        "inn",
        &[10, 12],
        "must be an INN of 10 digits (legal entities) or 12 (individuals)",
    )?;
    if r.get("kpp").is_some() {
        digits(&r, path, "kpp", &[9], "must be a KPP of 9 digits")?;
    }
    r.nonblank("full_name")?;
    Ok(BankAccount {
        system: BankSystem::Russia,
        last4: last4_of(&account),
        description: r.nonblank("description")?,
        phone: None,
        bank_id: None,
    })
}

fn faster_payments(v: Value<'_>, path: &Path) -> Result<BankAccount, Error> {
    let f = Obj::new(v, path, &["phone", "bank_id", "description"])?;
    let phone = phone(&f, path)?;
    let bank_id = digits(&f, path, "bank_id", &[12], "must be a bank id of 12 digits")?;
    Ok(BankAccount {
        system: BankSystem::FasterPayments,
        last4: last4_of(&phone),
        description: f.nonblank("description")?,
        phone: Some(phone),
        bank_id: Some(bank_id),
    })
}

/// A phone in international form: 10 to 15 digits, a leading `+` allowed
/// (E.164). Returned without the `+`.
pub(super) fn phone(o: &Obj<'_, '_>, path: &Path) -> Result<String, Error> {
    let p = o.required_string("phone")?;
    let digits = p.strip_prefix('+').unwrap_or(&p);
    if !(10..=15).contains(&digits.len()) || !all_digits(digits) {
        return Err(invalid(
            &path.key("phone"),
            "must be a phone number in international form: 10 to 15 digits, + allowed",
        ));
    }
    Ok(digits.into())
}

/// A member of only digits, of one of the `lengths`.
pub(super) fn digits(
    o: &Obj<'_, '_>,
    path: &Path,
    key: &str,
    lengths: &[usize],
    message: &str,
) -> Result<String, Error> {
    let s = o.required_string(key)?;
    if !lengths.contains(&s.len()) || !all_digits(&s) {
        return Err(invalid(&path.key(key), message));
    }
    Ok(s)
}

pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn last4_of(s: &str) -> String {
    s.get(s.len().saturating_sub(4)..).unwrap_or("").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<BankAccount, Error> {
        let doc = crate::json::parse(json.as_bytes()).unwrap();
        BankAccount::read(doc.root(), &Path::root("bank_account"))
    }

    fn field(json: &str) -> String {
        match read(json) {
            Err(Error::InvalidParams { field, message }) => {
                assert!(
                    !message.contains("4081") && !message.contains("0445"),
                    "{message}"
                );
                field
            }
            other => panic!("{json}: {other:?}"),
        }
    }

    #[test]
    fn every_documented_system_reads() {
        let ru = read(r#"{"system_type":"ru","ru":{"bik":"044525974","account":"40817810100000270411","full_name":"Ivanov Ivan","description":"Payout {VO12345}","inn":"123456789012"}}"#).unwrap();
        assert_eq!((ru.system, ru.last4.as_str()), (BankSystem::Russia, "0411"));
        let fps = read(r#"{"system_type":"faster_payment_system","faster_payment_system":{"phone":"+79001234567","bank_id":"100000000111","description":"Payout"}}"#).unwrap();
        assert_eq!(
            (fps.phone.as_deref(), fps.bank_id.as_deref()),
            (Some("79001234567"), Some("100000000111"))
        );
        let iban = read(r#"{"system_type":"global","global":{"description":"Salary","iban":"GB82WEST12345698765432","swift_bic_code":"WESTGB2L"}}"#).unwrap();
        assert_eq!(iban.last4, "5432");
        assert!(
            format!("{iban:?}").find("5432").is_none(),
            "Debug shows no number"
        );
    }

    #[test]
    fn bad_numbers_are_named_never_quoted() {
        let ru = |member: &str| {
            format!(
                r#"{{"system_type":"ru","ru":{{"bik":"044525974","account":"40817810100000270411","full_name":"I","description":"d","inn":"1234567890",{member}}}}}"#
            )
        };
        assert_eq!(field(&ru(r#""kpp":"12345""#)), "bank_account.ru.kpp");
        assert_eq!(field(&ru(r#""kpp":"123456789","x":1"#)), "bank_account.ru");
        assert_eq!(
            field(
                r#"{"system_type":"ru","ru":{"bik":"04452597","account":"40817810100000270411","full_name":"I","description":"d","inn":"1234567890"}}"#
            ),
            "bank_account.ru.bik"
        );
        assert_eq!(
            field(
                r#"{"system_type":"ru","ru":{"bik":"044525974","account":"4081781010000027041","full_name":"I","description":"d","inn":"1234567890"}}"#
            ),
            "bank_account.ru.account"
        );
        assert_eq!(
            field(
                r#"{"system_type":"faster_payment_system","faster_payment_system":{"phone":"8 900 123","bank_id":"100000000111","description":"d"}}"#
            ),
            "bank_account.faster_payment_system.phone"
        );
        assert_eq!(
            field(
                r#"{"system_type":"faster_payment_system","faster_payment_system":{"phone":"79001234567","bank_id":"1000","description":"d"}}"#
            ),
            "bank_account.faster_payment_system.bank_id"
        );
        assert_eq!(
            field(r#"{"system_type":"sepa"}"#),
            "bank_account.system_type"
        );
        assert_eq!(
            field(r#"{"system_type":"sepa","sepa":{}}"#),
            "bank_account",
            "an unknown member"
        );
        assert_eq!(
            field(r#"{"system_type":"ru","ru":{},"global":{}}"#),
            "bank_account.global"
        );
    }
}
