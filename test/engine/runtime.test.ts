/**
 * The Node.js and @pulumi/pulumi a user's `pulumi up` runs on, and what it prints.
 *
 * CI runs this file in both legs (.ci/run): Node.js 20 with @pulumi/pulumi 3.248, and Node.js 24
 * with the newest release; the first test proves which one the program and the provider got.
 *
 * What a user sees on `pulumi up`: nothing from this package's dependencies. Node prints
 * deprecation warnings (e.g. DEP0040, `punycode`, which node-fetch v2 pulls in through
 * whatwg-url/tr46 on Node.js 22+) on the program's and the provider's stderr, and the engine
 * relays both into the output of every command.
 */
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { EXAMPLES, json, projects, telnyxConfig } from "./support";
import { engineWorkspace } from "../../testing/workspace";

const emulator = withEmulator();
const project = projects();
const [A] = testNumbers(1);

it("runs the program and the dynamic provider on this Node.js, with the workspace's @pulumi/pulumi", async () => {
  // The engine's language host and the provider launcher run `node` from PATH, so a Node.js put
  // first on PATH for the tests must be the one both get.
  const p = await project({
    files: {
      "Pulumi.yaml": "name: runtime\nruntime: nodejs\n",
      "index.ts": `
        import * as pulumi from "@pulumi/pulumi";
        const provider: pulumi.dynamic.ResourceProvider = {
          async create() {
            return { id: "node", outs: { node: process.version, sdk: require("@pulumi/pulumi/package.json").version } };
          },
        };
        class Probe extends pulumi.dynamic.Resource {
          declare readonly node: pulumi.Output<string>;
          declare readonly sdk: pulumi.Output<string>;
          constructor(name: string) {
            super(provider, name, { node: undefined, sdk: undefined }, {});
          }
        }
        const probe = new Probe("probe");
        export const programNode = process.version;
        export const programSdk = require("@pulumi/pulumi/package.json").version;
        export const providerNode = probe.node;
        export const providerSdk = probe.sdk;
      `,
    },
  });
  await p.up();
  const sdk = engineWorkspace().sdkVersion;
  expect(await p.outputs()).toEqual({ programNode: process.version, programSdk: sdk, providerNode: process.version, providerSdk: sdk });
  await p.destroy();
});

it("up, refresh and destroy print no warning from Node.js", async () => {
  const p = await project({
    from: path.join(EXAMPLES, "basic"),
    config: telnyxConfig(emulator, { phoneNumbers: json([A]), customerReference: { value: "quiet" } }),
  });
  const outputs: string[] = [];
  await p.up();
  outputs.push(p.lastOutput);
  await p.refresh();
  outputs.push(p.lastOutput);
  await p.destroy();
  outputs.push(p.lastOutput);
  for (const output of outputs) {
    expect(output).not.toMatch(/DeprecationWarning|ExperimentalWarning|\(node:\d+\)|Use `node --trace/);
  }
});
