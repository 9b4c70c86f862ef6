/**
 * The package version (the CLI's `--version`, the native plugin's reported
 * version), read from package.json at run time. Not imported:
 * `import "../package.json"` would make tsc copy package.json into dist/
 * (outside the published `files`), and the path differs between the sources
 * (tests) and dist/ (installed), so the nearest package.json of this package is
 * searched upwards instead.
 */
import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "pulumi-telnyx-reservations";

export function packageVersion(): string {
  const root = packageRoot();
  return root ? readManifest(root).version! : "unknown";
}

/** The folder of this package's package.json (the installed package, or the repository). */
export function packageRoot(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) {
      const manifest = readManifest(dir);
      if (manifest.name === PACKAGE_NAME && manifest.version) return dir;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readManifest(dir: string): { name?: string; version?: string } {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
}
