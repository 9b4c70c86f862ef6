/**
 * The one definition of `NumberReservation`'s properties. `INPUT_KEYS`, the native
 * plugin's schema (native-provider/schema.ts) and the property table of
 * docs/installation.md are derived from it; the TypeScript interfaces are tied to
 * it by compile-time checks (property-ties.ts), so a property added in one place
 * and not the other fails `tsc`.
 */
/** Value types, named as in a Pulumi schema (`ReservedNumber` is the one object type). */
export type PropertyType = "string" | "string[]" | "ReservedNumber[]";

/** One property of the resource. */
export interface PropertySpec {
  /** Shape of the value. */
  readonly type: PropertyType;
  /** One-line text, used for schema descriptions and docs tables. */
  readonly description: string;
  /** Declared by the program (an input). */
  readonly input: boolean;
  /** Set in state and exposed to programs (an output). */
  readonly output: boolean;
  /** An input the program must give; for outputs: always present once created. */
  readonly required: boolean;
  /** Changing the input replaces the reservation. */
  readonly replaceOnChange?: boolean;
  /** The value is a secret (none today; kept so the schema and docs can say so). */
  readonly secret?: boolean;
  /** Also returned by the lookups (`getNumberReservation`, `listNumberReservations`), under the same name. */
  readonly lookup?: boolean;
  /** Only the dynamic provider has it (set from the `import` option); the native schema leaves it out. */
  readonly dynamicOnly?: boolean;
}

export const RESERVATION_PROPERTIES = {
  phoneNumbers: {
    type: "string[]",
    description:
      "The numbers to hold, one or more, in E.164 (\"+19705555098\"); spaces, dashes and parentheses are normalized, order does not matter.",
    input: true,
    output: true,
    required: true,
    replaceOnChange: true,
    lookup: true,
  },
  customerReference: {
    type: "string",
    description: "Free text stored with the reservation at Telnyx, to find it again.",
    input: true,
    output: true,
    required: false,
    replaceOnChange: true,
    lookup: true,
  },
  keepAliveWindow: {
    type: "string",
    description: "Extend the hold on `up` when any held number expires within this duration (\"1s\" to \"24h\", e.g. \"10m\").",
    input: true,
    output: true,
    required: false,
  },
  extendTrigger: {
    type: "string",
    description: "Any value; setting or changing it extends the hold once.",
    input: true,
    output: true,
    required: false,
  },
  pendingTimeout: {
    type: "string",
    description: "How long create, or an update of a pending reservation, waits for it to settle (\"1s\" to \"1h\", default \"2m\").",
    input: true,
    output: true,
    required: false,
  },
  adopt: {
    type: "string",
    description: "Adopt this existing reservation (id or a number it holds) instead of creating one; set from the `import` option.",
    input: true,
    output: true,
    required: false,
    dynamicOnly: true,
  },
  reservationId: {
    type: "string",
    description: "Telnyx's reservation id (also the resource id).",
    input: false,
    output: true,
    required: true,
  },
  status: {
    type: "string",
    description: "Overall status: `pending`, `success` or `failure` (others possible).",
    input: false,
    output: true,
    required: true,
    lookup: true,
  },
  numbers: {
    type: "ReservedNumber[]",
    description: "Each number with its own status, expiry and Telnyx's error text.",
    input: false,
    output: true,
    required: true,
    lookup: true,
  },
  expiresAt: {
    type: "string",
    description: "Earliest expiry among the numbers whose hold succeeded, lapsed or not (ISO-8601); absent when none succeeded.",
    input: false,
    output: true,
    required: false,
    lookup: true,
  },
  createdAt: {
    type: "string",
    description: "When Telnyx created the reservation (ISO-8601).",
    input: false,
    output: true,
    required: false,
    lookup: true,
  },
  updatedAt: {
    type: "string",
    description: "When Telnyx last changed it, e.g. the last extend (ISO-8601).",
    input: false,
    output: true,
    required: false,
    lookup: true,
  },
} as const satisfies Record<string, PropertySpec>;

/** The fields of one `ReservedNumber` (the `numbers` output's items). */
export const RESERVED_NUMBER_FIELDS = {
  phoneNumber: { description: "E.164 number.", required: true },
  status: { description: "Telnyx's status for this number: `pending`, `success` or `failure` (others possible).", required: true },
  expiresAt: { description: "When this number's hold lapses (ISO-8601), if Telnyx gave one.", required: false },
  errors: { description: "Why this number could not be held (Telnyx's text).", required: false },
} as const satisfies Record<string, { description: string; required: boolean }>;

export type PropertyName = keyof typeof RESERVATION_PROPERTIES;
type Props = typeof RESERVATION_PROPERTIES;

/** Names of the properties whose spec has `flag: true`. */
type Flagged<Flag extends keyof PropertySpec> = {
  [K in PropertyName]: Props[K] extends { readonly [F in Flag]: true } ? K : never;
}[PropertyName];

export type InputName = Flagged<"input">;
export type RequiredName = Flagged<"required">;
export type LookupName = Flagged<"lookup">;
export type DynamicOnlyName = Flagged<"dynamicOnly">;

const names = Object.keys(RESERVATION_PROPERTIES) as PropertyName[];
const spec = (name: PropertyName): PropertySpec => RESERVATION_PROPERTIES[name];

/** Input property names, in definition order. */
export const INPUT_NAMES = names.filter((n) => spec(n).input) as InputName[];
/** Properties that replace the reservation when changed. */
export const REPLACE_ON_CHANGE = names.filter((n) => spec(n).replaceOnChange);
/** Properties of the native resource (the dynamic-only ones left out). */
export const NATIVE_PROPERTIES = names.filter((n) => !spec(n).dynamicOnly);

/**
 * What `NumberReservation`'s constructor registers for `args` and the `import`
 * option (`adopt`): the inputs that are set, and the outputs the engine fills in
 * (as `undefined`). An optional input left unset is not registered: the Node SDK
 * makes promises for every registered property, each capturing a stack trace,
 * which is most of a resource's cost in the program. `unset` names the exposed
 * outputs left out that way; the class gives each an output of `undefined`,
 * which is what the registered property resolved to (state has no value for an
 * unset input). A lookup by id (`get`) has no args: everything is registered,
 * and the provider's read fills it in. Here, not in the SDK class, so the
 * bench's stand-in registers exactly the same (it loads this module from the
 * installed package).
 */
export function registeredProperties(
  args: Readonly<Record<string, unknown>> | undefined,
  adopt: unknown,
): { props: Record<string, unknown>; unset: PropertyName[] } {
  const props: Record<string, unknown> = {};
  const unset: PropertyName[] = [];
  for (const name of names) {
    const value = name === "adopt" ? adopt : spec(name).input ? args?.[name] : undefined;
    if (value !== undefined || !spec(name).input || args === undefined) props[name] = value;
    else if (name !== "adopt") unset.push(name);
  }
  return { props, unset };
}
