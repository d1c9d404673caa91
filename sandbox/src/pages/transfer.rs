//! The payment page of a money transfer by FPS (docs/payments/payment-individuals):
//! the terms to agree to, the fee, a "Get QR code" button; then the QR code
//! of the deep link into the customer's bank app, and a button for a
//! customer already on their phone.

use super::{esc, money, Page};
use crate::engine::TransferPage;

struct Words {
    lang: &'static str,
    title: &'static str,
    to: &'static str,
    fee: &'static str,
    agree: &'static str,
    get_qr: &'static str,
    must_agree: &'static str,
    scan: &'static str,
    open: &'static str,
}

const EN: Words = Words {
    lang: "en",
    title: "Transfer by Faster Payments",
    to: "To",
    fee: "Fee",
    agree: "I agree to the transfer's terms",
    get_qr: "Get QR code",
    must_agree: "Tick the box to agree to the terms first.",
    scan: "Scan the QR code with your phone, or open your bank app.",
    open: "Open in your bank app",
};

const RU: Words = Words {
    lang: "ru",
    title: "Перевод по СБП",
    to: "Получатель",
    fee: "Комиссия",
    agree: "Я согласен с условиями перевода",
    get_qr: "Получить QR-код",
    must_agree: "Сначала отметьте согласие с условиями.",
    scan: "Отсканируйте QR-код телефоном или откройте приложение банка.",
    open: "Открыть в приложении банка",
};

fn words(locale: &str) -> &'static Words {
    if locale == "ru" {
        &RU
    } else {
        &EN
    }
}

/// The terms, the fee and the button (with what to correct).
pub fn form(locale: &str, page: &TransferPage, action: &str, must_agree: bool) -> Page<'static> {
    let w = words(locale);
    let problem = if must_agree {
        format!(
            "<p class=\"problem\" role=\"alert\" data-testid=\"transfer-problem\">{}</p>",
            esc(w.must_agree)
        )
    } else {
        String::new()
    };
    Page {
        lang: w.lang,
        title: w.title,
        body: format!(
            "<div class=\"card\"><h1>{} <span data-testid=\"transfer-amount\">{}</span></h1>\
<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd data-testid=\"transfer-fee\">{}</dd></dl>{problem}\
<form method=\"POST\" action=\"{}\"><label class=\"check\"><input type=\"checkbox\" name=\"agree\" value=\"1\" \
data-testid=\"transfer-agree\"> {}</label>\
<button type=\"submit\" class=\"primary\" data-testid=\"transfer-get-qr\">{}</button></form></div>",
            esc(w.title),
            esc(&money(page.amount, &page.currency)),
            esc(w.to),
            esc(&page.merchant),
            esc(w.fee),
            esc(&money(page.fee, &page.currency)),
            esc(action),
            esc(w.agree),
            esc(w.get_qr),
        ),
        form_target: None,
        refresh: None,
    }
}

/// The QR code of the deep link and the button; the page looks again
/// every two seconds until the bank app has answered.
pub fn bank_app(locale: &str, link: &str) -> Page<'static> {
    let w = words(locale);
    let qr = sg_qr::svg(link, w.scan).unwrap_or_default();
    Page {
        lang: w.lang,
        title: w.title,
        body: format!(
            "<div class=\"card\" data-testid=\"transfer-qr\"><h1>{}</h1><p>{}</p>{qr}\
<p><a href=\"{}\" data-testid=\"transfer-open-bank\">{}</a></p></div>",
            esc(w.title),
            esc(w.scan),
            esc(link),
            esc(w.open),
        ),
        form_target: None,
        refresh: Some((2, None)),
    }
}
