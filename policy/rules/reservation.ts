/**
 * Reads a `NumberReservation` out of what a policy receives (a resource under
 * validation, or one resource of the stack), recognising it by its type token
 * (dynamic or native) and parsing each phone number with the provider's own parser, so the pack
 * and the provider never disagree about what a valid number is. A reservation declares its
 * numbers either by listing them (`phoneNumbers`) or by what they are (`search`: criteria plus
 * `count`); both are read here, each as far as it is known.
 */
import { normalizePhoneNumber } from "../../provider/phone-numbers";
import { RESERVATION_TOKENS } from "../../provider/type-tokens";
import { Known, UNKNOWN, known } from "./unknowns";

type NormalizeResult = ReturnType<typeof normalizePhoneNumber>;

export {
  DYNAMIC_RESOURCE_TOKEN as NUMBER_RESERVATION_TYPE,
  NATIVE_RESOURCE_TOKEN as NATIVE_NUMBER_RESERVATION_TYPE,
  RESERVATION_TOKENS as NUMBER_RESERVATION_TYPES,
} from "../../provider/type-tokens";

/** What both `ResourceValidationArgs` and a stack's `PolicyResource` carry. */
export interface PolicyResourceLike {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
}

/** One element of `phoneNumbers`; `property` is its path for messages, e.g. `phoneNumbers[2]`. */
export type PhoneNumberEntry =
  | { property: string; known: false }
  | { property: string; known: true; value: unknown; parsed: NormalizeResult };

/** A valid element of `phoneNumbers`, with its E.164 form and country calling code. */
export interface ValidPhoneNumber {
  property: string;
  value: unknown;
  e164: string;
  countryCallingCode: string;
}

/** `phoneNumbers` as declared: not known yet, absent, not a list, or a list. */
export type PhoneNumbers =
  | { state: "unknown" }
  | { state: "absent" }
  | { state: "not-a-list"; value: unknown }
  | { state: "list"; entries: PhoneNumberEntry[] };

/**
 * `search` as declared: not known yet, absent, not an object, or an object whose known
 * criteria (`count` apart) are in `criteria`; `unknownCriteria` names those not known yet.
 */
export type SearchDeclaration =
  | { state: "unknown" }
  | { state: "absent" }
  | { state: "not-an-object"; value: unknown }
  | { state: "object"; criteria: Record<string, unknown>; unknownCriteria: string[]; count: Known<unknown> };

/** The inputs the policies look at, with unknown values marked. */
export interface Reservation {
  /** The resource's logical name, as written in the program. */
  name: string;
  urn: string;
  phoneNumbers: PhoneNumbers;
  search: SearchDeclaration;
  customerReference: Known<unknown>;
  keepAliveWindow: Known<unknown>;
}

/** The reservation `resource` declares, or `undefined` when it is another type of resource. */
export function readReservation(resource: PolicyResourceLike): Reservation | undefined {
  if (!RESERVATION_TOKENS.includes(resource.type)) return undefined;
  const { props } = resource;
  return {
    name: resource.name,
    urn: resource.urn,
    phoneNumbers: readPhoneNumbers(props),
    search: readSearch(props),
    customerReference: known(() => props.customerReference),
    keepAliveWindow: known(() => props.keepAliveWindow),
  };
}

/** The elements of `phoneNumbers` that are known and valid, in declared order. */
export function validPhoneNumbers(reservation: Reservation): ValidPhoneNumber[] {
  if (reservation.phoneNumbers.state !== "list") return [];
  const valid: ValidPhoneNumber[] = [];
  for (const entry of reservation.phoneNumbers.entries) {
    if (entry.known && entry.parsed.ok) {
      const { e164, countryCallingCode } = entry.parsed;
      valid.push({ property: entry.property, value: entry.value, e164, countryCallingCode });
    }
  }
  return valid;
}

function readPhoneNumbers(props: Record<string, unknown>): PhoneNumbers {
  const list = known(() => props.phoneNumbers);
  if (list === UNKNOWN) return { state: "unknown" };
  if (list === undefined || list === null) return { state: "absent" };
  if (!Array.isArray(list)) return { state: "not-a-list", value: list };
  const entries: PhoneNumberEntry[] = [];
  // Indexed reads, one at a time: one unknown element must not hide the others.
  for (let index = 0; index < list.length; index++) {
    const property = `phoneNumbers[${index}]`;
    const value = known((): unknown => list[index]);
    entries.push(
      value === UNKNOWN ? { property, known: false } : { property, known: true, value, parsed: normalizePhoneNumber(value) },
    );
  }
  return { state: "list", entries };
}

function readSearch(props: Record<string, unknown>): SearchDeclaration {
  const search = known(() => props.search);
  if (search === UNKNOWN) return { state: "unknown" };
  if (search === undefined || search === null) return { state: "absent" };
  if (typeof search !== "object" || Array.isArray(search)) return { state: "not-an-object", value: search };
  const fields = search as Record<string, unknown>;
  const criteria: Record<string, unknown> = {};
  const unknownCriteria: string[] = [];
  // One read per key: one unknown criterion must not hide the others.
  for (const key of Object.keys(fields)) {
    if (key === "count") continue;
    const value = known(() => fields[key]);
    if (value === UNKNOWN) unknownCriteria.push(key);
    else criteria[key] = value;
  }
  return { state: "object", criteria, unknownCriteria, count: known(() => fields.count) };
}
