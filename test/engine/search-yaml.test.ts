/**
 * A `search` resource from Pulumi YAML through the native plugin (its schema's `SearchRequest`
 * object type), driven by the real engine against the emulator: create by search (one search,
 * one POST), a no-op with no call, a lapse that holds the same numbers again, and a reservation
 * brought in by `pulumi import` then declared as a search.
 */
import * as fs from "fs";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { findable } from "../helpers/findable";
import { apiCalls, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();

const PROGRAM = `name: telnyx-search-yaml
runtime: yaml
plugins:
  providers:
    - name: telnyx
      path: ./node_modules/pulumi-telnyx-reservations/plugin
resources:
  support:
    type: telnyx:NumberReservation
    properties:
      search:
        countryCode: US
        nationalDestinationCode: "970"
        locality: Fort Collins
        features: [sms]
        count: 2
      keepAliveWindow: 15m
outputs:
  reservationId: \${support.reservationId}
  phoneNumbers: \${support.phoneNumbers}
`;

const SEARCH_CALL = "GET /v2/available_phone_numbers";
const POST_CALL = "POST /v2/number_reservations";

it("a YAML program holds the numbers a search finds; a no-op makes no call; a lapse holds the same numbers again", async () => {
  const expected = await findable(emulator, "Fort Collins", 2);
  await emulator.control.clearRequests();

  const p = await project({ files: { "Pulumi.yaml": PROGRAM }, config: telnyxConfig(emulator) });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const created = await p.outputs();
  expect(created.phoneNumbers).toEqual(expected);
  let calls = await apiCalls(emulator);
  expect([calls.filter((c) => c === SEARCH_CALL).length, calls.filter((c) => c === POST_CALL).length]).toEqual([1, 1]);

  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);

  await emulator.control.advanceClock(31 * 60);
  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
  const again = await p.outputs();
  expect(again.reservationId).not.toBe(created.reservationId);
  expect(again.phoneNumbers).toEqual(expected);
  calls = await apiCalls(emulator);
  expect([calls.filter((c) => c === SEARCH_CALL).length, calls.filter((c) => c === POST_CALL).length]).toEqual([2, 1]);
});

it("`pulumi import` through the native plugin, then the same reservation declared as a search: kept, no search, no POST", async () => {
  const expected = await findable(emulator, "Fort Collins", 2);
  const made = await emulator.request("POST", "/number_reservations", { json: { phone_numbers: expected.map((phone_number) => ({ phone_number })) } });
  const id = ((await made.json()) as { data: { id: string } }).data.id;
  const header = PROGRAM.slice(0, PROGRAM.indexOf("resources:"));
  const p = await project({ files: { "Pulumi.yaml": header }, config: telnyxConfig(emulator) });
  await p.stack.import({ resources: [{ type: "telnyx:index:NumberReservation", name: "support", id }], protect: false });

  fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), PROGRAM);
  await emulator.control.clearRequests();
  const up = await p.up();
  expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 }); // search recorded in state, no call
  expect(await p.outputs()).toMatchObject({ reservationId: id, phoneNumbers: expected });
  const calls = await apiCalls(emulator);
  expect(calls.filter((c) => c === SEARCH_CALL || c === POST_CALL)).toEqual([]);
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
});
