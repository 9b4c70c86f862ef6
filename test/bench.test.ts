/**
 * The bench is not part of `npm test` (it takes minutes and prints figures), but it must not rot:
 * it imports the harness (testing/) and the provider's own modules, which other changes move.
 * These checks are what `npm run bench` would fail on first.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { parseOptions } from "../bench/options";
import { propertyValues } from "../bench/trials";

const ROOT = path.resolve(__dirname, "..");

it("type-checks (bench/run.js loads it transpile-only, so nothing else would)", () => {
  const tsc = require.resolve("typescript/bin/tsc");
  expect(() => execFileSync(process.execPath, [tsc, "-p", "bench/tsconfig.json"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" })).not.toThrow();
}, 120_000);

describe("options", () => {
  it("--scale measures users' shape (3 rounds) and team state by default", () => {
    const o = parseOptions(["--scale"]);
    expect(o).toMatchObject({ mode: "scale", sizes: [500, 1000], usersReps: 3, usersOnly: false, backendReps: 1, stacks: 20, stackParallel: 4 });
  });

  it("--users-only skips team state unless asked for, in any order", () => {
    expect(parseOptions(["--users-only", "--scale"])).toMatchObject({ usersOnly: true, usersReps: 3, backendReps: 0, stacks: 0 });
    expect(parseOptions(["--scale", "--users-only", "--users-reps", "0", "--stacks", "5"])).toMatchObject({ usersReps: 0, stacks: 5 });
  });

  it("refuses users' and teams' options without --scale, and a run that measures nothing", () => {
    expect(() => parseOptions(["--users-reps", "2"])).toThrow(/go with --scale/);
    expect(() => parseOptions(["--stacks", "2"])).toThrow(/go with --scale/);
    expect(() => parseOptions(["--scale", "--users-only", "--users-reps", "0"])).toThrow(/measures nothing/);
    expect(() => parseOptions(["--scale", "--stack-parallel", "0"])).toThrow(/--stack-parallel needs a positive whole number/);
  });

  it("--profile takes a folder, made absolute, and only profiles users' shape", () => {
    expect(parseOptions(["--scale", "--profile", "prof"]).profileDir).toBe(path.resolve("prof"));
    expect(() => parseOptions(["--scale", "--profile"])).toThrow(/--profile needs a value/);
    expect(() => parseOptions(["--scale", "--profile", "--users-only"])).toThrow(/--profile needs a value/);
    expect(() => parseOptions(["--profile", "prof"])).toThrow(/--profile profiles users' shape/);
    expect(() => parseOptions(["--scale", "--users-reps", "0", "--stacks", "2", "--profile", "prof"])).toThrow(/--profile profiles users' shape/);
  });
});

it("counts the property values the engine walks: each value, and each element inside arrays and objects", () => {
  expect(propertyValues({ a: "x", b: ["y", "z"], c: { d: 1, e: [{ f: true }] } })).toBe(9);
  expect(propertyValues({})).toBe(0);
  expect(propertyValues(undefined)).toBe(0);
});
