//! The payment form widget as the sandbox serves it: the library a shop's
//! page loads (`SmglPaymentForm`, the constructor, options and callbacks of
//! Smart Glocal's own as public integrations use it), its style sheet, and
//! the pages of its frame. The card form lives in an iframe of the
//! sandbox's origin: the shop's page cannot read it. The frame talks to its
//! parent only by `postMessage`, to the exact origin that embeds it, and
//! the library takes only messages of that frame from the sandbox's origin.

use super::hosted::{Texts, WIDGET_IDS};
use super::{auto_post, esc, Page};

/// Where the frame's script is served (it reports the page's height and
/// the payment's outcome to the parent).
pub const FRAME_JS_PATH: &str = "/sandbox-assets/widget-frame.js";

/// The library, for a sandbox reached at `origin`.
pub fn library_js(origin: &str) -> String {
    // The origin is the sandbox's own public URL (configuration), written
    // as a JSON string.
    let origin = serde_json::to_string(origin).unwrap_or_else(|_| "\"\"".into());
    format!(
        r#"// smart-glocal-sandbox: SmglPaymentForm, the payment form widget's library.
(function () {{
  "use strict";
  var ORIGIN = {origin};
  function SmglPaymentForm(publicToken, options) {{
    if (!(this instanceof SmglPaymentForm)) throw new TypeError("SmglPaymentForm is a constructor");
    if (typeof publicToken !== "string" || publicToken === "") throw new TypeError("SmglPaymentForm: a public token is required");
    var o = options || {{}};
    var c = o.container;
    if (!c || typeof c.appendChild !== "function") throw new TypeError("SmglPaymentForm: options.container must be an element");
    var r = o.customerInteractionRedirect;
    this.onPaymentSuccess = null;
    this.onPaymentFail = null;
    this._token = publicToken;
    this._container = c;
    this._top = !!r && r.target === "_top";
    this._masked = o.isCvcMasked !== false;
    this._frame = null;
    this._reported = false;
  }}
  SmglPaymentForm.prototype.render = function () {{
    if (this._frame) return;
    var self = this;
    var f = document.createElement("iframe");
    f.className = "smgl-payment-form";
    f.title = "Payment form";
    f.setAttribute("data-testid", "payment-form-frame");
    f.src = ORIGIN + "/widget/" + encodeURIComponent(this._token) + "?parent=" + encodeURIComponent(location.origin) +
      "&target=" + (this._top ? "_top" : "_self") + "&masked=" + (this._masked ? "1" : "0");
    this._listener = function (e) {{
      if (e.origin !== ORIGIN || e.source !== f.contentWindow) return;
      var d = e.data;
      if (!d || typeof d !== "object" || d.source !== "smgl-payment-form") return;
      if (d.type === "height" && typeof d.value === "number" && d.value > 0) {{
        f.style.height = Math.min(Math.max(Math.ceil(d.value), 120), 2000) + "px";
      }} else if (d.type === "result" && !self._reported) {{
        self._reported = true;
        var cb = d.outcome === "success" ? self.onPaymentSuccess : self.onPaymentFail;
        if (typeof cb === "function") cb.call(self, {{ status: d.outcome }});
      }}
    }};
    window.addEventListener("message", this._listener);
    this._container.appendChild(f);
    this._frame = f;
  }};
  SmglPaymentForm.prototype.destroy = function () {{
    if (this._listener) window.removeEventListener("message", this._listener);
    if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
    this._frame = null;
  }};
  window.SmglPaymentForm = SmglPaymentForm;
}})();
"#
    )
}

pub const LIBRARY_CSS: &str =
    ".smgl-payment-form{display:block;width:100%;max-width:30rem;height:26rem;border:0;\
border-radius:.6rem;background:transparent}";

/// Runs on each page of the frame: the page's height to the parent, and the
/// outcome when the page carries one. Nothing else crosses.
pub const FRAME_JS: &str =
    "(function(){var m=document.getElementById('smgl-frame');if(!m||window.parent===window)return;\
var to=m.getAttribute('data-parent'),o=m.getAttribute('data-outcome');\
function tell(d){d.source='smgl-payment-form';window.parent.postMessage(d,to);}\
tell({type:'height',value:document.documentElement.scrollHeight});\
if(o==='success'||o==='fail')tell({type:'result',outcome:o});})();";

/// A frame page's body: its content and the marker the frame script reads.
fn framed(parent: &str, outcome: Option<&str>, content: String) -> String {
    let outcome = outcome
        .map(|o| format!(" data-outcome=\"{o}\""))
        .unwrap_or_default();
    format!(
        "<div id=\"smgl-frame\" data-parent=\"{}\"{outcome}></div>{content}<script src=\"{FRAME_JS_PATH}\"></script>",
        esc(parent)
    )
}

/// Any page of the hosted set, carried into the frame.
pub fn in_frame(mut page: Page<'static>, parent: &str) -> Page<'static> {
    page.body = framed(parent, None, page.body);
    page
}

/// The end of the payment inside the frame: the outcome, told to the parent.
pub fn done(t: &'static Texts, succeeded: bool, parent: &str) -> Page<'static> {
    let (heading, state, outcome) = if succeeded {
        (t.succeeded, "succeeded", "success")
    } else {
        (t.failed, "failed", "fail")
    };
    Page {
        lang: t.lang,
        title: heading,
        body: framed(
            parent,
            Some(outcome),
            format!(
                "<div class=\"card\" data-testid=\"{}\" data-state=\"{state}\"><h1>{}</h1></div>",
                WIDGET_IDS.result,
                esc(heading)
            ),
        ),
        form_target: None,
        refresh: None,
    }
}

/// 3-D Secure in the whole tab: a button (the customer's click lets a
/// frame move the tab) that posts to the ACS with `target="_top"`.
pub fn to_acs_top(
    t: &'static Texts,
    url: &str,
    fields: &[(String, String)],
    parent: &str,
) -> Page<'static> {
    let form = auto_post(url, fields, t.to_bank, t.go_on)
        .replacen(" data-autosubmit>", " target=\"_top\">", 1)
        .replacen(
            "<noscript><button type=\"submit\">",
            "<button type=\"submit\" class=\"primary\" data-testid=\"widget-to-bank\">",
            1,
        )
        .replacen("</button></noscript>", "</button>", 1);
    Page {
        lang: t.lang,
        title: t.title,
        body: framed(parent, None, format!("<div class=\"card\">{form}</div>")),
        form_target: None,
        refresh: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::hosted::texts;

    #[test]
    fn the_library_knows_only_its_origin() {
        let js = library_js("http://127.0.0.1:4010");
        assert!(js.contains("var ORIGIN = \"http://127.0.0.1:4010\";"));
        assert!(js.contains("e.origin !== ORIGIN || e.source !== f.contentWindow"));
        let hostile = library_js("http://x\";alert(1);//");
        assert!(hostile.contains(r#"var ORIGIN = "http://x\";alert(1);//";"#));
    }

    #[test]
    fn frame_pages_carry_the_parent_escaped_and_the_outcome() {
        let page = done(texts("en"), true, "https://shop.test\"><x");
        assert!(page
            .body
            .contains("data-parent=\"https://shop.test&quot;&gt;&lt;x\""));
        assert!(page.body.contains("data-outcome=\"success\""));
        assert!(page
            .body
            .contains("data-testid=\"widget-result\" data-state=\"succeeded\""));
        let top = to_acs_top(
            texts("en"),
            "http://127.0.0.1:4010/acs/p1",
            &[("MD".into(), "m".into())],
            "https://shop.test",
        );
        assert!(top.body.contains("target=\"_top\"") && top.body.contains("widget-to-bank"));
        assert!(!top.body.contains("data-autosubmit") && !top.body.contains("noscript"));
    }
}
