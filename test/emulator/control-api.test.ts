/**
 * The control API under /__emulator: reset, clock, unavailable numbers, settings, request log,
 * reservations, fault injection and the rate limit.
 */

import type { NumberReservation } from "../../emulator";
import { withEmulator } from "../helpers/emulator";
import { createReservation, expectCommonHeaders, expectTelnyxError, retrieveReservation, testNumber } from "./support";

const emulator = withEmulator();

const createBody = (n: number) => ({ phone_numbers: [{ phone_number: testNumber(n) }] });
const create = (n: number) => emulator.request("POST", "/number_reservations", { json: createBody(n) });

describe("reset", () => {
  it("forgets reservations, faults, rate limit, unavailable numbers, the log, the clock offset and settings", async () => {
    await createReservation(emulator, [testNumber(1)]);
    await emulator.control.markUnavailable([testNumber(1)]);
    await emulator.control.addFault({ count: 5, status: 500 });
    await emulator.control.setRateLimit(1);
    await emulator.control.advanceClock(7200);
    await emulator.control.settings({ holdSeconds: 5 });

    await emulator.control.reset();

    expect(await emulator.control.reservations()).toEqual([]);
    expect(await emulator.control.faults()).toEqual([]);
    expect(await emulator.control.requests()).toEqual([]);
    expect(await emulator.control.settings()).toEqual({ settleDelayMs: 50, holdSeconds: 1800, extendSeconds: 1800 });
    expect(Math.abs(Date.parse(await emulator.control.now()) - Date.now())).toBeLessThan(5_000);
    const responses = [await create(1), await create(2)];
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses[0].headers.get("x-ratelimit-limit")).toBeNull();
    await emulator.control.advanceClock(1);
    expect((await emulator.control.reservations()).map((r) => r.status)).toEqual(["success", "success"]);
  });
});

describe("clock", () => {
  it("GET /clock reads and POST /clock/advance moves the emulator time", async () => {
    const start = Date.parse(await emulator.control.now());
    const advanced = Date.parse(await emulator.control.advanceClock(90.5));
    expect(advanced - start).toBeGreaterThanOrEqual(90_500);
    expect(advanced - start).toBeLessThan(95_000);
    expect(Date.parse(await emulator.control.now())).toBeGreaterThanOrEqual(advanced);
    expect(Date.parse(await emulator.control.advanceClock(0))).toBeGreaterThanOrEqual(advanced);
  });
});

describe("unavailable numbers", () => {
  it("accumulates the marked numbers and reports them", async () => {
    expect(await emulator.control.markUnavailable([testNumber(1)])).toEqual([testNumber(1)]);
    expect(await emulator.control.markUnavailable([testNumber(2), testNumber(1)])).toEqual([testNumber(1), testNumber(2)]);
    const response = await fetch(`${emulator.origin}/__emulator/numbers/unavailable`);
    expect(await response.json()).toEqual({ phone_numbers: [testNumber(1), testNumber(2)] });
  });
});

describe("settings", () => {
  it("reads, changes some and returns all", async () => {
    expect(await emulator.control.settings()).toEqual({ settleDelayMs: 50, holdSeconds: 1800, extendSeconds: 1800 });
    expect(await emulator.control.settings({ extendSeconds: 60 })).toEqual({ settleDelayMs: 50, holdSeconds: 1800, extendSeconds: 60 });
    const reservation = await createReservation(emulator, [testNumber(1)]);
    await emulator.control.advanceClock(1);
    const { data } = (await (
      await emulator.request("POST", `/number_reservations/${reservation.id}/actions/extend`)
    ).json()) as { data: NumberReservation };
    const now = Date.parse(await emulator.control.now());
    expect(Math.abs(Date.parse(data.phone_numbers[0].expired_at) - (now + 60_000))).toBeLessThan(1000);
  });
});

describe("request log and reservations", () => {
  it("logs every /v2 call in order with method, path, decoded query, status, time and request id", async () => {
    await emulator.control.advanceClock(100);
    const created = await create(1);
    const id = ((await created.json()) as { data: NumberReservation }).data.id;
    await emulator.request("GET", `/number_reservations?filter%5Bstatus%5D=pending&page[size]=5`);
    await emulator.request("GET", `/number_reservations/${id}`, { apiKey: "wrong" });
    await emulator.request("GET", `/number_reservations/unknown`);
    await fetch(`${emulator.origin}/__emulator/clock`); // control calls are not logged

    const log = await emulator.control.requests();
    expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", "/v2/number_reservations", 200],
      ["GET", "/v2/number_reservations", 200],
      ["GET", `/v2/number_reservations/${id}`, 401],
      ["GET", "/v2/number_reservations/unknown", 404],
    ]);
    expect(log[1].query).toEqual({ "filter[status]": "pending", "page[size]": "5" });
    expect(log[0].query).toEqual({});
    expect(log[0].requestId).toBe(created.headers.get("x-request-id"));
    expect(Math.abs(Date.parse(log[0].at) - Date.parse(await emulator.control.now()))).toBeLessThan(5_000);

    await emulator.control.clearRequests();
    expect(await emulator.control.requests()).toEqual([]);
  });

  it("GET /reservations lists every reservation as the API renders it now", async () => {
    const a = await createReservation(emulator, [testNumber(1)]);
    const b = await createReservation(emulator, [testNumber(2)], "ref");
    const all = await emulator.control.reservations();
    expect(all.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(all[1]).toEqual(await retrieveReservation(emulator, b.id));
  });
});

describe("faults", () => {
  it("answers the given status for the next `count` matching requests without committing", async () => {
    await emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 2, status: 503 });
    await expectTelnyxError(await create(1), 503, "10007");
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200); // GET does not match
    await expectTelnyxError(await create(1), 503, "10007");
    expect(await emulator.control.reservations()).toHaveLength(0);
    expect((await create(1)).status).toBe(200);
    expect(await emulator.control.faults()).toEqual([]);
    expect((await emulator.control.requests()).map((e) => e.status)).toEqual([503, 200, 503, 200]);
  });

  it("answers 429 code 10011 with Retry-After when asked", async () => {
    await emulator.control.addFault({ count: 1, status: 429, retryAfterSeconds: 7 });
    const response = await emulator.request("GET", "/number_reservations");
    const [error] = await expectTelnyxError(response, 429, "10011");
    expect(error.title).toBe("Too many requests");
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it("maps other statuses to the usual Telnyx codes", async () => {
    for (const [status, code] of [[500, "10007"], [502, "10007"], [401, "10009"], [404, "10005"], [408, "10008"], [400, "10015"], [403, "10010"]] as const) {
      await emulator.control.addFault({ count: 1, status });
      await expectTelnyxError(await emulator.request("GET", "/number_reservations"), status, code);
    }
  });

  it("delays a response by delayMs, then acts normally", async () => {
    await emulator.control.addFault({ count: 1, delayMs: 150 });
    const started = Date.now();
    const response = await create(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it("delays and then answers the status when both are given", async () => {
    await emulator.control.addFault({ count: 1, delayMs: 100, status: 500 });
    const started = Date.now();
    await expectTelnyxError(await create(1), 500, "10007");
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("dropAfterCommit creates the reservation, then drops the connection unanswered", async () => {
    await emulator.control.addFault({ method: "POST", count: 1, dropAfterCommit: true });
    await expect(create(1)).rejects.toThrow();
    const reservations = await emulator.control.reservations();
    expect(reservations).toHaveLength(1);
    expect(reservations[0].phone_numbers[0].phone_number).toBe(testNumber(1));
    expect((await emulator.control.requests()).map((e) => e.status)).toEqual([0]);
    // The committed hold is real: a retry of the same create fails on settlement.
    const retry = ((await (await create(1)).json()) as { data: NumberReservation }).data;
    await emulator.control.advanceClock(1);
    expect((await retrieveReservation(emulator, retry.id)).phone_numbers[0].errors).toBe("Number is already on hold");
  });

  it("dropAfterCommit also commits an extend", async () => {
    const reservation = await createReservation(emulator, [testNumber(1)]);
    await emulator.control.advanceClock(60);
    await emulator.control.addFault({ path: "/v2/number_reservations/", method: "post", count: 1, dropAfterCommit: true });
    await expect(emulator.request("POST", `/number_reservations/${reservation.id}/actions/extend`)).rejects.toThrow();
    const after = await retrieveReservation(emulator, reservation.id);
    expect(Date.parse(after.phone_numbers[0].expired_at)).toBeGreaterThan(Date.parse(reservation.phone_numbers[0].expired_at));
  });

  it("matches by path prefix", async () => {
    await emulator.control.addFault({ path: "/v2/number_reservations/", count: 1, status: 500 });
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200);
    expect((await emulator.request("GET", "/number_reservations/x")).status).toBe(500);
  });

  it("faults a seeded random share with ratio, reproducibly, up to count", async () => {
    const run = async (): Promise<number[]> => {
      await emulator.control.reset();
      await emulator.control.addFault({ count: 100, status: 503, ratio: 0.3, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i += 1) statuses.push((await emulator.request("GET", "/number_reservations")).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const faulted = first.filter((s) => s === 503).length;
    expect(faulted).toBeGreaterThan(35);
    expect(faulted).toBeLessThan(85);

    await emulator.control.reset();
    await emulator.control.addFault({ count: 3, status: 503, ratio: 0.9 });
    const capped: number[] = [];
    for (let i = 0; i < 20; i += 1) capped.push((await emulator.request("GET", "/number_reservations")).status);
    expect(capped.filter((s) => s === 503)).toHaveLength(3);
  });

  it("applies several rules in the order they were added, and DELETE /faults clears them", async () => {
    await emulator.control.addFault({ count: 1, status: 500 });
    const second = await emulator.control.addFault({ count: 2, status: 502 });
    expect(second).toMatchObject({ count: 2, status: 502, remaining: 2 });
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(500);
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(502);
    expect(await emulator.control.faults()).toEqual([{ ...second, remaining: 1 }]);
    await emulator.control.clearFaults();
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200);
  });
});

describe("rate limit", () => {
  it("sends x-ratelimit headers while on and answers 429 code 10011 with Retry-After past the limit", async () => {
    // Setting the limit starts a fresh window at the next request, so these four share it.
    await emulator.control.setRateLimit(3);
    const responses: Response[] = [];
    for (let i = 0; i < 4; i += 1) responses.push(await emulator.request("GET", "/number_reservations"));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(responses.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    for (const response of responses) {
      expect(response.headers.get("x-ratelimit-limit")).toBe("3");
      expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    }
    const limited = responses[3];
    expectCommonHeaders(limited);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await expectTelnyxError(limited, 429, "10011");
    expect((await emulator.control.requests()).map((e) => e.status)).toEqual([200, 200, 200, 429]);
  });

  it("refills after a second of real time, and 0 turns it off", async () => {
    await emulator.control.setRateLimit(1);
    await emulator.request("GET", "/number_reservations");
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200);
    await emulator.control.setRateLimit(0);
    const response = await emulator.request("GET", "/number_reservations");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("does not limit the control API", async () => {
    await emulator.control.setRateLimit(1);
    const api = await emulator.request("GET", "/number_reservations");
    expect(api.headers.get("x-ratelimit-limit")).toBe("1"); // the limit is on for /v2
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(`${emulator.origin}/__emulator/clock`);
      expect([response.status, response.headers.get("x-ratelimit-limit")]).toEqual([200, null]);
    }
    expect((await emulator.control.requests()).map((e) => e.path)).toEqual(["/v2/number_reservations"]);
  });
});
