/**
 * Policy `search-criteria` (mandatory): a reservation's `search` passes the
 * provider's own checks of search criteria (provider/search-criteria.ts, the
 * ones `up` applies), so preview already names what the provider would
 * refuse: a missing `search.countryCode`, a misspelt or wrong criterion. Its
 * `count` is `max-numbers-per-reservation`'s; criteria not known yet are
 * skipped and checked by `up`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { SEARCH_CRITERIA, checkSearchCriteria, underSearch } from "../../provider/search-criteria";
import { TelnyxInputError } from "../../provider/telnyx/errors";
import { describeViolation, showValue } from "./messages";
import { readReservation } from "./reservation";

/** Fails a reservation whose search criteria the provider would refuse. */
export const searchCriteria: ResourceValidationPolicy = {
  name: "search-criteria",
  description: "Each NumberReservation's search has a countryCode and only criteria the provider accepts.",
  enforcementLevel: "mandatory",
  // Nothing to tune: these are the provider's own rules. Only enforcementLevel applies.
  configSchema: { properties: {} },
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation || reservation.search.state !== "object") return;
    const { criteria, unknownCriteria } = reservation.search;
    // An unknown country stands in as a valid one, so the known criteria are still checked.
    const stand = unknownCriteria.includes("countryCode") ? { countryCode: "US" } : {};
    try {
      checkSearchCriteria({ ...criteria, ...stand }, underSearch);
    } catch (err) {
      if (!(err instanceof TelnyxInputError)) throw err;
      const key = err.argument.replace(/^search\./, "");
      // The provider's message starts with the property when it is about the property as a whole.
      const problem = err.message.startsWith(`${err.argument} `) ? err.message.slice(err.argument.length + 1) : `is refused: ${err.message}`;
      const description = (SEARCH_CRITERIA as Record<string, string>)[key];
      reportViolation(
        describeViolation({
          resource: reservation.name,
          property: err.argument,
          value: showValue(criteria[key]),
          problem,
          fix: description ? `set ${err.argument} as the provider takes it: ${description.replace(/\.$/, "")}` : `remove ${err.argument}, or spell it as one of the criteria the message lists`,
        }),
      );
    }
  },
};
