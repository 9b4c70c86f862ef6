/**
 * `NumberReservation`: a Telnyx phone-number reservation declared in a Pulumi
 * program. See docs/resource.md for every input and output; their types and
 * TSDoc are generated from provider/properties.ts into
 * number-reservation-properties.ts.
 *
 * Type token: `pulumi-nodejs:dynamic/telnyx:NumberReservation` (provider/type-tokens.ts).
 *
 * The class extends `CustomResource` and does what `pulumi.dynamic.Resource`'s
 * constructor does (that type token, the provider as `__provider`)
 * rather than subclassing it: the engine's stack trace skips exactly three
 * constructors, so a subclass of `dynamic.Resource` recorded its own frame,
 * inside node_modules, as the resource's source position, and stored one more
 * frame per resource.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import provider = require("../provider/instance");
import { registeredProperties } from "../provider/properties";
import { DYNAMIC_RESOURCE_TOKEN } from "../provider/type-tokens";
import type { NumberReservationArgs, NumberReservationOutputs, ReservedNumber } from "./number-reservation-properties";

export type { NumberReservationArgs, NumberReservationOutputs, ReservedNumber };


/**
 * `__provider` of an installed package: the dynamic-provider host evaluates it in the program's
 * folder and calls `handler()`, so this requires the package's `./provider` export by name, as
 * Pulumi's closure serializer would, in 72 bytes instead of its 292. Every resource stores it
 * twice, and the engine rewrites the whole state after every step of an `up`.
 */
const INSTALLED_PROVIDER = 'exports.handler = () => require("pulumi-telnyx-reservations/provider");\n';

let providerText: pulumi.Output<string> | undefined;

/**
 * The provider as the dynamic-provider host loads it, once per process. Loaded from outside
 * node_modules (this repository's demo imports the SDK from source), nothing can require the
 * package by name, so Pulumi serializes it by value, as `pulumi.dynamic.Resource` would.
 */
function serializedProvider(): pulumi.Output<string> {
  providerText ??= pulumi.output(
    __filename.split(path.sep).includes("node_modules")
      ? INSTALLED_PROVIDER
      : pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }).then((f) => f.text),
  );
  return providerText;
}

/**
 * A Telnyx number reservation.
 *
 * Adopt an existing reservation instead of creating one with the `import`
 * resource option: a reservation id, or a phone number it holds
 * (`{ import: "+19705555098" }`). The engine's own import cannot read dynamic
 * resources, so this class turns the option into an adoption; leaving it in
 * place afterwards changes nothing.
 */
export class NumberReservation extends pulumi.CustomResource {
  /** Reference an existing reservation read-only (nothing is managed or changed). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): NumberReservation {
    return new NumberReservation(name, undefined, { ...opts, id });
  }

  constructor(name: string, args: NumberReservationArgs, opts?: pulumi.CustomResourceOptions);
  /** @internal used by {@link NumberReservation.get} */
  constructor(name: string, args: NumberReservationArgs | undefined, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args: NumberReservationArgs | undefined, opts: pulumi.CustomResourceOptions = {}) {
    const { import: adopt, ...rest } = opts;
    const { props, unset } = registeredProperties(args as Record<string, unknown> | undefined, adopt);
    props.__provider = serializedProvider();
    // While Pulumi registers the resource it wraps each property in four promises, and each captures
    // `new Error().stack`, used only by its promise-leak report; under ts-node every captured frame
    // is source-mapped. That made a program of 500 reservations spend 1.7x the CPU of 500 no-op
    // resources. The resource's own stack trace sets its own limit, so it is unaffected.
    const limit = Error.stackTraceLimit;
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
    try {
      super(DYNAMIC_RESOURCE_TOKEN, name, props, rest);
    } catch (err) {
      // An error thrown in there has no frames yet: give it the program's.
      Error.stackTraceLimit = limit;
      if (err instanceof Error) Error.captureStackTrace(err, NumberReservation);
      throw err;
    } finally {
      Error.stackTraceLimit = limit;
    }
    for (const output of unset) (this as unknown as Record<string, pulumi.Output<unknown>>)[output] = pulumi.output(undefined);
  }
}

/** The outputs, declared on the class by merging (TSDoc and types from the generated interface). */
export interface NumberReservation extends NumberReservationOutputs {}
