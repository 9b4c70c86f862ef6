/** The machine and software a run was made on, for the report's header. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadavg } from "./stats";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memory: string;
  node: string;
  os: string;
  loadAtStart: string;
  pulumi?: string;
  pulumiSdk?: string;
}

export function describeMachine(): Machine {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const meminfo = fs.readFileSync("/proc/meminfo", "utf8");
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  return {
    cpus: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? "unknown",
    memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAtStart: loadavg(),
  };
}

/** The engine's version, and @pulumi/pulumi's in the programs folder. */
export function describeSoftware(machine: Machine, cliRoot: string, programsDir: string): void {
  machine.pulumi = execFileSync(path.join(cliRoot, "bin/pulumi"), ["version"], { encoding: "utf8" }).trim();
  machine.pulumiSdk = JSON.parse(fs.readFileSync(path.join(programsDir, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;
}

/** The report's first lines: when, on what. */
export function machineLines(m: Machine): string[] {
  return [
    `- machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memory} RAM, ${m.os}; load average (1/5/15 min) ${m.loadAtStart} at start, ${loadavg()} at end`,
    `- software: Node ${m.node}; pulumi ${m.pulumi} (engine, offline build); @pulumi/pulumi ${m.pulumiSdk} in the program and the provider host`,
  ];
}
