/**
 * `plugin-tarball`: write the native plugin as a tarball for
 * `pulumi plugin install resource telnyx VERSION --file TARBALL`, the standard
 * way to install a plugin, for programs in any language (Python, Go, YAML) that
 * do not load it from a `plugins.providers` path. Built from this installed
 * package and the modules installed with it (plugin-bundle.ts); nothing is
 * downloaded. Prints the tarball's path on stdout, the install command on stderr.
 */
import * as fs from "fs";
import { packageRoot, packageVersion } from "../provider/package-version";
import { defineCommand } from "./flags";
import { printable } from "./output";
import { writePluginTarball } from "./plugin-bundle";

export const pluginTarballCommand = defineCommand({
  name: "plugin-tarball",
  summary: "Write the native plugin as a tarball for `pulumi plugin install`.",
  description:
    "Write pulumi-resource-telnyx-v<version>.tar.gz: the native plugin `telnyx` with the Node.js modules\n" +
    "it runs on, taken from this installation (no download). Its path goes to stdout; install it with\n" +
    "`pulumi plugin install resource telnyx <version> --file <tarball>`. The plugin needs Node.js 20+ on PATH.",
  flags: {
    out: { type: "string", valueName: "dir", description: "Folder to write the tarball in, made if missing (default: the current folder)." },
  },
  examples: ["plugin-tarball", "plugin-tarball --out /tmp/plugins"],
  async run(flags, io) {
    const out = flags.out ?? ".";
    if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new Error(`--out ${printable(out)} is a file, not a folder`);
    fs.mkdirSync(out, { recursive: true });
    const root = packageRoot();
    if (!root) throw new Error("cannot find this package's package.json to build the plugin from");
    const tarball = writePluginTarball(root, out);
    io.stdout.write(`${tarball}\n`);
    io.stderr.write(`Install it with: pulumi plugin install resource telnyx ${packageVersion()} --file ${tarball}\n`);
  },
});
