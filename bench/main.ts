/**
 * `npm run bench`: the provider measured with the real engine and the local
 * emulator, each figure a ratio to a floor taken in the same run. Options:
 * options.ts (`USAGE`); the method and the figures: bench/README.md.
 *
 * Top to bottom: read the options, find the Pulumi CLI and the programs folder,
 * start the emulator, measure (scenarios.ts, or scale.ts with `--scale`),
 * write the report (report.ts, scale-report.ts) to stdout and bench/.out/.
 * Progress goes to stderr.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { engineWorkspace } from "../testing/workspace";
import { BenchEmulator } from "./emulator";
import { describeMachine, describeSoftware } from "./machine";
import { parseOptions } from "./options";
import { measureDefault } from "./scenarios";
import { renderReport, toJson } from "./report";
import { measureScale } from "./scale";
import { measureTeams } from "./teams";
import { renderScaleReport, scaleJson } from "./scale-report";
import { Trials, progress } from "./trials";

export async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const out = path.join(__dirname, ".out");
  fs.mkdirSync(out, { recursive: true });
  const machine = describeMachine();
  progress(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memory}, Node ${machine.node}; load ${machine.loadAtStart}`);

  // The CLI from the shared cache; the programs folder in a bench-only cache, so
  // that concurrent `npm test` runs (which prune other builds) never remove it.
  if (!process.env.PULUMI_CLI_ROOT) {
    const cli = execFileSync("bash", [path.join(options.root, "tools/pulumi-cli/ensure-pulumi")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    process.env.PULUMI_CLI_ROOT = cli.trim().split("\n").pop()!;
  }
  const cacheRoot = process.env.PULUMI_TELNYX_CACHE || path.join(os.homedir(), ".cache/pulumi-telnyx-reservations");
  process.env.PULUMI_TELNYX_CACHE = path.join(cacheRoot, "bench");
  progress("programs folder (npm pack + npm install, only when dist/ changed)...");
  const ws = engineWorkspace();
  describeSoftware(machine, ws.cliRoot, ws.dir);

  const trials = new Trials(await BenchEmulator.start(options.root));
  try {
    let report: string;
    let json: unknown;
    if (options.mode === "scale") {
      const data = { ...(await measureScale(options, trials)), ...(await measureTeams(options, trials)) };
      report = renderScaleReport({ ...data, options, machine });
      json = scaleJson({ ...data, options, machine });
    } else {
      const data = await measureDefault(options, trials, ws.dir);
      report = renderReport({ ...data, options, machine });
      json = toJson({ ...data, options, machine });
    }
    const name = options.mode === "scale" ? "last-scale" : "last";
    fs.writeFileSync(path.join(out, `${name}.txt`), report);
    fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(json, null, 2));
    process.stdout.write(report);
    progress("done");
    return 0;
  } finally {
    await trials.disposeAll();
    await trials.emulator.stop();
  }
}
