// A loopback stand-in for the API: records every request and answers with
// whatever the test's handler says ("hang" never answers).
import http from "node:http";
import { createHmac } from "node:crypto";

export const KEY = "demo-secret";
export const hmac = (body, key = KEY) => createHmac("sha256", key).update(body).digest("hex");

export async function startFakeApi(handler) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const entry = {
      method: req.method,
      path: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(entry);
    const out = await handler(entry, requests.length);
    if (out === "hang") return;
    res.writeHead(out.status ?? 200, { "content-type": "application/json", ...out.headers });
    res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export const okSession = (extra = {}) => ({
  status: "ok",
  session: { id: "ps_3230", status: "created", created_at: "2024-05-27T02:03:00.000000Z", future_field: { kept: true }, ...extra },
});
