/**
 * Policy `keep-alive-required` (mandatory, off by default): with
 * `requireKeepAlive: true` every reservation sets `keepAliveWindow`, so a scheduled
 * `pulumi up` keeps its numbers held; optional bounds check any window that is set.
 * The requirement is policy config (`--policy-pack-config`, a file per stack where
 * needed) because a policy pack cannot read the stack's own Pulumi config.
 */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { parseDuration } from "../../provider/durations";
import { configError, settingsOf } from "./config";
import { describeViolation, showValue } from "./messages";
import { readReservation } from "./reservation";
import { UNKNOWN } from "./unknowns";

const NAME = "keep-alive-required";
const ANY_DURATION = { minMs: 0, maxMs: Number.MAX_SAFE_INTEGER };

/** Settings of {@link keepAliveRequired}. */
export interface KeepAliveSettings {
  /** Every reservation must set keepAliveWindow. */
  requireKeepAlive: boolean;
  /** Shortest window allowed when one is set, e.g. "30m" (unset: no bound). */
  minKeepAliveWindow?: string;
  /** Longest window allowed when one is set, e.g. "6h" (unset: no bound). */
  maxKeepAliveWindow?: string;
}

const configSchema: PolicyConfigSchema = {
  properties: {
    requireKeepAlive: {
      type: "boolean",
      default: false,
      description: "Require every NumberReservation to set keepAliveWindow.",
    },
    minKeepAliveWindow: {
      type: "string",
      description: 'Shortest keepAliveWindow allowed, e.g. "30m": at least the interval of your scheduled `pulumi up`. Unset: no bound.',
    },
    maxKeepAliveWindow: {
      type: "string",
      description: 'Longest keepAliveWindow allowed, e.g. "6h" (a long window extends on nearly every run). Unset: no bound.',
    },
  },
};

/** A configured bound, parsed. */
interface Bound {
  key: "minKeepAliveWindow" | "maxKeepAliveWindow";
  text: string;
  ms: number;
}

/** Fails a reservation without keepAliveWindow when required, or whose window is outside the configured bounds. */
export const keepAliveRequired: ResourceValidationPolicy = {
  name: NAME,
  description: "Each NumberReservation sets keepAliveWindow when the policy config requires it, within the configured bounds.",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation || reservation.keepAliveWindow === UNKNOWN) return;
    const settings = settingsOf<KeepAliveSettings>(configSchema, args);
    const min = bound(settings, "minKeepAliveWindow");
    const max = bound(settings, "maxKeepAliveWindow");
    if (min && max && min.ms > max.ms) {
      throw configError(NAME, "minKeepAliveWindow", min.text, `is longer than maxKeepAliveWindow "${max.text}"`);
    }
    const value = reservation.keepAliveWindow;
    const example = min?.text ?? max?.text ?? "1h";
    const report = (problem: string, fix: string) =>
      reportViolation(describeViolation({ resource: reservation.name, property: "keepAliveWindow", value: showValue(value), problem, fix }));

    if (value === undefined || value === null) {
      if (settings.requireKeepAlive) {
        report(
          "is required by this stack's policy config (requireKeepAlive: true)",
          `set keepAliveWindow to a duration such as "${example}" and run \`pulumi up\` on a schedule shorter than it`,
        );
      }
      return;
    }
    if (!min && !max) return;
    const window = parseDuration(value, ANY_DURATION);
    if (!window.ok) {
      report("is not a duration", `set keepAliveWindow to a duration with a unit, such as "${example}"`);
    } else if (min && window.ms < min.ms) {
      report(`is shorter than the ${min.text} minimum (${min.key})`, `set keepAliveWindow to "${min.text}" or longer`);
    } else if (max && window.ms > max.ms) {
      report(`is longer than the ${max.text} maximum (${max.key})`, `set keepAliveWindow to "${max.text}" or shorter`);
    }
  },
};

function bound(settings: KeepAliveSettings, key: Bound["key"]): Bound | undefined {
  const text = settings[key];
  if (text === undefined) return undefined;
  const parsed = parseDuration(text, ANY_DURATION);
  if (!parsed.ok) throw configError(NAME, key, text, `is not a duration such as "30m" or "6h"`);
  return { key, text, ms: parsed.ms };
}
