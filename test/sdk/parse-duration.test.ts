/**
 * `parseDuration` as a plain-JavaScript user calls it, from the built package by
 * its public name in a fresh Node.js: one argument, no bounds.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

const EXPRESSIONS = [`parseDuration("15m")`, `parseDuration("0s")`, `parseDuration("15")`, `parseDuration("2h", { minMs: 0, maxMs: 3600000 })`];

/** Each expression's value, from one plain-JavaScript Node.js process (starting one costs about a second). */
let results: Record<string, unknown>;
beforeAll(() => {
  const script =
    `const { parseDuration } = require("pulumi-telnyx-reservations");\n` +
    `console.log(JSON.stringify({ ${EXPRESSIONS.map((e) => `${JSON.stringify(e)}: ${e}`).join(", ")} }));`;
  results = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
});

function fromJavaScript(expression: string): unknown {
  if (!(expression in results)) throw new Error(`${expression} is not among EXPRESSIONS`);
  return results[expression];
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
