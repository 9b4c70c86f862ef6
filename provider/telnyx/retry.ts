/**
 * When to try a Telnyx call again, and how long to wait first.
 *
 * The one place for backoff. Telnyx tells us how long to wait on a 429
 * (`Retry-After`, `x-ratelimit-reset`); otherwise waits grow exponentially with
 * jitter so that many resources failing together do not retry in lockstep.
 */

/** Bounds on retrying one call. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** First backoff step; doubles each retry. */
  baseDelayMs: number;
  /** Largest single wait. */
  maxDelayMs: number;
  /** No retry starts later than this after the first attempt. */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  deadlineMs: 120_000,
};

/** Exponential backoff with "equal jitter": half fixed, half random, so waits never collapse to zero. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + random() * (step / 2));
}

type HeaderReader = { get(name: string): string | null };

/**
 * How long the server asked us to wait, in ms, or undefined when it did not say.
 * `Retry-After` may be seconds or an HTTP date; `x-ratelimit-reset` may be
 * seconds from now or an epoch timestamp (large values), so both are accepted.
 */
export function serverRequestedDelay(headers: HeaderReader, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = Number(headers.get("x-ratelimit-reset") ?? NaN);
  if (Number.isFinite(reset)) return reset > 1e9 ? Math.max(0, reset * 1000 - now) : Math.max(0, reset * 1000);
  return undefined;
}

/**
 * A pause shared by every call of one client: when Telnyx says "slow down", all
 * concurrent calls wait, instead of each discovering the limit with its own 429.
 */
export class RateGate {
  private openAt = 0;

  /** Keep every call waiting until `ms` from now (never shortens a longer pause). */
  pauseFor(ms: number): void {
    this.openAt = Math.max(this.openAt, Date.now() + ms);
  }

  /** Resolve when the gate is open. */
  async pass(): Promise<void> {
    for (let wait = this.openAt - Date.now(); wait > 0; wait = this.openAt - Date.now()) {
      await sleep(wait);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
