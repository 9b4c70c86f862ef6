/**
 * The dynamic provider behind `NumberReservation`. Verbs and their Telnyx calls:
 *
 *   check   none: every input validated, numbers normalized to E.164
 *   diff    none, unless a hold lapses or a keep-alive window opens within 5 minutes
 *           (then Telnyx's clock: a one-item list page, once per process), or the
 *           reservation is pending (`GET /number_reservations/{id}`)
 *   create  `POST /number_reservations` (an unanswered one is looked up by list before
 *           any second POST), then `GET …/{id}` while pending; with `import`, the
 *           target is read first (`GET …/{id}`, or a list by number)
 *   read    `GET /number_reservations/{id}`; a 404 drops it from state
 *   update  the reads of diff, then `POST /number_reservations/{id}/actions/extend`,
 *           `GET …/{id}` while pending, or no call (narrowing, state-only changes)
 *   delete  none: Telnyx has no release call; a warning says when the holds lapse
 *
 * `plan` (plan.ts) decides every case; this file carries it out (docs/how-it-works.md#the-plan).
 */
import * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { TelnyxClient } from "./telnyx";
import { ConfigSource, clientOptionsFromConfig } from "./config";
import { CheckFailure, INPUT_KEYS, ReservationInputs, checkInputs } from "./inputs";
import { createReservation, outcome } from "./create-reservation";
import { numbersOf } from "./existing-reservations";
import { REPLACE_ON_CHANGE } from "./properties";
import { ReservationInitError } from "./init-error";
import { Plan, TelnyxView, VANISHED, plan, planFarFromDeadlines } from "./plan";
import { notify } from "./notices";
import { runAgeMs } from "./run-start";
import { ReservationOutputs, describeHolds, liveNumbers, pickInputs, toOutputs } from "./reservation-state";

export class ReservationProvider implements pulumi.dynamic.ResourceProvider<ReservationInputs, ReservationOutputs> {
  private config?: ConfigSource;
  /** When this provider was configured (local clock): the latest this run can have started. */
  private configuredAt = Date.now();
  private telnyx?: TelnyxClient;
  /** Warnings the client raised, sent before the verb that caused them answers. */
  private readonly clientNotices: Promise<void>[] = [];
  /**
   * Inputs `check` returned in this process (canonical JSON). `pulumi refresh` also calls `diff`,
   * with the old inputs and without `check`, only to show drift: a refusal there would fail the
   * refresh that is a way out, so `diff` refuses only plans the engine is about to carry out.
   */
  private readonly checkedInputs: Record<string, true> = {};

  /** Runs once per provider process; settings are read here so nothing secret is serialized. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
    this.configuredAt = Date.now();
  }

  async check(olds: ReservationInputs, news: ReservationInputs): Promise<pulumi.dynamic.CheckResult<ReservationInputs>> {
    const { inputs, failures } = checkInputs(news as unknown as Record<string, unknown>);
    // `import` adopts once, when the resource is first created, as Pulumi's own option does. Once the
    // resource exists, a replacement must reserve its numbers anew, not adopt the reservation it replaces.
    if (Array.isArray(olds?.phoneNumbers)) delete inputs.adopt;
    if (failures.length === 0) this.checkedInputs[canonical(inputs)] = true;
    return { inputs, failures: failures as CheckFailure[] };
  }

  async diff(id: string, olds: ReservationOutputs, news: ReservationInputs): Promise<pulumi.dynamic.DiffResult> {
    const unknown = unknownIdentity(news);
    if (unknown.length) return { changes: true, replaces: unknown, deleteBeforeReplace: false };
    const decided = await this.plan(id, olds, news);
    switch (decided.plan.action) {
      case "refuse":
        if (!this.checkedInputs[canonical(news)]) return { changes: true }; // a refresh's drift display
        throw new Error(`NumberReservation ${id}: ${decided.plan.reason}`);
      case "replace":
        return { changes: true, replaces: decided.plan.replaces, deleteBeforeReplace: false };
      case "nothing":
        return { changes: false };
      case "create": // never for a resource in state (plan answers create only without one)
      case "record":
      case "settle":
      case "extend":
      case "narrow":
        return { changes: true };
      default:
        return unreachable(decided.plan);
    }
  }

  async create(inputs: ReservationInputs): Promise<pulumi.dynamic.CreateResult<ReservationOutputs>> {
    try {
      const client = this.client();
      // Asked only when a holder must be judged, after the POST: Telnyx's clock is known by then.
      const runStartedAt = () => client.serverNow() - runAgeMs(Date.now() - this.configuredAt);
      const outs = await keepingProvider(inputs, () => createReservation(client, inputs, runStartedAt));
      return { id: outs.reservationId, outs };
    } finally {
      await this.flushNotices();
    }
  }

  async read(id: string, props?: ReservationOutputs): Promise<pulumi.dynamic.ReadResult<ReservationOutputs>> {
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
    return { id, props: toOutputs(inputs, record), inputs: inputs as ReservationOutputs };
  }

  async update(id: string, olds: ReservationOutputs, news: ReservationInputs): Promise<pulumi.dynamic.UpdateResult<ReservationOutputs>> {
    const { plan: decided, view } = await this.plan(id, olds, news);
    const client = this.client();
    // State to build on: what Telnyx just said, else what state says, with the new inputs.
    const base = view && "record" in view ? toOutputs(news, view.record) : withInputs(olds, news);
    const kept = (work: () => Promise<ReservationOutputs>) => keepingProvider(news, work, olds);
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
        return { outs: decided.extend ? await kept(() => this.extend(id, news, settled)) : settled };
      }
      case "extend":
        return { outs: await kept(() => this.extend(id, news, base, decided)) };
      case "narrow":
        if (decided.stillHeld.length) {
          await notify(
            "warning",
            `Reservation ${id} keeps holding ${describeHolds(decided.stillHeld)}, which phoneNumbers no longer declares: ` +
              "Telnyx cannot release part of a reservation, and extending it extends those numbers too.",
          );
        }
        return { outs: decided.extend ? await kept(() => this.extend(id, news, base)) : base };
      case "nothing":
      case "record":
        return { outs: base };
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
      if ((err as { isNotFound?: boolean }).isNotFound) return { vanished: true };
      throw err;
    }
  }

  /** Extend; a 404 records the reservation as vanished, so the next plan replaces it without a refresh. */
  private async extend(id: string, news: ReservationInputs, before: ReservationOutputs, why?: Plan): Promise<ReservationOutputs> {
    try {
      const outs = toOutputs(news, await this.client().extend(id));
      if (why?.condition === "partial") await notify("warning", `Reservation ${id}: ${why.reason}.`);
      return outs;
    } catch (err) {
      if (!(err as { isNotFound?: boolean }).isNotFound) throw err;
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
 * Run a create or update whose `ReservationInitError` the engine records as the
 * resource's state. The dynamic-provider host adds `__provider` only to
 * successful results, so it is copied into the error's state here: without it,
 * a later refresh or destroy of that state cannot load the provider. The error
 * travels in gRPC trailers, which Node's HTTP/2 caps at 64 KiB, so a provider
 * serialized by value (tens of KiB, from a local checkout) is left out; the
 * next `pulumi up` restores it. Installed from npm it is a one-line `require`.
 * In an update, the old `extendTrigger` is kept in that state: the extend it
 * asked for has not happened, so the next plan still sees it changed.
 */
async function keepingProvider<T>(inputs: ReservationInputs, work: () => Promise<T>, olds?: ReservationOutputs): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const provider = (inputs as unknown as Record<string, unknown>).__provider;
    const properties = (err as { properties?: Record<string, unknown> }).properties;
    if ((err as { id?: string }).id && properties) {
      delete properties.__provider; // may be an old state's copy, too large for trailers
      if (typeof provider === "string" && provider.length <= MAX_PROVIDER_IN_ERROR) properties.__provider = provider;
      if (olds) {
        if (olds.extendTrigger === undefined) delete properties.extendTrigger;
        else properties.extendTrigger = olds.extendTrigger;
      }
    }
    throw err;
  }
}

const MAX_PROVIDER_IN_ERROR = 16 * 1024;

/** Identity inputs (the definition's `replaceOnChange` ones) not known yet (preview): whatever they become may replace. */
function unknownIdentity(news: ReservationInputs): string[] {
  const isUnknown = (v: unknown) => v === unknownValue || (Array.isArray(v) && v.some((e) => e === unknownValue));
  return REPLACE_ON_CHANGE.filter((k) => isUnknown(news[k]));
}

/** The old state with the new inputs (optional inputs removed from the program disappear). */
function withInputs(olds: ReservationOutputs, news: ReservationInputs): ReservationOutputs {
  const outs: Record<string, unknown> = { ...olds };
  for (const key of [...INPUT_KEYS, "__provider"]) delete outs[key];
  return { ...(outs as unknown as ReservationOutputs), ...pickInputs(news) };
}

/** JSON with sorted keys and no `__provider`: the same inputs give the same text whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) =>
    key === "__provider"
      ? undefined
      : v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
        : v,
  );
}

function unreachable(value: never): never {
  throw new Error(`unexpected plan ${JSON.stringify(value)}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
