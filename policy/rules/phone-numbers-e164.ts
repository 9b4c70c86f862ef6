/**
 * Policy `phone-numbers-e164` (mandatory): every declared number is a valid
 * E.164 number. Validity is the provider's own (`provider/phone-numbers`), so
 * "+1 970-555-5098" passes exactly when the provider would accept it.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeViolation, showValue } from "./messages";
import { readReservation } from "./reservation";

const EXAMPLE = `e.g. "+19705555098"`;

/** Fails a reservation that lists no numbers or any number that is not valid E.164. */
export const phoneNumbersE164: ResourceValidationPolicy = {
  name: "phone-numbers-e164",
  description: "Each NumberReservation lists one or more phone numbers, each a valid E.164 number (+, country calling code, national number).",
  enforcementLevel: "mandatory",
  // Nothing to tune: validity is not a matter of taste. Only enforcementLevel applies.
  configSchema: { properties: {} },
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation) return;
    const { phoneNumbers } = reservation;
    const report = (property: string, value: unknown, problem: string, fix: string) =>
      reportViolation(describeViolation({ resource: reservation.name, property, value: showValue(value), problem, fix }));

    if (phoneNumbers.state === "unknown") return;
    if (phoneNumbers.state === "not-a-list") {
      report("phoneNumbers", phoneNumbers.value, "is not a list of phone numbers", `set phoneNumbers to one or more numbers in E.164, ${EXAMPLE}`);
      return;
    }
    if (phoneNumbers.entries.length === 0) {
      report("phoneNumbers", [], "lists no phone number", `add one or more numbers in E.164, ${EXAMPLE}`);
      return;
    }
    for (const entry of phoneNumbers.entries) {
      if (!entry.known || entry.parsed.ok) continue;
      report(
        entry.property,
        entry.value,
        entry.parsed.reason,
        `write it in E.164 (+, country calling code, national number), ${EXAMPLE}, or remove it`,
      );
    }
  },
};
