/**
 * GENERATED from provider/properties.ts by tools/properties-gen/: do not edit.
 * Regenerate with `npm run build && npm run gen:properties`; test/sdk/properties.test.ts
 * fails when this file and the definition differ, and sdk/property-ties.ts fails `tsc`
 * when these types and the definition's types differ.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SearchRequest } from "../provider/search-criteria";

/** One number of a reservation (the `numbers` output's items). */
export interface ReservedNumber {
  /** E.164 number. */
  phoneNumber: string;
  /** Telnyx's status for this number: `pending`, `success` or `failure` (others possible). */
  status: string;
  /** When this number's hold lapses (ISO-8601), if Telnyx gave one. */
  expiresAt?: string;
  /** Why this number could not be held (Telnyx's text). */
  errors?: string;
}

/** Inputs of a `NumberReservation`. */
export interface NumberReservationArgs {
  /**
   * The numbers to hold, one or more, in E.164 ("+19705555098"); spaces, dashes and parentheses are
   * normalized, order does not matter. Give this or `search`, not both; with `search`, the output is the
   * numbers found and held. Changing it replaces the reservation.
   */
  phoneNumbers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Hold numbers found by these criteria instead of declaring them: the criteria of
   * `searchAvailablePhoneNumbers` plus `count` (how many, default 1). Found once, then fixed in state
   * (`phoneNumbers`); changing a criterion searches anew.
   */
  search?: pulumi.Input<SearchRequest>;
  /**
   * Free text stored with the reservation at Telnyx, to find it again. Changing it replaces the reservation.
   */
  customerReference?: pulumi.Input<string>;
  /**
   * Extend the hold on `up` when any held number expires within this duration ("1s" to "24h", e.g. "10m").
   */
  keepAliveWindow?: pulumi.Input<string>;
  /** Any value; setting or changing it extends the hold once. */
  extendTrigger?: pulumi.Input<string | number>;
  /**
   * How long create, or an update of a pending reservation, waits for it to settle ("1s" to "1h", default
   * "2m").
   */
  pendingTimeout?: pulumi.Input<string>;
}

/** Outputs of a `NumberReservation`: what Telnyx reports, and the inputs in force. */
export interface NumberReservationOutputs {
  /**
   * The numbers to hold, one or more, in E.164 ("+19705555098"); spaces, dashes and parentheses are
   * normalized, order does not matter. Give this or `search`, not both; with `search`, the output is the
   * numbers found and held.
   */
  readonly phoneNumbers: pulumi.Output<string[]>;
  /**
   * Hold numbers found by these criteria instead of declaring them: the criteria of
   * `searchAvailablePhoneNumbers` plus `count` (how many, default 1). Found once, then fixed in state
   * (`phoneNumbers`); changing a criterion searches anew.
   */
  readonly search: pulumi.Output<SearchRequest | undefined>;
  /** Free text stored with the reservation at Telnyx, to find it again. */
  readonly customerReference: pulumi.Output<string | undefined>;
  /**
   * Extend the hold on `up` when any held number expires within this duration ("1s" to "24h", e.g. "10m").
   */
  readonly keepAliveWindow: pulumi.Output<string | undefined>;
  /** Any value; setting or changing it extends the hold once. */
  readonly extendTrigger: pulumi.Output<string | undefined>;
  /**
   * How long create, or an update of a pending reservation, waits for it to settle ("1s" to "1h", default
   * "2m").
   */
  readonly pendingTimeout: pulumi.Output<string | undefined>;
  /** Telnyx's reservation id (also the resource id). */
  readonly reservationId: pulumi.Output<string>;
  /** Overall status: `pending`, `success` or `failure` (others possible). */
  readonly status: pulumi.Output<string>;
  /** Each number with its own status, expiry and Telnyx's error text. */
  readonly numbers: pulumi.Output<ReservedNumber[]>;
  /**
   * Earliest expiry among the numbers whose hold succeeded, lapsed or not (ISO-8601); absent when none
   * succeeded.
   */
  readonly expiresAt: pulumi.Output<string | undefined>;
  /** When Telnyx created the reservation (ISO-8601). */
  readonly createdAt: pulumi.Output<string | undefined>;
  /** When Telnyx last changed it, e.g. the last extend (ISO-8601). */
  readonly updatedAt: pulumi.Output<string | undefined>;
}
