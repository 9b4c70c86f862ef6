/**
 * The Pulumi type tokens of this package, in one place: the dynamic resource's
 * (what the TypeScript class registers), the native plugin's resource, lookups
 * and object types (its schema and dispatch), which the policy pack, the CLI's
 * `import --file` and the tests recognise. A token is part of every stack's
 * state, so changing one is a breaking change, not a rename.
 */

/** The dynamic (TypeScript) `NumberReservation`, as `pulumi.dynamic.Resource` would name it. */
export const DYNAMIC_RESOURCE_TOKEN = "pulumi-nodejs:dynamic/telnyx:NumberReservation";
/** The native plugin's package name; every native token starts with it. */
export const NATIVE_PACKAGE = "telnyx";
/** The native plugin's `NumberReservation` (Pulumi YAML, generated SDKs). */
export const NATIVE_RESOURCE_TOKEN = `${NATIVE_PACKAGE}:index:NumberReservation`;
/** The native lookups. */
export const GET_TOKEN = `${NATIVE_PACKAGE}:index:getNumberReservation`;
export const LIST_TOKEN = `${NATIVE_PACKAGE}:index:listNumberReservations`;
export const SEARCH_TOKEN = `${NATIVE_PACKAGE}:index:searchAvailablePhoneNumbers`;
/** The native schema's object types. */
export const RESERVED_NUMBER_TOKEN = `${NATIVE_PACKAGE}:index:ReservedNumber`;
export const SEARCH_REQUEST_TOKEN = `${NATIVE_PACKAGE}:index:SearchRequest`;
export const SUMMARY_TOKEN = `${NATIVE_PACKAGE}:index:ReservationSummary`;
export const AVAILABLE_NUMBER_TOKEN = `${NATIVE_PACKAGE}:index:AvailableNumber`;
/** Both resource tokens: the same resource, with the same inputs, whichever provider serves it. */
export const RESERVATION_TOKENS: readonly string[] = [DYNAMIC_RESOURCE_TOKEN, NATIVE_RESOURCE_TOKEN];
