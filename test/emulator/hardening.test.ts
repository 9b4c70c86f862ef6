/**
 * The emulator against hostile and broken input: cross-site control and API calls, oversized
 * creates, an endless request log, an unbounded clock, over-long URLs, requests without a Host
 * or with headers that never end. Every limit tested here is the one
 * docs/emulator.md states.
 */

import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { createReservation, expectTelnyxError, rawExchange, rawRequest, testNumber } from "./support";

const emulator = withEmulator();

/** Documented limits (docs/emulator.md, "Limits"). */
const MAX_NUMBERS_PER_CREATE = 1000;
const REQUEST_LOG_SIZE = 1000;
const MAX_CLOCK_OFFSET_SECONDS = 100 * 365.25 * 24 * 3600;

const port = (): string => new URL(emulator.origin).port;
const json = { "content-type": "application/json" };
const errorsOf = (text: string): Array<{ code: string; title: string; detail: string }> =>
  (JSON.parse(text) as { errors: Array<{ code: string; title: string; detail: string }> }).errors;

/** How far the emulator clock is ahead of real time, in seconds. */
async function clockOffsetSeconds(): Promise<number> {
  return (Date.parse(await emulator.control.now()) - Date.now()) / 1000;
}

describe("control API: only same-machine, JSON requests", () => {
  it("answers 415 to a control POST that is not application/json, and changes nothing", async () => {
    await createReservation(emulator, [testNumber(1)]);
    for (const contentType of [undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await rawRequest(emulator.origin, {
        method: "POST",
        path: "/__emulator/reset",
        headers: contentType === undefined ? {} : { "content-type": contentType },
        body: "{}",
      });
      expect(response.status).toBe(415);
      expect(response.headers["content-type"]).toBe("application/json");
      const [error] = errorsOf(response.text);
      expect(error.code).toBe("10015");
      expect(error.detail).toContain("application/json");
    }
    expect(await emulator.control.reservations()).toHaveLength(1);
    const withCharset = await rawRequest(emulator.origin, {
      method: "POST",
      path: "/__emulator/reset",
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(withCharset.status).toBe(200);
    expect(await emulator.control.reservations()).toHaveLength(0);
  });

  it("answers 403 to a foreign Host (DNS rebinding), on reads and on commands", async () => {
    await emulator.control.advanceClock(60);
    for (const host of [`evil.example:${port()}`, "evil.example", `localhost.evil.example:${port()}`, "127.0.0.1:1", `127.0.0.1`]) {
      const read = await rawRequest(emulator.origin, { method: "GET", path: "/__emulator/requests", headers: { host } });
      expect(read.status).toBe(403);
      const [error] = errorsOf(read.text);
      expect(error.code).toBe("10010");
      expect(error.detail).toContain("Host");
      const reset = await rawRequest(emulator.origin, { method: "POST", path: "/__emulator/reset", headers: { ...json, host } });
      expect(reset.status).toBe(403);
    }
    expect(await clockOffsetSeconds()).toBeGreaterThan(55);
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LocalHost:${port()}`, `[::1]:${port()}`]) {
      const read = await rawRequest(emulator.origin, { method: "GET", path: "/__emulator/clock", headers: { host } });
      expect(read.status).toBe(200);
    }
  });

  it("answers 403 to a foreign Origin and accepts a loopback one", async () => {
    await emulator.control.advanceClock(60);
    for (const origin of ["http://evil.example", "null", `http://127.0.0.1.evil.example:${port()}`, `http://localhost.evil.example:${port()}`]) {
      const reset = await rawRequest(emulator.origin, { method: "POST", path: "/__emulator/reset", headers: { ...json, origin } });
      expect(reset.status).toBe(403);
      const [error] = errorsOf(reset.text);
      expect(error.code).toBe("10010");
      expect(error.detail).toContain("Origin");
      const read = await rawRequest(emulator.origin, { method: "GET", path: "/__emulator/reservations", headers: { origin } });
      expect(read.status).toBe(403);
    }
    expect(await clockOffsetSeconds()).toBeGreaterThan(55);
    for (const origin of [`http://127.0.0.1:${port()}`, "http://localhost:3000", `http://[::1]:${port()}`]) {
      const advance = await rawRequest(emulator.origin, {
        method: "POST",
        path: "/__emulator/clock/advance",
        headers: { ...json, origin },
        body: JSON.stringify({ seconds: 1 }),
      });
      expect(advance.status).toBe(200);
    }
  });
});

describe("size limits", () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => testNumber(i));

  it(`answers 422 to a create of more than ${MAX_NUMBERS_PER_CREATE} numbers and stores nothing`, async () => {
    const response = await emulator.request("POST", "/number_reservations", {
      json: { phone_numbers: numbers(MAX_NUMBERS_PER_CREATE + 1).map((phone_number) => ({ phone_number })) },
    });
    const [error] = await expectTelnyxError(response, 422, "10015", { pointer: "/phone_numbers" });
    expect(error.detail).toContain(String(MAX_NUMBERS_PER_CREATE));
    expect(error.detail).toContain(String(MAX_NUMBERS_PER_CREATE + 1));
    expect(await emulator.control.reservations()).toHaveLength(0);
  });

  it(`holds exactly ${MAX_NUMBERS_PER_CREATE} numbers in one create, and each blocks a later create`, async () => {
    const all = numbers(MAX_NUMBERS_PER_CREATE);
    const created = await createReservation(emulator, all);
    expect(created.phone_numbers).toHaveLength(MAX_NUMBERS_PER_CREATE);
    const again = await createReservation(emulator, [all[0], all[MAX_NUMBERS_PER_CREATE - 1], testNumber(5000)]);
    await emulator.control.advanceClock(1);
    const [settled] = (await emulator.control.reservations()).filter((r) => r.id === again.id);
    expect(settled.phone_numbers.map((n) => n.errors ?? "held")).toEqual([
      "Number is already on hold",
      "Number is already on hold",
      "held",
    ]);
  });

  it(`keeps only the last ${REQUEST_LOG_SIZE} requests in the log and says how many it dropped`, async () => {
    const sent = REQUEST_LOG_SIZE + 5;
    for (let i = 1; i <= sent; i += 1) {
      expect((await emulator.request("GET", `/number_reservations?page[number]=${i}`)).status).toBe(200);
    }
    const log = await emulator.control.requests();
    expect(log).toHaveLength(REQUEST_LOG_SIZE);
    expect(log[0].query["page[number]"]).toBe("6");
    expect(log[REQUEST_LOG_SIZE - 1].query["page[number]"]).toBe(String(sent));
    const body = (await (await fetch(`${emulator.origin}/__emulator/requests`)).json()) as { dropped: number };
    expect(body.dropped).toBe(5);
    await emulator.control.clearRequests();
    expect(await (await fetch(`${emulator.origin}/__emulator/requests`)).json()).toEqual({ data: [], dropped: 0 });
  });

  it("answers a Telnyx-shaped 431 to an over-long URL and keeps serving", async () => {
    for (const path of [
      `/v2/number_reservations?filter[customer_reference]=${"x".repeat(20_000)}`,
      `/__emulator/clock?${"y".repeat(20_000)}`,
    ]) {
      const response = await rawRequest(emulator.origin, { method: "GET", path });
      expect(response.status).toBe(431);
      expect(response.headers["content-type"]).toBe("application/json");
      expect(response.headers["x-request-id"]).toEqual(expect.any(String));
      const [error] = errorsOf(response.text);
      expect(error).toEqual(expect.objectContaining({ code: "10015", title: "Bad Request" }));
      expect(error.detail).toMatch(/URL and headers .* 16384 bytes/);
    }
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200);
  });
});

describe("clock bound", () => {
  it(`keeps the clock within ${MAX_CLOCK_OFFSET_SECONDS} s of real time; a rejected advance changes nothing`, async () => {
    for (let i = 0; i < 3; i += 1) await emulator.control.advanceClock(1e9);
    const response = await fetch(`${emulator.origin}/__emulator/clock/advance`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ seconds: 1e9 }),
    });
    const [error] = await expectTelnyxError(response, 422, "10015", { pointer: "/seconds" });
    expect(error.detail).toContain("100 years");
    expect(error.detail).toContain(String(MAX_CLOCK_OFFSET_SECONDS - 3e9));
    expect(Math.abs((await clockOffsetSeconds()) - 3e9)).toBeLessThan(60);

    await emulator.control.advanceClock(MAX_CLOCK_OFFSET_SECONDS - 3e9);
    await emulator.control.advanceClock(0);
    await expectTelnyxError(
      await fetch(`${emulator.origin}/__emulator/clock/advance`, { method: "POST", headers: json, body: JSON.stringify({ seconds: 1 }) }),
      422,
      "10015",
      { pointer: "/seconds" },
    );
    // At the bound, every date the API renders is still valid.
    const reservation = await createReservation(emulator, [testNumber(1)]);
    expect(Date.parse(reservation.phone_numbers[0].expired_at)).toBeGreaterThan(Date.now());
    expect((await emulator.request("GET", `/number_reservations/${reservation.id}`)).status).toBe(200);
  });
});

/** Starts an extra emulator for one describe block (the fixture's has a key and default timings). */
function ownEmulator(options: EmulatorOptions): () => RunningEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator(options);
  });
  afterAll(() => running?.close());
  return () => running as RunningEmulator;
}

describe("/v2: only same-machine requests, with or without an API key", () => {
  const keyless = ownEmulator({ settleDelayMs: 0 });
  const create = JSON.stringify({ phone_numbers: [{ phone_number: testNumber(1) }] });
  const bearer = { authorization: "Bearer anything" };

  async function listedIds(origin: string, headers: Record<string, string> = bearer): Promise<string[]> {
    const response = await rawRequest(origin, { method: "GET", path: "/v2/number_reservations", headers });
    expect(response.status).toBe(200);
    return (JSON.parse(response.text) as { data: Array<{ id: string }> }).data.map((r) => r.id);
  }

  it("a DNS-rebinding page (foreign Host) can neither create nor list on an emulator started without a key", async () => {
    const { origin, port } = keyless();
    for (const host of [`evil.example:${port}`, "evil.example", `localhost.evil.example:${port}`, "127.0.0.1:1"]) {
      const created = await rawRequest(origin, { method: "POST", path: "/v2/number_reservations", headers: { ...json, ...bearer, host }, body: create });
      expect(created.status).toBe(403);
      expect(created.headers["content-type"]).toBe("application/json");
      const [error] = errorsOf(created.text);
      expect(error.code).toBe("10010");
      expect(error.detail).toContain("Host");
      const listed = await rawRequest(origin, { method: "GET", path: "/v2/number_reservations", headers: { ...bearer, host } });
      expect(listed.status).toBe(403);
    }
    expect(await listedIds(origin)).toEqual([]);
  });

  it("a cross-site page (foreign Origin) cannot either; loopback Host names and Origins are served", async () => {
    const { origin, port } = keyless();
    for (const foreign of ["http://evil.example", "null", `http://127.0.0.1.evil.example:${port}`]) {
      const created = await rawRequest(origin, { method: "POST", path: "/v2/number_reservations", headers: { ...json, ...bearer, origin: foreign }, body: create });
      expect(created.status).toBe(403);
      expect(errorsOf(created.text)[0].detail).toContain("Origin");
    }
    expect(await listedIds(origin)).toEqual([]);
    const served = await rawRequest(origin, {
      method: "POST",
      path: "/v2/number_reservations",
      headers: { ...json, ...bearer, host: `localhost:${port}`, origin: "http://localhost:3000" },
      body: create,
    });
    expect(served.status).toBe(200);
    const { id } = (JSON.parse(served.text) as { data: { id: string } }).data;
    expect(await listedIds(origin, { ...bearer, host: `[::1]:${port}` })).toEqual([id]);
  });

  it("applies with a key too: the right key from a foreign Host is still refused", async () => {
    const response = await rawRequest(emulator.origin, {
      method: "POST",
      path: "/v2/number_reservations",
      headers: { ...json, authorization: `Bearer ${TEST_API_KEY}`, host: "evil.example" },
      body: create,
    });
    expect(response.status).toBe(403);
    expect(await emulator.control.reservations()).toHaveLength(0);
  });
});

describe("requests Node would answer with a bare status line", () => {
  const errorOf = (text: string) => errorsOf(text)[0];

  it.each(["/v2/number_reservations", "/__emulator/clock"])("%s without a Host header: a Telnyx-shaped 400 naming Host", async (path) => {
    const response = await rawExchange(emulator.origin, `GET ${path} HTTP/1.1\r\nauthorization: Bearer ${TEST_API_KEY}\r\n\r\n`);
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-request-id"]).toEqual(expect.any(String));
    expect(errorOf(response.text)).toEqual(expect.objectContaining({ code: "10015", title: "Bad Request" }));
    expect(errorOf(response.text).detail).toMatch(/no Host header/);
  });

  describe("headers left unfinished", () => {
    const slow = ownEmulator({ headersTimeoutMs: 300 });

    it("past the headers timeout: a Telnyx-shaped 408, and the emulator keeps serving", async () => {
      const { origin, port } = slow();
      const response = await rawExchange(origin, `GET /v2/number_reservations HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer k\r\n`);
      expect(response.status).toBe(408);
      expect(response.headers["content-type"]).toBe("application/json");
      expect(errorOf(response.text)).toEqual(expect.objectContaining({ code: "10008", title: "Request timeout" }));
      expect(errorOf(response.text).detail).toMatch(/300 ms/);
      const after = await rawRequest(origin, { method: "GET", path: "/v2/number_reservations", headers: { authorization: "Bearer k" } });
      expect(after.status).toBe(200);
    });
  });

  it("a headersTimeoutMs that is not a positive whole number of ms is refused at start", async () => {
    await expect(startEmulator({ headersTimeoutMs: 0 })).rejects.toThrow(/headersTimeoutMs must be/);
    await expect(startEmulator({ headersTimeoutMs: 1.5 })).rejects.toThrow(/headersTimeoutMs must be/);
  });
});
