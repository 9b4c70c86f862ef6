/**
 * Policy `customer-reference-pattern` (advisory): each reservation carries a
 * customer reference matching the `pattern` setting, so reservations can be
 * found again at Telnyx (by team, ticket, cost centre, ...).
 */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configError, settingsOf } from "./config";
import { describeViolation, showValue } from "./messages";
import { readReservation } from "./reservation";
import { UNKNOWN } from "./unknowns";

const NAME = "customer-reference-pattern";

/** Settings of {@link customerReferencePattern}. */
export interface CustomerReferenceSettings {
  /** JavaScript regular expression the reference must match (unanchored unless it says ^…$). */
  pattern: string;
}

const configSchema: PolicyConfigSchema = {
  properties: {
    pattern: {
      type: "string",
      // Any text with a non-blank character: "set" is the only demand by default.
      default: "\\S",
      description: "JavaScript regular expression that customerReference must match; add ^ and $ to match the whole text.",
    },
  },
};

/** Reports a reservation whose customer reference is missing or does not match `pattern`. */
export const customerReferencePattern: ResourceValidationPolicy = {
  name: NAME,
  description: "Each NumberReservation sets customerReference, matching the configured pattern.",
  enforcementLevel: "advisory",
  configSchema,
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation || reservation.customerReference === UNKNOWN) return;
    const { pattern } = settingsOf<CustomerReferenceSettings>(configSchema, args);
    const regex = compile(pattern);
    const value = reservation.customerReference;
    const shape = `text matching /${pattern}/`;
    const report = (problem: string, fix: string) =>
      reportViolation(
        describeViolation({ resource: reservation.name, property: "customerReference", value: showValue(value), problem, fix }),
      );

    if (value === undefined || value === null) {
      report("is required", `set customerReference to ${shape}`);
    } else if (typeof value !== "string") {
      report("is not text", `set customerReference to ${shape}`);
    } else if (!regex.test(value)) {
      report(`does not match /${pattern}/`, `change customerReference to ${shape}, or change the policy's pattern setting`);
    }
  },
};

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw configError(NAME, "pattern", pattern, `is not a valid regular expression (${(err as Error).message})`);
  }
}
