/**
 * The `many` example through the real engine: reservations generated from a
 * list, `NumberReservation.get` of one it does not manage, and a lookup of
 * existing reservations. (basic, keep-alive and adopt-existing run in the
 * lifecycle and adoption suites.)
 */
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { EXAMPLES, json, liveReservations, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A, B, C, D, E] = testNumbers(5);

async function elsewhere(numbers: string[], customerReference: string): Promise<string> {
  const response = await emulator.request("POST", "/number_reservations", {
    json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })), customer_reference: customerReference },
  });
  return ((await response.json()) as { data: { id: string } }).data.id;
}

it("runs the many example: generated reservations, a read-only get, and a lookup", async () => {
  const watched = await elsewhere([D], "watched");
  const pooled = await elsewhere([E], "shared-pool");
  await emulator.control.advanceClock(1);
  const p = await project({
    from: path.join(EXAMPLES, "many"),
    config: telnyxConfig(emulator, {
      teams: json([
        { name: "support", numbers: [A, B] },
        { name: "sales", numbers: [C] },
      ]),
      watchReservationId: { value: watched },
    }),
  });
  const up = await p.up();
  expect(up.summary.resourceChanges).toEqual({ create: 3 });
  const outputs = await p.outputs();
  expect(outputs.reservationIds).toHaveLength(2);
  expect(outputs.watchedNumbers).toEqual([D]);
  expect(outputs.sharedPool).toEqual([{ id: pooled, numbers: [E], expiresAt: expect.any(String) }]);
  expect((await liveReservations(emulator)).map((r) => r.reference).sort()).toEqual(
    ["shared-pool", "team-sales", "team-support", "watched"],
  );
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 3 });
});
