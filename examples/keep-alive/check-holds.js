#!/usr/bin/env node
/**
 * The keep-alive job's guard, run after `pulumi up` (.github/workflows/keep-alive.yml):
 *
 *   pulumi stack output --json | node check-holds.js [MINUTES] [OUTPUT]
 *
 * Reads the stack's outputs on stdin and fails (exit 1) when a hold time in the
 * output OUTPUT (default `expiresAt`: a time, or any list or object of times) is
 * less than MINUTES (default 10, the schedule's interval) away, or when there is
 * no time at all. Right after a keep-alive `up`, every hold has more than the
 * keep-alive window left; one that does not will lapse before the next
 * scheduled run can extend it (a window shorter than the interval, an extend
 * that did not happen, a reservation that holds nothing), so the run goes red
 * now instead of the numbers lapsing quietly later.
 *
 * Plain Node.js, no dependencies: it runs wherever the workflow runs.
 */
"use strict";

const [minutesArg = "10", outputName = "expiresAt"] = process.argv.slice(2);

function fail(code, message) {
  // On GitHub Actions, `::error::` makes the reason an annotation on the run's summary page.
  process.stderr.write(`${process.env.GITHUB_ACTIONS === "true" ? "::error::" : ""}${message}\n`);
  process.exit(code);
}

/** Every string inside `value`: the output may be one time, a list, or an object of them. */
function strings(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

if (!/^\d+(\.\d+)?$/.test(minutesArg)) fail(2, `check-holds: MINUTES must be a number of minutes, got "${minutesArg}"`);
const minutes = Number(minutesArg);

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  let outputs;
  try {
    outputs = JSON.parse(input);
  } catch {
    fail(2, "check-holds: stdin is not JSON; pipe `pulumi stack output --json` into it");
  }
  const times = strings(outputs && outputs[outputName]);
  if (times.length === 0) {
    fail(1, `check-holds: the stack output "${outputName}" holds no hold time: no number is held (a failed, pending or lapsed reservation?)`);
  }
  const deadline = Date.now() + minutes * 60_000;
  const unreadable = times.filter((t) => Number.isNaN(Date.parse(t)));
  if (unreadable.length > 0) {
    fail(2, `check-holds: "${outputName}" has values that are not times: ${unreadable.join(", ")} (a secret output shows as "[secret]")`);
  }
  const soon = times.filter((t) => Date.parse(t) <= deadline).sort();
  if (soon.length > 0) {
    fail(
      1,
      `check-holds: a hold lapses within ${minutes} minutes (${soon.join(", ")}), before the next scheduled run can extend it: ` +
        "make keepAliveWindow longer than the schedule's interval plus its delays, or extend now (change extendTrigger and run up)",
    );
  }
  process.stdout.write(`check-holds: every hold in "${outputName}" lasts more than ${minutes} minutes (earliest ${times.sort()[0]})\n`);
});
