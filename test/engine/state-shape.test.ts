/**
 * What the engine stores for a reservation, through a real `pulumi up`: the
 * source position is the program's line, as for Pulumi's own resource classes
 * (the engine's stack trace skips exactly the three constructors of
 * Resource, CustomResource and the class the program calls), and no frame
 * points into this package; the provider is stored as a one-line `require` of
 * the installed package's `./provider` export, no code and no setting, and
 * small: it is stored twice per resource, and the engine rewrites the whole
 * state after every step (Pulumi's serializer wraps the same `require` in
 * about 290 bytes).
 */
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { ONE_RESERVATION, program } from "../../testing/programs";
import { json, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A] = testNumbers(1);

it("records the program's line as the source position, and no frame inside the package", async () => {
  const p = await project({ files: program("state-shape", ONE_RESERVATION), config: telnyxConfig(emulator, { args: json({ phoneNumbers: [A] }) }) });
  await p.up();
  const state = JSON.parse(await p.exportedState());
  const reservation = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/telnyx:NumberReservation");
  const line = ONE_RESERVATION.split("\n").findIndex((l) => l.includes("new NumberReservation(")) + 1;
  expect(reservation.sourcePosition).toMatch(new RegExp(`index\\.ts#${line},\\d+$`));
  expect(JSON.stringify(reservation)).not.toMatch(/pulumi-telnyx-reservations\/dist\/sdk/);
  const text: string = reservation.inputs.__provider;
  expect(text).toContain('require("pulumi-telnyx-reservations/provider")');
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
  expect(reservation.outputs.__provider).toBe(text);
});
