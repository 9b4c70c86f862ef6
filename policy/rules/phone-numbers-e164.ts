/**
 * Policy `phone-numbers-e164` (mandatory): every declared number is a valid
 * E.164 number. Validity is the provider's own (`provider/phone-numbers`), so
 * "+1 970-555-5098" passes exactly when the provider would accept it. A
 * reservation declares its numbers in exactly one way: listed in `phoneNumbers`
 * or found by `search` (whose criteria are `search-criteria`'s to check).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeViolation, showValue } from "./messages";
import { readReservation } from "./reservation";
import { UNKNOWN } from "./unknowns";

const EXAMPLE = `e.g. "+19705555098"`;
const SEARCH_EXAMPLE = `e.g. { countryCode: "US", count: 1 }`;

/** Fails a reservation that declares no numbers, both a list and a search, or any number that is not valid E.164. */
export const phoneNumbersE164: ResourceValidationPolicy = {
  name: "phone-numbers-e164",
  description:
    "Each NumberReservation lists one or more phone numbers, each a valid E.164 number (+, country calling code, national number), or declares a search instead (not both).",
  enforcementLevel: "mandatory",
  // Nothing to tune: validity is not a matter of taste. Only enforcementLevel applies.
  configSchema: { properties: {} },
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation) return;
    const { phoneNumbers, search } = reservation;
    const report = (property: string, value: unknown, problem: string, fix: string) =>
      reportViolation(describeViolation({ resource: reservation.name, property, value: showValue(value), problem, fix }));

    if (search.state === "not-an-object") {
      report("search", search.value, "is not an object of search criteria", `set search to what to find, ${SEARCH_EXAMPLE}, or remove it`);
    }
    if (phoneNumbers.state === "unknown") return;
    if (phoneNumbers.state === "absent") {
      // A search not known yet may well be there once it is.
      if (search.state !== "absent") return;
      report(
        "phoneNumbers",
        undefined,
        "is not set, nor is search: the reservation declares no number",
        `set phoneNumbers to the numbers to hold, ${EXAMPLE}, or set search to what to find, ${SEARCH_EXAMPLE}`,
      );
      return;
    }
    if (search.state === "object") {
      report(
        "search",
        { ...search.criteria, ...(search.count === UNKNOWN ? {} : { count: search.count }) },
        "is declared beside phoneNumbers: a reservation holds either the numbers it lists or the numbers a search finds",
        "remove phoneNumbers or search",
      );
    }
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
