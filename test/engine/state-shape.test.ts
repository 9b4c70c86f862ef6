/**
 * What the engine stores for a reservation, through a real `pulumi up`. The
 * outputs that repeat others (`reservationId`, a one-number `numbers`) are not
 * stored, yet the program sees them, and a state written with them still works
 * (provider/stored-outputs.ts). And the
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
import { apiCalls, json, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A, B] = testNumbers(2);

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

/** One reservation of `args` (config), exporting every output a program reads, as the program sees them. */
const EVERY_OUTPUT = `
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();
const r = new NumberReservation("line", config.requireObject<Record<string, any>>("args") as any);
export const id = r.id;
export const reservationId = r.reservationId;
export const status = r.status;
export const numbers = r.numbers;
export const expiresAt = r.expiresAt;
// Runs only when numbers is known (in a preview too): the test reads it from the output.
r.numbers.apply((ns) => pulumi.log.info("numbers known: " + JSON.stringify(ns)));
`;

/** The reservation's resource in `state` (a `stack export` deployment). */
const reservationIn = (state: any) => state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/telnyx:NumberReservation");

describe("outputs that repeat others are not stored; the program still sees them", () => {
  it("one number: no reservationId (the id) and no numbers (the reservation's own status and expiry) in state", async () => {
    const p = await project({ files: program("state-every-output", EVERY_OUTPUT), config: telnyxConfig(emulator, { args: json({ phoneNumbers: [A] }) }) });
    await p.up();
    const stored = reservationIn(JSON.parse(await p.exportedState()));
    expect(stored.outputs).not.toHaveProperty("reservationId");
    expect(stored.outputs).not.toHaveProperty("numbers");
    const out = await p.outputs();
    expect(out.id).toBe(stored.id);
    expect(out.reservationId).toBe(stored.id);
    expect(out.status).toBe("success");
    expect(out.expiresAt).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(out.numbers).toEqual([{ phoneNumber: A, status: "success", expiresAt: out.expiresAt }]);
    // In a preview, an unchanged reservation's numbers is known, as every stored output is.
    await p.preview({ expectNoChanges: true });
    const seen = /numbers known: (\[.*\])/.exec(p.lastOutput);
    expect(seen && JSON.parse(seen[1])).toEqual(out.numbers);
  });

  it("two numbers: numbers is stored, and the program sees the stored array", async () => {
    const p = await project({ files: program("state-two-numbers", EVERY_OUTPUT), config: telnyxConfig(emulator, { args: json({ phoneNumbers: [A, B] }) }) });
    await p.up();
    const stored = reservationIn(JSON.parse(await p.exportedState()));
    expect(stored.outputs).not.toHaveProperty("reservationId");
    expect(stored.outputs.numbers).toHaveLength(2);
    const out = await p.outputs();
    expect(out.reservationId).toBe(stored.id);
    expect(out.numbers).toEqual(stored.outputs.numbers);
  });

  it("a state written with every output (earlier versions) previews clean, updates, refreshes", async () => {
    const p = await project({ files: program("state-old-shape", EVERY_OUTPUT), config: telnyxConfig(emulator, { args: json({ phoneNumbers: [A] }) }) });
    await p.up();
    // What earlier versions stored: every output, reservationId and the one-number array included.
    const state = await p.stack.exportStack();
    const old = reservationIn(state);
    const expiresAt = old.outputs.expiresAt;
    Object.assign(old.outputs, { reservationId: old.id, numbers: [{ phoneNumber: A, status: "success", expiresAt }] });
    await p.stack.importStack(state);
    expect(reservationIn(JSON.parse(await p.exportedState())).outputs.reservationId).toBe(old.id);

    expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });
    await emulator.control.clearRequests();
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect(await apiCalls(emulator)).toEqual([]);
    expect(await p.outputs()).toMatchObject({ reservationId: old.id, numbers: [{ phoneNumber: A, status: "success", expiresAt }] });

    // An extend rewrites the state compact; the program sees the new expiry in both outputs.
    await p.stack.setConfig("args", json({ phoneNumbers: [A], extendTrigger: "1" }));
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
    const extended = await p.outputs();
    expect(Date.parse(extended.expiresAt as string)).toBeGreaterThan(Date.parse(expiresAt));
    expect(extended).toMatchObject({ reservationId: old.id, numbers: [{ phoneNumber: A, status: "success", expiresAt: extended.expiresAt }] });
    expect(reservationIn(JSON.parse(await p.exportedState())).outputs).not.toHaveProperty("numbers");

    await p.refresh();
    expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });
  });
});
