#!/usr/bin/env node
/**
 * `npm start`: the main job. A real `pulumi up` of the root project
 * (Pulumi.yaml, demo/index.ts), against Telnyx when TELNYX_API_KEY is set and
 * against the embedded emulator otherwise, with a local file backend in
 * `.demo/`, or the state backend PULUMI_BACKEND_URL names when set (a team's
 * PostgreSQL or S3 bucket). Ends with a table of the reservations and the next commands.
 *
 *   npm start                 pulumi up
 *   npm start -- refresh      pulumi refresh
 *   npm start -- extend       extend every hold once (changes extendTrigger), then up
 *   npm start -- destroy      pulumi destroy (Telnyx holds lapse on their own)
 *
 * Environment: TELNYX_API_KEY, TELNYX_BASE_URL (real Telnyx), PHONE_NUMBERS
 * ("+1...,+1..." to hold instead of the demo numbers), PULUMI_CONFIG_PASSPHRASE,
 * PULUMI_BACKEND_URL (Pulumi state elsewhere), DEMO_DIR (where state is kept; default .demo/).
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
// State (Pulumi file backend, emulator state) lives here; DEMO_DIR moves it (tests do).
const DEMO = process.env.DEMO_DIR ? path.resolve(process.env.DEMO_DIR) : path.join(ROOT, ".demo");
const COMMANDS = ["up", "refresh", "extend", "destroy"];

async function main() {
  const command = process.argv[2] ?? "up";
  if (!COMMANDS.includes(command)) throw new Error(`unknown command "${command}": use one of ${COMMANDS.join(", ")}`);
  const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
  const { startEmulator } = require(path.join(ROOT, "dist/emulator"));

  const cliRoot = ensurePulumi();
  const real = Boolean(process.env.TELNYX_API_KEY);
  const emulator = real
    ? undefined
    : await startEmulator({ stateFile: path.join(DEMO, "emulator-state.json"), settleDelayMs: 1500 });
  const target = real ? process.env.TELNYX_BASE_URL || "https://api.telnyx.com/v2" : `${emulator.url} (embedded emulator)`;
  console.log(`Telnyx: ${target}\n`);

  try {
    fs.mkdirSync(path.join(DEMO, "state"), { recursive: true });
    const envVars = {
      PATH: `${path.join(cliRoot, "bin")}:${process.env.PATH}`,
      PULUMI_BACKEND_URL: process.env.PULUMI_BACKEND_URL || `file://${path.join(DEMO, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      // Key and URL reach the provider through the environment, so they never enter state.
      TELNYX_API_KEY: real ? process.env.TELNYX_API_KEY : "demo-key",
      TELNYX_BASE_URL: real ? process.env.TELNYX_BASE_URL ?? "" : emulator.url,
    };
    const pulumiCommand = await PulumiCommand.get({ root: cliRoot, skipVersionCheck: true });
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: real ? "telnyx" : "emulator", workDir: ROOT },
      { pulumiCommand, envVars },
    );
    if (process.env.PHONE_NUMBERS) {
      const numbers = process.env.PHONE_NUMBERS.split(",").map((n) => n.trim()).filter(Boolean);
      await stack.setConfig("phoneNumbers", { value: JSON.stringify(numbers) });
    }
    const onOutput = (text) => process.stdout.write(text);
    if (command === "refresh") await stack.refresh({ onOutput });
    if (command === "destroy") await stack.destroy({ onOutput });
    if (command === "extend") await stack.setConfig("extendTrigger", { value: new Date().toISOString() });
    if (command === "up" || command === "extend") await stack.up({ onOutput });
    printSummary(await stack.exportStack(), real);
  } finally {
    await emulator?.close();
  }
}

function ensurePulumi() {
  const out = execFileSync("bash", [path.join(ROOT, "tools/pulumi-cli/ensure-pulumi")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop();
}

function printSummary(deployment, real) {
  const rows = (deployment.deployment.resources ?? [])
    .filter((r) => r.type === require(path.join(ROOT, "dist/provider/type-tokens")).DYNAMIC_RESOURCE_TOKEN)
    .map((r) => [r.id, (r.outputs.phoneNumbers ?? []).join(" "), r.outputs.status ?? "", r.outputs.expiresAt ?? ""]);
  console.log("");
  if (rows.length === 0) {
    console.log("No reservations in the stack.");
  } else {
    const table = [["RESERVATION", "NUMBERS", "STATUS", "EXPIRES"], ...rows];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
    for (const row of table) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join("  ").trimEnd());
  }
  const prefix = real ? "TELNYX_API_KEY=… npm start --" : "npm start --";
  console.log(`\nNext: ${prefix} refresh   |   ${prefix} extend   |   ${prefix} destroy   (state: ${stateLocation()})`);
}

/** Where the stack's state is, for the summary: the backend URL without credentials or query (a password may be there). */
function stateLocation() {
  const backend = process.env.PULUMI_BACKEND_URL;
  if (!backend) return `${path.relative(ROOT, DEMO) || DEMO}/`;
  try {
    const url = new URL(backend);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return "PULUMI_BACKEND_URL";
  }
}

main().catch((err) => {
  console.error(`\nmain job failed: ${err.message}`);
  process.exit(1);
});
