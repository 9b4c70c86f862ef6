/**
 * The plugin installed the standard way: the installed npm package writes the
 * plugin tarball (`telnyx-reservations plugin-tarball`), `pulumi plugin install
 * resource telnyx VERSION --file TARBALL` puts it in PULUMI_HOME, and a Python
 * program (examples/python/automation.py, an Automation API inline program)
 * whose Pulumi.yaml names no plugin path runs `up` against the emulator with it.
 *
 * Everything lives in a temporary folder outside any node_modules tree (PULUMI_HOME
 * included), so the unpacked plugin finds nothing it did not bring along.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { automationProject, runAutomation } from "../../testing/python";
import { engineWorkspace } from "../../testing/workspace";
import { apiCalls, liveReservations } from "./support";

const run = promisify(execFile);
const emulator = withEmulator();
const [A, B] = testNumbers(2);

let scratch: string;
let project: string;
let env: NodeJS.ProcessEnv;
let version: string;

beforeAll(() => {
  const ws = engineWorkspace();
  version = JSON.parse(fs.readFileSync(path.join(ws.dir, "node_modules/pulumi-telnyx-reservations/package.json"), "utf8")).version;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-plugin-install-"));
  ({ project, env } = automationProject(scratch, ws.cliRoot, emulator));
  // No plugins.providers path: the engine must find the plugin by name and version.
  const yaml = fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8");
  const bare = yaml.replace(/^plugins:\n(?:\s+.*\n)+/m, "");
  expect(bare).not.toMatch(/^plugins:|node_modules/m);
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), bare);
}, 240_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

it("the installed package writes the plugin tarball, `pulumi plugin install --file` installs it, and a Python program runs `up` with it", async () => {
  // Not installed yet: the engine finds no `telnyx` plugin (it may not download one here).
  await expect(runAutomation(project, env, "up", A, B)).rejects.toThrow(
    `no resource plugin 'pulumi-resource-telnyx' found in the workspace at version v${version} or on your $PATH`,
  );
  expect(await liveReservations(emulator)).toEqual([]);

  const cli = path.join(engineWorkspace().dir, "node_modules/.bin/telnyx-reservations");
  const out = path.join(scratch, "tarballs");
  const { stdout, stderr } = await run(cli, ["plugin-tarball", "--out", out], { env });
  const tarball = stdout.trim();
  expect(tarball).toBe(path.join(out, `pulumi-resource-telnyx-v${version}.tar.gz`));
  expect(stderr).toContain(`pulumi plugin install resource telnyx ${version} --file ${tarball}`);

  await run(path.join(env.PULUMI_CLI_ROOT!, "bin/pulumi"), ["plugin", "install", "resource", "telnyx", version, "--file", tarball], { env });
  expect(fs.existsSync(path.join(env.PULUMI_HOME!, "plugins", `resource-telnyx-v${version}`, "pulumi-resource-telnyx"))).toBe(true);

  const created = await runAutomation(project, env, "up");
  expect(created.changes).toEqual({ create: 1, same: 1 }); // the stack was recorded by the failed run
  const [live] = await liveReservations(emulator);
  expect(live).toMatchObject({ numbers: [A, B].sort(), reference: "support" });
  expect(created.outputs).toMatchObject({ reservationId: live.id, phoneNumbers: [A, B], status: "success" });

  await emulator.control.clearRequests();
  expect((await runAutomation(project, env, "up")).changes).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);
});
