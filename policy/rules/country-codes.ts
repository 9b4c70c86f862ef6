/**
 * Policy `allowed-country-calling-codes` (mandatory): every number's country
 * calling code is in `allowedCountryCallingCodes`; the empty default allows
 * all. Invalid numbers are left to `phone-numbers-e164`.
 */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { settingsOf } from "./config";
import { describeViolation, joinWords, showValue } from "./messages";
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

    for (const number of validPhoneNumbers(reservation)) {
      if (allowed.includes(number.countryCallingCode)) continue;
      reportViolation(
        describeViolation({
          resource: reservation.name,
          property: number.property,
          value: showValue(number.value),
          problem: `has country calling code +${number.countryCallingCode}, which is not allowed (allowedCountryCallingCodes: ${shown.join(", ")})`,
          fix: `reserve a number with country calling code ${joinWords(shown, "or")} instead, or add "${number.countryCallingCode}" to allowedCountryCallingCodes`,
        }),
      );
    }
  },
};
