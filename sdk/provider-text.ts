/**
 * The `__provider` text every `NumberReservation` stores: a one-line module whose `handler()`
 * requires the built provider, which the dynamic-provider host evaluates in the program's folder.
 * Never the provider's code by value (docs/how-it-works.md#how-the-provider-is-stored).
 */
import * as fs from "fs";
import * as path from "path";

/** The module the host loads for an installed package: its `./provider` export, by name. */
const INSTALLED_PROVIDER = "pulumi-telnyx-reservations/provider";

/** `exports.handler = () => require("…");` for `specifier`, 72 bytes for the installed package. */
export function requireText(specifier: string): string {
  return `exports.handler = () => require(${JSON.stringify(specifier)});\n`;
}

/**
 * The built provider of the checkout this module belongs to, by absolute path: nothing outside
 * node_modules can require the package by name. This module runs from `dist/sdk/` (built) or
 * from `sdk/` (a program such as the demo importing the sources under ts-node); either way the
 * host needs the compiled `dist/provider/instance.js`, which `npm run build` writes.
 */
export function checkoutProviderPath(dir: string = __dirname): string {
  const root = path.basename(path.dirname(dir)) === "dist" ? path.resolve(dir, "../..") : path.resolve(dir, "..");
  return path.join(root, "dist", "provider", "instance.js");
}

/** The text for this copy of the package: by name when installed, else by the checkout's path. */
export function providerText(file: string = __filename): string {
  if (file.split(path.sep).includes("node_modules")) return requireText(INSTALLED_PROVIDER);
  const built = checkoutProviderPath(path.dirname(file));
  if (!fs.existsSync(built)) {
    throw new Error(`NumberReservation: the provider is loaded from ${built}, which does not exist: run \`npm run build\` first.`);
  }
  return requireText(built);
}
