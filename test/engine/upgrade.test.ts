/**
 * Upgrades users do, through the real engine: a stack created with the previous release of this
 * package (commit PREVIOUS_RELEASE, packed from `git archive`) on @pulumi/pulumi 3.248.0 keeps
 * working after `npm install`ing the current package over it, then after upgrading
 * @pulumi/pulumi to the version engine tests use (the newest release in CI's Node.js 24 leg).
 *
 * Every resource's state names its provider as a `require` of this package, so after an upgrade
 * the engine runs the NEW provider code on state the old one wrote (and with the package removed,
 * verbs that do not run the program, like destroy, cannot run at all). The upgraded copy is the
 * current tarball with a bumped version and a marker in its provider entry point that records
 * each dynamic-provider process that loads it, so the test sees the new code did the work.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { EXAMPLES, json, liveReservations, projects, telnyxConfig } from "./support";
import { cacheRoot, cachedFolder, engineWorkspace, npm, packInto, testSdkVersion, writeProgramsPackage } from "../../testing/workspace";

const ROOT = path.resolve(__dirname, "../..");
/** The commit of the previous release (0.1.0 as first published). */
const PREVIOUS_RELEASE = "797ba3f";
/** The oldest @pulumi/pulumi this package supports (its peer range's floor), the last for Node.js 20. */
const OLDEST_SDK = "3.248.0";
const INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

const emulator = withEmulator();
const project = projects();
const [A, B, C] = testNumbers(3);

/** The previous release, built and packed once per commit into the cache; the tarball's path. */
function previousReleaseTarball(): string {
  const commit = execFileSync("git", ["rev-parse", `${PREVIOUS_RELEASE}^{commit}`], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = cachedFolder("release", commit, (dir) => {
    const src = path.join(dir, "src");
    fs.mkdirSync(src);
    execFileSync("bash", ["-c", `git archive ${commit} | tar -x -C ${JSON.stringify(src)}`], { cwd: ROOT });
    npm(src, ["ci", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]);
    npm(src, ["run", "build", "--silent"]);
    packInto(src, dir);
    fs.rmSync(src, { recursive: true, force: true });
  });
  return path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!);
}

/**
 * The current package with the next patch version and, in its provider entry point, a line that
 * appends the version to $TELNYX_UPGRADE_MARKER from each dynamic-provider process that loads it.
 */
function upgradedTarball(into: string): { tarball: string; version: string } {
  const unpacked = fs.mkdtempSync(path.join(into, ".unpacked-"));
  execFileSync("tar", ["-xzf", engineWorkspace().tarball, "-C", unpacked]);
  const pkgDir = path.join(unpacked, "package");
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const [major, minor, patch] = String(manifest.version).split(/[.-]/).map(Number);
  manifest.version = `${major}.${minor}.${patch + 1}`;
  fs.writeFileSync(path.join(pkgDir, "package.json"), JSON.stringify(manifest, null, 2));
  fs.appendFileSync(
    path.join(pkgDir, "dist/provider/instance.js"),
    `\nif (process.env.TELNYX_UPGRADE_MARKER && /dynamic-provider/.test(process.argv[1] || ""))` +
      ` require("fs").appendFileSync(process.env.TELNYX_UPGRADE_MARKER, ${JSON.stringify(manifest.version)} + "\\n");\n`,
  );
  const tarball = path.join(into, packInto(pkgDir, into));
  fs.rmSync(unpacked, { recursive: true, force: true });
  return { tarball, version: manifest.version };
}

const folders: string[] = [];
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it(`a stack made by the previous release on @pulumi/pulumi ${OLDEST_SDK} survives upgrading the package, then @pulumi/pulumi to ${testSdkVersion()}`, async () => {
  const old = previousReleaseTarball();
  const root = fs.mkdtempSync(path.join(cacheRoot(), "upgrade-"));
  folders.push(root);
  const upgraded = upgradedTarball(root);
  const marker = path.join(root, "marker.txt");
  const installed = () => JSON.parse(fs.readFileSync(path.join(root, "node_modules/pulumi-telnyx-reservations/package.json"), "utf8")).version;

  writeProgramsPackage(root, { "pulumi-telnyx-reservations": `file:${old}` }, OLDEST_SDK);
  npm(root, INSTALL);
  const p = await project({
    root,
    from: path.join(EXAMPLES, "keep-alive"),
    config: telnyxConfig(emulator, { phoneNumbers: json([A, B]) }),
    env: { TELNYX_UPGRADE_MARKER: marker },
  });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const first = await p.outputs();
  expect(fs.existsSync(marker)).toBe(false); // the old code has no marker

  // Upgrade the package, as `npm install pulumi-telnyx-reservations@latest` does.
  npm(root, [...INSTALL, `pulumi-telnyx-reservations@file:${upgraded.tarball}`]);
  expect(installed()).toBe(upgraded.version);

  await p.refresh();
  expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });
  expect(fs.readFileSync(marker, "utf8")).toContain(upgraded.version); // the new provider read the old state
  expect(await p.outputs()).toEqual(first);

  await emulator.control.advanceClock(20 * 60); // inside the 15m keep-alive window
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  const extended = await p.outputs();
  expect(extended.reservationId).toBe(first.reservationId);
  expect(Date.parse(extended.expiresAt as string)).toBeGreaterThan(Date.parse(first.expiresAt as string));

  // Upgrade @pulumi/pulumi.
  npm(root, [...INSTALL, `@pulumi/pulumi@${testSdkVersion()}`]);
  expect(JSON.parse(fs.readFileSync(path.join(root, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version).toBe(testSdkVersion());

  await p.stack.setConfig("phoneNumbers", json([C]));
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
  const replaced = await p.outputs();
  expect(replaced.reservationId).not.toBe(first.reservationId);
  expect((await liveReservations(emulator)).find((r) => r.id === replaced.reservationId)?.numbers).toEqual([C]);

  await p.refresh();
  expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });

  // What docs/ci.md tells users not to do: without the package, destroy cannot load the provider
  // its state names (destroy does not run the program), and nothing is deleted until it is back.
  npm(root, ["uninstall", "--no-audit", "--no-fund", "--loglevel=error", "pulumi-telnyx-reservations"]);
  await expect(p.destroy()).rejects.toThrow(/Cannot find module 'pulumi-telnyx-reservations/);
  expect((await p.reservations()).map((r) => r.id)).toEqual([replaced.reservationId]);
  npm(root, [...INSTALL, `pulumi-telnyx-reservations@file:${upgraded.tarball}`]);

  expect((await p.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
  expect(await p.reservations()).toEqual([]);
  // The numbers it held stay held until Telnyx lets them lapse (there is no release call).
  expect((await liveReservations(emulator)).map((r) => r.id)).toContain(replaced.reservationId);
});
