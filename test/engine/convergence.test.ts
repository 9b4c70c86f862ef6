/**
 * States from which `pulumi up` used to fail on every run until someone
 * edited state, through the real engine against the emulator. Each ends in a
 * clean preview with the declared numbers held, or is refused in preview with
 * what to do. The plan behind them: provider/plan.ts, docs/how-it-works.md.
 */
import { EmulatorFixture, withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { ONE_RESERVATION, program } from "../../testing/programs";
import { apiCalls, json, liveReservations, projects, telnyxConfig } from "./support";
import { TestProject } from "../../testing/harness";

const emulator = withEmulator();
const project = projects();
const [A, B, C] = testNumbers(3);

async function madeElsewhere(fx: EmulatorFixture, numbers: string[], customerReference: string): Promise<string> {
  const response = await fx.request("POST", "/number_reservations", {
    json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })), customer_reference: customerReference },
  });
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function oneReservation(name: string, args: Record<string, unknown>, adopt?: string): Promise<TestProject> {
  return project({
    files: program(name, ONE_RESERVATION),
    config: telnyxConfig(emulator, { args: json(args), ...(adopt ? { import: { value: adopt } } : {}) }),
  });
}

/**
 * The resource in state: its id must always be the reservation it stores (the state stores a
 * reservationId only when it differs from the id: provider/stored-outputs.ts).
 */
async function resource(p: TestProject): Promise<{ id: string; status: string }> {
  const [r] = await p.reservations();
  expect(r.outputs).not.toHaveProperty("reservationId");
  return { id: r.id, status: r.outputs.status };
}

async function converged(p: TestProject, numbers: string[]): Promise<void> {
  await p.preview({ expectNoChanges: true });
  const { id } = await resource(p);
  expect((await p.outputs()).reservationId).toBe(id); // the program's reservationId is the id
  expect(await liveReservations(emulator)).toContainEqual(expect.objectContaining({ id, numbers: [...numbers].sort() }));
}

const posts = async () => (await apiCalls(emulator)).filter((c) => c === "POST /v2/number_reservations");

describe("an adopted reservation that no longer holds anything is reserved anew", () => {
  it("after its holds lapsed", async () => {
    const adopted = await madeElsewhere(emulator, [A, B], "portal");
    await emulator.control.advanceClock(1);
    const p = await oneReservation("adopt-lapse", { phoneNumbers: [A, B], customerReference: "portal" }, adopted);
    await p.up();
    expect((await resource(p)).id).toBe(adopted);
    await emulator.control.advanceClock(31 * 60);
    await emulator.control.clearRequests();
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    expect(await posts()).toHaveLength(1);
    expect((await resource(p)).id).not.toBe(adopted);
    await converged(p, [A, B]);
  });

  it("after a refresh found it gone", async () => {
    const adopted = await madeElsewhere(emulator, [A, B], "portal");
    await emulator.control.advanceClock(1);
    const p = await oneReservation("adopt-gone", { phoneNumbers: [A, B], customerReference: "portal" }, adopted);
    await p.up();
    await emulator.control.reset(); // Telnyx no longer has it
    await p.refresh();
    expect(await p.reservations()).toEqual([]);
    const up = await p.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, create: 1 });
    expect(p.lastOutput).toContain(`no live reservation for the adopted ${adopted}`);
    await converged(p, [A, B]);
  });
});

it("a reservation still pending at pendingTimeout whose numbers all failed is replaced by a fresh attempt", async () => {
  await madeElsewhere(emulator, [A, B], "someone else"); // holds A and B for 30 minutes
  await emulator.control.settings({ settleDelayMs: 60_000 });
  const p = await oneReservation("pending-failed", { phoneNumbers: [A, B], customerReference: "support", pendingTimeout: "1s" });
  await expect(p.up()).rejects.toThrow(/still pending after 1s/);
  const pending = await resource(p);
  expect(pending.status).toBe("pending");
  await emulator.control.settings({ settleDelayMs: 0 });
  await emulator.control.advanceClock(31 * 60); // ours settled as failed; the other holder lapsed
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
  expect((await resource(p)).id).not.toBe(pending.id);
  await converged(p, [A, B]);
});

it("an update never switches reservation: the one an interrupted run left is reached by a replace, and id = reservationId", async () => {
  await emulator.control.settings({ settleDelayMs: 60_000 });
  const left = await madeElsewhere(emulator, [A, B], "support"); // an interrupted run's reservation
  const p = await oneReservation("identity", { phoneNumbers: [A, B], customerReference: "support", pendingTimeout: "1s" });
  await expect(p.up()).rejects.toThrow(/still pending/);
  const mine = await resource(p);
  expect(mine.id).not.toBe(left);
  await emulator.control.settings({ settleDelayMs: 0 });
  await emulator.control.advanceClock(61); // both settle: the interrupted run's holds A and B, ours failed
  await p.up();
  const after = await resource(p);
  expect(after.id).toBe(left);
  await converged(p, [A, B]);
});

it("a create whose answer was lost and whose reservation partly succeeded is kept in state, never posted twice", async () => {
  await emulator.control.markUnavailable([B]);
  await emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, dropAfterCommit: true });
  const p = await oneReservation("lost-partial", { phoneNumbers: [A, B], customerReference: "support" });
  await expect(p.up()).rejects.toThrow(new RegExp(`1 of 2 numbers could not be held: \\${B}`));
  expect(await posts()).toHaveLength(1);
  const kept = await resource(p);
  expect((await emulator.control.reservations()).map((r) => r.id)).toEqual([kept.id]);
});

describe("changes certain to fail are refused in preview, saying what to do", () => {
  it.each([
    ["adding a number", { phoneNumbers: [A, B, C], customerReference: "support" }, `${C} cannot be added`],
    ["changing the customer reference", { phoneNumbers: [A, B], customerReference: "sales" }, "customerReference cannot change"],
  ])("%s while the hold is live", async (_, changed, message) => {
    const p = await oneReservation("refuse", { phoneNumbers: [A, B], customerReference: "support" });
    await p.up();
    const before = await resource(p);
    await p.stack.setConfig("args", json(changed));
    await emulator.control.clearRequests();
    await expect(p.preview()).rejects.toThrow(message);
    expect(p.lastOutput).toMatch(/Either .*(NumberReservation of its own|keep customerReference)/);
    await expect(p.up()).rejects.toThrow(message);
    expect(await posts()).toEqual([]);
    expect(await resource(p)).toEqual(before);
  });
});
