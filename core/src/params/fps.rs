//! `fps/customer_verification` (docs/reference/methods/fps-verification):
//! whether a phone is registered with a bank on the Faster Payments System,
//! before a payout to it. Free, confirmed automatically: the session ends
//! accepted (registered) or cancelled.

use super::bank_account::{digits, phone};
use super::object::{invalid, Obj, RawJson};
use crate::error::Error;
use crate::json::Value;
use crate::prelude::*;
use crate::tree::Path;

/// The body: the session, the phone and bank, the recipient's names.
#[derive(Clone, PartialEq, Eq)]
pub struct FpsVerification {
    pub session_id: String,
    /// Digits only (a leading `+` dropped).
    pub phone: String,
    pub bank_id: String,
    pub participant_details: RawJson,
}

impl core::fmt::Debug for FpsVerification {
    /// A phone is personal data: never shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("FpsVerification { .. }")
    }
}

const SYSTEM: &str = "faster_payment_system_verification";

impl FpsVerification {
    pub fn read(v: Value<'_>, path: &Path) -> Result<FpsVerification, Error> {
        let o = Obj::new(
            v,
            path,
            &["session_id", "payment_method", "participant_details"],
        )?;
        let session_id = o.nonblank("session_id")?;
        let m_path = path.key("payment_method");
        let m = Obj::new(
            o.required("payment_method")?,
            &m_path,
            &["type", "bank_account"],
        )?;
        if m.required_string("type")? != "bank_account" {
            return Err(invalid(&m_path.key("type"), "must be \"bank_account\""));
        }
        let a_path = m_path.key("bank_account");
        let a = Obj::new(
            m.required("bank_account")?,
            &a_path,
            &["system_type", SYSTEM],
        )?;
        if a.required_string("system_type")? != SYSTEM {
            return Err(invalid(
                &a_path.key("system_type"),
                "must be \"faster_payment_system_verification\"",
            ));
        }
        let f_path = a_path.key(SYSTEM);
        let f = Obj::new(a.required(SYSTEM)?, &f_path, &["phone", "bank_id"])?;
        let phone = phone(&f, &f_path)?;
        let bank_id = digits(
            &f,
            &f_path,
            "bank_id",
            &[12],
            "must be a bank id of 12 digits",
        )?;
        let p_path = path.key("participant_details");
        let p = Obj::new(
            o.required("participant_details")?,
            &p_path,
            &["recipient", "sender"],
        )?;
        let r_path = p_path.key("recipient");
        let r = Obj::new(
            p.required("recipient")?,
            &r_path,
            &["first_name", "last_name", "middle_name"],
        )?;
        r.nonblank("first_name")?;
        r.nonblank("last_name")?;
        if r.get("middle_name").is_some() {
            r.nonblank("middle_name")?;
        }
        p.raw_object("sender")?;
        Ok(FpsVerification {
            session_id,
            phone,
            bank_id,
            participant_details: o
                .raw_object("participant_details")?
                .unwrap_or(RawJson("{}".into())),
        })
    }
}
