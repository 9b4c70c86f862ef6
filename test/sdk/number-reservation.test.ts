/**
 * The resource class itself, under Pulumi's mocks in a fresh Node.js (the
 * package loaded by its public name from dist/): while Pulumi registers a
 * reservation, the class lowers `Error.stackTraceLimit` (see its constructor);
 * the program's own limit must come back whatever happens, and an error thrown
 * during registration must still point at the program's line.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

/** Runs `body` after setting up mocks; prints what it returns as JSON. */
function underMocks(body: string): any {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
    const { NumberReservation } = require("pulumi-telnyx-reservations");
    (async () => { console.log(JSON.stringify(await (async () => { ${body} })())); })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!);
}

it("gives the program its Error.stackTraceLimit back, and resolves the outputs", () => {
  const seen = underMocks(`
    Error.stackTraceLimit = 37;
    const r = new NumberReservation("line", { phoneNumbers: ["+19705550001"] });
    const limitAfter = Error.stackTraceLimit;
    const phoneNumbers = await new Promise((resolve) => r.phoneNumbers.apply(resolve));
    return { limitAfter, phoneNumbers };
  `);
  expect(seen).toEqual({ limitAfter: 37, phoneNumbers: ["+19705550001"] });
});

it("an error thrown while it registers names the program's line, and the limit comes back", () => {
  const seen = underMocks(`
    Error.stackTraceLimit = 37;
    function declareIt() { return new NumberReservation("", { phoneNumbers: ["+19705550001"] }); }
    try { declareIt(); return { threw: false }; }
    catch (e) { return { threw: true, message: e.message, stack: e.stack, limitAfter: Error.stackTraceLimit }; }
  `);
  expect(seen.threw).toBe(true);
  expect(seen.message).toMatch(/name/i);
  expect(seen.stack).toMatch(/at declareIt \(/);
  expect(seen.limitAfter).toBe(37);
});
