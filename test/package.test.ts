/**
 * What `npm pack` would publish (`npm pack --dry-run`, after `npm run build`): everything the
 * shipped docs send a user to inside `node_modules/pulumi-telnyx-reservations/`, the policy pack
 * in the form that runs from there, the licence package.json names, and nothing from the tests.
 */
import * as fs from "fs";
import * as path from "path";
import { packedFiles } from "../testing/workspace";

const ROOT = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const files = packedFiles(ROOT);
const shipped = (file: string) => files.includes(file) || files.some((f) => f.startsWith(`${file}/`));

/** The docs that ship (README.md and docs/), as [name, text]. */
function shippedDocs(): Array<[string, string]> {
  return files.filter((f) => f.endsWith(".md")).map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]);
}

it("ships every path the shipped docs name inside node_modules/pulumi-telnyx-reservations/", () => {
  const named = shippedDocs().flatMap(([doc, text]) =>
    [...text.matchAll(/node_modules\/pulumi-telnyx-reservations\/([\w.@/-]*[\w@-])/g)].map((m) => [doc, m[1]]),
  );
  expect(named.map(([, p]) => p)).toEqual(expect.arrayContaining(["plugin", "policy"]));
  expect(named.filter(([, p]) => !shipped(p)).map(([doc, p]) => `${doc}: ${p}`)).toEqual([]);
});

it("ships the policy pack as the engine runs it from node_modules: its manifest and compiled entry", () => {
  expect(files).toEqual(expect.arrayContaining(["policy/PulumiPolicy.yaml", "policy/package.json"]));
  const pack = JSON.parse(fs.readFileSync(path.join(ROOT, "policy/package.json"), "utf8"));
  // ts-node skips node_modules, so the entry must be JavaScript, and shipped.
  const entry = path.posix.normalize(`policy/${pack.main}`);
  expect(entry).toMatch(/\.js$/);
  expect(files).toContain(entry);
  expect(pack.version).toBe(manifest.version);
  expect(files.filter((f) => f.startsWith("policy/") && f.endsWith(".ts"))).toEqual([]);
});

it("ships nothing from test/ or testing/, no source maps, no TypeScript sources outside .d.ts", () => {
  expect(files.filter((f) => /^(test|testing|bench|tools|examples|demo)\//.test(f))).toEqual([]);
  expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  expect(files.filter((f) => /(^|\/)(test|__tests__)\//.test(f))).toEqual([]);
});

it("ships the Apache-2.0 licence text package.json names, and says where the project lives", () => {
  expect(manifest.license).toBe("Apache-2.0");
  expect(files).toContain("LICENSE");
  const licence = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
  expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s/);
  expect(licence).toContain("END OF TERMS AND CONDITIONS");
  const home = "https://github.com/pulumi-telnyx-reservations/pulumi-telnyx-reservations";
  expect(manifest.repository).toEqual({ type: "git", url: `git+${home}.git` });
  expect(manifest.bugs).toEqual({ url: `${home}/issues` });
  expect(manifest.homepage).toBe(`${home}#readme`);
});

it("offers @pulumi/policy as an optional peer: the pack needs it, programs do not", () => {
  expect(manifest.peerDependencies["@pulumi/policy"]).toBeDefined();
  expect(manifest.peerDependenciesMeta?.["@pulumi/policy"]).toEqual({ optional: true });
  expect(manifest.dependencies["@pulumi/policy"]).toBeUndefined();
});
