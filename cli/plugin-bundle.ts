/**
 * The native plugin as a Pulumi plugin tarball, built from the installed
 * package: what `pulumi plugin install resource telnyx VERSION --file TARBALL`
 * unpacks into ~/.pulumi/plugins/resource-telnyx-vVERSION/.
 *
 *   pulumi-resource-telnyx                      runs the package's plugin/ launcher
 *   node_modules/pulumi-telnyx-reservations/    this package's package.json, LICENSE, plugin/ and dist/
 *   node_modules/...                            what it needs at run time
 *
 * The plugin runs from that folder, far from any project's node_modules, so the
 * tarball carries the runtime closure: `dependencies`, required peers (the
 * `@pulumi/pulumi` it runs on), installed `optionalDependencies`, recursively,
 * each copied from where Node resolves it in the installation (nothing is
 * downloaded), and laid out so Node resolves every one of them to the same copy
 * again. Types and source maps stay behind: nothing reads them at run time.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PLUGIN = "pulumi-resource-telnyx";
const OWN_FILES = ["package.json", "LICENSE", "plugin", "dist"];

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The tarball's file name for `version`, as Pulumi names plugin archives. */
function pluginTarballName(version: string): string {
  return `${PLUGIN}-v${version}.tar.gz`;
}

/**
 * Writes the plugin tarball of the package installed at `packageRoot` into `outDir`
 * (which must exist); returns its path.
 */
export function writePluginTarball(packageRoot: string, outDir: string): string {
  const root = manifest(packageRoot);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-plugin-"));
  try {
    const [own, ...dependencies] = layout(fs.realpathSync(packageRoot));
    // Only what runs, from this package: from a checkout, its folder is the whole repository.
    for (const entry of OWN_FILES.filter((e) => fs.existsSync(path.join(own[1], e)))) copyFiles(path.join(own[1], entry), path.join(staging, own[0], entry));
    for (const [target, source] of dependencies) copyFiles(source, path.join(staging, target));
    const launcher = path.join(staging, PLUGIN);
    fs.writeFileSync(
      launcher,
      [
        "#!/bin/sh",
        `# The native Pulumi resource plugin \`telnyx\` ${root.version}, as \`pulumi plugin install\` unpacks it; needs Node.js 20+ on PATH.`,
        'here=$(cd "$(dirname "$0")" && pwd -P)',
        `exec "$here/node_modules/${root.name}/plugin/${PLUGIN}" "$@"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const file = path.join(path.resolve(outDir), pluginTarballName(root.version));
    const partial = `${file}.${process.pid}.partial`;
    try {
      tar(["-czf", partial, "-C", staging, PLUGIN, "node_modules"]);
      fs.renameSync(partial, file);
    } finally {
      fs.rmSync(partial, { force: true }); // a failed tar leaves no half-written tarball behind
    }
    return file;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Where each package of the closure goes in the tarball (`node_modules/...`) → the folder
 * it is copied from. Breadth first from the root package: a dependency goes to the
 * top-level node_modules unless a different copy of the same name is already what
 * Node would find from its dependent; then it nests under the dependent.
 */
function layout(packageRoot: string): Map<string, string> {
  const placed = new Map<string, string>([[path.join("node_modules", manifest(packageRoot).name), packageRoot]]);
  const queue = [...placed.keys()];
  for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
    const source = placed.get(target)!;
    for (const [name, required] of runtimeDependencies(manifest(source))) {
      const found = resolvePackage(name, source);
      if (!found) {
        if (!required) continue;
        throw new Error(`cannot find ${name}, which ${manifest(source).name} needs at run time, from ${source}: install the package's dependencies first`);
      }
      const seen = nearestSlot(placed, target, name);
      if (seen !== undefined && placed.get(seen) === found) continue;
      const slot = seen === undefined ? path.join("node_modules", name) : path.join(target, "node_modules", name);
      placed.set(slot, found);
      queue.push(slot);
    }
  }
  return placed;
}

/** The slot Node would find `name` in from the package at `target`, if one is taken. */
function nearestSlot(placed: Map<string, string>, target: string, name: string): string | undefined {
  for (let dir = target; dir !== "."; dir = path.dirname(dir)) {
    if (path.basename(dir) === "node_modules") continue;
    const slot = path.join(dir, "node_modules", name);
    if (placed.has(slot)) return slot;
  }
  const top = path.join("node_modules", name);
  return placed.has(top) ? top : undefined;
}

/** Each dependency the package needs at run time, with whether its absence is an error. */
function runtimeDependencies(m: Manifest): Array<[string, boolean]> {
  const peers = Object.keys(m.peerDependencies ?? {}).filter((name) => !m.peerDependenciesMeta?.[name]?.optional);
  const optional = Object.keys(m.optionalDependencies ?? {});
  const required = Object.keys(m.dependencies ?? {}).filter((name) => !optional.includes(name));
  return [...required.map((n): [string, boolean] => [n, true]), ...peers.map((n): [string, boolean] => [n, true]), ...optional.map((n): [string, boolean] => [n, false])];
}

/** The real folder of package `name` as Node resolves it from the package in `from`. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Copies a package's folder (or one of its files), leaving out its nested packages: layout() places those. */
function copyFiles(source: string, target: string): void {
  const nested = path.join(source, "node_modules");
  fs.cpSync(source, target, {
    recursive: true,
    dereference: true,
    filter: (src) => src !== nested && !/\.(d\.[cm]?ts|map)$/.test(src),
  });
}

function manifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

function tar(args: string[]): void {
  try {
    execFileSync("tar", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    const { code, stderr } = err as NodeJS.ErrnoException & { stderr?: Buffer };
    throw new Error(code === "ENOENT" ? "writing the plugin tarball needs `tar` on PATH" : `tar failed: ${String(stderr ?? "").trim()}`);
  }
}
