/**
 * Backoff, in one place. On a 429 Telnyx says how long to wait (`Retry-After`,
 * `x-ratelimit-reset`); otherwise waits grow exponentially with jitter, so that
 * many resources failing together do not retry in lockstep. No wait outlasts the
 * call's deadline (`deadlineMs`): the transport gives up instead.
 */

/** Bounds on retrying one call. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** First backoff step; doubles each retry. */
  baseDelayMs: number;
  /** Largest single wait. */
  maxDelayMs: number;
  /**
   * The whole call, every attempt and wait included, ends within this many ms of
   * its start: attempts are cut short and waits that would pass it are not taken.
   */
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

/** A wait the server asked for, and the header that asked (for messages). */
export interface RequestedWait {
  /** Milliseconds from now; may be `Infinity` for absurd values. */
  ms: number;
  /** E.g. `Retry-After: 30`. */
  said: string;
}

/**
 * How long the server asked us to wait, or undefined when it did not say.
 * `Retry-After` may be seconds or an HTTP date; `x-ratelimit-reset` may be
 * seconds from now or an epoch timestamp (large values), so both are accepted.
 */
export function serverRequestedDelay(headers: HeaderReader, now: number = Date.now()): RequestedWait | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    const said = `Retry-After: ${retryAfter}`;
    const seconds = Number(retryAfter);
    if (!Number.isNaN(seconds)) return { ms: Math.max(0, seconds * 1000), said };
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return { ms: Math.max(0, at - now), said };
  }
  const resetText = headers.get("x-ratelimit-reset")?.trim();
  const reset = Number(resetText || NaN);
  if (Number.isNaN(reset)) return undefined;
  const ms = reset > 1e9 && Number.isFinite(reset) ? reset * 1000 - now : reset * 1000;
  return { ms: Math.max(0, ms), said: `x-ratelimit-reset: ${resetText}` };
}

/**
 * A pause shared by every call of one client: when Telnyx says "slow down", all
 * concurrent calls wait, instead of each discovering the limit with its own 429.
 * Only a call that will retry sets it, and never beyond its own deadline.
 */
export class RateGate {
  private openAt = 0;

  /** Keep every call waiting until `ms` from now (never shortens a longer pause). */
  pauseFor(ms: number): void {
    this.openAt = Math.max(this.openAt, Date.now() + ms);
  }

  /** When the current pause ends (ms since epoch; in the past when there is none). */
  get pausedUntil(): number {
    return this.openAt;
  }

  /**
   * Resolve true when the gate is open; false at once when it stays shut past
   * `deadline` (ms since epoch), so no caller waits beyond its deadline.
   */
  async pass(deadline: number): Promise<boolean> {
    for (let wait = this.openAt - Date.now(); wait > 0; wait = this.openAt - Date.now()) {
      if (this.openAt > deadline) return false;
      await sleep(wait);
    }
    return true;
  }
}

/** Timers take at most 2^31-1 ms (longer ones fire at once): longer sleeps are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function sleep(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= MAX_TIMER_MS) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, MAX_TIMER_MS)));
  }
}
