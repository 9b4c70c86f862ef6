/**
 * The property table of docs/installation.md, rendered from the one definition
 * (provider/properties.ts). test/provider/properties.test.ts fails when the
 * page and the definition differ; regenerate with
 *   npm run build && node -e 'process.stdout.write(require("./dist/native-provider/property-table").renderPropertyTable())'
 */
import { NATIVE_PROPERTIES, PropertySpec, RESERVATION_PROPERTIES } from "../provider/properties";

const TYPE_NAMES: Record<PropertySpec["type"], string> = {
  string: "string",
  "string[]": "list of strings",
  "ReservedNumber[]": "list of `{phoneNumber, status, expiresAt?, errors?}`",
  SearchRequest: "`{countryCode, count?, …criteria}`",
};

export function renderPropertyTable(): string {
  const rows = NATIVE_PROPERTIES.map((name) => {
    const spec: PropertySpec = RESERVATION_PROPERTIES[name];
    const kind = spec.input ? (spec.required && !spec.optionalInput ? "input, required" : "input, optional") : "output";
    const notes = [spec.replaceOnChange ? "replaces on change" : "", spec.secret ? "secret" : ""].filter(Boolean).join(", ");
    return `| \`${name}\` | ${TYPE_NAMES[spec.type]} | ${kind} | ${spec.description}${notes ? ` **${notes[0].toUpperCase()}${notes.slice(1)}.**` : ""} |`;
  });
  return ["| Property | Type | Kind | Description |", "| --- | --- | --- | --- |", ...rows, ""].join("\n");
}
