/**
 * Validation of `POST /v2/number_reservations` bodies, with the error codes Telnyx uses:
 * 10004 for a missing field, 10020 for a wrong type, 10016 for a number not in strict E.164,
 * 10015 for an empty list, a list over {@link MAX_NUMBERS_PER_CREATE}, or a number requested twice. Fields Telnyx ignores are ignored.
 */

import { isJsonObject, pointerTo, ValidationErrors, type JsonObject } from "./json-input";

/** A validated create request. */
export interface CreateReservationInput {
  /** The numbers to hold, in request order, without duplicates. */
  phoneNumbers: string[];
  /** The customer reference, when one was given. */
  customerReference?: string;
}

/**
 * Most numbers one create may list. Telnyx documents no limit, but a request body of 1 MB fits
 * about 30,000, and a test never needs more than a handful: the cap keeps one request from
 * holding the event loop (and the control API) for seconds.
 */
export const MAX_NUMBERS_PER_CREATE = 1000;

/** Strict E.164 (also used by the control API): a plus, a non-zero digit, then at most 14 more digits; nothing else. */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** Checks a parsed create body; throws a 422 listing every problem. */
export function parseCreateReservation(body: JsonObject): CreateReservationInput {
  const problems = new ValidationErrors();
  const phoneNumbers = readPhoneNumbers(body.phone_numbers, problems);
  const customerReference = body.customer_reference;
  if (customerReference !== undefined && customerReference !== null && typeof customerReference !== "string") {
    problems.add("invalidType", "customer_reference must be a string.", pointerTo("customer_reference"));
  }
  problems.throwIfAny();
  return {
    phoneNumbers,
    ...(typeof customerReference === "string" ? { customerReference } : {}),
  };
}

function readPhoneNumbers(value: unknown, problems: ValidationErrors): string[] {
  const listPointer = pointerTo("phone_numbers");
  if (value === undefined || value === null) {
    problems.add("missingParameter", "phone_numbers is required.", listPointer);
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add("invalidType", "phone_numbers must be an array of {phone_number} objects.", listPointer);
    return [];
  }
  if (value.length === 0) {
    problems.add("badRequest", "phone_numbers must contain at least one phone number.", listPointer);
    return [];
  }
  if (value.length > MAX_NUMBERS_PER_CREATE) {
    problems.add(
      "badRequest",
      `phone_numbers lists ${value.length} numbers; at most ${MAX_NUMBERS_PER_CREATE} are accepted in one reservation.`,
      listPointer,
    );
    return [];
  }
  const numbers = new Set<string>();
  value.forEach((item: unknown, index) => {
    const number = readPhoneNumber(item, index, problems);
    if (number === undefined) return;
    if (numbers.has(number)) {
      problems.add("badRequest", `${number} appears more than once in phone_numbers.`, pointerTo("phone_numbers", index, "phone_number"));
      return;
    }
    numbers.add(number);
  });
  return [...numbers];
}

function readPhoneNumber(item: unknown, index: number, problems: ValidationErrors): string | undefined {
  const pointer = pointerTo("phone_numbers", index, "phone_number");
  if (!isJsonObject(item)) {
    problems.add("invalidType", "Each phone_numbers entry must be an object with a phone_number.", pointerTo("phone_numbers", index));
    return undefined;
  }
  const number = item.phone_number;
  if (number === undefined || number === null) {
    problems.add("missingParameter", "phone_number is required.", pointer);
    return undefined;
  }
  if (typeof number !== "string") {
    problems.add("invalidType", "phone_number must be a string.", pointer);
    return undefined;
  }
  if (!E164.test(number)) {
    problems.add("notE164", `${JSON.stringify(number)} is not in +E.164 format (e.g. +19705555098).`, pointer);
    return undefined;
  }
  return number;
}
