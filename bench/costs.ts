/**
 * Costs paid before the provider makes its first call, measured in fresh Node
 * processes: loading the modules, and serializing the provider into state.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const RUNS = 5;

/** Median ms to `require` a module in a process that has already loaded @pulumi/pulumi (as the host and the program have). */
function requireMs(cwd: string, module: string, after = "@pulumi/pulumi"): number {
  const script =
    `${after ? `require(${JSON.stringify(after)});` : ""}` +
    `const t = process.hrtime.bigint(); require(${JSON.stringify(module)}); ` +
    `console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const times = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" }).trim()));
  times.sort((a, b) => a - b);
  return Math.round(times[RUNS >> 1]);
}

export function startupCosts(wsDir: string) {
  return {
    runs: RUNS,
    pulumiRequireMs: requireMs(wsDir, "@pulumi/pulumi", ""),
    providerRequireMs: requireMs(wsDir, "pulumi-telnyx-reservations/provider"),
    sdkRequireMs: requireMs(wsDir, "pulumi-telnyx-reservations"),
  };
}

/** What the `__provider` text would cost if the provider were serialized by value (loaded from outside node_modules). */
export async function serializedProviderCosts(root: string) {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const provider = require(${JSON.stringify(path.join(root, "dist/provider/instance.js"))});
    const t = Date.now();
    pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }).then((r) =>
      console.log(JSON.stringify({ byValueBytes: r.text.length, byValueMs: Date.now() - t })));`;
  const out = execFileSync(process.execPath, ["--no-warnings", "-e", script], { cwd: root, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as { byValueBytes: number; byValueMs: number };
}
