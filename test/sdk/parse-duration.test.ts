/**
 * `parseDuration` as a plain-JavaScript user calls it, from the built package by
 * its public name in a fresh Node.js: one argument, no bounds.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

function fromJavaScript(expression: string): unknown {
  const script = `const { parseDuration } = require("pulumi-telnyx-reservations"); console.log(JSON.stringify(${expression}));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
}

it("parseDuration('15m') works without bounds", () => {
  expect(fromJavaScript(`parseDuration("15m")`)).toEqual({ ok: true, ms: 900_000 });
  expect(fromJavaScript(`parseDuration("0s")`)).toEqual({ ok: true, ms: 0 });
});

it("still refuses what is not a duration, saying why, and still applies bounds when given", () => {
  expect(fromJavaScript(`parseDuration("15")`)).toEqual({
    ok: false,
    reason: 'must be a duration with a unit such as "90s", "10m" or "1h"; got "15"',
  });
  expect(fromJavaScript(`parseDuration("2h", { minMs: 0, maxMs: 3600000 })`)).toEqual({
    ok: false,
    reason: 'must be between 0 ms and 1 hour; got "2h"',
  });
});
