/**
 * Renders sdk/number-reservation-properties.ts, the SDK's `NumberReservationArgs`,
 * `NumberReservationOutputs` and `ReservedNumber` with their TSDoc, from the one
 * definition of the properties (provider/properties.ts), as the Python and Go
 * SDKs are generated from the schema. Generated rather than mapped by type so that
 * a program's editor shows each property's description. Plain JavaScript with the
 * definition as an argument: main.js passes the built one, the test the source.
 */

/** TypeScript text of each property type, in state (outputs) and as a program gives it (args). */
const VALUE_TYPES = {
  string: "string",
  "string[]": "string[]",
  "ReservedNumber[]": "ReservedNumber[]",
  SearchRequest: "SearchRequest",
  "string | number": "string | number",
};

function argTypeOf(spec) {
  const type = spec.argType ?? spec.type;
  if (type === "string[]") return "pulumi.Input<pulumi.Input<string>[]>";
  return `pulumi.Input<${VALUE_TYPES[type]}>`;
}

function outputTypeOf(spec) {
  return `pulumi.Output<${VALUE_TYPES[spec.type]}${spec.required ? "" : " | undefined"}>`;
}

/** A TSDoc comment, one line when it fits in 110 columns, else wrapped at words. */
function doc(text, indent) {
  const clean = text.replace(/\*\//g, "*\\/");
  if (indent.length + clean.length + 7 <= 110) return `${indent}/** ${clean} */`;
  const lines = [];
  let line = "";
  for (const word of clean.split(" ")) {
    if (line && indent.length + 3 + line.length + 1 + word.length > 110) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join("\n");
}

function describe(spec) {
  return spec.replaceOnChange ? `${spec.description} Changing it replaces the reservation.` : spec.description;
}

/** The generated module's text for `properties` (RESERVATION_PROPERTIES) and `fields` (RESERVED_NUMBER_FIELDS). */
function renderSdkProperties(properties, fields) {
  const exposed = Object.entries(properties).filter(([, spec]) => !spec.dynamicOnly);
  const args = exposed
    .filter(([, spec]) => spec.input)
    .map(([name, spec]) => `${doc(describe(spec), "  ")}\n  ${name}${spec.required && !spec.optionalInput ? "" : "?"}: ${argTypeOf(spec)};`);
  const outputs = exposed.map(([name, spec]) => `${doc(spec.description, "  ")}\n  readonly ${name}: ${outputTypeOf(spec)};`);
  const number = Object.entries(fields).map(([name, field]) => `${doc(field.description, "  ")}\n  ${name}${field.required ? "" : "?"}: string;`);
  return [
    "/**",
    " * GENERATED from provider/properties.ts by tools/properties-gen/: do not edit.",
    " * Regenerate with `npm run build && npm run gen:properties`; test/sdk/properties.test.ts",
    " * fails when this file and the definition differ, and sdk/property-ties.ts fails `tsc`",
    " * when these types and the definition's types differ.",
    " */",
    'import type * as pulumi from "@pulumi/pulumi";',
    'import type { SearchRequest } from "../provider/search-criteria";',
    "",
    "/** One number of a reservation (the `numbers` output's items). */",
    "export interface ReservedNumber {",
    number.join("\n"),
    "}",
    "",
    "/** Inputs of a `NumberReservation`. */",
    "export interface NumberReservationArgs {",
    args.join("\n"),
    "}",
    "",
    "/** Outputs of a `NumberReservation`: what Telnyx reports, and the inputs in force. */",
    "export interface NumberReservationOutputs {",
    outputs.join("\n"),
    "}",
    "",
  ].join("\n");
}

module.exports = { renderSdkProperties };
