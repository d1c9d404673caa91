//! A saved input fed to its target once more (`make fuzz` replays what it
//! kept).

use smart_glocal::json;
use smart_glocal::request::AnswerPart;
use smart_glocal::tree::{Path, Reader};
use smart_glocal::Endpoint;

/// Feeds a saved input to its target once more (it must not panic).
pub fn replay(target: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    match target {
        "json_parser" | "json_parser_agrees_with_serde" => {
            let _ = json::parse(bytes);
        }
        "params_of_every_endpoint" | "redaction" | "redaction_of_secret_shapes" => {
            for e in Endpoint::ALL {
                let _ = smart_glocal::params::read(e, &text);
            }
            let _ = smart_glocal::redact::redact_body(&text);
        }
        "webhook_events" | "api_answers" | "payment_views" => {
            let _ = smart_glocal::webhook::parse_event(bytes);
            let _ = smart_glocal::response::interpret_text(200, bytes, AnswerPart::Session);
            let _ = smart_glocal::PaymentView::json_of(&text, true);
        }
        "views_read_back" | "client_config" => {
            if let Ok(doc) = json::parse(bytes) {
                let _ = smart_glocal::view::read_view(&doc.root());
                let _ = smart_glocal::client::read_config(Some(&doc.root()));
                let _ =
                    smart_glocal::session::find_session(&Reader::API, &doc.root(), &Path::root(""));
            }
        }
        "rsa_keys" => {
            let _ = smart_glocal::signature::keys::rsa_private_key(&text, "privateKey");
            let _ = smart_glocal::signature::keys::rsa_public_key(&text, "webhookPublicKey");
        }
        _ => {
            let _ = smart_glocal::return_url::return_location("/s", &text);
            let _ = smart_glocal::url::parse_http(&text);
        }
    }
}
