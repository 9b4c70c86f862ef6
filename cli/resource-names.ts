/**
 * Names for imported reservations: a Pulumi resource name and the TypeScript
 * identifier of the const exporting it, e.g. reference "Support Line" →
 * `supportLine = new NumberReservation("support-line", …)`.
 *
 * - Derived from the customer reference, else from the first number, so the
 *   same account gives the same names on every run (names are part of each
 *   resource's URN: a rename would mean a replacement).
 * - Resource names are lowercase slugs ([a-z0-9-]), valid anywhere Pulumi puts them.
 * - Identifiers are camelCase ASCII, never a reserved word or a name TypeScript
 *   reserves at the top of a CommonJS module (`exports`, `require`, …).
 * - Collisions get `-2`, `-3`… in input order; name and identifier are checked
 *   together, because two different slugs can share a camelCase form
 *   (`team-2` and `team2`).
 */

/** A resource name and the identifier of its exported const. */
export interface ResourceName {
  name: string;
  identifier: string;
}

/** What a name is derived from. */
export interface NameSource {
  customerReference?: string;
  phoneNumbers: readonly string[];
}

const MAX_SLUG_LENGTH = 48;
const FALLBACK = "reservation";

// ECMAScript reserved words (strict mode, modules) and names that cannot be bound
// at the top of a module compiled to CommonJS.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN " +
    "Infinity exports require module __filename __dirname"
  ).split(" "),
);

/** One unique name per source, in the same order. */
export function resourceNames(sources: readonly NameSource[]): ResourceName[] {
  const usedNames = new Set<string>();
  const usedIdentifiers = new Set<string>();
  return sources.map((source) => {
    const base = baseName(source);
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      const identifier = toIdentifier(name);
      if (!usedNames.has(name) && !usedIdentifiers.has(identifier)) {
        usedNames.add(name);
        usedIdentifiers.add(identifier);
        return { name, identifier };
      }
    }
  });
}

function baseName(source: NameSource): string {
  const fromReference = slug(source.customerReference ?? "");
  if (fromReference) return fromReference;
  const digits = (source.phoneNumbers[0] ?? "").replace(/\D/g, "");
  return digits ? `${FALLBACK}-${digits}` : FALLBACK;
}

/** "Support Line (Zürich)" → "support-line-zurich"; "" when nothing usable is left. */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents split off by NFKD
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2") // keep camelCase word boundaries
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
}

/** "support-line" → "supportLine"; a leading digit or a reserved word gets a prefix or suffix. */
export function toIdentifier(name: string): string {
  const [first, ...rest] = name.split("-").filter(Boolean);
  const camel = (first ?? FALLBACK) + rest.map((part) => part[0].toUpperCase() + part.slice(1)).join("");
  if (/^[0-9]/.test(camel)) return FALLBACK + camel;
  return RESERVED.has(camel) ? `${camel}Reservation` : camel;
}
