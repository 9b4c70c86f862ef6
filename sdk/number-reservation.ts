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
import * as pulumi from "@pulumi/pulumi";
import { registeredProperties } from "../provider/properties";
import { expandedNumbers } from "../provider/stored-outputs";
import { DYNAMIC_RESOURCE_TOKEN } from "../provider/type-tokens";
import { providerText } from "./provider-text";
import type { NumberReservationArgs, NumberReservationOutputs, ReservedNumber } from "./number-reservation-properties";

export type { NumberReservationArgs, NumberReservationOutputs, ReservedNumber };

/** Worked out once per program (the one check of the file system). */
let storedProvider: string | undefined;

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
    props.__provider = (storedProvider ??= providerText());
    // While Pulumi registers the resource it wraps each property in four promises, and each captures
    // `new Error().stack`, used only by its promise-leak report; under ts-node every captured frame
    // is source-mapped. That made a program of 500 reservations spend 1.7x the CPU of 500 no-op
    // resources. The resource's own stack trace sets its own limit, so it is unaffected.
    const limit = Error.stackTraceLimit;
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
    try {
      super(DYNAMIC_RESOURCE_TOKEN, name, props, rest);
      this.deriveOutputs(unset);
    } catch (err) {
      // An error thrown in there has no frames yet: give it the program's.
      Error.stackTraceLimit = limit;
      if (err instanceof Error) Error.captureStackTrace(err, NumberReservation);
      throw err;
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /**
   * The outputs not registered: the unset inputs (`undefined`), and those the provider does not
   * store because they repeat others (provider/stored-outputs.ts; the engine walks every stored
   * value of every resource at each checkpoint). Called while promise stacks are off, since
   * `apply` makes promises too.
   */
  private deriveOutputs(unset: readonly string[]): void {
    const outputs = this as { -readonly [K in keyof NumberReservationOutputs]: NumberReservationOutputs[K] };
    for (const output of unset) (outputs as unknown as Record<string, pulumi.Output<unknown>>)[output] = pulumi.output(undefined);
    outputs.reservationId = this.id;
    const stored = this.numbers;
    const derived = pulumi.all([this.phoneNumbers, this.status, this.expiresAt]).apply(([phoneNumbers, status, expiresAt]) => expandedNumbers({ phoneNumbers, status, expiresAt }));
    // In a preview, Pulumi's SDK resolves an output absent from state as unknown, not undefined: a stored
    // numbers is known, so an unknown one was left out, and is derived (unknown too when status is).
    // `isKnown` is not in Pulumi's typings; without it, numbers stays unknown in previews only.
    const known = (stored as { isKnown?: Promise<boolean> }).isKnown ?? Promise.resolve(true);
    outputs.numbers = pulumi.output(known).apply((isKnown) => (isKnown ? stored.apply((numbers) => numbers ?? derived) : derived));
  }
}

/** The outputs, declared on the class by merging (TSDoc and types from the generated interface). */
export interface NumberReservation extends NumberReservationOutputs {}
