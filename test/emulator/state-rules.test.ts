/**
 * The emulator's state rules: pending then settled, holds against later creates (pending ones
 * included), unavailable numbers, expiry on the emulator clock, extend and its failures.
 */

import type { NumberReservation } from "../../emulator";
import { withEmulator } from "../helpers/emulator";
import {
  createReservation,
  createSettledReservation,
  expectTelnyxError,
  retrieveReservation,
  testNumber,
} from "./support";

const emulator = withEmulator({ settleDelayMs: 2000, holdSeconds: 600, extendSeconds: 900 });

const extend = (id: string) => emulator.request("POST", `/number_reservations/${id}/actions/extend`);
const statuses = (r: NumberReservation) => [r.status, ...r.phone_numbers.map((n) => n.status)];

describe("settlement", () => {
  it("stays pending until settleDelayMs has passed on the emulator clock, then succeeds", async () => {
    const created = await createReservation(emulator, [testNumber(1), testNumber(2)]);
    expect(statuses(created)).toEqual(["pending", "pending", "pending"]);
    await emulator.control.advanceClock(1.9);
    expect(statuses(await retrieveReservation(emulator, created.id))).toEqual(["pending", "pending", "pending"]);
    await emulator.control.advanceClock(0.2);
    const settled = await retrieveReservation(emulator, created.id);
    expect(statuses(settled)).toEqual(["success", "success", "success"]);
    expect(settled.phone_numbers.every((n) => n.errors === undefined)).toBe(true);
    expect(settled.updated_at).toBe(settled.phone_numbers[0].updated_at);
    expect(Date.parse(settled.updated_at) - Date.parse(settled.created_at)).toBe(2000);
  });

  it("settles in real time too", async () => {
    await emulator.control.settings({ settleDelayMs: 30 });
    const created = await createReservation(emulator, [testNumber(1)]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await retrieveReservation(emulator, created.id)).status).toBe("success");
  });

  it("keeps each reservation's settle delay and hold from its creation", async () => {
    const early = await createReservation(emulator, [testNumber(1)]);
    await emulator.control.settings({ settleDelayMs: 60_000, holdSeconds: 100 });
    const late = await createReservation(emulator, [testNumber(2)]);
    await emulator.control.advanceClock(5);
    expect((await retrieveReservation(emulator, early.id)).status).toBe("success");
    expect((await retrieveReservation(emulator, late.id)).status).toBe("pending");
    expect(Date.parse(late.phone_numbers[0].expired_at) - Date.parse(late.created_at)).toBe(100_000);
    expect(Date.parse(early.phone_numbers[0].expired_at) - Date.parse(early.created_at)).toBe(600_000);
  });
});

describe("holds", () => {
  it("fails a number already held by a settled reservation with 'Number is already on hold'", async () => {
    await createSettledReservation(emulator, [testNumber(1)]);
    const second = await createSettledReservation(emulator, [testNumber(1), testNumber(2)]);
    expect(second.status).toBe("failure");
    expect(second.phone_numbers[0]).toMatchObject({ status: "failure", errors: "Number is already on hold" });
    expect(second.phone_numbers[1].status).toBe("success");
    expect(second.phone_numbers[1].errors).toBeUndefined();
  });

  it("lets a pending reservation hold its numbers against later creates, hiding the outcome until settled", async () => {
    const first = await createReservation(emulator, [testNumber(1)]);
    const second = await createReservation(emulator, [testNumber(1)]);
    expect(first.status).toBe("pending");
    expect(second.status).toBe("pending");
    expect(second.phone_numbers[0].errors).toBeUndefined();
    await emulator.control.advanceClock(3);
    expect((await retrieveReservation(emulator, first.id)).status).toBe("success");
    const settled = await retrieveReservation(emulator, second.id);
    expect(settled.phone_numbers[0]).toMatchObject({ status: "failure", errors: "Number is already on hold" });
  });

  it("does not let a failed number hold anything", async () => {
    await createSettledReservation(emulator, [testNumber(1)]);
    await createSettledReservation(emulator, [testNumber(1)]); // fails: on hold
    await emulator.control.advanceClock(600); // first hold lapses
    const third = await createSettledReservation(emulator, [testNumber(1)]);
    expect(third.status).toBe("success");
  });

  it("fails numbers marked unavailable with 'Number is not available'", async () => {
    await emulator.control.markUnavailable([testNumber(2)]);
    const reservation = await createSettledReservation(emulator, [testNumber(1), testNumber(2)]);
    expect(reservation.status).toBe("failure");
    expect(reservation.phone_numbers[1]).toMatchObject({ status: "failure", errors: "Number is not available" });
    expect(reservation.phone_numbers[0].status).toBe("success");
  });

  it("decides outcomes at creation: marking a number unavailable later does not change a pending reservation", async () => {
    const created = await createReservation(emulator, [testNumber(1)]);
    await emulator.control.markUnavailable([testNumber(1)]);
    await emulator.control.advanceClock(3);
    expect((await retrieveReservation(emulator, created.id)).status).toBe("success");
  });
});

describe("expiry", () => {
  it("frees numbers once expired_at has passed, keeping the old reservation retrievable and unchanged", async () => {
    const first = await createSettledReservation(emulator, [testNumber(1)]);
    const expiredAt = Date.parse(first.phone_numbers[0].expired_at);
    // One second before expiry the number is still held.
    await emulator.control.advanceClock((expiredAt - Date.parse(await emulator.control.now())) / 1000 - 1);
    expect((await createSettledReservation(emulator, [testNumber(1)])).status).toBe("failure");
    await emulator.control.advanceClock(1);
    const second = await createSettledReservation(emulator, [testNumber(1)]);
    expect(second.status).toBe("success");

    const old = await retrieveReservation(emulator, first.id);
    expect(old).toEqual(first);
    expect(Date.parse(old.phone_numbers[0].expired_at)).toBeLessThan(Date.parse(await emulator.control.now()));
    const listed = (await (await emulator.request("GET", "/number_reservations")).json()) as { data: NumberReservation[] };
    expect(listed.data.map((r) => r.id)).toContain(first.id);
  });
});

describe("extend", () => {
  it("moves every held number's expired_at to now + extendSeconds and updated_at to now", async () => {
    const reservation = await createSettledReservation(emulator, [testNumber(1), testNumber(2)]);
    await emulator.control.advanceClock(300);
    const response = await extend(reservation.id);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: NumberReservation };
    const now = Date.parse(await emulator.control.now());
    for (const number of data.phone_numbers) {
      expect(Math.abs(Date.parse(number.expired_at) - (now + 900_000))).toBeLessThan(1000);
      expect(Math.abs(Date.parse(number.updated_at) - now)).toBeLessThan(1000);
    }
    expect(Math.abs(Date.parse(data.updated_at) - now)).toBeLessThan(1000);
    expect(data.created_at).toBe(reservation.created_at);
    expect(data.status).toBe("success");
    expect(await retrieveReservation(emulator, reservation.id)).toEqual(data);
  });

  it("keeps the numbers held past their original expiry", async () => {
    const reservation = await createSettledReservation(emulator, [testNumber(1)]);
    await emulator.control.advanceClock(500);
    expect((await extend(reservation.id)).status).toBe(200);
    await emulator.control.advanceClock(200); // past the original 600 s hold
    expect((await createSettledReservation(emulator, [testNumber(1)])).status).toBe("failure");
  });

  it("extends only the numbers actually held, not failed ones", async () => {
    await emulator.control.markUnavailable([testNumber(2)]);
    const reservation = await createSettledReservation(emulator, [testNumber(1), testNumber(2)]);
    await emulator.control.advanceClock(100);
    const { data } = (await (await extend(reservation.id)).json()) as { data: NumberReservation };
    expect(data.phone_numbers[0].expired_at).not.toBe(reservation.phone_numbers[0].expired_at);
    expect(data.phone_numbers[1].expired_at).toBe(reservation.phone_numbers[1].expired_at);
  });

  it("answers 422 once every hold has expired", async () => {
    const reservation = await createSettledReservation(emulator, [testNumber(1)]);
    await emulator.control.advanceClock(600);
    const [error] = await expectTelnyxError(await extend(reservation.id), 422, "10015");
    expect(error.detail).toMatch(/expired/);
    expect(await retrieveReservation(emulator, reservation.id)).toEqual(reservation);
  });

  it("answers 422 when every number failed", async () => {
    await emulator.control.markUnavailable([testNumber(1)]);
    const reservation = await createSettledReservation(emulator, [testNumber(1)]);
    await expectTelnyxError(await extend(reservation.id), 422, "10015");
  });

  it("answers 404 code 10005 for an unknown id", async () => {
    await expectTelnyxError(await extend("11111111-1111-4111-8111-111111111111"), 404, "10005");
  });

  it("ignores a request body", async () => {
    const reservation = await createSettledReservation(emulator, [testNumber(1)]);
    const response = await emulator.request("POST", `/number_reservations/${reservation.id}/actions/extend`, { body: "not json" });
    expect(response.status).toBe(200);
  });
});
