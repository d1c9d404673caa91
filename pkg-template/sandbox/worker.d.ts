/** The sandbox as a Workers fetch handler (options from `SANDBOX_*` bindings; webhooks through a `WEBHOOKS` service binding, or fetch). */
declare const handler: {
  fetch(request: Request, env?: Record<string, unknown> | undefined, ctx?: { waitUntil(promise: Promise<unknown>): void } | undefined): Promise<Response>;
};
export default handler;
