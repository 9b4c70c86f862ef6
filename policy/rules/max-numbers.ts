/**
 * Policy `max-numbers-per-reservation` (mandatory): a reservation holds at most
 * `maxNumbers` numbers, listed or found by a search (`search.count`), so one
 * failed or lapsed hold never takes many numbers with it and bulk grabs are a
 * deliberate choice.
 */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { settingsOf } from "./config";
import { describeViolation, showValue } from "./messages";
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

/** Fails a reservation that lists, or searches for, more than `maxNumbers` numbers. */
export const maxNumbersPerReservation: ResourceValidationPolicy = {
  name: "max-numbers-per-reservation",
  description: "Each NumberReservation lists, or searches for (search.count), at most the configured number of phone numbers.",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation) return;
    const { maxNumbers } = settingsOf<MaxNumbersSettings>(configSchema, args);
    const { phoneNumbers, search } = reservation;
    // Unknown elements still count: each is a number once known.
    if (phoneNumbers.state === "list" && phoneNumbers.entries.length > maxNumbers) {
      reportViolation(
        describeViolation({
          resource: reservation.name,
          property: "phoneNumbers",
          value: `(${phoneNumbers.entries.length} numbers)`,
          problem: `lists more than the ${maxNumbers} allowed (maxNumbers)`,
          fix: `split the numbers across reservations of at most ${maxNumbers} each, or raise maxNumbers in the policy config`,
        }),
      );
    }
    // An absent count is 1; one that is not a number is the provider's to refuse.
    if (search.state === "object" && typeof search.count === "number" && search.count > maxNumbers) {
      reportViolation(
        describeViolation({
          resource: reservation.name,
          property: "search.count",
          value: showValue(search.count),
          problem: `asks for more than the ${maxNumbers} numbers allowed (maxNumbers)`,
          fix: `split the search across reservations of at most ${maxNumbers} each, or raise maxNumbers in the policy config`,
        }),
      );
    }
  },
};
