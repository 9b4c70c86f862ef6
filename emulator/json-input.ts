/**
 * Parsing and checking JSON request bodies. Problems are collected rather than thrown one at a
 * time, so a client sees every bad field of a request in one Telnyx-shaped 4xx answer, each
 * error naming its field with a JSON pointer.
 */

import { ApiError, telnyxError, type ErrorKind } from "./api-errors";
import type { TelnyxError } from "./types";

/** A JSON object body. */
export type JsonObject = Record<string, unknown>;

/**
 * Parses a request body that must be a JSON object. An empty body counts as `{}`, so a missing
 * body is reported as the missing fields it lacks rather than as a syntax error.
 */
export function parseJsonObject(text: string): JsonObject {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ApiError.of(400, "invalidJson", "The request body is not valid JSON.", { pointer: "/" });
  }
  if (!isJsonObject(value)) {
    throw ApiError.of(400, "badRequest", "The request body must be a JSON object.", { pointer: "/" });
  }
  return value;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of `value` without its undefined fields, so optional inputs read back exactly as given. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The JSON pointer to a field, each segment escaped per RFC 6901. */
export function pointerTo(...segments: Array<string | number>): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Collects field errors and throws them together as one 422. */
export class ValidationErrors {
  private readonly errors: TelnyxError[] = [];

  /** Records one problem with the field at `pointer`. */
  add(kind: ErrorKind, detail: string, pointer: string): void {
    this.errors.push(telnyxError(kind, detail, { pointer }));
  }

  /** Throws a 422 carrying every recorded problem, if there is any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new ApiError(422, this.errors);
  }
}

/** Limits for {@link FieldReader.number}. */
export interface NumberRules {
  /** The field must be present. */
  required?: boolean;
  /** The value must be a whole number. */
  integer?: boolean;
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** The value must be strictly greater than this. */
  above?: number;
}

/**
 * Typed, checked access to the fields of a control-API body. Unknown fields are errors, so a
 * misspelt option fails loudly instead of being silently ignored.
 */
export class FieldReader {
  private readonly problems = new ValidationErrors();

  constructor(
    private readonly body: JsonObject,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) {
        this.problems.add("badRequest", `Unknown field '${key}'; allowed: ${allowed.join(", ")}.`, pointerTo(key));
      }
    }
  }

  /** Reads a number field, checking type and limits. */
  number(key: string, rules: NumberRules = {}): number | undefined {
    const value = this.present(key, rules.required);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return this.fail("invalidType", key, `'${key}' must be a number.`);
    }
    if (rules.integer && !Number.isInteger(value)) return this.fail("badRequest", key, `'${key}' must be an integer.`);
    if (rules.min !== undefined && value < rules.min) return this.fail("badRequest", key, `'${key}' must be at least ${rules.min}.`);
    if (rules.max !== undefined && value > rules.max) return this.fail("badRequest", key, `'${key}' must be at most ${rules.max}.`);
    if (rules.above !== undefined && value <= rules.above) {
      return this.fail("badRequest", key, `'${key}' must be greater than ${rules.above}.`);
    }
    return value;
  }

  /** Reads a non-empty string field. */
  string(key: string, required = false): string | undefined {
    const value = this.present(key, required);
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") return this.fail("invalidType", key, `'${key}' must be a non-empty string.`);
    return value;
  }

  /** Reads a boolean field. */
  boolean(key: string): boolean | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") return this.fail("invalidType", key, `'${key}' must be a boolean.`);
    return value;
  }

  /** Reads a non-empty array of strings. */
  stringArray(key: string): string[] | undefined {
    const value = this.present(key, true);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
      return this.fail("invalidType", key, `'${key}' must be a non-empty array of strings.`);
    }
    return value as string[];
  }

  /** Records a problem found beyond type checks (a forbidden combination, a bad list item). */
  reject(detail: string, ...path: Array<string | number>): void {
    this.problems.add("badRequest", detail, pointerTo(...path));
  }

  /** Throws the collected problems as one 422, if any. */
  done(): void {
    this.problems.throwIfAny();
  }

  private present(key: string, required = false): unknown {
    const value = this.body[key];
    if (value === undefined || value === null) {
      if (required) this.problems.add("missingParameter", `'${key}' is required.`, pointerTo(key));
      return undefined;
    }
    return value;
  }

  private fail(kind: ErrorKind, key: string, detail: string): undefined {
    this.problems.add(kind, detail, pointerTo(key));
    return undefined;
  }
}
