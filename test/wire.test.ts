/**
 * wire/telnyx-api.generated.ts is what openapi-typescript makes of the OpenAPI
 * fragment beside it: `npm run build` regenerates it, and this test fails when
 * the committed file and the spec drift (a spec refreshed without `npm run
 * gen:wire`, or a hand edit), so a clone compiles without running the generator.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin", "openapi-typescript");

it("the committed wire types are what the generator makes of the spec", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wire-")), "telnyx-api.generated.ts");
  execFileSync(BIN, [path.join(ROOT, "wire", "number-reservations.openapi.json"), "--output", out], { stdio: "pipe" });
  const committed = fs.readFileSync(path.join(ROOT, "wire", "telnyx-api.generated.ts"), "utf8");
  expect(committed).toBe(fs.readFileSync(out, "utf8"));
  expect(committed).toContain("NumberReservation: {");
});
