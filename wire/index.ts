/**
 * Telnyx's number-reservation wire types, named. They come from the OpenAPI
 * fragment beside this file (number-reservations.openapi.json) through
 * openapi-typescript (`npm run gen:wire`, run by `npm run build`), so the client
 * (provider/telnyx/) and the emulator (emulator/) read the same definition and
 * neither writes Telnyx's fields by hand. Each side narrows them to its own
 * contract: the client trusts only what response-shape.ts checked, the emulator
 * always sends every field. This folder imports nothing of the project.
 */
import type { components, operations } from "./telnyx-api.generated";

type Schemas = components["schemas"];

/** The spec marks server-set fields `readOnly`; the emulator builds and changes them. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A reservation (`NumberReservation`): every field optional, as the spec has it. */
export type WireReservation = Writable<Schemas["NumberReservation"]>;
/** One number inside a reservation (`ReservedPhoneNumber`). */
export type WireReservedNumber = Writable<Schemas["ReservedPhoneNumber"]>;
/** The spec's status enum, for reservations and numbers alike. */
export type WireStatus = NonNullable<WireReservation["status"]>;
/** Body of `POST /number_reservations` (the spec reuses the reservation's fields; only these are sent). */
export type WireCreateRequest = Pick<Schemas["CreateNumberReservationRequest"], "customer_reference"> & {
  phone_numbers: Array<Required<Pick<WireReservedNumber, "phone_number">>>;
};
/** `meta` of a list page (`PaginationMeta`). */
export type WirePaginationMeta = Schemas["PaginationMeta"];
/** One error of a Telnyx error body (`numbers_Error`). */
export type WireError = Schemas["numbers_Error"];
/** A Telnyx error body (`numbers_Errors`). */
export type WireErrors = Schemas["numbers_Errors"];

type ListQuery = NonNullable<operations["ListNumberReservations"]["parameters"]["query"]>;

/** `{a: {b: x}}` → `"[a][b]"`: how a deepObject parameter is spelled on the wire. */
type Brackets<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends object ? `[${K}]${Brackets<NonNullable<T[K]>>}` : `[${K}]`;
}[keyof T & string];

/** Every `filter[...]` and `page[...]` query parameter of list, spelled as sent, e.g. `filter[created_at][gt]`. */
export type ListQueryParameter = { [K in keyof ListQuery & string]-?: `${K}${Brackets<NonNullable<ListQuery[K]>>}` }[keyof ListQuery & string];
