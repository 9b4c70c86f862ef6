/**
 * "Is this number held?", asked of the emulator, with the provider's own rule
 * (provider/reservation-state.ts, `liveOrPendingNumbers`): a number is held when
 * its hold succeeded and has not lapsed on Telnyx's clock, or while it is still
 * pending, since no other reservation can hold it then either.
 */
import { liveOrPendingNumbers, summarize } from "../provider/reservation-state";
import type { EmulatorControl } from "./emulator-control";

export interface Holder {
  id: string;
  /** The numbers it holds now, sorted. */
  numbers: string[];
  reference?: string;
}

/** Every reservation holding at least one number at the emulator's now. */
export async function holders(control: EmulatorControl): Promise<Holder[]> {
  const now = Date.parse(await control.now());
  return (await control.reservations())
    .map((r) => ({
      id: r.id,
      numbers: liveOrPendingNumbers(summarize(r).numbers, now).map((n) => n.phoneNumber).sort(),
      ...(r.customer_reference ? { reference: r.customer_reference } : {}),
    }))
    .filter((r) => r.numbers.length > 0);
}

/** Ids of the reservations holding `phoneNumber` now. */
export async function holdersOf(control: EmulatorControl, phoneNumber: string): Promise<string[]> {
  return (await holders(control)).filter((r) => r.numbers.includes(phoneNumber)).map((r) => r.id);
}
