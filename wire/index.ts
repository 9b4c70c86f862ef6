/**
 * Telnyx's number-reservation and number-search wire types, named. They come
 * from the OpenAPI fragments beside this file (number-reservations.openapi.json,
 * available-phone-numbers.openapi.json) through
 * openapi-typescript (`npm run gen:wire`, run by `npm run build`), so the client
 * (provider/telnyx/) and the emulator (emulator/) read the same definition and
 * neither writes Telnyx's fields by hand. Each side narrows them to its own
 * contract: the client trusts only what response-shape.ts checked, the emulator
 * always sends every field. The two enums of the search are also values here
 * (`SEARCH_FEATURES`, `PHONE_NUMBER_TYPES`), checked against the spec, since
 * both sides validate them at run time. This folder imports nothing of the project.
 */
import type { components, operations } from "./telnyx-api.generated";
import type { components as searchComponents, operations as searchOperations } from "./available-phone-numbers.generated";

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

/** `{a: {b: x}}` → `"[a][b]"`: how a deepObject parameter is spelled on the wire (a list is one parameter). */
type Brackets<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? `[${K}]`
    : NonNullable<T[K]> extends object
      ? `[${K}]${Brackets<NonNullable<T[K]>>}`
      : `[${K}]`;
}[keyof T & string];

/** Every `filter[...]` and `page[...]` query parameter of list, spelled as sent, e.g. `filter[created_at][gt]`. */
export type ListQueryParameter = { [K in keyof ListQuery & string]-?: `${K}${Brackets<NonNullable<ListQuery[K]>>}` }[keyof ListQuery & string];

// ---- GET /available_phone_numbers (available-phone-numbers.openapi.json) ----

type SearchSchemas = searchComponents["schemas"];
type SearchFilter = NonNullable<NonNullable<searchOperations["ListAvailablePhoneNumbers"]["parameters"]["query"]>["filter"]>;

/** One number a search found (`AvailablePhoneNumber`): every field optional, as the spec has it. */
export type WireAvailablePhoneNumber = SearchSchemas["AvailablePhoneNumber"];
/** `meta` of a search answer (`AvailablePhoneNumbersMetadata`). */
export type WireAvailableNumbersMeta = SearchSchemas["AvailablePhoneNumbersMetadata"];
/** A number's prices (`CostInformation`). */
export type WireCostInformation = SearchSchemas["CostInformation"];
/** One entry of a number's region information (`RegionInformation`). */
export type WireRegionInformation = SearchSchemas["RegionInformation"];
/** The filters of a search, as the spec's `filter` object has them. */
export type WireSearchFilter = SearchFilter;
/** The spec's feature names (`filter[features]`). */
export type WireFeature = NonNullable<SearchFilter["features"]>[number];
/** The spec's number types (`filter[phone_number_type]`). */
export type WirePhoneNumberType = NonNullable<SearchFilter["phone_number_type"]>;
/** Every `filter[...]` query parameter of a search, spelled as sent, e.g. `filter[phone_number][starts_with]`. */
export type SearchQueryParameter = `filter${Brackets<SearchFilter>}`;

/** `[A] extends [B] and [B] extends [A]`: the list below names exactly the spec's enum. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/** The spec's feature names, as values: what `filter[features]` accepts. */
export const SEARCH_FEATURES = ["sms", "mms", "voice", "fax", "emergency", "hd_voice", "international_sms", "local_calling"] as const;
/** The spec's number types, as values: what `filter[phone_number_type]` accepts. */
export const PHONE_NUMBER_TYPES = ["local", "toll_free", "mobile", "national", "shared_cost"] as const;
// Fail `tsc` when the spec's enums and the lists above part ways.
export type SearchFeaturesListed = Holds<Exactly<(typeof SEARCH_FEATURES)[number], WireFeature>>;
export type PhoneNumberTypesListed = Holds<Exactly<(typeof PHONE_NUMBER_TYPES)[number], WirePhoneNumberType>>;
