/**
 * Calls the pack's policies the way @pulumi/policy's server does, without the
 * server: crafted validation args, the policy config as `getConfig` returns
 * it, and a collector standing in for `reportViolation`. `asEngineSends`
 * wraps props in @pulumi/policy's own unknown-checking proxy, so unknown
 * values behave exactly as during `pulumi preview`.
 */
import * as policyLib from "@pulumi/policy";
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { NUMBER_RESERVATION_TYPE } from "../../policy/rules";

export { NUMBER_RESERVATION_TYPE };

/** The engine's marker for a value not known during preview (a string input computed from an output). */
export const UNKNOWN_VALUE: string = unknownValue;

/** Policy config for one policy, as passed with `--policy-pack-config`. */
export type PolicySettings = Record<string, unknown>;

/** A violation as reported: the message, and the URN a stack policy named. */
export interface Reported {
  message: string;
  urn?: string;
}

const OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

// Not in @pulumi/policy's typings, but exported at runtime: the proxy its
// server puts around every resource's props.
const unknownCheckingProxy = (policyLib as unknown as { unknownCheckingProxy<T extends object>(props: T): T })
  .unknownCheckingProxy;

/** `props` wrapped as the policy server wraps them: reading an unknown value throws. */
export function asEngineSends<T extends object>(props: T): T {
  return unknownCheckingProxy(props);
}

/** The URN the engine would give a resource of `type` named `name`. */
export function urnOf(name: string, type = NUMBER_RESERVATION_TYPE): string {
  return `urn:pulumi:dev::telnyx-app::${type}::${name}`;
}

function notApplicable(reason?: string): never {
  throw new Error(`notApplicable: ${reason ?? ""}`);
}

/** Validation args for one resource; `type` defaults to the NumberReservation token. */
export function resourceArgs(
  name: string,
  props: Record<string, unknown>,
  options: { type?: string; config?: PolicySettings } = {},
): ResourceValidationArgs {
  const type = options.type ?? NUMBER_RESERVATION_TYPE;
  return {
    type,
    name,
    urn: urnOf(name, type),
    props,
    opts: OPTIONS,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => (options.config ?? {}) as T,
    notApplicable,
  };
}

/** One resource of a stack, for a stack policy. */
export function stackResource(name: string, props: Record<string, unknown>, type = NUMBER_RESERVATION_TYPE): PolicyResource {
  return {
    type,
    name,
    urn: urnOf(name, type),
    props,
    opts: OPTIONS,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  };
}

/** Run every validation of a resource policy; the messages it reported. */
export async function validateResource(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<string[]> {
  const reported: string[] = [];
  const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
  for (const validation of validations) await validation(args, (message) => reported.push(message));
  return reported;
}

/** Run a stack policy over `resources`; the violations it reported. */
export async function validateStack(
  policy: StackValidationPolicy,
  resources: PolicyResource[],
  config: PolicySettings = {},
): Promise<Reported[]> {
  const reported: Reported[] = [];
  const args: StackValidationArgs = {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
  await policy.validateStack(args, (message, urn) => reported.push({ message, urn }));
  return reported;
}

/** The parts every violation message must name, for {@link expectNames}. */
export interface MessageParts {
  resource: string;
  property: string;
  /** The offending value as the message shows it, e.g. `"+1 555"` or `(not set)`. */
  value: string;
  /** A fragment of the fix. */
  fix: string;
}

/** Assert that `message` names the resource, the property, the offending value and the fix. */
export function expectNames(message: string | undefined, parts: MessageParts): void {
  expect(message).toBeDefined();
  const text = message as string;
  expect(text).toContain(`NumberReservation "${parts.resource}"`);
  expect(text).toContain(`${parts.property} ${parts.value}`);
  expect(text).toMatch(/ Fix: .+\.$/);
  expect(text.slice(text.indexOf(" Fix: "))).toContain(parts.fix);
}
