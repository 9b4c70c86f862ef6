/**
 * The pack's policies, in one list. Kept apart from `../index.ts` (which
 * starts the policy server) so tests can call each policy directly.
 */
import type { Policies } from "@pulumi/policy";
import { allowedCountryCallingCodes } from "./country-codes";
import { customerReferencePattern } from "./customer-reference";
import { keepAliveRequired } from "./keep-alive";
import { maxNumbersPerReservation } from "./max-numbers";
import { phoneNumbersE164 } from "./phone-numbers-e164";
import { searchCriteria } from "./search-criteria";
import { noSharedNumbersInStack } from "./unique-numbers";

export {
  allowedCountryCallingCodes,
  customerReferencePattern,
  keepAliveRequired,
  maxNumbersPerReservation,
  noSharedNumbersInStack,
  phoneNumbersE164,
  searchCriteria,
};
export { NATIVE_NUMBER_RESERVATION_TYPE, NUMBER_RESERVATION_TYPE, NUMBER_RESERVATION_TYPES } from "./reservation";

/** Every policy of the `telnyx-reservations` pack. */
export const policies: Policies = [
  phoneNumbersE164,
  customerReferencePattern,
  maxNumbersPerReservation,
  searchCriteria,
  allowedCountryCallingCodes,
  noSharedNumbersInStack,
  keepAliveRequired,
];
