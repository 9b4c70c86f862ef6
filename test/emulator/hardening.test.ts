/**
 * The emulator against hostile and broken input: cross-site control calls, oversized creates,
 * an endless request log, an unbounded clock, over-long URLs. Every limit tested here is the one
 * docs/emulator.md states.
 */

import { withEmulator } from "../helpers/emulator";
import { createReservation, expectTelnyxError, rawRequest, testNumber } from "./support";

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
