/**
 * Entry point of the `telnyx-reservations` policy pack: the engine runs its compiled form,
 * dist/policy/index.js (policy/package.json's `main`), which serves the policies from
 * `./rules` over gRPC. See docs/policy.md.
 */
import type * as PolicyLibrary from "@pulumi/policy";
import { policies } from "./rules";

/**
 * @pulumi/policy is an optional peer of the package (programs never need it): when it is
 * missing, say what to install instead of a bare "Cannot find module".
 */
function policyLibrary(): typeof PolicyLibrary {
  try {
    return require("@pulumi/policy");
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    if (error.code !== "MODULE_NOT_FOUND" || !error.message.includes("'@pulumi/policy'")) throw err;
    throw new Error(
      "The telnyx-reservations policy pack needs @pulumi/policy installed beside pulumi-telnyx-reservations: " +
        "npm install --save-dev @pulumi/policy",
    );
  }
}

new (policyLibrary().PolicyPack)("telnyx-reservations", {
  description: "Guardrails for Telnyx number reservations declared with pulumi-telnyx-reservations.",
  policies,
});
