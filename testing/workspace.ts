/**
 * The place engine tests run programs: the Pulumi CLI (tools/pulumi-cli/ensure-pulumi)
 * and a folder whose node_modules holds this package installed the way a user
 * installs it, by name from its packed tarball, next to @pulumi/pulumi and
 * TypeScript. Programs are written into sub-folders, so Node finds those
 * modules, and the provider is serialized as a `require` of the package.
 *
 * Built once per content of what the package ships (`npm pack`'s files) and @pulumi/pulumi version
 * (overridable: SDK_VERSION_ENV) and reused across test files and runs; it
 * lives in the same cache folder as the CLI build, outside the repo; copies for
 * other builds are removed after a day unused (a mkdir lock keeps jest workers
 * from building it twice).
 */
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/**
 * The @pulumi/pulumi version engine programs install: $PULUMI_TELNYX_TEST_SDK_VERSION
 * (CI's second leg sets the newest release there), else the root devDependency.
 */
export const SDK_VERSION_ENV = "PULUMI_TELNYX_TEST_SDK_VERSION";

export interface EngineWorkspace {
  /** Root of the Pulumi CLI install (`bin/pulumi` inside). */
  cliRoot: string;
  /** Folder with node_modules; programs go in sub-folders of it. */
  dir: string;
  /** The packed tarball of this package that `dir` has installed. */
  tarball: string;
  /** The @pulumi/pulumi version installed in `dir`. */
  sdkVersion: string;
}

let cached: EngineWorkspace | undefined;
const STALE_AFTER_MS = 24 * 3_600_000;

/** The cache folder shared with tools/pulumi-cli/ensure-pulumi and tools/node24/ensure-node24, outside the repo. */
export function cacheRoot(): string {
  return process.env.PULUMI_TELNYX_CACHE || path.join(os.homedir(), ".cache/pulumi-telnyx-reservations");
}

/** See SDK_VERSION_ENV. */
export function testSdkVersion(): string {
  return process.env[SDK_VERSION_ENV] || devDependencies()["@pulumi/pulumi"];
}

export function engineWorkspace(): EngineWorkspace {
  if (cached) return cached;
  const cliRoot = ensurePulumi();
  const sdkVersion = testSdkVersion();
  if (!fs.existsSync(path.join(ROOT, "dist"))) throw new Error("dist/ is missing: run `npm run build` (npm test does) first");
  const hash = packedFiles(ROOT).map((f) => f + hashFile(path.join(ROOT, f))).join() + sdkVersion;
  const dir = cachedFolder("programs", hash, (dir) => {
    const tarball = packInto(ROOT, dir);
    writeProgramsPackage(dir, { "pulumi-telnyx-reservations": `file:./${tarball}` }, sdkVersion);
    npm(dir, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
  });
  const tarball = fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
  cached = { cliRoot, dir, tarball: path.join(dir, tarball), sdkVersion };
  return cached;
}

/**
 * A folder in the cache named `<kind>-<hash of key>`, made once by `build` (under a mkdir lock, so
 * jest workers never build it twice) and reused while `key` is the same; copies for other keys are
 * removed after a day unused (another checkout may be using its own right now).
 */
export function cachedFolder(kind: string, key: string, build: (dir: string) => void): string {
  const root = cacheRoot();
  const name = `${kind}-${crypto.createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
  const dir = path.join(root, name);
  fs.mkdirSync(root, { recursive: true });
  withLock(path.join(root, `${kind}.lock`), () => {
    if (fs.existsSync(path.join(dir, ".ready"))) return;
    for (const old of fs.readdirSync(root).filter((n) => n.startsWith(`${kind}-`) && n !== name)) {
      const ready = path.join(root, old, ".ready");
      const age = fs.existsSync(ready) ? Date.now() - fs.statSync(ready).mtimeMs : Infinity;
      if (age > STALE_AFTER_MS) fs.rmSync(path.join(root, old), { recursive: true, force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    build(dir);
    fs.writeFileSync(path.join(dir, ".ready"), new Date().toISOString());
  });
  const now = new Date();
  fs.utimesSync(path.join(dir, ".ready"), now, now); // marks it as in use, for the pruning above
  return dir;
}

/** The paths `npm pack` would put in the package in `packageDir` (`npm pack --dry-run`), sorted. */
export function packedFiles(packageDir: string): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageDir, encoding: "utf8" });
  const [packed] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return packed.files.map((f) => f.path).sort();
}

/** `npm pack` the package in `packageDir` into `dest`; returns the tarball's file name. */
export function packInto(packageDir: string, dest: string): string {
  return execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dest], { cwd: packageDir, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
}

/**
 * package.json and tsconfig.json of a folder whose sub-folders are Pulumi programs: `extra`
 * dependencies (this package, as a tarball) next to @pulumi/pulumi at `sdkVersion` and TypeScript,
 * as a user's project has them.
 */
export function writeProgramsPackage(dir: string, extra: Record<string, string>, sdkVersion: string): void {
  const dev = devDependencies();
  const dependencies = { ...extra, "@pulumi/pulumi": sdkVersion, typescript: dev.typescript, "@types/node": dev["@types/node"] };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "engine-test-programs", private: true, dependencies }, null, 2));
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", esModuleInterop: true, skipLibCheck: true } }),
  );
}

/** Run npm in `dir`: its stdout is progress noise, its stderr shows (errors, warnings). */
export function npm(dir: string, args: string[]): void {
  execFileSync("npm", args, { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
}

function devDependencies(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies;
}

function ensurePulumi(): string {
  if (process.env.PULUMI_CLI_ROOT && fs.existsSync(path.join(process.env.PULUMI_CLI_ROOT, "bin/pulumi"))) {
    return process.env.PULUMI_CLI_ROOT;
  }
  const out = execFileSync("bash", [path.join(ROOT, "tools/pulumi-cli/ensure-pulumi")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const dir = out.trim().split("\n").pop()!;
  process.env.PULUMI_CLI_ROOT = dir;
  return dir;
}

function withLock(lock: string, work: () => void): void {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      execFileSync("sleep", ["1"]);
    }
  }
  try {
    work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function hashFile(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}
