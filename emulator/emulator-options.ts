/**
 * Defaults and checks for {@link EmulatorOptions}: a bad option fails `startEmulator` at once
 * with a message naming it, instead of producing an emulator that misbehaves later.
 */

import type { EmulatorOptions, EmulatorSettings } from "./types";

/** Options with every default applied. */
export interface ResolvedOptions {
  /** Port to bind (0 = any free port). */
  port: number;
  /** Interface to bind. */
  host: "127.0.0.1";
  /** Required bearer token, or undefined to accept any. */
  apiKey: string | undefined;
  /** Initial timing settings (also what reset restores). */
  settings: EmulatorSettings;
  /** Where state persists, if anywhere. */
  stateFile: string | undefined;
  /** How long a request's headers may take to arrive. */
  headersTimeoutMs: number;
}

/** Node's default: a client gets a minute to send a request's headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;

/** Telnyx's documented timings: holds of about 30 minutes, extended by about 30 more. */
export const DEFAULT_SETTINGS: EmulatorSettings = { settleDelayMs: 1000, holdSeconds: 1800, extendSeconds: 1800 };

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`startEmulator: ${message}`);
}

const isNonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;
const isPositive = (value: number): boolean => Number.isFinite(value) && value > 0;

/** Applies defaults and validates; throws a RangeError naming the first bad option. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  const settings: EmulatorSettings = {
    settleDelayMs: options.settleDelayMs ?? DEFAULT_SETTINGS.settleDelayMs,
    holdSeconds: options.holdSeconds ?? DEFAULT_SETTINGS.holdSeconds,
    extendSeconds: options.extendSeconds ?? DEFAULT_SETTINGS.extendSeconds,
  };
  check(Number.isInteger(port) && port >= 0 && port <= 65535, `port must be an integer from 0 to 65535, got ${port}`);
  check(host === "127.0.0.1", `host must be "127.0.0.1" (the emulator only listens on loopback), got ${String(host)}`);
  check(options.apiKey === undefined || options.apiKey.trim() !== "", "apiKey must not be empty");
  check(isNonNegative(settings.settleDelayMs), `settleDelayMs must be >= 0, got ${settings.settleDelayMs}`);
  check(isPositive(settings.holdSeconds), `holdSeconds must be > 0, got ${settings.holdSeconds}`);
  check(isPositive(settings.extendSeconds), `extendSeconds must be > 0, got ${settings.extendSeconds}`);
  check(options.stateFile === undefined || options.stateFile.trim() !== "", "stateFile must not be empty");
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  check(
    Number.isInteger(headersTimeoutMs) && headersTimeoutMs > 0,
    `headersTimeoutMs must be a whole number of ms > 0, got ${headersTimeoutMs}`,
  );
  return { port, host, apiKey: options.apiKey, settings, stateFile: options.stateFile, headersTimeoutMs };
}
