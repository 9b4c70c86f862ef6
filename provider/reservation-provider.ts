/**
 * The dynamic provider behind `NumberReservation`. Verbs and their Telnyx calls:
 *
 *   check   no call: numbers normalized to E.164, every input validated
 *   diff    no call, except one `GET /number_reservations?page[size]=1` per
 *           process to learn Telnyx's clock (holds lapse on Telnyx's time)
 *   create  `POST /number_reservations`, then `GET /number_reservations/{id}`
 *           while pending; adoption instead reads `GET /number_reservations/{id}`
 *           or `GET /number_reservations?filter[phone_numbers.phone_number]=…`
 *   read    `GET /number_reservations/{id}`; a 404 drops it from state
 *   update  `POST /number_reservations/{id}/actions/extend`, only when the
 *           keep-alive window is reached or `extendTrigger` changed
 *   delete  no call: Telnyx cannot release a reservation; holds lapse at
 *           `expired_at`, and the user is told when
 *
 * Diff rules: numbers or customer reference changed, or every hold lapsed:
 * replace. Keep-alive window reached or trigger changed: update (extend).
 * `adopt` never causes a diff.
 */
import * as pulumi from "@pulumi/pulumi";
import { TelnyxClient } from "./telnyx";
import { ConfigSource, clientOptionsFromConfig } from "./config";
import { CheckFailure, INPUT_KEYS, ReservationInputs, checkInputs, durationMs } from "./inputs";
import { sameNumbers } from "./phone-numbers";
import { reserve, settle } from "./reserve";
import { notify } from "./notices";
import {
  ReservationOutputs,
  declaredFailures,
  describeHolds,
  heldNumbers,
  isPending,
  liveNumbers,
  pickInputs,
  toOutputs,
} from "./reservation-state";
import { numbersOf } from "./find-existing";

export class ReservationProvider implements pulumi.dynamic.ResourceProvider<ReservationInputs, ReservationOutputs> {
  private config?: ConfigSource;
  private telnyx?: TelnyxClient;

  /** Runs once per provider process; settings are read here so nothing secret is serialized. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
  }

  async check(_olds: ReservationInputs, news: ReservationInputs): Promise<pulumi.dynamic.CheckResult<ReservationInputs>> {
    const { inputs, failures } = checkInputs(news as unknown as Record<string, unknown>);
    return { inputs, failures: failures as CheckFailure[] };
  }

  async diff(_id: string, olds: ReservationOutputs, news: ReservationInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (!sameNumbers(olds.phoneNumbers ?? [], news.phoneNumbers)) replaces.push("phoneNumbers");
    if ((olds.customerReference ?? undefined) !== (news.customerReference ?? undefined)) replaces.push("customerReference");
    const now = await this.client().syncedServerNow();
    if (replaces.length === 0 && everyHoldLapsed(olds, now)) replaces.push("expiresAt");
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };

    const changes =
      needsAttention(olds) ||
      (olds.extendTrigger ?? undefined) !== (news.extendTrigger ?? undefined) ||
      (olds.keepAliveWindow ?? undefined) !== (news.keepAliveWindow ?? undefined) ||
      (olds.pendingTimeout ?? undefined) !== (news.pendingTimeout ?? undefined) ||
      withinKeepAliveWindow(olds, news, now);
    return { changes };
  }

  async create(inputs: ReservationInputs): Promise<pulumi.dynamic.CreateResult<ReservationOutputs>> {
    const outs = await reserve(this.client(), inputs);
    return { id: outs.reservationId, outs };
  }

  async read(id: string, props?: ReservationOutputs): Promise<pulumi.dynamic.ReadResult<ReservationOutputs>> {
    let record;
    try {
      record = await this.client().retrieve(id);
    } catch (err) {
      if (!(err as { isNotFound?: boolean }).isNotFound) throw err;
      await notify(
        "warning",
        `Reservation ${id} (${(props?.phoneNumbers ?? []).join(", ")}) no longer exists at Telnyx, so it holds nothing; ` +
          "removing it from state. The next `pulumi up` reserves the numbers again.",
      );
      return { id: "" };
    }
    // A managed resource keeps its declared inputs; a `NumberReservation.get` has none, so Telnyx's are used.
    const inputs: ReservationInputs = props?.phoneNumbers
      ? pickInputs(props)
      : { phoneNumbers: numbersOf(record), ...(record.customer_reference ? { customerReference: record.customer_reference } : {}) };
    return { id, props: toOutputs(inputs, record), inputs: inputs as ReservationOutputs };
  }

  async update(id: string, olds: ReservationOutputs, news: ReservationInputs): Promise<pulumi.dynamic.UpdateResult<ReservationOutputs>> {
    const client = this.client();
    if (needsAttention(olds)) {
      // Left pending or partly failed by an earlier run: look again rather than extend blindly.
      return { outs: await settle(client, news, await client.retrieve(id)) };
    }
    const now = await client.syncedServerNow();
    const extend =
      (olds.extendTrigger ?? undefined) !== (news.extendTrigger ?? undefined) || withinKeepAliveWindow(olds, news, now);
    if (!extend) return { outs: withInputs(olds, news) };
    return { outs: toOutputs(news, await client.extend(id)) };
  }

  async delete(id: string, props: ReservationOutputs): Promise<void> {
    const now = this.telnyx?.serverNow() ?? Date.now();
    const live = liveNumbers(props.numbers ?? [], now);
    await notify(
      "warning",
      live.length
        ? `Reservation ${id} is removed from state, but Telnyx has no call to release it: ` +
            `its numbers stay held until the holds lapse (${describeHolds(live)}).`
        : `Reservation ${id} is removed from state; its holds have already lapsed.`,
    );
  }

  private client(): TelnyxClient {
    this.telnyx ??= new TelnyxClient(clientOptionsFromConfig(this.config));
    return this.telnyx;
  }
}

/** State left by an init error: still pending, or some numbers failed. */
function needsAttention(olds: ReservationOutputs): boolean {
  return isPending(olds.status) || declaredFailures(olds).length > 0;
}

function everyHoldLapsed(olds: ReservationOutputs, now: number): boolean {
  const held = heldNumbers(olds.numbers ?? []);
  return held.length > 0 && liveNumbers(held, now).length === 0;
}

function withinKeepAliveWindow(olds: ReservationOutputs, news: ReservationInputs, now: number): boolean {
  if (!news.keepAliveWindow || !olds.expiresAt) return false;
  const left = Date.parse(olds.expiresAt) - now;
  return left > 0 && left <= durationMs(news.keepAliveWindow, news.keepAliveWindow);
}

/** The old state with the new inputs (optional inputs removed from the program disappear). */
function withInputs(olds: ReservationOutputs, news: ReservationInputs): ReservationOutputs {
  const outs: Record<string, unknown> = { ...olds };
  for (const key of INPUT_KEYS) delete outs[key];
  return { ...(outs as unknown as ReservationOutputs), ...pickInputs(news) };
}
