/**
 * The dynamic-provider adapter behind `NumberReservation`: Pulumi's
 * `pulumi.dynamic.ResourceProvider` interface over the protocol-neutral verbs of
 * provider/reservations.ts (whose banner maps each verb to its Telnyx call). It
 * holds what only the dynamic-provider host needs: `__provider` copied into the
 * state an init error records, the refresh guard on `diff` (refresh-guard.ts),
 * and the compact state of stored-outputs.ts (outputs that repeat others are not
 * stored; they are expanded again before the core sees a state).
 */
import * as pulumi from "@pulumi/pulumi";
import { ReservationInputs } from "../inputs";
import { RefreshGuard } from "../refresh-guard";
import { Reservations } from "../reservations";
import { ReservationOutputs } from "../reservation-state";
import { StoredOutputs, compactOutputs, expandOutputs } from "../stored-outputs";

export class ReservationProvider implements pulumi.dynamic.ResourceProvider<ReservationInputs, StoredOutputs> {
  private readonly core = new Reservations();
  private readonly guard = new RefreshGuard();

  /** Runs once per provider process; settings are read here so nothing secret is serialized. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.core.configure(req.config);
  }

  async check(olds: ReservationInputs, news: ReservationInputs): Promise<pulumi.dynamic.CheckResult<ReservationInputs>> {
    const checked = this.core.check(olds, news);
    if (checked.failures.length === 0) this.guard.checkedOk(checked.inputs);
    return checked;
  }

  async diff(id: string, olds: StoredOutputs, news: ReservationInputs): Promise<pulumi.dynamic.DiffResult> {
    return this.guard.engineDiff(news, await this.core.diff(id, expandOutputs(id, olds), news));
  }

  async create(inputs: ReservationInputs): Promise<pulumi.dynamic.CreateResult<StoredOutputs>> {
    const outs = await keepingProvider(inputs, () => this.core.create(inputs));
    return { id: outs.reservationId, outs: compactOutputs(outs.reservationId, outs) };
  }

  async read(id: string, props?: StoredOutputs): Promise<pulumi.dynamic.ReadResult<StoredOutputs>> {
    // Without props (nothing in state yet), there is nothing to expand.
    const answer = await this.core.read(id, props && expandOutputs(id, props));
    return "props" in answer ? { id, props: compactOutputs(id, answer.props), inputs: answer.inputs as StoredOutputs } : { id: "" };
  }

  async update(id: string, olds: StoredOutputs, news: ReservationInputs): Promise<pulumi.dynamic.UpdateResult<StoredOutputs>> {
    return { outs: compactOutputs(id, await keepingProvider(news, () => this.core.update(id, expandOutputs(id, olds), news))) };
  }

  async delete(id: string, props: StoredOutputs): Promise<void> {
    await this.core.delete(id, expandOutputs(id, props));
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
 */
async function keepingProvider<T>(inputs: ReservationInputs, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const provider = (inputs as unknown as Record<string, unknown>).__provider;
    const failed = err as { id?: string; properties?: Record<string, unknown> };
    if (failed.id && failed.properties) {
      // The state the engine records is stored like any other: compact.
      const properties: Record<string, unknown> = compactOutputs(failed.id, failed.properties as unknown as ReservationOutputs);
      failed.properties = properties;
      delete properties.__provider; // may be an old state's copy, too large for trailers
      if (typeof provider === "string" && provider.length <= MAX_PROVIDER_IN_ERROR) properties.__provider = provider;
    }
    throw err;
  }
}

const MAX_PROVIDER_IN_ERROR = 16 * 1024;
