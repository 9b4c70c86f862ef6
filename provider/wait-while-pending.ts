/**
 * Waiting for a `pending` reservation: Telnyx answers a create with `pending`
 * and decides each number shortly after, so the provider polls
 * `GET /number_reservations/{id}` with growing pauses until a deadline. The
 * first pause is how long the client's last reservation took to settle (learned
 * from its `updated_at - created_at`), so a run of many creates polls about once
 * each instead of waking early and holding an engine slot longer.
 */
import { NumberReservation, TelnyxClient, sleep } from "./telnyx";
import { isPending } from "./reservation-state";

export interface WaitResult {
  record: NumberReservation;
  /** False when the deadline passed while still pending. */
  settled: boolean;
}

export async function waitWhilePending(client: TelnyxClient, record: NumberReservation, timeoutMs: number): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;
  const wasPending = isStillPending(record);
  const learnedMs = settleMs.get(client);
  let pause = learnedMs === undefined ? 200 : Math.min(Math.max(learnedMs + 25, 25), 2_000);
  let polls = 0;
  while (isStillPending(record)) {
    const left = deadline - Date.now();
    if (left <= 0) return { record, settled: false };
    await sleep(Math.min(pause, left));
    pause = polls++ === 0 ? Math.max(200, pause * 2) : Math.min(pause * 2, 2_000);
    record = await client.retrieve(record.id);
  }
  if (wasPending) learn(client, record);
  return { record, settled: true };
}

/**
 * Telnyx's own settle time (updated_at - created_at) of the latest reservation each client saw
 * settling: one client per provider, so one learning per `pulumi` command.
 */
const settleMs = new WeakMap<TelnyxClient, number>();

function learn(client: TelnyxClient, record: NumberReservation): void {
  const took = Date.parse(record.updated_at ?? "") - Date.parse(record.created_at ?? "");
  if (Number.isFinite(took) && took >= 0) settleMs.set(client, took);
}

function isStillPending(record: NumberReservation): boolean {
  return isPending(record.status) || record.phone_numbers.some((n) => isPending(n.status));
}
