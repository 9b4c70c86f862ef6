/**
 * The reservation verbs, protocol-neutral: both adapters call them, the dynamic
 * provider (provider/dynamic/, behind `NumberReservation`) and the native plugin
 * (native-provider/, the `telnyx` package); each adapter translates its protocol
 * and holds its own workarounds. Verbs and their Telnyx calls:
 *
 *   check   none: every input validated, numbers normalized to E.164
 *   diff    none, unless a hold lapses or a keep-alive window opens within 5 minutes
 *           (then Telnyx's clock: a one-item list page, once per process), or the
 *           reservation is pending (`GET /number_reservations/{id}`)
 *   create  `POST /number_reservations` (an unanswered one is looked up by list before
 *           any second POST), then `GET …/{id}` while pending; with `import`, the
 *           target is read first (`GET …/{id}`, or a list by number); a `search` resource
 *           first `GET /available_phone_numbers` (search-and-hold.ts: one search, or one
 *           per number to hold the same numbers again after a lapse)
 *   read    `GET /number_reservations/{id}`; a 404 drops it from state
 *   update  the reads of diff, then `POST /number_reservations/{id}/actions/extend`,
 *           `GET …/{id}` while pending, or no call (narrowing, state-only changes)
 *   delete  none: Telnyx has no release call; a warning says when the holds lapse
 *
 * `plan` (plan.ts) decides every case; this file carries it out (docs/how-it-works.md#the-plan).
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { TelnyxApiError, TelnyxClient } from "./telnyx";
import { ConfigSource, clientOptionsFromConfig } from "./config";
import { CheckFailure, INPUT_KEYS, NumberInputs, ReservationInputs, checkInputs } from "./inputs";
import { withNumbers } from "./search-hold";
import { createReservation, outcome } from "./create-reservation";
import { numbersOf } from "./existing-reservations";
import { REPLACE_ON_CHANGE } from "./properties";
import { ReservationInitError } from "./init-error";
import { Plan, TelnyxView, VANISHED, plan, planFarFromDeadlines } from "./plan";
import { notify } from "./notices";
import { runAgeMs } from "./run-start";
import { ReservationOutputs, describeHolds, liveNumbers, pickInputs, toOutputs } from "./reservation-state";

/** What `diff` found: no change, a change (replacing when `replaces` is not empty), or a refusal saying what to do. */
export type DiffAnswer = { changes: false } | { changes: true; replaces: string[] } | { refused: string };

/** What `read` found: gone at Telnyx (`id` empty: drop it from state), or the state and the inputs to keep. */
export type ReadAnswer = { id: "" } | { id: string; props: ReservationOutputs; inputs: ReservationInputs };

export class Reservations {
  private config?: ConfigSource;
  private telnyx?: TelnyxClient;
  /** When this provider was configured (local clock): the latest this run can have started. */
  private configuredAt = Date.now();
  /**
   * Numbers a `search` resource held before its reservation lapsed, from `diff` (which has the state)
   * to the `create` of its replacement (which gets only the inputs), keyed by `reholdKey`.
   */
  private readonly reholds = new Map<string, string[][]>();
  /** Warnings the client raised, sent before the verb that caused them answers. */
  private readonly clientNotices: Promise<void>[] = [];

  /** Runs once per provider process; settings are read here so nothing secret is serialized. */
  configure(config: ConfigSource | undefined): void {
    this.config = config;
    this.configuredAt = Date.now();
  }

  check(olds: ReservationInputs | undefined, news: ReservationInputs): { inputs: ReservationInputs; failures: CheckFailure[] } {
    const { inputs, failures } = checkInputs(news as unknown as Record<string, unknown>);
    // `import` adopts once, when the resource is first created, as Pulumi's own option does. Once the
    // resource exists, a replacement must reserve its numbers anew, not adopt the reservation it replaces.
    if (Array.isArray(olds?.phoneNumbers) || olds?.search) delete inputs.adopt;
    return { inputs, failures: failures as CheckFailure[] };
  }

  async diff(id: string, olds: ReservationOutputs, news: ReservationInputs): Promise<DiffAnswer> {
    const unknown = unknownIdentity(news);
    if (unknown.length) return { changes: true, replaces: unknown };
    const decided = (await this.plan(id, olds, news)).plan;
    switch (decided.action) {
      case "refuse":
        return { refused: `NumberReservation ${id}: ${decided.reason}` };
      case "replace":
        if (decided.rehold) this.reholds.set(reholdKey(news), [...(this.reholds.get(reholdKey(news)) ?? []), decided.rehold]);
        return { changes: true, replaces: decided.replaces };
      case "nothing":
        return { changes: false };
      case "create": // never for a resource in state (plan answers create only without one)
      case "record":
      case "settle":
      case "extend":
      case "narrow":
        return { changes: true, replaces: [] };
      default:
        return unreachable(decided);
    }
  }

  async create(inputs: ReservationInputs): Promise<ReservationOutputs> {
    try {
      const rehold = inputs.search ? this.reholds.get(reholdKey(inputs))?.shift() : undefined;
      return await createReservation(this.client(), inputs, Date.now() - runAgeMs(Date.now() - this.configuredAt), rehold);
    } finally {
      await this.flushNotices();
    }
  }

  async read(id: string, props?: ReservationOutputs): Promise<ReadAnswer> {
    const view = await this.view(id);
    await this.flushNotices();
    if ("vanished" in view) {
      await notify(
        "warning",
        `Reservation ${id} (${(props?.phoneNumbers ?? []).join(", ")}) no longer exists at Telnyx, so it holds nothing; ` +
          "removing it from state. The next `pulumi up` reserves the numbers again.",
      );
      return { id: "" };
    }
    const record = view.record;
    // A managed resource keeps its declared inputs; a `NumberReservation.get` has none, so Telnyx's are used.
    const inputs: ReservationInputs = props?.phoneNumbers
      ? pickInputs(props)
      : { phoneNumbers: numbersOf(record), ...(record.customer_reference ? { customerReference: record.customer_reference } : {}) };
    return { id, props: toOutputs({ ...inputs, phoneNumbers: props?.phoneNumbers ?? numbersOf(record) }, record), inputs };
  }

  async update(id: string, olds: ReservationOutputs, declared: ReservationInputs): Promise<ReservationOutputs> {
    const { plan: decided, view } = await this.plan(id, olds, declared);
    const client = this.client();
    // A search resource's inputs with the numbers it holds, as the plan saw them.
    const news = withNumbers(olds, declared, client.serverNow()).declared;
    // State to build on: what Telnyx just said, else what state says, with the new inputs.
    const base = view && "record" in view ? toOutputs(news, view.record) : withInputs(olds, news);
    const kept = (work: () => Promise<ReservationOutputs>) => keepingTrigger(olds, work);
    switch (decided.action) {
      case "refuse":
        throw new Error(`NumberReservation ${id}: ${decided.reason}`);
      case "replace":
        // Telnyx changed between preview and update: keep what was seen, and the next `up` replaces.
        throw new ReservationInitError(`${capitalize(decided.reason)} on the next \`pulumi up\`.`, {
          ...base,
          ...(view && "vanished" in view ? { status: VANISHED } : {}),
        });
      case "settle": {
        const record = view && "record" in view ? view.record : await client.retrieve(id);
        const settled = await kept(() => outcome(client, news, record, { kind: "existing" }));
        return decided.extend ? await kept(() => this.extend(id, news, settled)) : settled;
      }
      case "extend":
        return await kept(() => this.extend(id, news, base, decided));
      case "narrow":
        if (decided.stillHeld.length) {
          await notify(
            "warning",
            `Reservation ${id} keeps holding ${describeHolds(decided.stillHeld)}, which phoneNumbers no longer declares: ` +
              "Telnyx cannot release part of a reservation, and extending it extends those numbers too.",
          );
        }
        return decided.extend ? await kept(() => this.extend(id, news, base)) : base;
      case "nothing":
      case "record":
        return base;
      case "create":
        throw new Error(`NumberReservation ${id}: an update was asked for a resource with no reservation in state`);
      default:
        return unreachable(decided);
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

  /**
   * The plan for this resource: on the local clock when no deadline is near (no call), else on
   * Telnyx's clock; reading the reservation first when it is pending (its outcome decides).
   */
  private async plan(id: string, olds: ReservationOutputs, news: ReservationInputs): Promise<{ plan: Plan; view?: TelnyxView }> {
    const client = this.client();
    const request = { state: olds, declared: news };
    const first =
      (client.hasServerClock() ? undefined : planFarFromDeadlines(request, Date.now())) ??
      plan({ ...request, now: await client.syncedServerNow() });
    await this.flushNotices();
    if (first.condition !== "pending") return { plan: first };
    const view = await this.view(id);
    return { plan: plan({ state: olds, declared: news, telnyx: view, now: client.serverNow() }), view };
  }

  private async flushNotices(): Promise<void> {
    await Promise.all(this.clientNotices.splice(0));
  }

  private async view(id: string): Promise<TelnyxView> {
    try {
      return { record: await this.client().retrieve(id) };
    } catch (err) {
      if (err instanceof TelnyxApiError && err.isNotFound) return { vanished: true };
      throw err;
    }
  }

  /** Extend; a 404 records the reservation as vanished, so the next plan replaces it without a refresh. */
  private async extend(id: string, news: NumberInputs, before: ReservationOutputs, why?: Plan): Promise<ReservationOutputs> {
    try {
      const outs = toOutputs(news, await this.client().extend(id));
      if (why?.condition === "partial") await notify("warning", `Reservation ${id}: ${why.reason}.`);
      return outs;
    } catch (err) {
      if (!(err instanceof TelnyxApiError && err.isNotFound)) throw err;
      throw new ReservationInitError(
        `Reservation ${id} no longer exists at Telnyx, so it cannot be extended; it is recorded as ${VANISHED}, ` +
          "and the next `pulumi up` reserves the numbers anew.",
        { ...before, status: VANISHED },
      );
    }
  }

  private client(): TelnyxClient {
    // The client's warnings (e.g. a server clock it will not trust) reach the engine like ours.
    this.telnyx ??= new TelnyxClient({
      ...clientOptionsFromConfig(this.config),
      onWarning: (message) => void this.clientNotices.push(notify("warning", message)),
    });
    return this.telnyx;
  }
}

/**
 * In an update whose `ReservationInitError` the engine records as the resource's
 * state, keep the old `extendTrigger` in that state: the extend it asked for has
 * not happened, so the next plan still sees it changed.
 */
async function keepingTrigger<T>(olds: ReservationOutputs, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const properties = (err as { properties?: Record<string, unknown> }).properties;
    if ((err as { id?: string }).id && properties) {
      if (olds.extendTrigger === undefined) delete properties.extendTrigger;
      else properties.extendTrigger = olds.extendTrigger;
    }
    throw err;
  }
}

/** Identity inputs (the definition's `replaceOnChange` ones) not known yet (preview): whatever they become may replace. */
function unknownIdentity(news: ReservationInputs): string[] {
  const isUnknown = (v: unknown) => v === unknownValue || (Array.isArray(v) && v.some((e) => e === unknownValue));
  return REPLACE_ON_CHANGE.filter((k) => isUnknown(news[k]));
}

/** The old state with the new inputs (optional inputs removed from the program disappear). */
function withInputs(olds: ReservationOutputs, news: NumberInputs): ReservationOutputs {
  const outs: Record<string, unknown> = { ...olds };
  for (const key of [...INPUT_KEYS, "__provider"]) delete outs[key];
  return { ...(outs as unknown as ReservationOutputs), ...pickInputs(news), phoneNumbers: news.phoneNumbers };
}

/** What identifies a search resource's declaration between its `diff` and its replacement's `create`. */
function reholdKey(inputs: ReservationInputs): string {
  return JSON.stringify([inputs.search, inputs.customerReference ?? null]);
}

function unreachable(value: never): never {
  throw new Error(`unexpected plan ${JSON.stringify(value)}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
