/**
 * One clock for the whole test world. The emulator's clock is the one tests
 * move; processes a test starts (provider hosts, `pulumi` commands) get the
 * environment below, which shifts their `Date.now()` by the same offset
 * (shift-clock.js), as if time had really passed for everyone.
 */
import * as path from "path";

const PRELOAD = path.join(__dirname, "shift-clock.js");

/** Environment that puts a Node.js process `offsetMs` ahead of the real clock. */
export function clockEnv(offsetMs: number, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const options = [base.NODE_OPTIONS ?? "", `--require ${PRELOAD}`].filter(Boolean).join(" ");
  return { NODE_OPTIONS: options, TELNYX_TEST_CLOCK_OFFSET_MS: String(Math.round(offsetMs)) };
}

/** The emulator's clock minus the real one, from its control API at `origin` (0 when it cannot tell). */
export async function emulatorOffset(origin: string): Promise<number> {
  try {
    const response = await fetch(`${origin}/__emulator/clock`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return 0;
    const { now } = (await response.json()) as { now: string };
    return Date.parse(now) - Date.now();
  } catch {
    return 0;
  }
}
