/**
 * The policy pack through the real engine: `pulumi preview --policy-pack policy`
 * (and a `--policy-pack-config` file) on compliant and violating programs; and the
 * pack as users get it, from the installed package's tarball.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { program } from "../../testing/programs";
import { projects, telnyxConfig } from "./support";
import { cachedFolder, engineWorkspace, hashFile, npm, writeProgramsPackage } from "../../testing/workspace";

const emulator = withEmulator();
const project = projects();
const POLICY_PACK = path.resolve(__dirname, "../../policy");
const [A, B] = testNumbers(2);
/** Where the pack is in a project that installed this package. */
const INSTALLED_PACK = "node_modules/pulumi-telnyx-reservations/policy";

const reservations = (decls: string[]) => `
import { NumberReservation } from "pulumi-telnyx-reservations";
${decls.map((d, i) => `new NumberReservation("r${i}", ${d});`).join("\n")}
`;

function configFile(config: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "config.json");
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

it("previews a compliant program clean", async () => {
  const p = await project({
    files: program("compliant", reservations([`{ phoneNumbers: ["${A}"], customerReference: "team-a", keepAliveWindow: "10m" }`])),
    config: telnyxConfig(emulator),
  });
  await p.preview({ policyPacks: [POLICY_PACK] });
  expect(p.lastOutput).not.toMatch(/advisory|mandatory/);
});

it("fails on a mandatory violation with the policy's name and message, and only warns on advisory ones", async () => {
  const p = await project({
    files: program(
      "violating",
      reservations([`{ phoneNumbers: ["${A}"], customerReference: "a" }`, `{ phoneNumbers: ["+1 (970) 555-0000", "${B}"] }`]),
    ),
    config: telnyxConfig(emulator),
  });
  await expect(p.preview({ policyPacks: [POLICY_PACK] })).rejects.toThrow();
  expect(p.lastOutput).toContain("❌ telnyx-reservations");
  expect(p.lastOutput).toContain("[mandatory]  no-shared-numbers-in-stack");
  expect(p.lastOutput).toMatch(new RegExp(`NumberReservation "r1": phoneNumbers\\[0\\] "\\${A}" is also declared by NumberReservation "r0"`));
  expect(p.lastOutput).toContain("[advisory]  customer-reference-pattern");
});

it("passes with only advisory violations", async () => {
  const p = await project({ files: program("advisory", reservations([`{ phoneNumbers: ["${A}"] }`])), config: telnyxConfig(emulator) });
  await p.preview({ policyPacks: [POLICY_PACK] });
  expect(p.lastOutput).toContain("[advisory]  customer-reference-pattern");
  expect(p.lastOutput).not.toContain("[mandatory]");
});

it("takes its limits from a --policy-pack-config file", async () => {
  const decls = [`{ phoneNumbers: ["${A}", "${B}"], customerReference: "team-a" }`];
  const p = await project({ files: program("configured", reservations(decls)), config: telnyxConfig(emulator) });
  await p.preview({ policyPacks: [POLICY_PACK] });
  const config = configFile({
    "max-numbers-per-reservation": { maxNumbers: 1 },
    "keep-alive-required": { requireKeepAlive: true },
  });
  await expect(p.preview({ policyPacks: [POLICY_PACK], policyPackConfigs: [config] })).rejects.toThrow();
  expect(p.lastOutput).toContain("[mandatory]  max-numbers-per-reservation");
  expect(p.lastOutput).toContain("[mandatory]  keep-alive-required");
  fs.rmSync(path.dirname(config), { recursive: true, force: true });
});

/**
 * A user's project: this package installed from its packed tarball, with @pulumi/policy (the
 * pack's optional peer) beside it at the root's version (cached per tarball and SDK).
 */
function projectWithPolicy(): string {
  const ws = engineWorkspace();
  const policyVersion = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).devDependencies["@pulumi/policy"];
  return cachedFolder("policy-user", hashFile(ws.tarball) + ws.sdkVersion + policyVersion, (dir) => {
    fs.copyFileSync(ws.tarball, path.join(dir, path.basename(ws.tarball)));
    const deps = { "pulumi-telnyx-reservations": `file:./${path.basename(ws.tarball)}`, "@pulumi/policy": policyVersion };
    writeProgramsPackage(dir, deps, ws.sdkVersion);
    npm(dir, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
  });
}

it(`runs from the installed package: --policy-pack ${INSTALLED_PACK}`, async () => {
  const root = projectWithPolicy();
  const violating = reservations([`{ phoneNumbers: ["${A}"], customerReference: "a" }`, `{ phoneNumbers: ["${A}", "${B}"] }`]);
  const p = await project({ root, files: program("installed-pack", violating), config: telnyxConfig(emulator) });
  await expect(p.preview({ policyPacks: [path.join(root, INSTALLED_PACK)] })).rejects.toThrow();
  expect(p.lastOutput).toContain("❌ telnyx-reservations");
  expect(p.lastOutput).toContain("[mandatory]  no-shared-numbers-in-stack");
  expect(p.lastOutput).toContain("[advisory]  customer-reference-pattern");
  expect(await emulator.control.requests()).toEqual([]);
});

it("installed without @pulumi/policy, the pack says what to install", async () => {
  const ws = engineWorkspace(); // this package, @pulumi/pulumi and TypeScript only
  expect(fs.existsSync(path.join(ws.dir, "node_modules/@pulumi/policy"))).toBe(false);
  const p = await project({ files: program("no-policy-lib", reservations([`{ phoneNumbers: ["${A}"] }`])), config: telnyxConfig(emulator) });
  await expect(p.preview({ policyPacks: [path.join(ws.dir, INSTALLED_PACK)] })).rejects.toThrow(/npm install --save-dev @pulumi\/policy/);
});
