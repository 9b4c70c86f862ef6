/**
 * Durations written as text ("10m", "1h", "90s"), parsed by the `ms` library.
 * A bare number is refused: "10" would silently mean ten milliseconds.
 */
import ms from "ms";

export type DurationResult = { ok: true; ms: number } | { ok: false; reason: string };

export function parseDuration(input: unknown, bounds: { minMs: number; maxMs: number }): DurationResult {
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
