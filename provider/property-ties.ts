/**
 * Compile-time ties between provider/properties.ts and the TypeScript
 * interfaces: each line fails `tsc` when an interface and the definition
 * drift. Kept apart so the definition imports none of the modules it describes.
 */
import type { ReservationInputs } from "./inputs";
import type { ReservationOutputs, ReservationSummary, ReservedNumber } from "./reservation-state";
import { RESERVED_NUMBER_FIELDS, type InputName, type LookupName, type PropertyName, type RequiredName } from "./properties";

/** `true` when A and B are the same union. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Keys of T that are not optional. */
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
export type Assert<T extends true> = T;

export type DefinitionMatchesInterfaces = [
  Assert<Same<keyof ReservationInputs, InputName>>,
  Assert<Same<RequiredKeys<ReservationInputs>, InputName & RequiredName>>,
  Assert<Same<keyof ReservationOutputs, PropertyName>>,
  Assert<Same<RequiredKeys<ReservationOutputs>, RequiredName>>,
  // Lookups name the reservation id `id`.
  Assert<Same<keyof ReservationSummary, LookupName | "id">>,
  Assert<Same<RequiredKeys<ReservationSummary>, (LookupName & RequiredName) | "id">>,
  Assert<Same<keyof ReservedNumber, keyof typeof RESERVED_NUMBER_FIELDS>>,
  Assert<Same<RequiredKeys<ReservedNumber>, RequiredField>>,
];
type RequiredField = {
  [K in keyof typeof RESERVED_NUMBER_FIELDS]: (typeof RESERVED_NUMBER_FIELDS)[K]["required"] extends true ? K : never;
}[keyof typeof RESERVED_NUMBER_FIELDS];
