/**
 * `telnyx-reservations plugin-tarball` run from this checkout's build: what the
 * tarball holds (the launcher at its top, the package's runtime files and the
 * modules it runs on, nothing else of the repository), and a bad --out. The
 * tarball installed with `pulumi plugin install` and used by a program:
 * test/engine/python-plugin-install.test.ts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, requireBuiltCli, runCli } from "./support";

jest.setTimeout(120_000);
beforeAll(requireBuiltCli);

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-plugin-tarball-"))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

it("writes the launcher, the package's package.json, LICENSE, plugin/ and dist/, and its runtime modules, into a folder it makes", async () => {
  const out = path.join(work, "made/by/the/command");
  const result = await runCli(["plugin-tarball", "--out", out]);
  expect(result).toMatchObject({ code: 0, stdout: `${path.join(out, `pulumi-resource-telnyx-v${version}.tar.gz`)}\n` });
  expect(fs.readdirSync(out)).toEqual([`pulumi-resource-telnyx-v${version}.tar.gz`]); // no partial file left

  const listing = execFileSync("tar", ["-tvzf", result.stdout.trim()], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\n");
  const names = listing.map((line) => line.split(/\s+/).slice(5).join(" ")).filter(Boolean);
  expect(listing.find((line) => line.endsWith(" pulumi-resource-telnyx"))).toMatch(/^-rwxr-xr-x /);
  const own = new Set(names.filter((n) => n.startsWith("node_modules/pulumi-telnyx-reservations/")).map((n) => n.split("/")[2]));
  expect([...own].filter(Boolean).sort()).toEqual(["LICENSE", "dist", "package.json", "plugin"]);
  expect(names).toContain("node_modules/pulumi-telnyx-reservations/dist/native-provider/main.js");
  for (const module of ["@pulumi/pulumi", "@grpc/grpc-js", "libphonenumber-js", "ms", "node-fetch"]) {
    expect(names).toContain(`node_modules/${module}/package.json`);
  }
  // Dev-only modules stay out, and so do types and source maps.
  expect(names.filter((n) => /^node_modules\/(typescript|jest|@pulumi\/policy)\//.test(n) || /\.(d\.ts|map)$/.test(n))).toEqual([]);
});

it("refuses an --out that is a file, naming the flag, and writes nothing", async () => {
  const file = path.join(work, "not-a-folder");
  fs.writeFileSync(file, "x");
  const result = await runCli(["plugin-tarball", "--out", file]);
  expect(result).toMatchObject({ code: 1, stdout: "", stderr: `telnyx-reservations: --out ${file} is a file, not a folder\n` });
  expect(fs.readFileSync(file, "utf8")).toBe("x");
});
