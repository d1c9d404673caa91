// What orders and payouts share: one Durable Object per operation that
// records the API's news (webhooks, answers, status polls), decides the
// merchant's actions (confirm or cancel, capture, refund, save a card),
// and performs them from its alarm, retrying with the same idempotency key
// until they succeed or their window closes. An action counts as done only
// after the API accepted it. When nothing is heard for a while, the alarm
// asks `session/status` (webhooks are optional in the live API).
import { DurableObject } from "cloudflare:workers";
import { SmartGlocalError, paymentView, viewBeforeStart, operation, dedupKey } from "smart-glocal-edge";
import { api, reconcileMs } from "./sg.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/**
 * How long each action may be retried. A capture must land inside the hold:
 * the reference releases an uncaptured hold after 5 days (one page version
 * says 3 days 23 hours), so the worker stops trying after
 * SG_CAPTURE_WINDOW_HOURS (default 90: inside both).
 */
const WINDOWS = { confirm: 240 * MINUTE, cancel: 240 * MINUTE, refund: DAY, save_card: DAY };
const windowOf = (name, env) =>
  name === "capture" ? Math.min(Number(env.SG_CAPTURE_WINDOW_HOURS ?? 90) || 90, 95) * 60 * MINUTE : WINDOWS[name];
const MAX_SEEN = 100;
/** How long an operation whose start answer was lost waits to hear of its session. */
const START_WINDOW = 30 * MINUTE;

/** The states of a paid operation: it can only move on to refunds (or a chargeback). */
const PAID = new Set(["succeeded", "partially_refunded", "refunded"]);

/**
 * Whether `next` may replace `current`: an operation moves only forward
 * along the payment's life, whatever the timestamps and types of later
 * events. A final view is never replaced by a non-final one; a failed or
 * cancelled one by nothing; a paid one only by a paid one with as much or
 * more refunded (and a chargeback stays). A non-final view is not replaced
 * by an older one.
 */
export function newer(current, next) {
  if (!current) return true;
  if (current.final) {
    if (!next.final || !PAID.has(current.state) || !PAID.has(next.state)) return false;
    if ((next.refunded_amount ?? 0) < (current.refunded_amount ?? 0)) return false;
    return !current.chargeback || Boolean(next.chargeback);
  }
  return !(current.updated_at && next.updated_at && next.updated_at < current.updated_at);
}

/** Actions that steer a payment to its end: never sent once it has one. */
const STEERING = new Set(["confirm", "cancel", "capture"]);


export class OperationObject extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.s = (await ctx.storage.get("s")) ?? null;
    });
  }

  async save() {
    await this.ctx.storage.put("s", this.s);
    await this.schedule();
  }

  /** Stores a new record (`kind`, `id`, `amount`, `currency`, …). */
  async create(record) {
    if (this.s) throw new Error(`${record.kind} ${record.id} exists`);
    this.s = { ...record, created_at: Date.now(), session_id: null, started: null, view: null, seen: [], actions: [], last_heard: Date.now() };
    await this.save();
    return this.s;
  }

  record() {
    return this.s;
  }

  /**
   * What the browser (or the admin page) may see: the PaymentView with the
   * operation's id in place of the session id (the browser never learns a
   * session id), and the state before any session is known.
   */
  view() {
    if (!this.s) return null;
    const base =
      this.s.view ??
      viewBeforeStart({
        kind: this.s.kind === "payout" ? "payout" : "payment",
        amount: this.s.amount,
        currency: this.s.currency,
        failure:
          this.s.started === "failed"
            ? { code: this.s.start_error ?? "not_started", description: "could not be started" }
            : null,
      });
    return { ...base, session_id: this.s.id };
  }

  /**
   * The answer to the start call: the session; or `error` when the API
   * refused it (the operation never started); or `unknown` when the answer
   * was lost (a timeout or a network failure after the retries: the call may
   * have been applied). An unknown start waits for a webhook for
   * START_WINDOW; a refused one cancels whatever session shows up later.
   */
  async started(session, { error = null, unknown = false } = {}) {
    if (!this.s) return;
    if (session) {
      this.s.started = "ok";
      this.absorb(null, session);
    } else if (unknown) {
      this.s.started ??= "unknown";
    } else {
      this.s.started = "failed";
      this.s.start_error = error;
      for (const a of this.s.actions) {
        if (a.name === "confirm" && a.status === "pending") a.name = "cancel";
      }
    }
    await this.save();
  }

  /** A verified webhook: `{ applied }`, `false` when it was a repeat or not ours. */
  async applyEvent(event) {
    if (!this.s) return { applied: false, reason: "unknown" };
    const applied = this.absorb(event.type, event.session, dedupKey(event));
    await this.save();
    return { applied };
  }

  /**
   * Takes in a session as of an event (or an answer when `type` is null) and
   * decides what follows. `key`, an event's delivery key (the package's
   * `dedupKey`): a repeated delivery changes nothing.
   */
  absorb(type, session, key = null) {
    if (this.s.session_id && session.id !== this.s.session_id) return false;
    this.s.session_id ??= session.id;
    this.s.last_heard = Date.now();
    if (key && this.s.seen.includes(key)) return false;
    if (key) this.s.seen = [...this.s.seen, key].slice(-MAX_SEEN);
    const view = paymentView(type ? { type, session } : session);
    if (newer(this.s.view, view)) this.s.view = view;
    else if (this.s.view?.final) console.log(`worker: ${this.s.kind} ${this.s.id}: a ${view.state} snapshot after ${this.s.view.state} was ignored`);
    // A final operation sends no confirm, capture or cancel (see `add`);
    // what follows the end (saving the card) is still decided.
    this.decide(type, session, this.s.view);
    return true;
  }

  /**
   * The actions a session calls for (subclasses add their own), read from
   * the operation's view: the package decides what the API asks for.
   */
  decide(type, session, view) {
    const wantsConfirm = view?.state === "awaiting_confirmation";
    if (wantsConfirm && !this.has("confirm") && !this.has("cancel")) {
      const got = operation(session)?.amount_details;
      const matches = this.s.started !== "failed" && got && got.amount === this.s.amount && got.currency === this.s.currency;
      this.add(matches ? "confirm" : "cancel");
      if (!matches) console.log(`worker: ${this.s.kind} ${this.s.id}: cancelling (${this.s.started === "failed" ? "its start failed" : "amount or currency differs"})`);
    }
  }

  has(name) {
    return this.s.actions.some((a) => a.name === name);
  }

  /** Queues an action; a confirm, capture or cancel of an operation that has ended is never queued (null). */
  add(name, extra = {}) {
    if (STEERING.has(name) && this.final()) {
      console.log(`worker: ${this.s.kind} ${this.s.id}: no ${name}, the ${this.s.kind} has ended`);
      return null;
    }
    const n = this.s.actions.filter((a) => a.name === name).length;
    const key = `${this.s.kind}-${this.s.id}-${name}${name === "refund" ? `-${n + 1}` : ""}`;
    const now = Date.now();
    const action = { name, key, status: "pending", attempts: 0, due: now, deadline: now + windowOf(name, this.env), ...extra };
    this.s.actions.push(action);
    return action;
  }

  final() {
    return Boolean(this.s?.view?.final) || (this.s?.started === "failed" && !this.s.session_id);
  }

  async schedule() {
    if (!this.s) return;
    const pending = this.s.actions.filter((a) => a.status === "pending").map((a) => a.due);
    if (this.s.session_id && !this.final()) pending.push(this.s.last_heard + reconcileMs(this.env));
    if (this.s.started === "unknown" && !this.s.session_id) pending.push(this.s.created_at + START_WINDOW);
    if (pending.length) await this.ctx.storage.setAlarm(Math.min(...pending));
    else await this.ctx.storage.deleteAlarm();
  }

  async alarm() {
    if (!this.s) return;
    const now = Date.now();
    for (const a of this.s.actions.filter((x) => x.status === "pending" && x.due <= now)) {
      if (this.final() && STEERING.has(a.name)) {
        a.status = "skipped";
        console.log(`worker: ${this.s.kind} ${this.s.id}: ${a.name} not sent, the ${this.s.kind} has ended`);
        continue;
      }
      await this.perform(a);
    }
    if (this.s.session_id && !this.final() && now >= this.s.last_heard + reconcileMs(this.env)) {
      await this.reconcile();
    }
    if (this.s.started === "unknown" && !this.s.session_id && now >= this.s.created_at + START_WINDOW) {
      this.s.started = "failed";
      this.s.start_error = "not_started";
      console.log(`worker: ${this.s.kind} ${this.s.id}: no session after its start was lost; failed`);
    }
    await this.save();
  }

  /** Asks `session/status`, when webhooks have been silent. */
  async reconcile() {
    try {
      const session = await api(this.env).status(this.s.session_id);
      this.absorb(null, session);
      console.log(`worker: ${this.s.kind} ${this.s.id}: reconciled, ${this.s.view?.state}`);
    } catch (e) {
      // Tried again after the next quiet period.
      this.s.last_heard = Date.now();
      console.log(`worker: ${this.s.kind} ${this.s.id}: status failed (${e.code ?? e.message})`);
    }
  }

  /** One attempt at an action; on a passing failure it is tried again later with the same key. */
  async perform(a) {
    try {
      const session = await this.call(a);
      a.status = "done";
      a.done_at = Date.now();
      if (session) this.absorb(null, session);
      console.log(`worker: ${this.s.kind} ${this.s.id}: ${a.name} done`);
    } catch (e) {
      a.attempts++;
      // The package's rule (its `retryable`), not one of our own.
      const passing = !(e instanceof SmartGlocalError) || e.retryable === true;
      if (!passing || Date.now() > a.deadline) {
        a.status = "failed";
        a.error = e.code ?? "internal";
        console.log(`worker: ${this.s.kind} ${this.s.id}: ${a.name} failed for good (${a.error}${e.api_code ? ` ${e.api_code}` : ""})`);
      } else {
        a.due = Date.now() + Math.min(60_000, 1000 * 2 ** Math.min(a.attempts - 1, 6));
        console.log(`worker: ${this.s.kind} ${this.s.id}: ${a.name} failed (${e.code ?? e.message}), again in ${a.due - Date.now()} ms`);
      }
    }
  }

  /** The API call of an action; the session it answers with, if any. */
  async call(a) {
    const sg = api(this.env);
    const opts = { idempotencyKey: a.key };
    const id = this.s.session_id;
    switch (a.name) {
      case "confirm":
        return sg.confirm(id, opts);
      case "cancel":
        return sg.cancel(id, opts);
      case "capture":
        return sg.capture(id, null, opts);
      case "refund":
        return sg.refund(id, a.amount ? { amount: a.amount, currency: this.s.currency } : null, opts);
      default:
        return this.callOther(a);
    }
  }

  callOther(a) {
    throw new Error(`no action ${a.name}`);
  }
}
