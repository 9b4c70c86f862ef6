/**
 * wire/*.generated.ts are what openapi-typescript makes of the OpenAPI
 * fragments beside them: `npm run build` regenerates them, and this test fails
 * when a committed file and its spec drift (a spec refreshed without `npm run
 * gen:wire`, or a hand edit), so a clone compiles without running the generator.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin", "openapi-typescript");

/** Each fragment, the file generated from it, and a type it must define. */
const FRAGMENTS = [
  { spec: "number-reservations.openapi.json", generated: "telnyx-api.generated.ts", defines: "NumberReservation: {" },
  { spec: "available-phone-numbers.openapi.json", generated: "available-phone-numbers.generated.ts", defines: "AvailablePhoneNumber: {" },
];

it.each(FRAGMENTS)("the committed $generated is what the generator makes of $spec", ({ spec, generated, defines }) => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wire-")), generated);
  execFileSync(BIN, [path.join(ROOT, "wire", spec), "--output", out], { stdio: "pipe" });
  const committed = fs.readFileSync(path.join(ROOT, "wire", generated), "utf8");
  expect(committed).toBe(fs.readFileSync(out, "utf8"));
  expect(committed).toContain(defines);
});

it("npm run gen:wire regenerates every fragment", () => {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts["gen:wire"] as string;
  for (const { spec, generated } of FRAGMENTS) expect(script).toContain(`wire/${spec} --output wire/${generated}`);
});
