/**
 * Policy `max-numbers-per-reservation` (mandatory): a reservation lists at most
 * `maxNumbers` numbers, so one failed or lapsed hold never takes many numbers
 * with it and bulk grabs are a deliberate choice.
 */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { settingsOf } from "./config";
import { describeViolation } from "./messages";
import { readReservation } from "./reservation";

/** Settings of {@link maxNumbersPerReservation}. */
export interface MaxNumbersSettings {
  /** Most numbers one reservation may list. */
  maxNumbers: number;
}

const configSchema: PolicyConfigSchema = {
  properties: {
    maxNumbers: {
      type: "integer",
      minimum: 1,
      default: 10,
      description: "Most phone numbers one NumberReservation may list.",
    },
  },
};

/** Fails a reservation that lists more than `maxNumbers` numbers. */
export const maxNumbersPerReservation: ResourceValidationPolicy = {
  name: "max-numbers-per-reservation",
  description: "Each NumberReservation lists at most the configured number of phone numbers.",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    // Unknown elements still count: each is a number once known.
    if (!reservation || reservation.phoneNumbers.state !== "list") return;
    const { maxNumbers } = settingsOf<MaxNumbersSettings>(configSchema, args);
    const count = reservation.phoneNumbers.entries.length;
    if (count <= maxNumbers) return;
    reportViolation(
      describeViolation({
        resource: reservation.name,
        property: "phoneNumbers",
        value: `(${count} numbers)`,
        problem: `lists more than the ${maxNumbers} allowed (maxNumbers)`,
        fix: `split the numbers across reservations of at most ${maxNumbers} each, or raise maxNumbers in the policy config`,
      }),
    );
  },
};
