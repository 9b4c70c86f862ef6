/**
 * The one shape of every violation message: which reservation, which
 * property, its offending value, what is wrong, and how to fix it. The engine
 * already prints the policy name and the URN beside it.
 */

/** The parts of a violation message. */
export interface Violation {
  /** The reservation's logical name. */
  resource: string;
  /** Property path, e.g. `phoneNumbers[1]`. */
  property: string;
  /** The offending value as shown to the reader: see {@link showValue}. */
  value: string;
  /** What is wrong, read after the value, e.g. "is too short". */
  problem: string;
  /** What to change, as an imperative sentence without the final period. */
  fix: string;
}

/** `NumberReservation "office": phoneNumbers[1] "+1 555" is too short. Fix: …`. */
export function describeViolation(v: Violation): string {
  return `NumberReservation "${v.resource}": ${v.property} ${v.value} ${v.problem}. Fix: ${v.fix}.`;
}

/** A property value as it appears in a message; absent values read "(not set)". */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return "(not set)";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // A nested value that is not known yet: the proxy throws when it is read.
    return "(not known yet)";
  }
}

/** `a`, `a or b`, `a, b or c` (with `and` likewise): lists inside sentences. */
export function joinWords(items: readonly string[], conjunction: "and" | "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
