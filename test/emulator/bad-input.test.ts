/**
 * Bad input to every route answers a Telnyx-shaped 4xx promptly: never a crash, a 500 or a hang.
 * Every request carries a short timeout so a hang fails the test instead of stalling the run.
 */

import { withEmulator } from "../helpers/emulator";
import { expectTelnyxError } from "./support";

const emulator = withEmulator();

function control(method: string, path: string, body?: string): Promise<Response> {
  return fetch(`${emulator.origin}/__emulator${path}`, {
    method,
    headers: method === "POST" || body !== undefined ? { "content-type": "application/json" } : {},
    body,
    signal: AbortSignal.timeout(3000),
  });
}

/** Per route: [what is wrong, body, JSON pointer of the field named, Telnyx code]. */
const BODY_ROUTES: Array<[string, Array<[string, unknown, string, string]>]> = [
  [
    "/clock/advance",
    [
      ["missing seconds", {}, "/seconds", "10004"],
      ["negative seconds", { seconds: -1 }, "/seconds", "10015"],
      ["string seconds", { seconds: "10" }, "/seconds", "10020"],
      ["absurd seconds", { seconds: 1e12 }, "/seconds", "10015"],
      ["an unknown field", { seconds: 1, minutes: 2 }, "/minutes", "10015"],
    ],
  ],
  [
    "/numbers/unavailable",
    [
      ["missing phone_numbers", {}, "/phone_numbers", "10004"],
      ["an empty list", { phone_numbers: [] }, "/phone_numbers", "10020"],
      ["a string", { phone_numbers: "+19705550001" }, "/phone_numbers", "10020"],
      ["numbers", { phone_numbers: [19705550001] }, "/phone_numbers", "10020"],
      ["a non-E.164 number", { phone_numbers: ["+19705550001", "555-0001"] }, "/phone_numbers/1", "10015"],
    ],
  ],
  [
    "/faults",
    [
      ["missing count", { status: 500 }, "/count", "10004"],
      ["zero count", { count: 0, status: 500 }, "/count", "10015"],
      ["fractional count", { count: 1.5, status: 500 }, "/count", "10015"],
      ["no action", { count: 1 }, "/status", "10015"],
      ["a status below 400", { count: 1, status: 200 }, "/status", "10015"],
      ["a status above 599", { count: 1, status: 600 }, "/status", "10015"],
      ["a string status", { count: 1, status: "500" }, "/status", "10020"],
      ["negative delayMs", { count: 1, delayMs: -5 }, "/delayMs", "10015"],
      ["huge delayMs", { count: 1, delayMs: 1e9 }, "/delayMs", "10015"],
      ["negative retryAfterSeconds", { count: 1, status: 429, retryAfterSeconds: -1 }, "/retryAfterSeconds", "10015"],
      ["retryAfterSeconds without status", { count: 1, delayMs: 1, retryAfterSeconds: 1 }, "/retryAfterSeconds", "10015"],
      ["status with dropAfterCommit", { count: 1, status: 500, dropAfterCommit: true }, "/dropAfterCommit", "10015"],
      ["a string dropAfterCommit", { count: 1, dropAfterCommit: "yes" }, "/dropAfterCommit", "10020"],
      ["ratio 0", { count: 1, status: 500, ratio: 0 }, "/ratio", "10015"],
      ["ratio above 1", { count: 1, status: 500, ratio: 1.5 }, "/ratio", "10015"],
      ["seed without ratio", { count: 1, status: 500, seed: 3 }, "/seed", "10015"],
      ["a path without a leading slash", { count: 1, status: 500, path: "v2" }, "/path", "10015"],
      ["a numeric method", { count: 1, status: 500, method: 1 }, "/method", "10020"],
      ["an unknown field", { count: 1, status: 500, retryAfter: 3 }, "/retryAfter", "10015"],
    ],
  ],
  [
    "/rate-limit",
    [
      ["missing requestsPerSecond", {}, "/requestsPerSecond", "10004"],
      ["negative", { requestsPerSecond: -1 }, "/requestsPerSecond", "10015"],
      ["fractional", { requestsPerSecond: 0.5 }, "/requestsPerSecond", "10015"],
      ["a string", { requestsPerSecond: "5" }, "/requestsPerSecond", "10020"],
    ],
  ],
  [
    "/settings",
    [
      ["negative settleDelayMs", { settleDelayMs: -1 }, "/settleDelayMs", "10015"],
      ["zero holdSeconds", { holdSeconds: 0 }, "/holdSeconds", "10015"],
      ["negative extendSeconds", { extendSeconds: -10 }, "/extendSeconds", "10015"],
      ["a string holdSeconds", { holdSeconds: "60" }, "/holdSeconds", "10020"],
      ["an unknown field", { holdMinutes: 5 }, "/holdMinutes", "10015"],
    ],
  ],
];

describe.each(BODY_ROUTES)("POST /__emulator%s", (path, cases) => {
  it.each(cases)("answers 422 for %s, naming the field", async (_label, body, pointer, code) => {
    await expectTelnyxError(await control("POST", path, JSON.stringify(body)), 422, code, { pointer });
  });

  it("answers 400 code 10023 for a body that is not JSON", async () => {
    await expectTelnyxError(await control("POST", path, "{not json"), 400, "10023");
  });

  it("answers 400 for a JSON body that is not an object", async () => {
    await expectTelnyxError(await control("POST", path, "[1,2]"), 400, "10015", { pointer: "/" });
  });

  it("changes nothing when the input is rejected", async () => {
    await control("POST", path, JSON.stringify({ bogus: true }));
    expect(await emulator.control.faults()).toEqual([]);
    expect(await emulator.control.settings()).toEqual({ settleDelayMs: 50, holdSeconds: 1800, extendSeconds: 1800 });
    const unavailable = await (await control("GET", "/numbers/unavailable")).json();
    expect(unavailable).toEqual({ phone_numbers: [] });
    expect(await (await control("GET", "/rate-limit")).json()).toEqual({ requestsPerSecond: 0 });
  });
});

describe("routes and methods", () => {
  it.each([
    ["GET", "/nowhere"],
    ["POST", "/clock/rewind"],
    ["GET", ""],
    ["GET", "/reservations/123"],
  ])("%s /__emulator%s answers a Telnyx-shaped 404", async (method, path) => {
    await expectTelnyxError(await control(method, path), 404, "10005");
  });

  it.each([
    ["GET", "/reset"],
    ["DELETE", "/clock"],
    ["PUT", "/faults"],
    ["DELETE", "/reservations"],
    ["POST", "/requests"],
    ["DELETE", "/settings"],
    ["PATCH", "/rate-limit"],
  ])("the wrong method %s /__emulator%s answers a 404 naming the method", async (method, path) => {
    const [error] = await expectTelnyxError(await control(method, path), 404, "10005");
    expect(error.detail).toContain(method);
  });

  it("accepts an empty body as {} (settings: a no-op read; reset: fine)", async () => {
    expect((await control("POST", "/settings", "")).status).toBe(200);
    expect((await control("POST", "/reset")).status).toBe(200);
    await expectTelnyxError(await control("POST", "/clock/advance", ""), 422, "10004", { pointer: "/seconds" });
  });

  it("answers 413 for an oversized control body", async () => {
    await expectTelnyxError(await control("POST", "/settings", " ".repeat(2 * 1024 * 1024)), 413, "10015");
  });

  it("keeps serving after a burst of bad input", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => control("POST", "/faults", i % 2 ? "{" : "[]")));
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200);
  });
});

describe("malformed /v2 requests", () => {
  it("answers a Telnyx-shaped error for odd request targets", async () => {
    for (const path of ["/number_reservations/%", "/number_reservations//actions/extend", "/number_reservations?page[size]=%ZZ"]) {
      const response = await emulator.request("GET", path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(((await response.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
  });
});
