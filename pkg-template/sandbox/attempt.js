// One webhook attempt, shared by the sandbox's two shells (index.js in
// Node, worker.js in workerd): POST the signed body, read the answer away,
// and give back its status, or undefined when there was no answer (refused,
// reset, timed out, aborted). Each shell brings its own `send` (fetch, or
// the worker's WEBHOOKS binding) and its own abort signal, and reports the
// status to its core.

/** Gives up on an answer after this long (the core counts it as none). */
export const ATTEMPT_TIMEOUT_MS = 10_000;

export async function sendAttempt(send, attempt, signal) {
  try {
    const res = await send(attempt.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-partner-sign": attempt.signature },
      body: attempt.body,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]) : AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => {});
    return res.status;
  } catch {
    return undefined; // no answer
  }
}
