/**
 * This process's `Date.now()`, moved as the whole test world's clock: the emulator (which adds
 * its own offset to `Date.now()`) and the in-process provider both read it, so moving it is as
 * if time had passed for everyone, what `testing/world-clock.ts` does for child processes.
 * Timers and the monotonic clock are untouched. Moving only the emulator's clock
 * (`control.advanceClock`) is Telnyx's clock drifting from the runner's.
 */
const realNow = Date.now;
let shiftMs = 0;

/** Move this process's clock `seconds` ahead (registers nothing: call {@link resetProcessClock} after the test). */
export function advanceProcessClock(seconds: number): void {
  shiftMs += seconds * 1000;
  Date.now = () => realNow() + shiftMs;
}

/** Real time again. */
export function resetProcessClock(): void {
  shiftMs = 0;
  Date.now = realNow;
}

/** Real time, whatever the shift (for child processes, which get their own offset). */
export function realTimeMs(): number {
  return realNow();
}
