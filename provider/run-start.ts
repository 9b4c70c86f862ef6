/**
 * How long ago this `pulumi` run started, for `planLeftover` (plan.ts): a
 * reservation created after the run started cannot be what an interrupted
 * earlier run of this resource left, whatever else matches. On Linux that is
 * the `pulumi` command that started this provider (found by walking /proc up
 * from the parent: the engine starts providers, sometimes through a shell
 * launcher); elsewhere, or outside the engine (tests calling the provider in
 * process), the time the provider was configured, which is later and so
 * adopts less. Ages, not wall-clock times: the caller puts them on Telnyx's clock.
 */
import * as fs from "fs";

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's start time (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100;
/** Engine → (launcher shell) → node: the `pulumi` command is a few parents up at most. */
const MAX_PARENTS = 6;

/** Milliseconds since the run started: the `pulumi` ancestor's age, or at least `sinceConfiguredMs`. */
export function runAgeMs(sinceConfiguredMs: number): number {
  return Math.max(sinceConfiguredMs, pulumiAncestorAgeMs() ?? 0);
}

function pulumiAncestorAgeMs(): number | undefined {
  try {
    const uptimeSeconds = parseFloat(fs.readFileSync("/proc/uptime", "utf8"));
    let pid = process.ppid;
    for (let i = 0; i < MAX_PARENTS && pid > 1; i++) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid … starttime(22nd)": comm may hold spaces, so split after its ")".
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (comm === "pulumi") return (uptimeSeconds - Number(fields[19]) / CLOCK_TICKS_PER_SECOND) * 1000;
      pid = Number(fields[1]);
    }
  } catch {
    // not Linux, or a process we may not read: fall back to the configure time
  }
  return undefined;
}
