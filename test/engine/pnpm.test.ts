/**
 * A program whose dependencies pnpm installed (its symlinked, content-addressed node_modules)
 * runs `up`, `refresh` and `destroy` through the real engine.
 *
 * Pulumi's docs warn that dynamic providers break under pnpm: before @pulumi/pulumi 3.251.0 its
 * closure serializer named a module after its real path, which under pnpm's default (isolated)
 * layout is node_modules/.pnpm/<pkg>@<version>/node_modules/<pkg>/..., no package name, so `up`
 * failed. This package writes `__provider` itself, a `require` of its own name, so both of
 * pnpm's layouts work on every SDK. @pulumi/pulumi is a peer, so the program and this package
 * share one copy.
 *
 * pnpm itself comes from the npm registry (the `pnpm` package), installed once into the cache and
 * run through `bin/pnpm.mjs` with this Node.js (its other bins are placeholders that install
 * scripts, which npm 11 skips, would replace).
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { EXAMPLES, json, liveReservations, projects, telnyxConfig } from "./support";
import { cacheRoot, cachedFolder, engineWorkspace, hashFile, npm, testSdkVersion, writeProgramsPackage } from "../../testing/workspace";

const PNPM = "pnpm@12";

const emulator = withEmulator();
const project = projects();
const [A, B] = testNumbers(2);

/** pnpm's two layouts: `isolated` (its default: links into node_modules/.pnpm) and `hoisted` (flat, like npm's). */
type Linker = "isolated" | "hoisted";

/** A folder with this package, @pulumi/pulumi and TypeScript installed by pnpm (cached per tarball, SDK and layout). */
function pnpmWorkspace(linker: Linker): string {
  const tool = cachedFolder("pnpm-tool", PNPM, (dir) => npm(dir, ["install", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=error", PNPM]));
  const ws = engineWorkspace();
  return cachedFolder(`pnpm-${linker}`, hashFile(ws.tarball) + ws.sdkVersion, (dir) => {
    fs.copyFileSync(ws.tarball, path.join(dir, path.basename(ws.tarball)));
    writeProgramsPackage(dir, { "pulumi-telnyx-reservations": `file:./${path.basename(ws.tarball)}` }, ws.sdkVersion);
    // pnpm 10+ runs no dependency's install script unless allowed, and fails the install (in CI)
    // for each one not decided: @pulumi/pulumi's protobufjs has one it does not need.
    fs.writeFileSync(path.join(dir, "pnpm-workspace.yaml"), `nodeLinker: ${linker}\nallowBuilds:\n  protobufjs: false\n`);
    execFileSync(
      process.execPath,
      [path.join(tool, "node_modules/pnpm/bin/pnpm.mjs"), "install", "--prefer-offline", `--store-dir=${path.join(cacheRoot(), "pnpm-store")}`, "--reporter=silent"],
      { cwd: dir, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true" } },
    );
  });
}

async function basicProject(root: string, reference: string) {
  return project({
    root,
    from: path.join(EXAMPLES, "basic"),
    config: telnyxConfig(emulator, { phoneNumbers: json([A, B]), customerReference: { value: reference } }),
  });
}

/** up, refresh, destroy, with the emulator and the state agreeing at each step. */
async function lifecycle(root: string, reference: string): Promise<void> {
  const p = await basicProject(root, reference);
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const { reservationId } = await p.outputs();
  expect(await liveReservations(emulator)).toContainEqual({ id: reservationId, numbers: [A, B], reference });
  expect((await p.reservations()).map((r) => r.id)).toEqual([reservationId]);

  await p.refresh();
  expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });

  expect((await p.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
  expect(await p.reservations()).toEqual([]);
}

it("up, refresh and destroy work with pnpm's hoisted layout (nodeLinker: hoisted), on any @pulumi/pulumi", async () => {
  const root = pnpmWorkspace("hoisted");
  expect(fs.lstatSync(path.join(root, "node_modules/pulumi-telnyx-reservations")).isSymbolicLink()).toBe(false);
  expect(fs.existsSync(path.join(root, "node_modules/.modules.yaml"))).toBe(true); // pnpm made it, not npm
  await lifecycle(root, "pnpm-hoisted");
});

it(`up, refresh and destroy work with pnpm's default isolated layout, on @pulumi/pulumi ${testSdkVersion()} too`, async () => {
  const root = pnpmWorkspace("isolated");
  // pnpm's layout, not npm's: the package is a link into node_modules/.pnpm.
  expect(fs.realpathSync(path.join(root, "node_modules/pulumi-telnyx-reservations"))).toContain(`${path.sep}.pnpm${path.sep}`);
  await lifecycle(root, "pnpm-isolated");
});
