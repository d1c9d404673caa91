// A shop worker over smart-glocal-edge: takes a payment against the API at
// https://sandbox.test (in the tests, the sandbox worker, reached through
// the outbound service) and keeps what its verified webhooks said (401
// for a bad signature).
import { SmartGlocal, SmartGlocalError, paymentView } from "smart-glocal-edge";

const seen = [];
const CARD = { type: "card", card: { type: "bank_card", bank_card: {
  number: "4242424242424242", expiration_month: "12", expiration_year: "29", security_code: "123" } } };

export default {
  async fetch(request, env) {
    const sg = new SmartGlocal({ project: "demo", signingKey: env.SG_SIGNING_KEY, baseUrl: "https://sandbox.test", maxRetries: 0 });
    const url = new URL(request.url);
    if (url.pathname === "/webhooks/smart-glocal") {
      let event;
      try {
        event = await sg.handleWebhook(request);
      } catch (e) {
        if (e instanceof SmartGlocalError && e.code === "bad_signature") return new Response(null, { status: 401 });
        throw e;
      }
      seen.push({ type: event.type, state: paymentView(event).state });
      return new Response("ok");
    }
    if (url.pathname === "/seen") return Response.json(seen);
    if (url.pathname === "/pay") {
      const session = await sg.initPayment({ payment_details: CARD, amount_details: { amount: 990, currency: "eur" },
        customer: { reference: "v1", contacts: [{ email: "v1@example.com" }] }, payment_options: { return_url: "https://shop.test/back" } });
      return Response.json({ id: session.id });
    }
    if (url.pathname === "/confirm") return Response.json(await sg.confirm(url.searchParams.get("id")));
    return new Response("not found", { status: 404 });
  },
};
