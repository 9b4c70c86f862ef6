/**
 * Waiting for a `pending` reservation to settle: Telnyx answers a create with
 * `pending` and decides each number shortly after, so the provider polls
 * `GET /number_reservations/{id}` with growing pauses until a deadline.
 */
import { NumberReservation, TelnyxClient, sleep } from "./telnyx";
import { isPending } from "./reservation-state";

export interface SettleResult {
  record: NumberReservation;
  /** False when the deadline passed while still pending. */
  settled: boolean;
}

export async function waitUntilSettled(
  client: TelnyxClient,
  record: NumberReservation,
  timeoutMs: number,
): Promise<SettleResult> {
  const deadline = Date.now() + timeoutMs;
  let pause = 200;
  while (isStillPending(record)) {
    const left = deadline - Date.now();
    if (left <= 0) return { record, settled: false };
    await sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, 2_000);
    record = await client.retrieve(record.id);
  }
  return { record, settled: true };
}

function isStillPending(record: NumberReservation): boolean {
  return isPending(record.status) || record.phone_numbers.some((n) => isPending(n.status));
}
