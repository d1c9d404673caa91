import { SmartGlocal } from "smart-glocal-edge";

export async function GET() {
  const sg = new SmartGlocal({ project: "p", signingKey: "k" });
  const prepared = await sg.prepare("session/status", { session_id: "ps_1" });
  return Response.json({ url: prepared.url, signed: prepared.headers["X-PARTNER-SIGN"].length });
}
