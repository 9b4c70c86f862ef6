/**
 * `import`'s output file and its agreement with the `pulumi-import` format: an
 * existing file is never overwritten without `--force`, the output path is checked
 * before any API call, nothing matched is an error in both formats (no empty file
 * replaces a program), and both formats give each reservation the same name.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderImportProgram, renderPulumiImportFile } from "../../cli/import";
import { summarize } from "../../provider/reservation-state";
import { testNumbers } from "../../testing/numbers";
import { withEmulator } from "../helpers/emulator";
import { readDeclarations } from "./generated-program";
import { emulatorEnv, requireBuiltCli, runCliInProcess, seedReservations } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

let workDir: string;
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-import-out-"));
});
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

const PROGRAM = "// my hand-written program\nexport const x = 1;\n";

describe("--out and an existing file", () => {
  it.each([["program"], ["pulumi-import"]])("refuses to overwrite it (--format %s), before any API call", async (format) => {
    await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "x" }]);
    const out = path.join(workDir, "index.ts");
    fs.writeFileSync(out, PROGRAM);
    await emulator.control.clearRequests();
    const result = await runCliInProcess(["import", "--format", format, "--out", out], emulatorEnv(emulator));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`telnyx-reservations: --out ${out} already exists; pass --force to overwrite it\n`);
    expect(fs.readFileSync(out, "utf8")).toBe(PROGRAM);
    expect(await emulator.control.requests()).toEqual([]);
  });

  it("overwrites it with --force", async () => {
    const [a] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "x" }]);
    const out = path.join(workDir, "index.ts");
    fs.writeFileSync(out, PROGRAM);
    const result = await runCliInProcess(["import", "--out", out, "--force"], emulatorEnv(emulator));
    expect(result).toMatchObject({ code: 0, stdout: "", stderr: `declared 1 reservation in ${out}\n` });
    expect(readDeclarations(fs.readFileSync(out, "utf8")).map((d) => d.importId)).toEqual([a.id]);
  });

  it("checks a missing directory, or a directory given as the file, before any API call", async () => {
    await emulator.control.clearRequests();
    const missing = await runCliInProcess(["import", "--out", path.join(workDir, "nope", "index.ts")], emulatorEnv(emulator));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`telnyx-reservations: --out ${path.join(workDir, "nope", "index.ts")}: the directory ${path.join(workDir, "nope")} does not exist\n`);
    const directory = await runCliInProcess(["import", "--out", workDir, "--force"], emulatorEnv(emulator));
    expect(directory.code).toBe(1);
    expect(directory.stderr).toBe(`telnyx-reservations: --out ${workDir} is a directory, not a file\n`);
    expect(await emulator.control.requests()).toEqual([]);
  });

  it("--force without --out is a usage error", async () => {
    const result = await runCliInProcess(["import", "--force"], emulatorEnv(emulator));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("telnyx-reservations: --force only applies with --out (it allows overwriting that file)\n");
  });
});

describe("nothing to declare", () => {
  it.each([["program"], ["pulumi-import"]])("--format %s says so, exits 1 and writes nothing", async (format) => {
    await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "other" }]);
    const out = path.join(workDir, "index.ts");
    const filter = ["--customer-reference", "nobody"];
    const printed = await runCliInProcess(["import", "--format", format, ...filter], emulatorEnv(emulator));
    expect(printed).toMatchObject({ code: 1, stdout: "", stderr: "telnyx-reservations: nothing to import: no reservation matches the filters\n" });
    const written = await runCliInProcess(["import", "--format", format, "--out", out, ...filter], emulatorEnv(emulator));
    expect(written.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("names the reservations skipped when some matched but none holds a number", async () => {
    const [old] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1), customerReference: "old" }]);
    await emulator.control.advanceClock(31 * 60);
    const result = await runCliInProcess(["import", "--format", "pulumi-import"], emulatorEnv(emulator));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^skipped reservation ${old.id} "old"`)),
      "telnyx-reservations: nothing to import: 1 reservation matched, but none holds a live number",
    ]);
  });
});

describe("names", () => {
  const record = (id: string, reference: string, createdAt: string, phone: string) =>
    summarize({
      id,
      status: "success",
      customer_reference: reference,
      created_at: createdAt,
      phone_numbers: [{ phone_number: phone, status: "success", expired_at: "2025-01-01T00:30:00Z" }],
    });

  it("are the same in the program and the pulumi-import file, whatever order Telnyx lists in", () => {
    // Newest first, as an API may list: names still follow creation order in both formats.
    const newest = record("id-new", "team", "2025-01-02T00:00:00Z", testNumbers(1)[0]);
    const oldest = record("id-old", "team", "2025-01-01T00:00:00Z", testNumbers(1, 1)[0]);
    const fromProgram = readDeclarations(renderImportProgram([newest, oldest])).map((d) => [d.importId, d.name]);
    const file = JSON.parse(renderPulumiImportFile([newest, oldest])) as { resources: { id: string; name: string }[] };
    expect(fromProgram).toEqual([
      ["id-old", "team"],
      ["id-new", "team-2"],
    ]);
    expect(file.resources.map((r) => [r.id, r.name])).toEqual(fromProgram);
  });

  it("are the same through the CLI in both formats", async () => {
    const seeded = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "dup" },
      { phoneNumbers: testNumbers(1, 1), customerReference: "dup" },
      { phoneNumbers: testNumbers(1, 2) },
    ]);
    const program = await runCliInProcess(["import"], emulatorEnv(emulator));
    const file = await runCliInProcess(["import", "--format", "pulumi-import"], emulatorEnv(emulator));
    const fromProgram = readDeclarations(program.stdout).map((d) => [d.importId, d.name]);
    // Two creations in the same millisecond tie, and the id breaks the tie: compare as sets.
    expect(fromProgram.map(([id]) => id).sort()).toEqual(seeded.map((r) => r.id).sort());
    expect(fromProgram.map(([, name]) => name).sort()).toEqual(["dup", "dup-2", "reservation-19705550002"]);
    expect((JSON.parse(file.stdout) as { resources: { id: string; name: string }[] }).resources.map((r) => [r.id, r.name])).toEqual(fromProgram);
  });
});
