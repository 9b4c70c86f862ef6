/**
 * The generated Python and Go SDKs as the tests see them: tools/sdk-gen/gen-sdks
 * run into a folder (it builds its Go program once and caches it outside the
 * repo, like the CLI). Needs dist/ (`npm run build`): the schema is read from there.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");

/** The Go module path of the generated Go SDK; its package is `<module>/go/telnyx` (schema's importBasePath). */
export const GO_SDK_MODULE = "github.com/pulumi-telnyx-reservations/sdk";

/** Writes OUT/python and OUT/go from the plugin's schema; returns OUT. */
export function generateSdks(out: string): string {
  if (!fs.existsSync(path.join(ROOT, "dist/native-provider/schema.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (npm test does) first");
  }
  execFileSync("bash", [path.join(ROOT, "tools/sdk-gen/gen-sdks"), out], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}
