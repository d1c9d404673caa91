//! The hosted payment page, in English and Russian: the card form, the
//! progress page that follows the payment, and the pages that end it.

use super::{auto_post, esc, money, Page};
use crate::engine::{FormProblem, HostedError, HostedPage};

/// The page's words in one language.
pub struct Texts {
    pub lang: &'static str,
    pub title: &'static str,
    to: &'static str,
    number: &'static str,
    expiry: &'static str,
    cvc: &'static str,
    cardholder: &'static str,
    save: &'static str,
    pay: &'static str,
    never_shared: &'static str,
    problems: [&'static str; 5],
    unavailable: &'static str,
    errors: [&'static str; 4],
    wait: &'static str,
    wait_note: &'static str,
    pub to_bank: &'static str,
    pub go_on: &'static str,
    pub succeeded: &'static str,
    pub failed: &'static str,
    back: &'static str,
}

const EN: Texts = Texts {
    lang: "en",
    title: "Payment",
    to: "To",
    number: "Card number",
    expiry: "Expiry (MM/YY)",
    cvc: "Security code",
    cardholder: "Cardholder name (optional)",
    save: "Save this card for future payments",
    pay: "Pay",
    never_shared: "Your card details go to Smart Glocal only; the shop never sees them.",
    problems: [
        "Check the card number.",
        "Enter the expiry as MM/YY.",
        "This card has expired.",
        "The security code is 3 or 4 digits.",
        "The cardholder name is too long.",
    ],
    unavailable: "Payment unavailable",
    errors: [
        "This payment link is not valid.",
        "This payment link has already been used.",
        "This payment link has expired.",
        "This payment can no longer be made.",
    ],
    wait: "Processing your payment…",
    wait_note: "This page updates by itself.",
    to_bank: "Taking you to your bank…",
    go_on: "Continue",
    succeeded: "Payment successful",
    failed: "Payment failed",
    back: "Back to the shop",
};

const RU: Texts = Texts {
    lang: "ru",
    title: "Оплата",
    to: "Получатель",
    number: "Номер карты",
    expiry: "Срок действия (ММ/ГГ)",
    cvc: "Код безопасности",
    cardholder: "Имя владельца (необязательно)",
    save: "Сохранить карту для следующих оплат",
    pay: "Оплатить",
    never_shared: "Данные карты получает только Smart Glocal; магазин их не видит.",
    problems: [
        "Проверьте номер карты.",
        "Укажите срок действия в виде ММ/ГГ.",
        "Срок действия карты истёк.",
        "Код безопасности — 3 или 4 цифры.",
        "Имя владельца слишком длинное.",
    ],
    unavailable: "Оплата недоступна",
    errors: [
        "Ссылка на оплату недействительна.",
        "Эта ссылка на оплату уже использована.",
        "Срок действия ссылки на оплату истёк.",
        "Этот платёж больше нельзя оплатить.",
    ],
    wait: "Обрабатываем платёж…",
    wait_note: "Страница обновится сама.",
    to_bank: "Переходим в ваш банк…",
    go_on: "Продолжить",
    succeeded: "Оплата прошла успешно",
    failed: "Оплата не прошла",
    back: "Вернуться в магазин",
};

/// The texts for a locale: Russian for `ru`, English otherwise.
pub fn texts(locale: &str) -> &'static Texts {
    if locale == "ru" {
        &RU
    } else {
        &EN
    }
}

fn problem_index(p: FormProblem) -> usize {
    match p {
        FormProblem::Number => 0,
        FormProblem::Expiry => 1,
        FormProblem::Expired => 2,
        FormProblem::Cvc => 3,
        FormProblem::Cardholder => 4,
    }
}

fn error_index(e: HostedError) -> usize {
    match e {
        HostedError::Unknown => 0,
        HostedError::Used => 1,
        HostedError::Expired => 2,
        HostedError::Closed => 3,
    }
}

/// The test ids of a form's parts: the hosted page's or the widget's.
pub struct Ids {
    /// Of the inputs and the button: `{prefix}-card-number`, `{prefix}-pay`.
    pub prefix: &'static str,
    pub save: &'static str,
    pub problem: &'static str,
    pub refused: &'static str,
    pub result: &'static str,
}

pub const HOSTED_IDS: Ids = Ids {
    prefix: "hosted",
    save: "hosted-save-card",
    problem: "hosted-problem",
    refused: "hosted-error",
    result: "hosted-result",
};

pub const WIDGET_IDS: Ids = Ids {
    prefix: "widget",
    save: "widget-recurrent",
    problem: "widget-error",
    refused: "widget-error",
    result: "widget-result",
};

fn field(t: &str, name: &str, testid: &str, autocomplete: &str, extra: &str) -> String {
    let kind = if name == "cvc" && extra.contains("data-masked") {
        "password"
    } else {
        "text"
    };
    format!(
        "<label for=\"{name}\">{}</label><input type=\"{kind}\" id=\"{name}\" name=\"{name}\" \
data-testid=\"{testid}\" autocomplete=\"{autocomplete}\" {extra}>",
        esc(t)
    )
}

/// The hosted page's card form.
pub fn form(
    t: &'static Texts,
    page: &HostedPage,
    action: &str,
    problem: Option<FormProblem>,
) -> Page<'static> {
    form_with(t, page, action, problem, &HOSTED_IDS, false)
}

/// A card form with these test ids (the security code masked if asked).
/// Nothing typed is ever written back into it.
pub fn form_with(
    t: &'static Texts,
    page: &HostedPage,
    action: &str,
    problem: Option<FormProblem>,
    ids: &Ids,
    cvc_masked: bool,
) -> Page<'static> {
    let p = ids.prefix;
    let amount = money(page.amount, &page.currency);
    let problem = problem
        .map(|p| {
            format!(
                "<p class=\"problem\" role=\"alert\" data-testid=\"{}\">{}</p>",
                ids.problem,
                esc(t.problems[problem_index(p)])
            )
        })
        .unwrap_or_default();
    let save = if page.recurrent_checkbox {
        format!(
            "<label class=\"check\"><input type=\"checkbox\" name=\"save_card\" value=\"1\" \
data-testid=\"{}\"> {}</label>",
            ids.save,
            esc(t.save)
        )
    } else {
        String::new()
    };
    let body = format!(
        "<div class=\"card\"><h1>{} <span data-testid=\"hosted-amount\">{}</span></h1>\
<dl><dt>{}</dt><dd data-testid=\"hosted-merchant\">{}</dd></dl>{problem}\
<form method=\"POST\" action=\"{}\" autocomplete=\"on\">{}\
<div class=\"row\"><div>{}</div><div>{}</div></div>{}{save}\
<button type=\"submit\" class=\"primary\" data-testid=\"{p}-pay\">{} {}</button></form>\
<p class=\"muted\">{}</p></div>",
        esc(t.title),
        esc(&amount),
        esc(t.to),
        esc(&page.merchant),
        esc(action),
        field(
            t.number,
            "number",
            &format!("{p}-card-number"),
            "cc-number",
            "inputmode=\"numeric\" maxlength=\"23\" required"
        ),
        field(
            t.expiry,
            "expiry",
            &format!("{p}-expiry"),
            "cc-exp",
            "placeholder=\"MM/YY\" maxlength=\"7\" required"
        ),
        field(
            t.cvc,
            "cvc",
            &format!("{p}-cvc"),
            "cc-csc",
            if cvc_masked {
                "inputmode=\"numeric\" maxlength=\"4\" required data-masked"
            } else {
                "inputmode=\"numeric\" maxlength=\"4\" required"
            }
        ),
        field(
            t.cardholder,
            "cardholder",
            &format!("{p}-cardholder"),
            "cc-name",
            "maxlength=\"64\""
        ),
        esc(t.pay),
        esc(&amount),
        esc(t.never_shared),
    );
    Page {
        lang: t.lang,
        title: t.title,
        body,
        form_target: None,
        refresh: None,
    }
}

/// A token that opens nothing: no form, no pay button.
pub fn refused(t: &'static Texts, e: HostedError) -> Page<'static> {
    refused_with(t, e, &HOSTED_IDS)
}

/// The same with these test ids.
pub fn refused_with(t: &'static Texts, e: HostedError, ids: &Ids) -> Page<'static> {
    Page {
        lang: t.lang,
        title: t.unavailable,
        body: format!(
            "<div class=\"card\" data-testid=\"{}\" data-reason=\"{}\"><h1>{}</h1><p>{}</p></div>",
            ids.refused,
            e.code(),
            esc(t.unavailable),
            esc(t.errors[error_index(e)])
        ),
        form_target: None,
        refresh: None,
    }
}

/// Waiting for the merchant or the bank; the page looks again every second.
pub fn wait(t: &'static Texts) -> Page<'static> {
    Page {
        lang: t.lang,
        title: t.title,
        body: format!(
            "<div class=\"card\" data-testid=\"hosted-wait\"><h1>{}</h1><p class=\"muted\">{}</p></div>",
            esc(t.wait),
            esc(t.wait_note)
        ),
        form_target: None,
        refresh: Some((1, None)),
    }
}

/// To the ACS by POST (a self-submitting form).
pub fn to_acs(t: &'static Texts, url: &str, fields: &[(String, String)]) -> Page<'static> {
    Page {
        lang: t.lang,
        title: t.title,
        body: format!(
            "<div class=\"card\">{}</div>",
            auto_post(url, fields, t.to_bank, t.go_on)
        ),
        form_target: None,
        refresh: None,
    }
}

/// The result, and the way back to the shop (at once when there is one).
pub fn done(t: &'static Texts, succeeded: bool, url: Option<&str>) -> Page<'static> {
    let heading = if succeeded { t.succeeded } else { t.failed };
    let state = if succeeded { "succeeded" } else { "failed" };
    let back = url
        .map(|u| {
            format!(
                "<p><a href=\"{}\" data-testid=\"hosted-return\">{}</a></p>",
                esc(u),
                esc(t.back)
            )
        })
        .unwrap_or_default();
    Page {
        lang: t.lang,
        title: heading,
        body: format!(
            "<div class=\"card\" data-testid=\"hosted-result\" data-state=\"{state}\"><h1>{}</h1>{back}</div>",
            esc(heading)
        ),
        form_target: None,
        refresh: url.map(|u| (1, Some(u.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_text() {
        for t in [&EN, &RU] {
            assert!(t.problems.iter().chain(&t.errors).all(|s| !s.is_empty()));
        }
        assert_eq!(texts("ru").lang, "ru");
        assert_eq!(texts("de").lang, "en");
    }

    #[test]
    fn the_form_has_its_test_ids_and_no_checkbox_unless_asked() {
        let page = HostedPage {
            merchant: "<shop>".into(),
            amount: 15000,
            currency: "usd".into(),
            recurrent_checkbox: false,
        };
        let html = form(&EN, &page, "/en/payment/t", Some(FormProblem::Expired)).body;
        for id in [
            "hosted-card-number",
            "hosted-expiry",
            "hosted-cvc",
            "hosted-cardholder",
            "hosted-pay",
            "hosted-problem",
        ] {
            assert!(html.contains(&format!("data-testid=\"{id}\"")), "{id}");
        }
        assert!(html.contains("&lt;shop&gt;") && html.contains("150.00 USD"));
        assert!(!html.contains("hosted-save-card"));
        let html = form(
            &RU,
            &HostedPage {
                recurrent_checkbox: true,
                ..page
            },
            "/ru/payment/t",
            None,
        )
        .body;
        assert!(html.contains("hosted-save-card") && html.contains("Оплатить"));
        let refused = refused(&EN, HostedError::Used).body;
        assert!(
            refused.contains("hosted-error")
                && refused.contains("data-reason=\"used\"")
                && !refused.contains("hosted-pay")
        );
    }
}
