/**
 * The place engine tests run programs: the Pulumi CLI (scripts/ensure-pulumi)
 * and a folder whose node_modules holds this package installed the way a user
 * installs it, by name from its packed tarball, next to @pulumi/pulumi and
 * TypeScript. Programs are written into sub-folders, so Node finds those
 * modules, and the provider is serialized as a `require` of the package.
 *
 * Built once per content of dist/ and reused across test files and runs; it
 * lives in the same cache folder as the CLI build, outside the repo; copies for
 * other builds are removed after a day unused (a mkdir lock keeps jest workers
 * from building it twice).
 */
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

export interface EngineWorkspace {
  /** Root of the Pulumi CLI install (`bin/pulumi` inside). */
  cliRoot: string;
  /** Folder with node_modules; programs go in sub-folders of it. */
  dir: string;
}

let cached: EngineWorkspace | undefined;
const STALE_AFTER_MS = 24 * 3_600_000;

export function engineWorkspace(): EngineWorkspace {
  if (cached) return cached;
  const cliRoot = ensurePulumi();
  const hash = hashTree(path.join(ROOT, "dist")) + hashFile(path.join(ROOT, "package.json"));
  const cacheRoot = process.env.PULUMI_TELNYX_CACHE || path.join(os.homedir(), ".cache/pulumi-telnyx-reservations");
  const name = `programs-${crypto.createHash("sha256").update(hash).digest("hex").slice(0, 12)}`;
  const dir = path.join(cacheRoot, name);
  fs.mkdirSync(cacheRoot, { recursive: true });
  withLock(path.join(cacheRoot, "programs.lock"), () => {
    if (fs.existsSync(path.join(dir, ".ready"))) return;
    // Prune copies for older builds, but only stale ones: another checkout may be using its own right now.
    for (const old of fs.readdirSync(cacheRoot).filter((n) => n.startsWith("programs-") && n !== name)) {
      const ready = path.join(cacheRoot, old, ".ready");
      const age = fs.existsSync(ready) ? Date.now() - fs.statSync(ready).mtimeMs : Infinity;
      if (age > STALE_AFTER_MS) fs.rmSync(path.join(cacheRoot, old), { recursive: true, force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop()!;
    const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const dev = rootPkg.devDependencies as Record<string, string>;
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify(
        {
          name: "engine-test-programs",
          private: true,
          dependencies: {
            "pulumi-telnyx-reservations": `file:./${tarball}`,
            "@pulumi/pulumi": dev["@pulumi/pulumi"],
            typescript: dev.typescript,
            "@types/node": dev["@types/node"],
          },
        },
        null,
        2,
      ),
    );
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", esModuleInterop: true, skipLibCheck: true } }));
    fs.writeFileSync(path.join(dir, ".ready"), new Date().toISOString());
  });
  const now = new Date();
  fs.utimesSync(path.join(dir, ".ready"), now, now); // marks it as in use, for the pruning above
  cached = { cliRoot, dir };
  return cached;
}

function ensurePulumi(): string {
  if (process.env.PULUMI_CLI_ROOT && fs.existsSync(path.join(process.env.PULUMI_CLI_ROOT, "bin/pulumi"))) {
    return process.env.PULUMI_CLI_ROOT;
  }
  const out = execFileSync("bash", [path.join(ROOT, "scripts/ensure-pulumi")], {
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

function hashFile(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function hashTree(dir: string): string {
  if (!fs.existsSync(dir)) throw new Error("dist/ is missing: run `npm run build` (npm test does) first");
  const hash = crypto.createHash("sha256");
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}
