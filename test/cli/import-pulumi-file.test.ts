/**
 * `telnyx-reservations import --format pulumi-import`: the built CLI against the
 * emulator writes the engine's `pulumi import --file` JSON for the native plugin,
 * one entry per live reservation, by id (the engine test runs that file through
 * `pulumi import`, in native-plugin.test.ts).
 */
import { testNumbers } from "../../testing/numbers";
import { withEmulator } from "../helpers/emulator";
import { emulatorEnv, requireBuiltCli, runCliInProcess, seedReservations } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

it("writes a `pulumi import --file` file: the native type, a name from the reference or number, the id", async () => {
  const [a, b] = await seedReservations(emulator, [
    { phoneNumbers: testNumbers(2), customerReference: "Support Line" },
    { phoneNumbers: testNumbers(1, 2) },
  ]);
  const result = await runCliInProcess(["import", "--format", "pulumi-import"], emulatorEnv(emulator));
  expect(result).toMatchObject({ code: 0, stderr: "declared 2 reservations\n" });
  expect(JSON.parse(result.stdout)).toEqual({
    resources: [
      { type: "telnyx:index:NumberReservation", name: "support-line", id: a.id },
      { type: "telnyx:index:NumberReservation", name: "reservation-19705550002", id: b.id },
    ],
  });
});

it("skips a reservation holding nothing, as the program format does", async () => {
  const [expired] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "old" }]);
  await emulator.control.advanceClock(31 * 60);
  const [fresh] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1, 1), customerReference: "new" }]);
  const result = await runCliInProcess(["import", "--format", "pulumi-import"], emulatorEnv(emulator));
  expect(JSON.parse(result.stdout)).toEqual({ resources: [{ type: "telnyx:index:NumberReservation", name: "new", id: fresh.id }] });
  expect(result.stderr).toContain(`skipped reservation ${expired.id} "old"`);
});

it("refuses an unknown format as a usage error, naming the flag and the choices", async () => {
  const result = await runCliInProcess(["import", "--format", "yaml"], emulatorEnv(emulator));
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--format must be one of program, pulumi-import; got "yaml"');
  expect(result.stdout).toBe("");
});
