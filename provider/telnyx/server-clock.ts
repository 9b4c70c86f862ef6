/**
 * Telnyx's clock, learned from the `Date` header of its answers. Hold expiry is
 * Telnyx's notion, so the provider judges lapsed holds on this clock rather than
 * the runner's. A `Date` too far from the local clock is not believed: a broken
 * or hostile server could otherwise make every hold look lapsed (or eternal).
 */

/**
 * The largest difference between Telnyx's `Date` and the local clock that is
 * trusted. Beyond it the local clock is used and a warning is given once.
 * 12 hours: far above real clock drift, and above the clock moves tests make
 * on the emulator (a couple of hours).
 */
export const MAX_TRUSTED_CLOCK_SKEW_MS = 12 * 3_600_000;

/** How the warning about an untrusted `Date` begins, so a caller can tell it from other warnings. */
export const CLOCK_WARNING_PREFIX = "Telnyx's clock says";

export class ServerClock {
  /** Server time minus local time, from the last trusted `Date`. */
  private offsetMs = 0;
  private observed = false;
  private warned = false;

  /** @param warn told once when a `Date` header is not trusted */
  constructor(private readonly warn: (message: string) => void) {}

  /** Now on Telnyx's clock (ms since epoch), or the local clock when none was trusted. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Whether any answer has carried a `Date` yet (trusted or not). */
  get known(): boolean {
    return this.observed;
  }

  /** Learn from one answer's `Date` header. */
  observe(dateHeader: string | null): void {
    const date = Date.parse(dateHeader ?? "");
    if (Number.isNaN(date)) return;
    this.observed = true;
    const local = Date.now();
    // `Date` has whole seconds: assume the middle of that second.
    const offset = date + 500 - local;
    if (Math.abs(offset) <= MAX_TRUSTED_CLOCK_SKEW_MS) {
      this.offsetMs = offset;
      return;
    }
    this.offsetMs = 0;
    if (this.warned) return;
    this.warned = true;
    this.warn(
      `${CLOCK_WARNING_PREFIX} ${new Date(date).toISOString()} but this machine's says ${new Date(local).toISOString()}, ` +
        `more than ${MAX_TRUSTED_CLOCK_SKEW_MS / 3_600_000} h apart: ignoring the server's Date header and judging ` +
        "hold expiry on the local clock. Check this machine's clock (and the base URL).",
    );
  }
}
