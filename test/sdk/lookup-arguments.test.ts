/**
 * The lookups' arguments are checked before any call: a wrong one fails with the
 * package's `TelnyxInputError` (which a program can `instanceof`), naming the
 * argument, and the emulator's request log shows nothing was sent. The
 * `@ts-expect-error` lines are checked by ts-jest's type-check: if a wrongly
 * cased status ever compiles again, this file fails to compile.
 */
import { getNumberReservation, listNumberReservations, TelnyxInputError } from "../../sdk";
import { withEmulator } from "../helpers/emulator";

const emulator = withEmulator();
const options = () => ({ apiKey: emulator.apiKey, baseUrl: emulator.url });

async function rejection(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error("expected the lookup to fail");
}

async function apiCalls(): Promise<number> {
  return (await emulator.control.requests()).length;
}

it("getNumberReservation('') is an argument error naming id, before any call", async () => {
  const err = await rejection(() => getNumberReservation("", options()));
  expect(err).toBeInstanceOf(TelnyxInputError);
  expect((err as TelnyxInputError).argument).toBe("id");
  expect((err as Error).message).toBe('id must be a non-empty reservation id; got ""');
  const blank = await rejection(() => getNumberReservation("   ", options()));
  expect((blank as TelnyxInputError).argument).toBe("id");
  expect(await apiCalls()).toBe(0);
});

it("an invalid phoneNumber filter is a TelnyxInputError naming phoneNumber, before any call", async () => {
  const err = await rejection(() => listNumberReservations({ phoneNumber: "+1 970" }, options()));
  expect(err).toBeInstanceOf(TelnyxInputError);
  expect((err as TelnyxInputError).argument).toBe("phoneNumber");
  expect((err as Error).message).toBe('phoneNumber "+1 970" is too short.');
  expect(await apiCalls()).toBe(0);
});

it("a status in the wrong case does not compile, and fails at run time naming status", async () => {
  // @ts-expect-error: "Success" is not a status (Telnyx's are lower case)
  const err = await rejection(() => listNumberReservations({ status: "Success" }, options()));
  expect(err).toBeInstanceOf(TelnyxInputError);
  expect((err as TelnyxInputError).argument).toBe("status");
  expect((err as Error).message).toBe(
    'status "Success" must be one of pending, success, failure, partial_success, failed',
  );
  expect(await apiCalls()).toBe(0);
});

it("a known status is sent as filter[status] and matches", async () => {
  await emulator.request("POST", "/number_reservations", { json: { phone_numbers: [{ phone_number: "+19705550101" }] } });
  await emulator.control.advanceClock(1); // settles (the settle delay is 50 ms of its clock)
  const found = await listNumberReservations({ status: "success" }, options());
  expect(found.map((r) => r.phoneNumbers)).toEqual([["+19705550101"]]);
  expect(await listNumberReservations({ status: "pending" }, options())).toEqual([]);
  const lists = (await emulator.control.requests()).filter((r) => r.method === "GET");
  expect(lists.map((r) => r.query["filter[status]"])).toEqual(["success", "pending"]);
});
