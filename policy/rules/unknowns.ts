/**
 * Values Pulumi cannot know yet (during `pulumi preview`, an input computed from
 * another resource's output). @pulumi/policy hands `props` to a policy through
 * a proxy that throws when such a value is read; without that proxy (older
 * versions, unit tests) the engine's raw sentinel strings show instead.
 * Policies skip unknown values instead of failing: `pulumi up` checks them
 * again once they are known.
 */

/** Stands for a value that is not known yet. */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** A value, or {@link UNKNOWN}. */
export type Known<T> = T | typeof UNKNOWN;

// The engine's sentinels, one per value type (pulumi/sdk `plugin.Unknown*Value`);
// @pulumi/policy keeps its copies internal, so they are listed here.
const SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/**
 * Run `read` (a property access on policy props) and return its value, or
 * {@link UNKNOWN} when the value is not known yet. Other errors propagate.
 */
export function known<T>(read: () => T): Known<T> {
  try {
    const value = read();
    return typeof value === "string" && SENTINELS.has(value) ? UNKNOWN : value;
  } catch (err) {
    if (isUnknownValueError(err)) return UNKNOWN;
    throw err;
  }
}

// @pulumi/policy's UnknownValueError is not in its typings, and the pack and
// its tests may load different copies of the library, so recognise it by the
// sentinel it carries rather than by class.
function isUnknownValueError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const sentinel = (err as { unknownTypeSentinel?: unknown }).unknownTypeSentinel;
  return typeof sentinel === "string" && SENTINELS.has(sentinel);
}
