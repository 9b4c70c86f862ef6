/**
 * Timing a Pulumi command of a harness project, with the CPU time and peak
 * memory of the processes it starts, read from /proc (Linux only).
 *
 * The command is the `pulumi` binary run directly with the project's own
 * environment (TestProject.env, TestProject.pulumiBinary): the Automation API's
 * `stack.up()` also runs `stack output` and `stack history` afterwards, which
 * would be timed too.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { TestProject } from "../testing/harness";

export interface CommandRun {
  /** Wall time of the `pulumi` process, ms. */
  ms: number;
  /** When it started (Date.now()). */
  startedAt: number;
  /** stdout and stderr, interleaved. */
  output: string;
  /** Peak resident memory (VmHWM, KiB) of the provider host and of the program. */
  peakKb: Partial<Record<ProcessRole, number>>;
  /** CPU time (ms) per role: engine (the pulumi process), language host, program, provider, other. */
  cpuMs: Record<string, number>;
  /**
   * Bytes the process tree caused to be written to disk (`write_bytes` of /proc/self/io, whose
   * count includes every reaped descendant): with a file backend, mostly the checkpoint and its
   * `.bak` copy, rewritten after each step. Nothing is missed at exit, unlike a sampled figure.
   */
  diskWriteBytes: number;
}

/** The processes of a `pulumi up`: the dynamic provider host, and the program. */
export type ProcessRole = "provider" | "program";

const ROLES: Array<[ProcessRole, string]> = [
  ["provider", "cmd/dynamic-provider"],
  ["program", "@pulumi/pulumi/cmd/run"],
];

/** Run `pulumi <args> --stack <its stack> --non-interactive` in the project (with `extraEnv`); throws with the output on failure. */
export async function runPulumi(project: TestProject, args: string[], extraEnv: Record<string, string> = {}): Promise<CommandRun> {
  const env = { ...process.env, ...project.env, ...extraEnv };
  env.PATH = `${path.dirname(project.pulumiBinary)}:${env.PATH}`;
  const written = ownWriteBytes();
  const startedAt = Date.now();
  const t0 = performance.now();
  const child = spawn(project.pulumiBinary, [...args, "--stack", project.stack.name, "--non-interactive"], {
    cwd: project.dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const sampler = child.pid ? new TreeSampler(child.pid) : undefined;
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? -1));
  });
  const ms = performance.now() - t0;
  const diskWriteBytes = ownWriteBytes() - written;
  const { peakKb, cpuMs } = sampler?.stop() ?? { peakKb: {}, cpuMs: {} };
  if (code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${code}\n--- output ---\n${output}`);
  return { ms, startedAt, output, peakKb, cpuMs, diskWriteBytes };
}

/** This process's `write_bytes` so far, reaped children included (the kernel adds theirs at wait()). */
function ownWriteBytes(): number {
  const io = fs.readFileSync("/proc/self/io", "utf8");
  return Number(/^write_bytes:\s+(\d+)/m.exec(io)?.[1] ?? NaN);
}

/** Every checkpoint the file backend wrote, as sizes in bytes. */
export interface CheckpointWrites {
  count: number;
  bytes: number;
}

/**
 * The environment that makes the file backend keep a copy of every checkpoint it writes
 * (`<stack>.json.<nanoseconds>`, pkg/backend/diy/state.go `saveCheckpoint`): the exact count and
 * size of the checkpoint writes, read back by `takeCheckpointWrites`. It doubles the backend's
 * writes, so runs with it are not timed.
 */
export const RETAIN_CHECKPOINTS = { PULUMI_RETAIN_CHECKPOINTS: "true" };

/** Count and total size of the retained checkpoint copies of the project's stack, then delete them. */
export function takeCheckpointWrites(project: TestProject): CheckpointWrites {
  const backend = project.env.PULUMI_BACKEND_URL.replace(/^file:\/\//, "");
  const stacks = path.join(backend, ".pulumi/stacks");
  const out: CheckpointWrites = { count: 0, bytes: 0 };
  for (const dir of fs.readdirSync(stacks)) {
    for (const file of fs.readdirSync(path.join(stacks, dir))) {
      if (!/\.json\.\d+$/.test(file)) continue;
      const full = path.join(stacks, dir, file);
      out.count++;
      out.bytes += fs.statSync(full).size;
      fs.rmSync(full);
    }
  }
  return out;
}

/**
 * Polls /proc for the descendants of `root` (and `root` itself), every 100 ms:
 * the largest VmHWM (the kernel's own peak RSS, so a sample only has to land
 * before the process exits) and the CPU time (utime + stime) of each process,
 * both grouped by role. CPU time of the last <100 ms of a process is missed.
 */
class TreeSampler {
  private readonly peaks: Partial<Record<ProcessRole, number>> = {};
  private readonly cpuTicks = new Map<number, { role: string; ticks: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  stop(): Pick<CommandRun, "peakKb" | "cpuMs"> {
    clearInterval(this.timer);
    this.sample();
    const cpuMs: Record<string, number> = {};
    for (const { role, ticks } of this.cpuTicks.values()) cpuMs[role] = (cpuMs[role] ?? 0) + ticks * TICK_MS;
    return { peakKb: this.peaks, cpuMs };
  }

  private sample(): void {
    const stats = new Map<number, { ppid: number; ticks: number }>();
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat) stats.set(Number(entry), stat);
    }
    const inTree = (pid: number): boolean => {
      for (let p = pid, depth = 0; p > 1 && depth < 12; depth++) {
        if (p === this.root) return true;
        p = stats.get(p)?.ppid ?? 0;
      }
      return false;
    };
    for (const [pid, { ticks }] of stats) {
      if (!inTree(pid)) continue;
      // (an exited process keeps its stat until reaped, but its cmdline reads empty: keep the role it had)
      const known = this.cpuTicks.get(pid)?.role;
      const role = known && known !== "other" ? known : roleOf(pid, pid === this.root);
      this.cpuTicks.set(pid, { role, ticks });
      if (role === "provider" || role === "program") {
        const hwm = readKb(pid, "VmHWM");
        if (hwm !== undefined) this.peaks[role] = Math.max(this.peaks[role] ?? 0, hwm);
      }
    }
  }
}

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);

function roleOf(pid: number, isRoot: boolean): string {
  if (isRoot) return "engine";
  let cmdline = "";
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "other";
  }
  if (cmdline.includes("pulumi-language-nodejs")) return "language host";
  return ROLES.find(([, marker]) => cmdline.includes(marker))?.[0] ?? "other";
}

/** CPU time (utime + stime) of one process so far, ms. */
export function cpuMsOf(pid: number): number {
  return (readStat(pid)?.ticks ?? 0) * TICK_MS;
}

function readStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // after "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function readKb(pid: number, field: string): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
