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

    /// The customer at the ACS: the page's auto-submitted form (MD, PaReq)
    /// posted to its action, then `decision` (approve or decline) posted
    /// back. The ACS page's Content-Security-Policy and the bank's answer.
    pub async fn acs_from_page(&self, html: &str, decision: &str) -> (String, reqwest::Response) {
        let action = attr(html, "action").unwrap();
        let md = hidden(html, "MD").unwrap();
        let acs = self
            .http
            .post(&action)
            .form(&[
                ("MD", md.clone()),
                ("PaReq", hidden(html, "PaReq").unwrap()),
            ])
            .send()
            .await
            .unwrap();
        let csp = acs.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let answer_to = attr(&acs.text().await.unwrap(), "action").unwrap();
        let back = self
            .http
            .post(format!("{}{answer_to}", self.base))
            .form(&[("MD", md.as_str()), ("decision", decision)])
            .send()
            .await
            .unwrap();
        (csp, back)
    }

    /// The customer in the bank app: the deep link opened, and `decision`
    /// (approve or decline) sent with the page's own code. The answer.
    pub async fn bank_app(&self, link: &str, decision: &str) -> reqwest::Response {
        let html = self
            .http
            .get(link)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        self.http
            .post(format!("{}{}", self.base, attr(&html, "action").unwrap()))
            .form(&[
                ("code", hidden(&html, "code").unwrap().as_str()),
                ("decision", decision),
            ])
            .send()
            .await
            .unwrap()
    }
}
