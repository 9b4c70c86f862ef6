/**
 * Phone-number normalization: the one place where user-written numbers become
 * E.164. Parsing and validity come from libphonenumber-js (Google's metadata),
 * so "+1 970-555-5098", "+1 (970) 555 5098" and "+19705555098" are one number
 * and never cause a diff.
 */
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberWithError, ParseError, validatePhoneNumberLength } from "libphonenumber-js";
import { TelnyxInputError } from "./telnyx/errors";

export type NormalizeResult = { ok: true; e164: string; countryCallingCode: string } | { ok: false; reason: string };

const PARSE_REASONS: Record<string, string> = {
  INVALID_COUNTRY: "must start with + and a country calling code (E.164)",
  NOT_A_NUMBER: "is not a phone number",
  TOO_SHORT: "is too short",
  TOO_LONG: "is too long",
  INVALID_LENGTH: "has an invalid length",
};

/** Parse one number written by a person; never throws. */
export function normalizePhoneNumber(input: unknown): NormalizeResult {
  if (typeof input !== "string" || input.trim() === "") return { ok: false, reason: "must be a non-empty string" };
  if (!input.trim().startsWith("+")) return { ok: false, reason: PARSE_REASONS.INVALID_COUNTRY };
  try {
    const parsed = parsePhoneNumberWithError(input);
    if (parsed.ext) return { ok: false, reason: "must not carry an extension" };
    if (!parsed.isValid()) {
      const length = validatePhoneNumberLength(input);
      return { ok: false, reason: (length && PARSE_REASONS[length]) || "is not a valid number for its country" };
    }
    return { ok: true, e164: parsed.number, countryCallingCode: parsed.countryCallingCode };
  } catch (err) {
    const code = err instanceof ParseError ? err.message : "";
    return { ok: false, reason: PARSE_REASONS[code] ?? "is not a phone number" };
  }
}

/** The country calling code of an ISO 3166 country (`US` → `1`, any case), or undefined for one libphonenumber does not know. */
export function countryCallingCodeOf(country: unknown): string | undefined {
  if (typeof country !== "string") return undefined;
  const iso = country.trim().toUpperCase();
  return isSupportedCountry(iso) ? getCountryCallingCode(iso) : undefined;
}

/** E.164 form of `input`, or a `TelnyxInputError` naming the argument, the number and the reason. */
export function toE164(input: string, argument: string): string {
  const result = normalizePhoneNumber(input);
  if (!result.ok) throw new TelnyxInputError(argument, `${argument} ${JSON.stringify(input)} ${result.reason}.`);
  return result.e164;
}

/** Same numbers regardless of order. Both lists must already be E.164. */
export function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((n, i) => n === sorted[i]);
}

/**
 * The last digits (at most 7) of an E.164 number's national number: what a search's
 * `endsWith` needs to find that one number again.
 */
export function subscriberDigits(e164: string): string {
  const national = parsePhoneNumberWithError(e164).nationalNumber;
  return national.slice(-7);
}
