/**
 * The Pulumi package schema of the native `telnyx` plugin, generated from the
 * one definition of the properties (provider/properties.ts), of the list
 * filters and found numbers (provider/lookups.ts) and of the search criteria
 * (provider/search-criteria.ts). `pulumi package get-schema` prints it; the
 * YAML language host type-checks programs against it.
 */
import { AVAILABLE_NUMBER_FIELDS, LIST_FILTERS } from "../provider/lookups";
import { MAX_SEARCH_COUNT, MAX_SEARCH_LIMIT, DEFAULT_SEARCH_LIMIT, SEARCH_CRITERIA, SEARCH_CRITERION_KINDS } from "../provider/search-criteria";
import {
  NATIVE_PROPERTIES,
  PropertySpec,
  RESERVATION_PROPERTIES,
  RESERVED_NUMBER_FIELDS,
  PropertyName,
} from "../provider/properties";
import {
  AVAILABLE_NUMBER_TOKEN,
  GET_TOKEN,
  LIST_TOKEN,
  NATIVE_PACKAGE as PACKAGE,
  NATIVE_RESOURCE_TOKEN as RESOURCE_TOKEN,
  RESERVED_NUMBER_TOKEN,
  SEARCH_TOKEN,
  SEARCH_REQUEST_TOKEN,
  SUMMARY_TOKEN,
} from "../provider/type-tokens";

export { GET_TOKEN, LIST_TOKEN, SEARCH_TOKEN, NATIVE_PACKAGE as PACKAGE, NATIVE_RESOURCE_TOKEN as RESOURCE_TOKEN } from "../provider/type-tokens";

/** A property in Pulumi schema form. */
interface SchemaProperty {
  type?: string;
  items?: SchemaProperty;
  $ref?: string;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}

interface ObjectSpec {
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

const STRING: SchemaProperty = { type: "string" };

/** A value kind of provider/ (criteria, found numbers) in schema form. */
function kindOf(kind: "string" | "string[]" | "boolean"): SchemaProperty {
  return kind === "string[]" ? { type: "array", items: STRING } : { type: kind };
}

/**
 * The search criteria as schema properties (country required), from their one description in
 * provider/search-criteria.ts: what `searchAvailablePhoneNumbers` takes, and a resource's `search`.
 */
export function searchCriteriaSpec(): ObjectSpec {
  const kinds: Record<string, "string[]" | "boolean"> = SEARCH_CRITERION_KINDS;
  return {
    properties: Object.fromEntries(
      Object.entries(SEARCH_CRITERIA).map(([n, description]) => [n, { ...kindOf(kinds[n] ?? "string"), description }]),
    ),
    required: ["countryCode"],
  };
}

/** A found number (provider/lookups.ts AvailableNumber) as a schema object type. */
function availableNumberType(): ObjectSpec {
  const fields: Record<string, { type: "string" | "string[]" | "boolean"; required?: boolean; description: string }> = AVAILABLE_NUMBER_FIELDS;
  return {
    properties: Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, { ...kindOf(f.type), description: f.description }])),
    required: Object.entries(fields).filter(([, f]) => f.required).map(([n]) => n),
  };
}

function typeOf(spec: PropertySpec): SchemaProperty {
  switch (spec.type) {
    case "string":
      return { type: "string" };
    case "string[]":
      return { type: "array", items: STRING };
    case "ReservedNumber[]":
      return { type: "array", items: { $ref: `#/types/${RESERVED_NUMBER_TOKEN}` } };
    case "SearchRequest":
      return { $ref: `#/types/${SEARCH_REQUEST_TOKEN}` };
  }
}

function property(name: PropertyName, forInput: boolean): SchemaProperty {
  const spec: PropertySpec = RESERVATION_PROPERTIES[name];
  return {
    ...typeOf(spec),
    description: spec.description,
    ...(spec.secret ? { secret: true } : {}),
    ...(forInput && spec.replaceOnChange ? { replaceOnChanges: true } : {}),
  };
}

function objectOf(names: PropertyName[], forInput: boolean): ObjectSpec {
  const spec = (n: PropertyName): PropertySpec => RESERVATION_PROPERTIES[n];
  return {
    properties: Object.fromEntries(names.map((n) => [n, property(n, forInput)])),
    required: names.filter((n) => spec(n).required && !(forInput && spec(n).optionalInput)),
  };
}

/** The `search` input's object type: every criterion of search-criteria.ts, and `count`. */
function searchRequestType(): Record<string, unknown> {
  const criteria = searchCriteriaSpec();
  return {
    type: "object",
    description: "What numbers to find and hold, and how many.",
    properties: {
      ...criteria.properties,
      count: { type: "integer", description: `How many numbers to hold, 1 to ${MAX_SEARCH_COUNT}; default 1.` },
    },
    required: criteria.required,
  };
}

/** The lookups' answer: the reservation's id plus every `lookup` property. */
function summaryType(): ObjectSpec {
  const lookups = NATIVE_PROPERTIES.filter((n) => (RESERVATION_PROPERTIES[n] as PropertySpec).lookup);
  const body = objectOf(lookups, false);
  return {
    properties: { id: { type: "string", description: "Telnyx's reservation id." }, ...body.properties },
    required: ["id", ...(body.required ?? [])],
  };
}

/** The package schema, as an object. */
export function packageSchema(version: string): Record<string, unknown> {
  const inputs = NATIVE_PROPERTIES.filter((n) => (RESERVATION_PROPERTIES[n] as PropertySpec).input);
  const config = {
    apiKey: {
      type: "string",
      secret: true,
      description: "Telnyx API key (V2). Falls back to the environment variable TELNYX_API_KEY.",
    },
    baseUrl: {
      type: "string",
      description: "Telnyx API base URL (e.g. a local emulator). Falls back to TELNYX_BASE_URL, then https://api.telnyx.com/v2.",
    },
  };
  const summary = summaryType();
  return {
    name: PACKAGE,
    displayName: "Telnyx number reservations",
    version,
    description: "Declare Telnyx phone-number reservations and keep them held.",
    keywords: ["pulumi", "telnyx", "category/network"],
    license: "Apache-2.0",
    config: { variables: config },
    // For the offline Python and Go SDK generation (tools/sdk-gen/). Python: the package takes this
    // version (the npm package's), which is the plugin version its resources ask the engine for,
    // and a pyproject.toml, so `pip install sdk-python/` builds it.
    language: {
      go: { importBasePath: "github.com/pulumi-telnyx-reservations/sdk/go/telnyx", generateResourceContainerTypes: false },
      python: { packageName: "pulumi_telnyx_reservations", requires: { "pulumi": ">=3.0.0,<4.0.0" }, respectSchemaVersion: true, pyproject: { enabled: true } },
    },
    provider: { description: "The Telnyx provider.", inputProperties: config },
    types: {
      [RESERVED_NUMBER_TOKEN]: {
        type: "object",
        description: "One number of a reservation.",
        properties: Object.fromEntries(
          Object.entries(RESERVED_NUMBER_FIELDS).map(([n, f]) => [n, { type: "string", description: f.description }]),
        ),
        required: Object.entries(RESERVED_NUMBER_FIELDS)
          .filter(([, f]) => f.required)
          .map(([n]) => n),
      },
      [SEARCH_REQUEST_TOKEN]: searchRequestType(),
      [SUMMARY_TOKEN]: { type: "object", description: "A reservation as Telnyx reports it.", ...summary },
      [AVAILABLE_NUMBER_TOKEN]: { type: "object", description: "A number a search found, available now.", ...availableNumberType() },
    },
    resources: {
      [RESOURCE_TOKEN]: {
        description:
          `A Telnyx phone-number reservation. Import an existing one with \`pulumi import ${RESOURCE_TOKEN} NAME RESERVATION_ID\`.`,
        ...objectOf(NATIVE_PROPERTIES, false),
        inputProperties: objectOf(inputs, true).properties,
        requiredInputs: objectOf(inputs, true).required,
      },
    },
    functions: {
      [GET_TOKEN]: {
        description: "One reservation by id (GET /number_reservations/{id}).",
        inputs: { properties: { id: { type: "string", description: "Telnyx's reservation id." } }, required: ["id"] },
        outputs: summary,
      },
      [LIST_TOKEN]: {
        description: "Every reservation matching the filters, all pages fetched.",
        inputs: {
          properties: Object.fromEntries(Object.entries(LIST_FILTERS).map(([n, d]) => [n, { type: "string", description: d }])),
        },
        outputs: {
          properties: {
            reservations: { type: "array", items: { $ref: `#/types/${SUMMARY_TOKEN}` }, description: "The matching reservations." },
          },
          required: ["reservations"],
        },
      },
      [SEARCH_TOKEN]: {
        description:
          "Numbers available now that match the criteria, without holding any (GET /available_phone_numbers): " +
          "only reservable numbers the account does not hold yet, one call, limited.",
        inputs: {
          properties: {
            ...searchCriteriaSpec().properties,
            limit: {
              type: "integer",
              description: `At most this many numbers, 1 to ${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT}).`,
            },
          },
          required: searchCriteriaSpec().required,
        },
        outputs: {
          properties: {
            numbers: { type: "array", items: { $ref: `#/types/${AVAILABLE_NUMBER_TOKEN}` }, description: "The numbers found." },
          },
          required: ["numbers"],
        },
      },
    },
  };
}
