/**
 * Test-only preload (`node --require`): runs a provider or program process on
 * the emulator's clock. Tests move the emulator's clock to make holds lapse and
 * keep-alive windows open; a real lapse moves every clock, so the processes a
 * test starts are given the same time: `Date.now()` is shifted by
 * TELNYX_TEST_CLOCK_OFFSET_MS (ms). Timers and the monotonic clock are untouched.
 */
"use strict";
const offset = Number(process.env.TELNYX_TEST_CLOCK_OFFSET_MS || 0);
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + offset;
}
