/**
 * Faults through the real engine: flaky and rate-limited Telnyx, a create
 * whose answer is lost, and a `pulumi up` killed mid-create. In every case
 * the emulator ends up holding each declared number exactly once.
 */
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { MANY_RESERVATIONS, ONE_RESERVATION, program } from "../../testing/programs";
import { cancelRun, json, killRun, liveReservations, projects, spawnUp, telnyxConfig, untilCreatePosted } from "./support";

const emulator = withEmulator();
const project = projects();

it("reserves 20 numbers while 30% of calls answer 503 or 429, and holds each exactly once", async () => {
  const numbers = testNumbers(20);
  const p = await project({ files: program("faults", MANY_RESERVATIONS), config: telnyxConfig(emulator, { numbers: json(numbers) }) });
  await emulator.control.addFault({ count: 1000, ratio: 0.15, seed: 7, status: 503 });
  await emulator.control.addFault({ count: 1000, ratio: 0.15, seed: 11, status: 429, retryAfterSeconds: 1 });
  const up = await p.up();
  expect(up.summary.resourceChanges).toEqual({ create: 21 });
  const statuses = (await emulator.control.requests()).map((r) => r.status);
  expect(statuses.filter((s) => s === 503 || s === 429).length).toBeGreaterThan(5);
  const live = await liveReservations(emulator);
  expect(live.flatMap((r) => r.numbers).sort()).toEqual([...numbers].sort());
  expect(live).toHaveLength(20);
});

it("does not duplicate a create whose connection dropped after it committed", async () => {
  const [A] = testNumbers(1);
  const p = await project({ files: program("drop", ONE_RESERVATION), config: telnyxConfig(emulator, { args: json({ phoneNumbers: [A] }) }) });
  await emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, dropAfterCommit: true });
  await p.up();
  const live = await liveReservations(emulator);
  expect(live).toEqual([{ id: (await p.outputs()).reservationId, numbers: [A], reference: undefined }]);
  expect(await emulator.control.reservations()).toHaveLength(1);
});

it("converges after `pulumi up` is killed mid-create: no duplicate, nothing held twice", async () => {
  const [A, B] = testNumbers(2);
  const args = { phoneNumbers: [A, B], customerReference: "killed" };
  const p = await project({ files: program("killed", ONE_RESERVATION), config: telnyxConfig(emulator, { args: json(args) }) });
  await emulator.control.settings({ settleDelayMs: 5_000 });

  const run = spawnUp(p);
  await untilCreatePosted(emulator);
  await killRun(p, run);
  expect(await emulator.control.reservations()).toHaveLength(1);

  // What a user does after a killed run: release the stale lock, then run up again.
  cancelRun(p);
  await emulator.control.settings({ settleDelayMs: 50 });
  await p.up();
  const [first] = await emulator.control.reservations();
  expect((await p.outputs()).reservationId).toBe(first.id);
  expect(await liveReservations(emulator)).toEqual([{ id: first.id, numbers: [A, B], reference: "killed" }]);
});
