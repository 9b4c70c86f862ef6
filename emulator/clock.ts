/**
 * The emulator's single clock: real time plus an offset that tests move forward, so holds can
 * expire and reservations settle without real waiting. Everything time-dependent reads it.
 */

/** Real time shifted by a test-controlled offset. */
export class EmulatorClock {
  private offsetMs = 0;

  /** Current emulator time in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward; callers validate that `seconds` is finite and not negative. */
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  /** How far ahead of real time the clock is, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Sets the offset (restoring a saved emulator). */
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
