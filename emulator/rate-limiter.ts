/**
 * The optional rate limit on /v2: a fixed one-second window in REAL time (moving the emulator
 * clock neither refills nor drains it), counting admitted requests only. While a limit is set,
 * every /v2 response carries Telnyx's `x-ratelimit-*` headers; over the limit the request gets
 * a 429 with `Retry-After`.
 */

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
