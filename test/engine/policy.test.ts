/**
 * The policy pack through the real engine: `pulumi preview --policy-pack policy`
 * (and a `--policy-pack-config` file) on compliant and violating programs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { program } from "../../testing/programs";
import { projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const POLICY_PACK = path.resolve(__dirname, "../../policy");
const [A, B] = testNumbers(2);

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
