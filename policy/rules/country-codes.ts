/**
 * Policy `allowed-country-calling-codes` (mandatory): every number's country
 * calling code is in `allowedCountryCallingCodes`; the empty default allows
 * all. A search's country (`search.countryCode`) is judged by its calling code.
 * Invalid numbers are left to `phone-numbers-e164`, invalid countries to
 * `search-criteria`.
 */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { settingsOf } from "./config";
import { describeViolation, joinWords, showValue } from "./messages";
import { countryCallingCodeOf } from "../../provider/phone-numbers";
import { readReservation, validPhoneNumbers } from "./reservation";

/** Settings of {@link allowedCountryCallingCodes}. */
export interface CountryCodeSettings {
  /** Country calling codes allowed, e.g. ["1", "44"] (a leading + is accepted); empty allows all. */
  allowedCountryCallingCodes: string[];
}

const configSchema: PolicyConfigSchema = {
  properties: {
    allowedCountryCallingCodes: {
      type: "array",
      items: { type: "string", pattern: "^\\+?[1-9][0-9]{0,2}$" },
      default: [],
      description: 'Country calling codes numbers may have, e.g. ["1", "44"]; empty allows every code.',
    },
  },
};

/** Fails each number whose country calling code is not allowed. */
export const allowedCountryCallingCodes: ResourceValidationPolicy = {
  name: "allowed-country-calling-codes",
  description: "Each phone number of a NumberReservation has one of the configured country calling codes (empty list: all allowed).",
  enforcementLevel: "mandatory",
  configSchema,
  validateResource: (args, reportViolation) => {
    const reservation = readReservation(args);
    if (!reservation) return;
    const settings = settingsOf<CountryCodeSettings>(configSchema, args);
    const allowed = settings.allowedCountryCallingCodes.map((code) => String(code).replace(/^\+/, ""));
    if (allowed.length === 0) return;
    const shown = allowed.map((code) => `+${code}`);

    const check = (property: string, value: unknown, code: string, instead: string) => {
      if (allowed.includes(code)) return;
      reportViolation(
        describeViolation({
          resource: reservation.name,
          property,
          value: showValue(value),
          problem: `has country calling code +${code}, which is not allowed (allowedCountryCallingCodes: ${shown.join(", ")})`,
          fix: `${instead} ${joinWords(shown, "or")} instead, or add "${code}" to allowedCountryCallingCodes`,
        }),
      );
    };
    for (const number of validPhoneNumbers(reservation)) {
      check(number.property, number.value, number.countryCallingCode, "reserve a number with country calling code");
    }
    const { search } = reservation;
    const searchCode = search.state === "object" ? countryCallingCodeOf(search.criteria.countryCode) : undefined;
    if (search.state === "object" && searchCode !== undefined) {
      check("search.countryCode", search.criteria.countryCode, searchCode, "search a country with calling code");
    }
  },
};
