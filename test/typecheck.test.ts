/**
 * The tests, testing/ and the sources type-check together (tsconfig.test.json). Jest
 * compiles each test file on its own, without types (tsconfig.jest.json: checking
 * types file by file cost every suite seconds), so a type error in a test, or a test
 * out of step with a type it uses, fails here, named by file and line.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

function errors(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const at = d.file ? `${path.relative(ROOT, d.file.fileName)}${where ? `:${where.line + 1}` : ""}: ` : "";
    return `${at}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

it("every test, testing/ module and source file type-checks (and a planted mistake does not)", () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.test.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.test.json could not be read");
  // What jest runs is among what is checked: this file, a helper, the harness, a source.
  const checked = config.fileNames.map((f) => path.relative(ROOT, f));
  expect(checked).toEqual(expect.arrayContaining(["test/typecheck.test.ts", "test/cli/support.ts", "testing/harness.ts", "provider/plan.ts"]));
  // Checked in the same program, so the check is seen to catch a test calling a source with the wrong types.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-typecheck-"));
  try {
    const planted = path.join(dir, "planted.test.ts");
    fs.writeFileSync(planted, `import { plan } from ${JSON.stringify(path.join(ROOT, "provider/plan"))};\nplan({ declared: { phoneNumbers: [] }, now: "soon" });\n`);
    // (It lies outside rootDir, which only says where emitted files would go; nothing is emitted.)
    const found = errors(ts.createProgram({ rootNames: [...config.fileNames, planted], options: { ...config.options, rootDir: undefined } }));
    expect(found.filter((e) => !e.includes("planted.test.ts"))).toEqual([]);
    expect(found.filter((e) => e.includes("planted.test.ts"))).toEqual([expect.stringMatching(/planted\.test\.ts:2: Type 'string' is not assignable to type 'number'/)]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
