/**
 * What tests do to /v2 traffic, before any reservation rule runs: injected faults, the optional
 * rate limit, and the log of requests that tests read to count API calls. Control-API requests
 * pass none of it.
 *
 * Faults: answer a status, wait, or commit and then drop the connection, for the next N matching
 * requests (or a seeded random share of them). Rules are tried in the order they were added; the
 * first that matches and fires decides the request.
 *
 * Rate limit: a fixed one-second window in REAL time (moving the emulator clock neither refills
 * nor drains it), counting admitted requests only. While a limit is set, every /v2 response
 * carries Telnyx's `x-ratelimit-*` headers; over the limit the request gets a 429 with
 * `Retry-After`.
 *
 * Request log: each entry is added when the request arrives and completed with its status once
 * answered (0 if dropped). It keeps the last {@link REQUEST_LOG_SIZE} entries, so a long-running
 * emulator's memory and `GET /__emulator/requests` stay bounded; `dropped` says how many older
 * ones were let go.
 */

import type { ActiveFaultRule, FaultRule, RequestLogEntry } from "./types";

// ---- faults -------------------------------------------------------------------------------------

/** What a fired rule asks the request pipeline to do. */
export interface FaultAction {
  /** Wait this long first (real time). */
  delayMs?: number;
  /** Answer this status with a Telnyx-shaped error and commit nothing. */
  status?: number;
  /** `Retry-After` seconds to send with `status`. */
  retryAfterSeconds?: number;
  /** Process normally, then destroy the socket without answering. */
  dropAfterCommit?: boolean;
}

/** Default seed of the `ratio` draw, so that an unseeded rule is still reproducible. */
const DEFAULT_SEED = 1;

/** mulberry32: a tiny seeded generator; quality is ample for picking which requests fail. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LiveRule {
  rule: ActiveFaultRule;
  random: () => number;
}

/** The active fault rules. */
export class FaultInjector {
  private rules: LiveRule[] = [];
  private nextId = 1;

  /** Adds a rule (already validated) and returns it as it will be reported. */
  add(rule: FaultRule): ActiveFaultRule {
    const active: ActiveFaultRule = { ...rule, id: this.nextId++, remaining: rule.count };
    this.rules.push({ rule: active, random: seededRandom(rule.seed ?? DEFAULT_SEED) });
    return { ...active };
  }

  /** The rules that can still fire. */
  list(): ActiveFaultRule[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Finds the first rule that matches and fires for this request, consuming one of its faults. */
  take(method: string, path: string): FaultAction | undefined {
    for (const live of this.rules) {
      const { rule } = live;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !path.startsWith(rule.path)) continue;
      // Draw for every matching request, so the sequence of outcomes depends only on the seed.
      if (rule.ratio !== undefined && live.random() >= rule.ratio) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== live);
      return {
        delayMs: rule.delayMs,
        status: rule.status,
        retryAfterSeconds: rule.retryAfterSeconds,
        dropAfterCommit: rule.dropAfterCommit,
      };
    }
    return undefined;
  }
}

// ---- rate limit ---------------------------------------------------------------------------------

/** The outcome of admitting one request while a limit is set. */
export interface RateDecision {
  /** Whether the request may proceed. */
  allowed: boolean;
  /** Seconds until the window resets (integer, at least 1): `Retry-After` when refused. */
  resetSeconds: number;
  /** The `x-ratelimit-*` headers for the response. */
  headers: Record<string, string>;
}

const WINDOW_MS = 1000;

/** Fixed-window request counter. */
export class RateLimiter {
  private limit = 0;
  private windowStartMs = 0;
  private used = 0;

  /** Sets the limit in requests per second; 0 turns it off. Starts a fresh window. */
  set(requestsPerSecond: number): void {
    this.limit = requestsPerSecond;
    this.windowStartMs = 0;
    this.used = 0;
  }

  /** The current limit (0 = off). */
  get requestsPerSecond(): number {
    return this.limit;
  }

  /** Counts a request against the window; undefined when no limit is set. */
  admit(realNowMs: number = Date.now()): RateDecision | undefined {
    if (this.limit === 0) return undefined;
    if (realNowMs - this.windowStartMs >= WINDOW_MS) {
      this.windowStartMs = realNowMs;
      this.used = 0;
    }
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    const resetSeconds = Math.max(1, Math.ceil((this.windowStartMs + WINDOW_MS - realNowMs) / 1000));
    return {
      allowed,
      resetSeconds,
      headers: {
        "x-ratelimit-limit": String(this.limit),
        "x-ratelimit-remaining": String(this.limit - this.used),
        "x-ratelimit-reset": String(resetSeconds),
      },
    };
  }
}

// ---- request log --------------------------------------------------------------------------------

/** How many entries the log keeps (docs/emulator.md, "Limits"). */
const REQUEST_LOG_SIZE = 1000;

/** The last {@link REQUEST_LOG_SIZE} served /v2 requests (until cleared). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private droppedCount = 0;

  /** Records an arriving request; returns the entry so its status can be filled in later. */
  start(entry: Omit<RequestLogEntry, "status">): RequestLogEntry {
    const logged: RequestLogEntry = { ...entry, status: null };
    this.entries.push(logged);
    if (this.entries.length > REQUEST_LOG_SIZE) {
      this.entries.shift();
      this.droppedCount += 1;
    }
    return logged;
  }

  /** Copies of the kept entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  /** How many entries were let go to keep the size, since the last clear. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Forgets every entry; requests still in flight complete their detached entries harmlessly. */
  clear(): void {
    this.entries = [];
    this.droppedCount = 0;
  }
}
