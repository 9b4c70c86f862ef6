/**
 * Compile-time ties between the SDK's generated interfaces
 * (number-reservation-properties.ts) and the types the definition
 * (provider/properties.ts) gives by itself: each line fails `tsc` when a
 * property's presence, optionality, readonly-ness or TYPE differs, e.g. a
 * definition changed without `npm run gen:properties`, or a hand edit.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ArgOf, DynamicOnlyName, InputName, PropertyName, RequiredInputName, RequiredName, ReservedNumber as StateReservedNumber, ValueOf } from "../provider/properties";
import type { NumberReservationArgs, NumberReservationOutputs, ReservedNumber } from "./number-reservation-properties";

/** `true` only when A and B are the same type (not merely assignable to each other). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type Flat<T> = { [K in keyof T]: T[K] };

type Exposed = Exclude<PropertyName, DynamicOnlyName>;
/** How a program gives a value: a list's items may each be an `Input` too. */
type InputOf<T> = [T] extends [Array<infer Item>] ? pulumi.Input<pulumi.Input<Item>[]> : pulumi.Input<T>;

type ArgsFromDefinition = Flat<
  { [K in Exposed & RequiredInputName]: InputOf<ArgOf<K>> } & { [K in Exclude<Exposed & InputName, RequiredInputName>]?: InputOf<ArgOf<K>> }
>;
type OutputsFromDefinition = {
  readonly [K in Exposed]: pulumi.Output<K extends RequiredName ? ValueOf<K> : ValueOf<K> | undefined>;
};

export type GeneratedMatchesDefinition = [
  Assert<Equal<NumberReservationArgs, ArgsFromDefinition>>,
  Assert<Equal<NumberReservationOutputs, OutputsFromDefinition>>,
  Assert<Equal<ReservedNumber, StateReservedNumber>>,
];
