/**
 * Validation of control-API bodies. Each parser returns a typed value or throws a 422 naming
 * every bad field (unknown fields included), so a test's typo fails loudly.
 */

import { E164 } from "./create-request";
import { FieldReader, withoutUndefined, type JsonObject } from "./json-input";
import type { EmulatorSettings, FaultRule } from "./types";

/** Upper bounds that keep values inside what a Date and a timer can represent. */
const MAX_ADVANCE_SECONDS = 1e9;
const MAX_DELAY_MS = 10 * 60 * 1000;
const MAX_DURATION_SECONDS = 1e9;

/**
 * `POST /__emulator/clock/advance` body: `{seconds}`, seconds >= 0, and no further than
 * `remainingSeconds` (what is left of the clock's bound).
 */
export function parseClockAdvance(body: JsonObject, remainingSeconds: number): number {
  const fields = new FieldReader(body, ["seconds"]);
  const seconds = fields.number("seconds", { required: true, min: 0, max: MAX_ADVANCE_SECONDS });
  if (seconds !== undefined && seconds > remainingSeconds) {
    fields.reject(
      `'seconds' would move the clock more than 100 years ahead of real time; at most ${remainingSeconds} more seconds are allowed (reset puts the clock back).`,
      "seconds",
    );
  }
  fields.done();
  return seconds as number;
}

/** `POST /__emulator/numbers/unavailable` body: `{phone_numbers: ["+1..."]}`, each strict E.164. */
export function parseUnavailableNumbers(body: JsonObject): string[] {
  const fields = new FieldReader(body, ["phone_numbers"]);
  const numbers = fields.stringArray("phone_numbers") ?? [];
  numbers.forEach((n, i) => {
    if (!E164.test(n)) fields.reject(`${JSON.stringify(n)} is not in +E.164 format.`, "phone_numbers", i);
  });
  fields.done();
  return numbers;
}

/** `POST /__emulator/rate-limit` body: `{requestsPerSecond}`, a whole number, 0 = off. */
export function parseRateLimit(body: JsonObject): number {
  const fields = new FieldReader(body, ["requestsPerSecond"]);
  const rate = fields.number("requestsPerSecond", { required: true, integer: true, min: 0, max: 1e6 });
  fields.done();
  return rate as number;
}

/** `POST /__emulator/settings` body: any subset of the settings. */
export function parseSettings(body: JsonObject): Partial<EmulatorSettings> {
  const fields = new FieldReader(body, ["settleDelayMs", "holdSeconds", "extendSeconds"]);
  const settleDelayMs = fields.number("settleDelayMs", { min: 0, max: MAX_DURATION_SECONDS * 1000 });
  const holdSeconds = fields.number("holdSeconds", { above: 0, max: MAX_DURATION_SECONDS });
  const extendSeconds = fields.number("extendSeconds", { above: 0, max: MAX_DURATION_SECONDS });
  fields.done();
  return withoutUndefined({ settleDelayMs, holdSeconds, extendSeconds });
}

const FAULT_FIELDS = ["method", "path", "count", "status", "retryAfterSeconds", "delayMs", "dropAfterCommit", "ratio", "seed"];

/** `POST /__emulator/faults` body: a {@link FaultRule}. */
export function parseFaultRule(body: JsonObject): FaultRule {
  const fields = new FieldReader(body, FAULT_FIELDS);
  const rule: FaultRule = {
    method: fields.string("method")?.toUpperCase(),
    path: fields.string("path"),
    count: fields.number("count", { required: true, integer: true, min: 1 }) ?? 0,
    status: fields.number("status", { integer: true, min: 400, max: 599 }),
    retryAfterSeconds: fields.number("retryAfterSeconds", { integer: true, min: 0, max: MAX_DURATION_SECONDS }),
    delayMs: fields.number("delayMs", { min: 0, max: MAX_DELAY_MS }),
    dropAfterCommit: fields.boolean("dropAfterCommit"),
    ratio: fields.number("ratio", { above: 0, max: 1 }),
    seed: fields.number("seed", { integer: true }),
  };
  if (rule.path !== undefined && !rule.path.startsWith("/")) {
    fields.reject("'path' must start with '/', e.g. /v2/number_reservations.", "path");
  }
  if (rule.status === undefined && rule.delayMs === undefined && !rule.dropAfterCommit) {
    fields.reject("A fault needs at least one of 'status', 'delayMs' or 'dropAfterCommit': true.", "status");
  }
  if (rule.status !== undefined && rule.dropAfterCommit) {
    fields.reject("'dropAfterCommit' cannot be combined with 'status': a faulted status commits nothing.", "dropAfterCommit");
  }
  if (rule.retryAfterSeconds !== undefined && rule.status === undefined) {
    fields.reject("'retryAfterSeconds' needs a 'status' to go with.", "retryAfterSeconds");
  }
  if (rule.seed !== undefined && rule.ratio === undefined) fields.reject("'seed' only applies together with 'ratio'.", "seed");
  fields.done();
  return withoutUndefined(rule);
}
