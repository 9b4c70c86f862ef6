/**
 * `telnyx-reservations import` end to end: the built CLI against the emulator
 * writes a program adopting each live reservation by id, skips (and reports)
 * those holding nothing, and the program type-checks against the repo's SDK.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderImportProgram } from "../../cli/import";
import { summarize } from "../../provider/reservation-state";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { readDeclarations, typeCheck } from "./generated-program";
import { emulatorClient, emulatorEnv, requireBuiltCli, runCliInProcess, seedReservations } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

let workDir: string;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-import-cli-"));
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe("import", () => {
  it("prints a program adopting every reservation by id, with E.164 numbers", async () => {
    const [a, b, c] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "support" },
      { phoneNumbers: testNumbers(2, 1), customerReference: 'Sales "EU" \\ line' },
      { phoneNumbers: testNumbers(1, 3) },
    ]);
    const result = await runCliInProcess(["import"], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("declared 3 reservations\n");
    expect(result.stdout).toMatch(/^import \{ NumberReservation \} from "pulumi-telnyx-reservations";$/m);
    expect(readDeclarations(result.stdout)).toEqual([
      { identifier: "support", name: "support", phoneNumbers: testNumbers(1), customerReference: "support", importId: a.id },
      {
        identifier: "salesEuLine",
        name: "sales-eu-line",
        phoneNumbers: testNumbers(2, 1),
        customerReference: 'Sales "EU" \\ line',
        importId: b.id,
      },
      { identifier: "reservation19705550003", name: "reservation-19705550003", phoneNumbers: testNumbers(1, 3), importId: c.id },
    ]);
  });

  it("is exactly renderImportProgram of the listed reservations", async () => {
    const seeded = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "dup" },
      { phoneNumbers: testNumbers(1, 1), customerReference: "dup" },
    ]);
    const result = await runCliInProcess(["import"], emulatorEnv(emulator));
    expect(result.stdout).toBe(renderImportProgram(seeded.map(summarize)));
  });

  it("--out writes the file and prints nothing on stdout", async () => {
    const [a] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "x" }]);
    const out = path.join(workDir, "out.ts");
    const result = await runCliInProcess(["import", "--out", out], emulatorEnv(emulator));
    expect(result).toMatchObject({ code: 0, stdout: "", stderr: `declared 1 reservation in ${out}\n` });
    expect(readDeclarations(fs.readFileSync(out, "utf8"))).toEqual([
      { identifier: "x", name: "x", phoneNumbers: testNumbers(1), customerReference: "x", importId: a.id },
    ]);
  });

  it("applies the list filters", async () => {
    const [, wanted] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "other" },
      { phoneNumbers: testNumbers(1, 1), customerReference: "wanted" },
    ]);
    const result = await runCliInProcess(["import", "--customer-reference", "wanted", "--status", "success"], emulatorEnv(emulator));
    expect(readDeclarations(result.stdout).map((d) => d.importId)).toEqual([wanted.id]);
  });

  it("skips reservations holding no live number and says so on stderr", async () => {
    // Expired: created, then the emulator clock moves past the 30-minute hold.
    const [expired] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "old" }]);
    await emulator.control.advanceClock(31 * 60);
    // Failed: every number unavailable.
    await emulator.control.markUnavailable(testNumbers(2, 50));
    const [failed, live] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(2, 50), customerReference: "failed" },
      { phoneNumbers: testNumbers(1, 1), customerReference: "live" },
    ]);

    const result = await runCliInProcess(["import"], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    expect(readDeclarations(result.stdout).map((d) => d.importId)).toEqual([live.id]);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^skipped reservation ${expired.id} "old" .*: it holds no live number \\(every hold has lapsed\\)$`)),
      expect.stringMatching(new RegExp(`^skipped reservation ${failed.id} "failed" .*: it holds no live number \\(every number failed\\)$`)),
      "declared 1 reservation",
    ]);
  });

  it("declares only the held numbers of a partly failed reservation, and notes the others", async () => {
    const [held, unavailable] = testNumbers(2);
    await emulator.control.markUnavailable([unavailable]);
    const [partial] = await seedReservations(emulator, [{ phoneNumbers: [held, unavailable], customerReference: "partial" }]);
    const result = await runCliInProcess(["import"], emulatorEnv(emulator));
    expect(readDeclarations(result.stdout)).toEqual([
      expect.objectContaining({ importId: partial.id, phoneNumbers: [held] }),
    ]);
    expect(result.stderr).toContain(
      `reservation ${partial.id} "partial" (${held}, ${unavailable}): declaring only ${held}; not held: ${unavailable} (Number is not available)`,
    );
  });

  it("declares pending reservations with their numbers (adoption waits for them)", async () => {
    await emulator.control.settings({ settleDelayMs: 600_000 });
    const client = emulatorClient(emulator);
    const pending = await client.create({ phone_numbers: [{ phone_number: testNumbers(1)[0] }], customer_reference: "soon" });
    client.close();
    expect(pending.status).toBe("pending");
    const result = await runCliInProcess(["import"], emulatorEnv(emulator));
    expect(readDeclarations(result.stdout)).toEqual([expect.objectContaining({ importId: pending.id, phoneNumbers: testNumbers(1) })]);
  });

  it("fails, writing nothing, for an empty account", async () => {
    const result = await runCliInProcess(["import"], emulatorEnv(emulator));
    expect(result).toMatchObject({ code: 1, stdout: "", stderr: "telnyx-reservations: nothing to import: the account has no reservations\n" });
  });
});

describe("the generated program", () => {
  it("type-checks with tsc against the repo's SDK (and the check does catch errors)", async () => {
    await seedReservations(emulator, [
      { phoneNumbers: testNumbers(2), customerReference: "support" },
      { phoneNumbers: testNumbers(1, 2), customerReference: "support" },
      { phoneNumbers: testNumbers(1, 3), customerReference: 'quote " backslash \\ newline \n end' },
      { phoneNumbers: testNumbers(1, 4), customerReference: "class" },
      { phoneNumbers: testNumbers(1, 5) },
    ]);
    const out = path.join(workDir, "index.ts");
    expect((await runCliInProcess(["import", "--out", out], emulatorEnv(emulator))).code).toBe(0);

    const result = typeCheck({
      "cli-output.ts": fs.readFileSync(out, "utf8"),
      "empty.ts": renderImportProgram([]),
      "tricky.ts": renderImportProgram(
        ["exports", "require", "2024", "a\u2028b", "`${x}`", "*/"].map((ref, i) =>
          summarize({ id: `id-${i}`, status: "success", customer_reference: ref, phone_numbers: [{ phone_number: testNumbers(1, 20 + i)[0], status: "success" }] }),
        ),
      ),
      // A control: proves the run really type-checks against NumberReservationArgs.
      "broken.ts": 'import { NumberReservation } from "pulumi-telnyx-reservations";\nexport const x = new NumberReservation("x", { phoneNumbers: 42 });\n',
    });
    const errorLines = result.output.filter((line) => /error TS\d+/.test(line));
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.every((line) => line.startsWith("broken.ts("))).toBe(true);
    expect(readDeclarations(fs.readFileSync(out, "utf8"))).toHaveLength(5);
  });
});
