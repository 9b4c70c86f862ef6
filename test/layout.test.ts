/**
 * The layering the folders promise (docs/how-it-works.md#layout), checked on
 * every relative import in the repository's TypeScript and JavaScript:
 * what ships never imports a tool or a test, and nothing outside test/
 * imports test/ (the bench and the tests share testing/); provider/ and emulator/
 * share only wire/ (Telnyx's wire types, generated from the OpenAPI spec), which
 * imports nothing of the project.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", "dist", ".git", ".demo", "fixtures"]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) || entry.name.startsWith(".") ? [] : sources(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Top-level folder of each relative import of each file, as [from, to, file]; the root's own files (package.json) count as "/". */
function edges(): Array<[string, string, string]> {
  const topOf = (file: string) => {
    const parts = path.relative(ROOT, file).split(path.sep);
    return parts.length > 1 ? parts[0] : "/";
  };
  return sources(ROOT).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']*)["']/g)].map((m) => m[1]);
    return specifiers.map((s): [string, string, string] => [topOf(file), topOf(path.resolve(path.dirname(file), s)), path.relative(ROOT, file)]);
  });
}

const SHIPPED = ["sdk", "provider", "native-provider", "emulator", "cli", "policy", "wire"];
const NOT_SHIPPED = ["test", "testing", "bench", "tools", "demo", "examples"];

it("nothing outside test/ imports test/", () => {
  expect(edges().filter(([from, to]) => to === "test" && from !== "test").map(([, , file]) => file)).toEqual([]);
});

it("shipped code imports no test, tool, bench, demo or example", () => {
  expect(edges().filter(([from, to]) => SHIPPED.includes(from) && NOT_SHIPPED.includes(to)).map(([, to, file]) => `${file} -> ${to}/`)).toEqual([]);
});

it("provider/ and emulator/ stand alone but for the wire types", () => {
  const outside = edges().filter(([from, to]) => (from === "provider" || from === "emulator") && to !== from && to !== "/" && to !== "wire");
  expect(outside.map(([, to, file]) => `${file} -> ${to}/`)).toEqual([]);
});

it("wire/ imports nothing of the project", () => {
  expect(edges().filter(([from, to]) => from === "wire" && to !== "wire").map(([, to, file]) => `${file} -> ${to}/`)).toEqual([]);
});

it("the provider core imports neither adapter (provider/dynamic/, native-provider/), nor @pulumi/pulumi's dynamic or provider APIs", () => {
  // instance.ts is the dynamic adapter's entry (the package's `./provider` export), not the core.
  const core = sources(path.join(ROOT, "provider")).filter((file) => !file.includes(`${path.sep}dynamic${path.sep}`) && !file.endsWith("instance.ts"));
  const offending = core.flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const imports = [...text.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]);
    const adapters = imports.filter((s) => s.startsWith(".") && /(^|\/)(dynamic|native-provider)(\/|$)/.test(path.relative(ROOT, path.resolve(path.dirname(file), s))));
    const pulumi = imports.filter((s) => s === "@pulumi/pulumi" || s.startsWith("@pulumi/pulumi/provider") || s.startsWith("@pulumi/pulumi/dynamic"));
    return [...adapters, ...pulumi].map((s) => `${path.relative(ROOT, file)} -> ${s}`);
  });
  expect(offending).toEqual([]);
  // The instance module is the one place the dynamic adapter is chosen.
  expect(fs.readFileSync(path.join(ROOT, "provider/instance.ts"), "utf8")).toContain('from "./dynamic/reservation-provider"');
});

it("shipped code loads only packages the package declares (dependencies, peers) or Node's own", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), pkg.name]);
  const builtins = new Set(require("module").builtinModules as string[]);
  const shipped = SHIPPED.flatMap((dir) => sources(path.join(ROOT, dir)));
  const undeclared = shipped.flatMap((file) => {
    // Value imports only: `import type` is erased, and a package reached through another's path
    // (`require(require.resolve(x, { paths }))`) is that package's dependency, not ours.
    const text = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const specifiers = [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+["']([^"'.][^"']*)["']|\brequire\(\s*["']([^"'.][^"']*)["']\s*\)/gm)].map((m) => m[1] ?? m[2]);
    return specifiers
      .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]))
      .filter((name) => !name.startsWith("node:") && !builtins.has(name) && !declared.has(name))
      .map((name) => `${path.relative(ROOT, file)} -> ${name}`);
  });
  expect(undeclared).toEqual([]);
});
