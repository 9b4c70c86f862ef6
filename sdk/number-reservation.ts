/**
 * `NumberReservation`: a Telnyx phone-number reservation declared in a Pulumi
 * program. See docs/resource.md for every input and output.
 *
 * Type token: `pulumi-nodejs:dynamic/telnyx:NumberReservation`.
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
import type { ReservedNumber } from "../provider/reservation-state";
import { registeredProperties, type DynamicOnlyName, type InputName, type RequiredName } from "../provider/properties";
import type { Assert, RequiredKeys, Same } from "../provider/property-ties";

export type { ReservedNumber };

const TYPE = "pulumi-nodejs:dynamic/telnyx:NumberReservation";

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

/** Inputs of a {@link NumberReservation}. */
export interface NumberReservationArgs {
  /**
   * The numbers to hold, one or more, in E.164 (`"+19705555098"`); spaces,
   * dashes and parentheses are accepted and normalized, order does not matter.
   * Changing the set replaces the reservation.
   */
  phoneNumbers: pulumi.Input<pulumi.Input<string>[]>;
  /** Free text stored with the reservation at Telnyx, to find it again. Changing it replaces the reservation. */
  customerReference?: pulumi.Input<string>;
  /**
   * Keep-alive: on `pulumi up`, extend the hold when any held number expires
   * within this duration (e.g. `"10m"`). A scheduled `pulumi up` then keeps the
   * numbers held. Unset: never extended automatically.
   */
  keepAliveWindow?: pulumi.Input<string>;
  /** Any value; changing it extends the hold once (e.g. a date or a counter). */
  extendTrigger?: pulumi.Input<string | number>;
  /**
   * How long create (or an update) waits for a `pending` reservation to settle before failing
   * (the reservation is kept in state either way). Default `"2m"`. Pulumi's
   * `customTimeouts` do not reach dynamic providers, hence this input.
   */
  pendingTimeout?: pulumi.Input<string>;
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
  /** Telnyx's reservation id (also the resource id). */
  declare readonly reservationId: pulumi.Output<string>;
  /** Overall status: `pending`, `success` or `failure`. */
  declare readonly status: pulumi.Output<string>;
  /** The declared numbers, normalized to E.164. */
  declare readonly phoneNumbers: pulumi.Output<string[]>;
  /** The declared customer reference. */
  declare readonly customerReference: pulumi.Output<string | undefined>;
  /** Each number with its status, expiry and Telnyx's error text. */
  declare readonly numbers: pulumi.Output<ReservedNumber[]>;
  /** Earliest expiry among numbers whose hold succeeded (ISO-8601); in the past once they lapsed. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** When Telnyx created the reservation. */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** When Telnyx last changed it (e.g. the last extend). */
  declare readonly updatedAt: pulumi.Output<string | undefined>;
  /** The keep-alive window in force. */
  declare readonly keepAliveWindow: pulumi.Output<string | undefined>;
  /** The extend trigger in force. */
  declare readonly extendTrigger: pulumi.Output<string | undefined>;
  /** The pending deadline in force. */
  declare readonly pendingTimeout: pulumi.Output<string | undefined>;

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
      super(TYPE, name, props, rest);
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

/** Fails `tsc` when `NumberReservationArgs` and provider/properties.ts drift (the `import` option is not an arg). */
export type ArgsMatchDefinition = [
  Assert<Same<keyof NumberReservationArgs, Exclude<InputName, DynamicOnlyName>>>,
  Assert<Same<RequiredKeys<NumberReservationArgs>, Exclude<InputName & RequiredName, DynamicOnlyName>>>,
];
