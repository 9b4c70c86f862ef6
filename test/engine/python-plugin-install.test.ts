/**
 * The plugin installed the standard way: the installed npm package writes the
 * plugin tarball (`telnyx-reservations plugin-tarball`), `pulumi plugin install
 * resource telnyx VERSION --file TARBALL` puts it in PULUMI_HOME, and a Python
 * program (examples/python/automation.py, an Automation API inline program)
 * whose Pulumi.yaml names no plugin path runs `up` against the emulator with it;
 * so does the same folder as a `runtime: python` project (tools/python-host).
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
import { automationProject, pythonProjectPath, runAutomation } from "../../testing/python";
import { engineWorkspace } from "../../testing/workspace";
import { apiCalls, liveReservations, projects as testProjects, telnyxConfig } from "./support";

const run = promisify(execFile);
const emulator = withEmulator();
const projects = testProjects();
const [A, B, C] = testNumbers(3);

let scratch: string;
let project: string;
let env: NodeJS.ProcessEnv;
let version: string;
let tarball: { stdout: string; stderr: string };

beforeAll(async () => {
  const ws = engineWorkspace();
  version = JSON.parse(fs.readFileSync(path.join(ws.dir, "node_modules/pulumi-telnyx-reservations/package.json"), "utf8")).version;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-plugin-install-"));
  ({ project, env } = automationProject(scratch, ws.cliRoot, emulator));
  // No plugins.providers path: the engine must find the plugin by name and version.
  const yaml = fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8");
  const bare = yaml.replace(/^plugins:\n(?:\s+.*\n)+/m, "");
  expect(bare).not.toMatch(/^plugins:|node_modules/m);
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), bare);
  // As a user runs it: the command of the package installed from its packed tarball.
  const cli = path.join(ws.dir, "node_modules/.bin/telnyx-reservations");
  tarball = await run(cli, ["plugin-tarball", "--out", path.join(scratch, "tarballs")], { env });
}, 240_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** `pulumi plugin install resource telnyx VERSION --file TARBALL` into the plugin cache `home`. */
async function installPlugin(home: string): Promise<void> {
  await run(path.join(env.PULUMI_CLI_ROOT!, "bin/pulumi"), ["plugin", "install", "resource", "telnyx", version, "--file", tarball.stdout.trim()], {
    env: { ...env, PULUMI_HOME: home },
  });
  expect(fs.existsSync(path.join(home, "plugins", `resource-telnyx-v${version}`, "pulumi-resource-telnyx"))).toBe(true);
}

it("the installed package writes the plugin tarball, `pulumi plugin install --file` installs it, and a Python program runs `up` with it", async () => {
  const file = path.join(scratch, "tarballs", `pulumi-resource-telnyx-v${version}.tar.gz`);
  expect(tarball).toEqual({ stdout: `${file}\n`, stderr: `Install it with: pulumi plugin install resource telnyx ${version} --file ${file}\n` });

  // Not installed yet: the engine finds no `telnyx` plugin (it may not download one here).
  await expect(runAutomation(project, env, "up", A, B)).rejects.toThrow(
    `no resource plugin 'pulumi-resource-telnyx' found in the workspace at version v${version} or on your $PATH`,
  );
  expect(await liveReservations(emulator)).toEqual([]);

  await installPlugin(env.PULUMI_HOME!);
  const created = await runAutomation(project, env, "up");
  expect(created.changes).toEqual({ create: 1, same: 1 }); // the stack was recorded by the failed run
  const [live] = await liveReservations(emulator);
  expect(live).toMatchObject({ numbers: [A, B].sort(), reference: "support" });
  expect(created.outputs).toMatchObject({ reservationId: live.id, phoneNumbers: [A, B], status: "success" });

  await emulator.control.clearRequests();
  expect((await runAutomation(project, env, "up")).changes).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);
});

it("a `runtime: python` project under `pulumi up` (tools/python-host) finds the installed plugin too", async () => {
  const home = path.join(scratch, "runtime-home");
  await installPlugin(home);
  const p = await projects({
    from: project,
    root: scratch,
    config: telnyxConfig(emulator),
    objectConfig: { phoneNumbers: [C] },
    env: { PATH: pythonProjectPath(env.PULUMI_CLI_ROOT!), PYTHONPATH: env.PYTHONPATH!, PULUMI_HOME: home },
  });
  expect(fs.readFileSync(path.join(p.dir, "Pulumi.yaml"), "utf8")).not.toMatch(/^plugins:/m);
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const live = (await liveReservations(emulator)).find((r) => r.numbers.includes(C));
  expect(live).toMatchObject({ numbers: [C], reference: "support" });
  expect(await p.outputs()).toMatchObject({ reservationId: live!.id, phoneNumbers: [C] });
});
