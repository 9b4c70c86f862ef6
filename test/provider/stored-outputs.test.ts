/**
 * What the dynamic provider stores of a reservation's outputs (provider/stored-outputs.ts): the
 * outputs that repeat others are left out, and every state, compact or written by an earlier
 * version with every field, expands to the same full outputs. The engine side (what the state
 * holds after a real `pulumi up`, what the program sees) is test/engine/state-shape.test.ts.
 */
import { compactOutputs, expandOutputs, expandedNumbers } from "../../provider/stored-outputs";
import type { ReservationOutputs } from "../../provider/reservation-state";

const ID = "6a09cdc1-2e4c-4bb5-9a3f-0c3c6d0c7e11";
const EXPIRY = "2026-12-05T03:00:00.000000Z";
const base = {
  __provider: 'exports.handler = () => require("pulumi-telnyx-reservations/provider");\n',
  customerReference: "customer-1",
  keepAliveWindow: "10m",
  reservationId: ID,
  createdAt: "2026-12-05T02:30:00.000000Z",
  updatedAt: "2026-12-05T02:30:00.000000Z",
};
/** Full outputs, as toOutputs makes them (and as versions before this one stored them). */
const full = (over: Partial<ReservationOutputs>): ReservationOutputs => ({ ...base, ...over }) as ReservationOutputs;

const settled = full({
  phoneNumbers: ["+19705550001"],
  status: "success",
  expiresAt: EXPIRY,
  numbers: [{ phoneNumber: "+19705550001", status: "success", expiresAt: EXPIRY }],
});

it("leaves out reservationId (the id) and the numbers of one number holding the reservation's status and expiry", () => {
  const stored = compactOutputs(ID, settled);
  expect(stored).not.toHaveProperty("reservationId");
  expect(stored).not.toHaveProperty("numbers");
  const { reservationId: _id, numbers: _numbers, ...rest } = settled;
  expect(stored).toEqual(rest);
  expect(expandOutputs(ID, stored)).toEqual(settled);
});

it.each([
  [
    "two numbers",
    full({
      phoneNumbers: ["+19705550001", "+19705550002"],
      status: "success",
      expiresAt: EXPIRY,
      numbers: [
        { phoneNumber: "+19705550001", status: "success", expiresAt: EXPIRY },
        { phoneNumber: "+19705550002", status: "success", expiresAt: "2026-12-05T03:01:00.000000Z" },
      ],
    }),
  ],
  [
    "a failed number, with Telnyx's error",
    full({ phoneNumbers: ["+19705550001"], status: "failure", numbers: [{ phoneNumber: "+19705550001", status: "failure", errors: "Number is not available" }] }),
  ],
  [
    "a pending number that already has an expiry (the reservation has none yet)",
    full({ phoneNumbers: ["+19705550001"], status: "pending", numbers: [{ phoneNumber: "+19705550001", status: "pending", expiresAt: EXPIRY }] }),
  ],
  [
    "a number whose status is not the reservation's",
    full({ phoneNumbers: ["+19705550001"], status: "pending", numbers: [{ phoneNumber: "+19705550001", status: "success", expiresAt: EXPIRY }] }),
  ],
  [
    "an adopted reservation holding a number not declared",
    full({ phoneNumbers: ["+19705550001"], status: "success", expiresAt: EXPIRY, numbers: [{ phoneNumber: "+19705550009", status: "success", expiresAt: EXPIRY }] }),
  ],
])("keeps numbers it cannot derive: %s", (_what, outputs) => {
  const stored = compactOutputs(ID, outputs);
  expect(stored.numbers).toEqual(outputs.numbers);
  expect(expandOutputs(ID, stored)).toEqual(outputs);
});

it("keeps a reservationId that is not the resource's id, and a stored value wins when expanding", () => {
  const other = { ...settled, reservationId: "another-reservation" };
  expect(compactOutputs(ID, other).reservationId).toBe("another-reservation");
  expect(expandOutputs(ID, compactOutputs(ID, other)).reservationId).toBe("another-reservation");
});

it("reads a state written with every field (earlier versions) as it is", () => {
  expect(expandOutputs(ID, settled)).toEqual(settled);
});

it("derives the numbers the SDK class gives programs, and none for a state with no numbers", () => {
  expect(expandedNumbers({ phoneNumbers: ["+19705550001"], status: "success", expiresAt: EXPIRY })).toEqual(settled.numbers);
  expect(expandedNumbers({ phoneNumbers: ["+19705550001"], status: "pending" })).toEqual([{ phoneNumber: "+19705550001", status: "pending" }]);
  expect(expandedNumbers({ phoneNumbers: ["+19705550001", "+19705550002"], status: "success" })).toEqual([]);
  expect(expandedNumbers({})).toEqual([]);
});
