// A minimal worker over smart-glocal-edge: signs a request, verifies
// webhooks (401 for a bad signature).
import { SmartGlocal, SmartGlocalError, paymentView } from "smart-glocal-edge";

export default {
  async fetch(request, env) {
    const sg = new SmartGlocal({ project: "p", signingKey: env.SG_SIGNING_KEY });
    if (new URL(request.url).pathname === "/webhook") {
      try {
        return Response.json(paymentView(await sg.handleWebhook(request)));
      } catch (e) {
        if (e instanceof SmartGlocalError && e.code === "bad_signature") return new Response(null, { status: 401 });
        throw e;
      }
    }
    const prepared = await sg.prepare("session/status", { session_id: "ps_1" });
    return Response.json({ url: prepared.url });
  },
};
