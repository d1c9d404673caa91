//! The customer's side of the pages: a session with a public token, the
//! card form as a browser posts it, and a status page followed to its end.

use super::*;
use serde_json::{json, Value};

/// A session for 150.00 USD and its public token.
pub async fn token(h: &Harness, widget: Value) -> (String, String) {
    let s = h
        .ok(
            "session/create",
            json!({"amount_details": {"amount": 15000, "currency": "usd"}, "customer": {"reference": "c1"},
                   "payment_options": {"return_url": RETURN}}),
        )
        .await;
    let id = s["id"].as_str().unwrap().to_string();
    let mut w = json!({"session_id": id});
    w.as_object_mut()
        .unwrap()
        .extend(widget.as_object().unwrap().clone());
    let (status, reply) = h.call("token", json!({"acquiring_widget": w})).await;
    assert_eq!(status, 200, "{reply}");
    (id, reply["public_token"].as_str().unwrap().to_string())
}

pub fn pay_form(number: &str, expiry: &str, save: bool) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("number", number.to_string()),
        ("expiry", expiry.to_string()),
        ("cvc", "123".to_string()),
        ("cardholder", "A CUSTOMER".to_string()),
    ];
    if save {
        f.push(("save_card", "1".into()));
    }
    f
}

impl Harness {
    pub async fn page(&self, path: &str) -> (u16, String, String) {
        let res = self.get(path).await;
        let csp = res
            .headers()
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (res.status().as_u16(), csp, res.text().await.unwrap())
    }

    pub async fn pay(&self, path: &str, form: &[(&str, String)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Follows the status page until it leaves "wait"; the final HTML.
    pub async fn follow(&self, status_path: &str) -> String {
        for _ in 0..200 {
            let (status, _, html) = self.page(status_path).await;
            assert_eq!(status, 200, "{html}");
            if !html.contains("hosted-wait") {
                return html;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("the status page never settled");
    }
}
