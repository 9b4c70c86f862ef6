/**
 * A create or update that has a reservation to keep in state but could not finish
 * (e.g. numbers failed, or it is still pending at the deadline). Thrown with the id
 * and full state, the dynamic-provider host turns it into the engine's
 * "initialization failed" answer: the engine keeps the resource in state with the
 * error, so the reservation is never lost, and the next `pulumi up` looks at it again.
 */
import { ReservationOutputs } from "./reservation-state";

export class ReservationInitError extends Error {
  override readonly name = "ReservationInitError";
  /** Read by the dynamic-provider host: the id to record. */
  readonly id: string;
  /** Read by the dynamic-provider host: the state to record. */
  readonly properties: ReservationOutputs;
  /** Read by the dynamic-provider host: shown as the resource's init errors. */
  readonly reasons: string[];

  constructor(message: string, properties: ReservationOutputs) {
    super(message);
    this.id = properties.reservationId;
    this.properties = properties;
    this.reasons = [message];
  }
}
