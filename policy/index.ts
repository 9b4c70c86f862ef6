/**
 * Entry point of the `telnyx-reservations` policy pack: the engine runs this
 * file (`pulumi preview --policy-pack ./policy`), which serves the policies
 * from `./rules` over gRPC. See docs/policy.md.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("telnyx-reservations", {
  description: "Guardrails for Telnyx number reservations declared with pulumi-telnyx-reservations.",
  policies,
});
