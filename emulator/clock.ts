/**
 * The emulator's single clock: real time plus an offset that tests move forward, so holds can
 * expire and reservations settle without real waiting. Reservation rules, timestamps and the
 * `Date` header read it; injected delays and the rate limit run on real time.
 */

/**
 * How far ahead of real time the clock may run: 100 years. Far enough for any hold or extension,
 * and far inside what a Date can hold (year 275760), so every date the emulator renders, plus
 * the longest hold a setting allows (about 32 years), stays valid.
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 365.25 * 24 * 3600 * 1000;

/** Real time shifted by a test-controlled offset. */
export class EmulatorClock {
  private offsetMs = 0;

  /** Current emulator time in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** How many more seconds the clock may be advanced before it reaches {@link MAX_CLOCK_OFFSET_MS}. */
  get remainingAdvanceSeconds(): number {
    return (MAX_CLOCK_OFFSET_MS - this.offsetMs) / 1000;
  }

  /**
   * Moves the clock forward. Callers validate that `seconds` is finite, not negative and at most
   * {@link remainingAdvanceSeconds}; this throws rather than ever leave the bound.
   */
  advance(seconds: number): void {
    const offsetMs = this.offsetMs + seconds * 1000;
    if (!(seconds >= 0 && offsetMs <= MAX_CLOCK_OFFSET_MS)) throw new RangeError(`cannot advance the clock by ${seconds} s`);
    this.offsetMs = offsetMs;
  }

  /** How far ahead of real time the clock is, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Sets the offset (restoring a saved emulator, whose offset the state-file check bounded). */
  set offset(ms: number) {
    this.offsetMs = ms;
  }

  /** Puts the clock back on real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * Formats epoch ms the way Telnyx does (`2018-01-01T00:00:00.000000Z`): microsecond digits,
 * of which only the milliseconds carry information here.
 */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, "000Z");
}

/** Formats epoch ms for an HTTP `Date` header (RFC 7231 IMF-fixdate). */
export function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}
