/**
 * CI tests what a person who follows the README gets: its first leg runs the README's test
 * command and nothing before it, so an install step that only CI knows cannot hide behind a
 * green build (it once did: `npm --prefix policy ci`).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The commands a bash script runs, in order: no comments, echo, set, cd, or variable assignment. */
function commands(script: string): string[] {
  const lines: string[] = [];
  let continued = "";
  for (const raw of script.split("\n")) {
    const line = raw.trim();
    if (line.endsWith("\\")) {
      continued += line.slice(0, -1) + " ";
      continue;
    }
    lines.push((continued + line).trim());
    continued = "";
  }
  // The body of the array assignment LEG2_TESTS=( … ) lists test paths, not commands.
  let inArray = false;
  return lines.filter((line) => {
    if (inArray) {
      inArray = !line.startsWith(")");
      return false;
    }
    if (/^\w+=\($/.test(line)) {
      inArray = true;
      return false;
    }
    return line !== "" && !/^(#|echo\b|set\b|cd\b|\w+=)/.test(line);
  });
}

it("the README's test command is `npm ci && npm test`", () => {
  expect(read("README.md")).toMatch(/^npm ci && npm test\b/m);
});

it("CI's first commands are the README's `npm ci` then `npm test`, with nothing installed before but PostgreSQL when missing", () => {
  const all = commands(read(".ci/run"));
  const npmCi = all.findIndex((c) => /^npm ci(\s|$)/.test(c));
  expect(npmCi).toBeGreaterThanOrEqual(0);
  expect(all[npmCi + 1]).toMatch(/^npm test(\s|$)/);
  // Before them only the Debian package the README names as a prerequisite, installed only when initdb is missing.
  const before = all.slice(0, npmCi);
  for (const command of before) {
    expect(command).toMatch(/^(if ! command -v initdb .*; then|fi|\$as_root env DEBIAN_FRONTEND=noninteractive apt-get (update|install .* postgresql)( .*)?)$/);
  }
  if (before.length > 0) expect(read("README.md")).toMatch(/`npm test` also needs[^]*PostgreSQL/);
});
