/**
 * A policy's settings: the defaults written in its config schema, overridden
 * by what the engine passes from `--policy-pack-config`. The engine fills in
 * defaults itself; applying them here too keeps each default in one place (the
 * schema) for callers that do not (unit tests, older engines).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/** Anything with @pulumi/policy's `getConfig`: resource and stack validation args. */
export interface ConfigSource {
  getConfig<T extends object>(): T;
}

/** Settings of type `T` for the policy whose config schema is `schema`. */
export function settingsOf<T extends object>(schema: PolicyConfigSchema, args: ConfigSource): T {
  const merged: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (typeof property === "object" && property.default !== undefined) merged[key] = property.default;
  }
  for (const [key, value] of Object.entries(args.getConfig<Record<string, unknown>>())) {
    if (value !== undefined && value !== null) merged[key] = value;
  }
  return merged as T;
}

/** An error for a setting the engine's schema check cannot catch (e.g. a bad regular expression). */
export function configError(policy: string, key: string, value: unknown, reason: string): Error {
  return new Error(`Policy "${policy}": config ${key} ${JSON.stringify(value)} ${reason}.`);
}
