/**
 * Durations written as text ("10m", "1h", "90s"), parsed by the `ms` library.
 * A bare number is refused: "10" would silently mean ten milliseconds.
 */
import ms from "ms";

export type DurationResult = { ok: true; ms: number } | { ok: false; reason: string };

/** No bounds beyond what a duration can be: from zero to the largest exact number of milliseconds. */
export const ANY_DURATION = { minMs: 0, maxMs: Number.MAX_SAFE_INTEGER };

/** Never throws: the result says why a text is not a duration, for the caller to name the property. */
export function parseDuration(input: unknown, bounds: { minMs: number; maxMs: number } = ANY_DURATION): DurationResult {
  if (typeof input !== "string" || !/^\s*\d+(\.\d+)?\s*[a-z]+\s*$/i.test(input)) {
    return { ok: false, reason: `must be a duration with a unit such as "90s", "10m" or "1h"; got ${JSON.stringify(input)}` };
  }
  const value = ms(input.trim() as ms.StringValue);
  if (value === undefined || !Number.isFinite(value)) {
    return { ok: false, reason: `must be a duration such as "90s", "10m" or "1h"; got ${JSON.stringify(input)}` };
  }
  if (value < bounds.minMs || value > bounds.maxMs) {
    return { ok: false, reason: `must be between ${ms(bounds.minMs, { long: true })} and ${ms(bounds.maxMs, { long: true })}; got "${input}"` };
  }
  return { ok: true, ms: value };
}
