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
 * replace (except numbers narrowed to exactly those held after a partial
 * failure: update). Keep-alive window reached or trigger changed: update
 * (extend). `adopt` never causes a diff.
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
    const numbersChanged = !sameNumbers(olds.phoneNumbers ?? [], news.phoneNumbers);
    // After a partial failure, declaring just the numbers the reservation holds is not a new
    // reservation: the update drops the failed ones from state.
    const narrowedToHeld = sameNumbers(heldNumbers(olds.numbers ?? []).map((n) => n.phoneNumber), news.phoneNumbers);
    if (numbersChanged && !narrowedToHeld) replaces.push("phoneNumbers");
    if ((olds.customerReference ?? undefined) !== (news.customerReference ?? undefined)) replaces.push("customerReference");
    const now = await this.client().syncedServerNow();
    if (replaces.length === 0 && everyHoldLapsed(olds, now)) replaces.push("expiresAt");
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };

    const changes =
      numbersChanged ||
      needsAttention(olds) ||
      (olds.extendTrigger ?? undefined) !== (news.extendTrigger ?? undefined) ||
      (olds.keepAliveWindow ?? undefined) !== (news.keepAliveWindow ?? undefined) ||
      (olds.pendingTimeout ?? undefined) !== (news.pendingTimeout ?? undefined) ||
      withinKeepAliveWindow(olds, news, now);
    return { changes };
  }

  async create(inputs: ReservationInputs): Promise<pulumi.dynamic.CreateResult<ReservationOutputs>> {
    const outs = await keepingProvider(inputs, () => reserve(this.client(), inputs));
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
      return { outs: await keepingProvider(news, async () => settle(client, news, await client.retrieve(id))) };
    }
    const now = await client.syncedServerNow();
    const extend =
      (olds.extendTrigger ?? undefined) !== (news.extendTrigger ?? undefined) || withinKeepAliveWindow(olds, news, now);
    if (!extend) return { outs: withInputs(olds, news) };
    try {
      return { outs: toOutputs(news, await client.extend(id)) };
    } catch (err) {
      if (!(err as { isNotFound?: boolean }).isNotFound) throw err;
      throw new Error(
        `Reservation ${id} no longer exists at Telnyx, so it cannot be extended. ` +
          "Run `pulumi refresh` (or `pulumi up --refresh`): the refresh drops it and the next `up` reserves the numbers again.",
      );
    }
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

/**
 * Run a create or settle whose `ReservationInitError` the engine records as the
 * resource's state. The dynamic-provider host adds `__provider` only to
 * successful results, so it is copied into the error's state here: without it,
 * a later refresh or destroy of that state cannot load the provider. The error
 * travels in gRPC trailers, which Node's HTTP/2 caps at 64 KiB, so a provider
 * serialized by value (tens of KiB, from a local checkout) is left out; the
 * next `pulumi up` restores it. Installed from npm it is a one-line `require`.
 */
async function keepingProvider<T>(inputs: ReservationInputs, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const provider = (inputs as unknown as Record<string, unknown>).__provider;
    const properties = (err as { properties?: Record<string, unknown> }).properties;
    const small = typeof provider === "string" && provider.length <= MAX_PROVIDER_IN_ERROR;
    if ((err as { id?: string }).id && properties && small) properties.__provider = provider;
    throw err;
  }
}

const MAX_PROVIDER_IN_ERROR = 16 * 1024;

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
