// tsc --strict against the installed package: the public API is typed.
import { StatusView, formatMoney, followPayment, redirectPlan, performRedirect, paymentPageUrl, openPaymentPage, SmartGlocalError } from "smart-glocal-browser";
import init, { StatusView as WebStatusView } from "smart-glocal-browser/web";
import type { PaymentView, RedirectPlan, Redirect } from "smart-glocal-browser";
import { mountPaymentForm, paymentFormPlan, WIDGET_HOSTS } from "smart-glocal-browser/payment-form";
import type { PaymentFormHandle, PaymentFormPlan } from "smart-glocal-browser/payment-form";
import { showQrCode, qrCodeSvg } from "smart-glocal-browser/qr";

export async function fps(el: HTMLElement, view: PaymentView): Promise<SVGSVGElement | null> {
  const markup: string = await qrCodeSvg("https://qr.nspk.ru/x", { label: "Scan to pay" });
  void markup;
  await followPayment(el, "/status/1", { onView: (v: PaymentView) => void v.state });
  // @ts-expect-error onView takes a function
  await followPayment(el, "/status/1", { onView: "yes" });
  if (view.interaction?.type !== "qr") return null;
  const { svg } = await showQrCode(el, view.interaction.content, { openLabel: "Open your bank" });
  return svg;
}

export async function widget(el: HTMLElement): Promise<"success" | "fail"> {
  const form: PaymentFormHandle = await mountPaymentForm(el, "tok", { environment: "demo", target: "_top", timeoutMs: 5000 });
  const plan: PaymentFormPlan = paymentFormPlan("tok", { base: "http://127.0.0.1:4010", cvcMasked: false });
  const host: string = WIDGET_HOSTS.live;
  void plan;
  void host;
  // @ts-expect-error environment is live or demo
  await mountPaymentForm(el, "tok", { environment: "prod" });
  // @ts-expect-error no _blank: 3-D Secure opens in the form or the tab
  paymentFormPlan("tok", { target: "_blank" });
  form.unmount();
  return form.reported;
}

export async function usage(el: HTMLElement, r: Redirect): Promise<PaymentView> {
  await init();
  const plan: RedirectPlan = redirectPlan(r, { allowedHosts: ["acs.bank.test"] });
  const fields: Array<[string, string]> = plan.fields;
  void fields;
  performRedirect(r, { target: "_top" });
  const view = new StatusView(el, { labels: { succeeded: "Paid", reconnecting: "…" }, locale: "en-US" });
  const price: string = formatMoney(1500, "jpy", { locale: "en-US" });
  void price;
  view.setReconnecting(true);
  new WebStatusView(el).setReconnecting(false);
  const page: string = paymentPageUrl("tok", { locale: "ru", base: "http://127.0.0.1:4010" });
  openPaymentPage("tok", { target: "_blank" });
  void page;
  // @ts-expect-error the public token is a string
  paymentPageUrl(42);
  try {
    return await followPayment(el, "/api/payments/ps_1", { intervalMs: 500, autoRedirect: false });
  } catch (e) {
    if (e instanceof SmartGlocalError && e.code === "timeout") throw e;
    throw e;
  }
  // @ts-expect-error labels are per state only
  new StatusView(el, { labels: { paid: "x" } });
  // @ts-expect-error the browser package has no signing
  import("smart-glocal-browser").then((m) => m.sign);
}
