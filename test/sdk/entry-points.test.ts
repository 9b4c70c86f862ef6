/**
 * The package's entry points, loaded by their public names in a fresh Node.js
 * (the package references itself through `exports`), from the build in dist/.
 * A program that imports the resource must not load the emulator; the
 * emulator stays on its own subpath.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

/** What `require(specifier)` exports and which of the package's dist/ folders it loaded. */
function load(specifier: string): { exports: string[]; folders: string[] } {
  const script = `
    const exported = Object.keys(require(${JSON.stringify(specifier)}));
    const dist = require("path").join(process.cwd(), "dist") + require("path").sep;
    const folders = [...new Set(Object.keys(require.cache)
      .filter((f) => f.startsWith(dist))
      .map((f) => f.slice(dist.length).split(require("path").sep)[0]))].sort();
    console.log(JSON.stringify({ exports: exported, folders }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
}

it("the main entry serves the resource and lookups without loading the emulator", () => {
  const main = load("pulumi-telnyx-reservations");
  expect(main.exports).toEqual(expect.arrayContaining(["NumberReservation", "getNumberReservation", "TelnyxClient"]));
  expect(main.exports).not.toContain("startEmulator");
  expect(main.folders).not.toContain("emulator");
});

it("the emulator is served on its own subpath", () => {
  const emulator = load("pulumi-telnyx-reservations/emulator");
  expect(emulator.exports).toContain("startEmulator");
  expect(emulator.folders).toEqual(["emulator", "wire"]);
});
