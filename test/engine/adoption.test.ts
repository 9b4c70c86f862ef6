/**
 * Adoption through the real engine: the `import` option on NumberReservation
 * (by id and by phone number), the example program, and the program that
 * `telnyx-reservations import` generates. None may POST a reservation.
 */
import { execFile } from "child_process";
import { promisify } from "util";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { ONE_RESERVATION, PULUMI_YAML, program } from "../../testing/programs";
import { EXAMPLES, apiCalls, json, liveReservations, madeElsewhere, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A, B, C, D] = testNumbers(4);

async function posts(): Promise<string[]> {
  return (await apiCalls(emulator)).filter((c) => c.startsWith("POST"));
}

it.each([
  ["its id", (id: string) => id],
  ["a number it holds", () => "+1 970 555 0001"],
])("adopts an existing reservation by %s without creating one; leaving the option in changes nothing", async (_, target) => {
  const id = await madeElsewhere(emulator, [A, B], "portal");
  await emulator.control.clearRequests();
  const p = await project({
    files: program("adopt", ONE_RESERVATION),
    config: telnyxConfig(emulator, { args: json({ phoneNumbers: [B, A], customerReference: "portal" }), import: { value: target(id) } }),
  });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  expect((await p.outputs()).reservationId).toBe(id);
  expect((await p.reservations()).map((r) => r.id)).toEqual([id]);
  expect(await posts()).toEqual([]);
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  await p.refresh();
  await p.preview({ expectNoChanges: true });
  expect(await liveReservations(emulator)).toHaveLength(1);
});

it("refuses to adopt a reservation that holds other numbers, listing what it holds", async () => {
  const id = await madeElsewhere(emulator, [A, C]);
  await emulator.control.clearRequests();
  const p = await project({
    files: program("adopt-mismatch", ONE_RESERVATION),
    config: telnyxConfig(emulator, { args: json({ phoneNumbers: [A, B] }), import: { value: id } }),
  });
  await expect(p.up()).rejects.toThrow(`Cannot adopt reservation ${id}: it holds ${A}, ${C}, but phoneNumbers declares ${A}, ${B}`);
  expect(await p.reservations()).toEqual([]);
  expect(await posts()).toEqual([]);
});

it("runs the adopt-existing example", async () => {
  const id = await madeElsewhere(emulator, [A, B], "portal");
  await madeElsewhere(emulator, [C]);
  await emulator.control.clearRequests();
  const p = await project({
    from: path.join(EXAMPLES, "adopt-existing"),
    config: telnyxConfig(emulator, {
      reservationId: { value: id },
      idNumbers: json([A, B]),
      idReference: { value: "portal" },
      heldNumber: { value: C },
    }),
  });
  await p.up();
  expect((await p.outputs()).adopted).toEqual([id, expect.any(String)]);
  expect(await posts()).toEqual([]);
});

it("brings a whole account under management with the program `telnyx-reservations import` writes", async () => {
  await madeElsewhere(emulator, [A, B], "support");
  await madeElsewhere(emulator, [C], 'say "hi"');
  await madeElsewhere(emulator, [D]);
  await emulator.control.clearRequests();
  const cli = path.resolve(__dirname, "../../dist/cli/main.js");
  // Asynchronously: the emulator runs in this process and must keep answering.
  const { stdout: source } = await promisify(execFile)(process.execPath, [cli, "import"], {
    env: { ...process.env, TELNYX_API_KEY: emulator.apiKey, TELNYX_BASE_URL: emulator.url },
    encoding: "utf8",
  });
  const p = await project({ files: { "Pulumi.yaml": PULUMI_YAML("imported"), "index.ts": source }, config: telnyxConfig(emulator) });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 4 });
  expect(await posts()).toEqual([]);
  expect((await p.reservations()).map((r) => r.id).sort()).toEqual((await liveReservations(emulator)).map((r) => r.id).sort());
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 4 });
});
