/** Small Pulumi programs written by the engine suites (the examples live in examples/). */

export const PULUMI_YAML = (name: string) => `name: ${name}
runtime:
  name: nodejs
  options:
    typescript: true
`;

/** `count` reservations of one number each, from config: numbers[i]. */
export const MANY_RESERVATIONS = `
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();
const numbers = config.requireObject<string[]>("numbers");
export const ids = numbers.map(
  (n, i) => new NumberReservation("line-" + i, { phoneNumbers: [n], customerReference: "bulk-" + i }).reservationId,
);
`;

/** One reservation whose every input comes from config (JSON-encoded values). */
export const ONE_RESERVATION = `
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();
const args = config.requireObject<Record<string, any>>("args");
const adopt = config.get("import");
const r = new NumberReservation("line", args as any, adopt ? { import: adopt } : {});
export const reservationId = r.reservationId;
export const phoneNumbers = r.phoneNumbers;
`;

export function program(name: string, source: string): Record<string, string> {
  return { "Pulumi.yaml": PULUMI_YAML(name), "index.ts": source };
}

/**
 * examples/keep-alive as Pulumi YAML, through the native plugin: the same
 * resource and inputs (`extendTrigger` defaults to "" because YAML config
 * without a default is required; any value works as a trigger).
 */
export const KEEP_ALIVE_YAML = `name: telnyx-keep-alive-yaml
runtime: yaml
plugins:
  providers:
    - name: telnyx
      path: ./node_modules/pulumi-telnyx-reservations/plugin
config:
  phoneNumbers:
    type: array
    items:
      type: string
  keepAliveWindow:
    type: string
    default: 15m
  extendTrigger:
    type: string
    default: ""
resources:
  launch-numbers:
    type: telnyx:NumberReservation
    properties:
      phoneNumbers: \${phoneNumbers}
      customerReference: launch
      keepAliveWindow: \${keepAliveWindow}
      extendTrigger: \${extendTrigger}
outputs:
  reservationId: \${launch-numbers.reservationId}
  expiresAt: \${launch-numbers.expiresAt}
`;
