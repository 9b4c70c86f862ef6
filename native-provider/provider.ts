/**
 * The native-plugin adapter: the `telnyx` provider, the same protocol-neutral
 * verbs as the dynamic resource (provider/reservations.ts: same check, diff,
 * create, read, update, delete, client, errors and warnings) behind
 * `@pulumi/pulumi/provider`'s `Provider` interface, with the refresh guard on
 * `diff` (provider/refresh-guard.ts) and its own configuration RPCs
 * (configuration.ts). Verbs and their Telnyx calls are those of
 * provider/reservations.ts, plus:
 *
 *   read by id alone (`pulumi import`)  GET /number_reservations/{id}; the
 *                                       inputs come back from Telnyx
 *   invoke getNumberReservation         GET /number_reservations/{id}
 *   invoke listNumberReservations       GET /number_reservations?filter[...] (every page)
 *   invoke searchAvailablePhoneNumbers  GET /available_phone_numbers?filter[...] (one call, limited)
 */
import type * as provider from "@pulumi/pulumi/provider";
import { ConfigSource } from "../provider/config";
import { ReservationInputs } from "../provider/inputs";
import {
  ListNumberReservationsArgs,
  SearchAvailablePhoneNumbersArgs,
  listReservations,
  lookupReservation,
  searchNumbers,
} from "../provider/lookups";
import { RefreshGuard } from "../provider/refresh-guard";
import { Reservations } from "../provider/reservations";
import { ReservationOutputs } from "../provider/reservation-state";
import { TelnyxClient } from "../provider/telnyx";
import { clientOptionsFromConfig } from "../provider/config";
import { GET_TOKEN, LIST_TOKEN, RESOURCE_TOKEN, SEARCH_TOKEN, packageSchema } from "./schema";

export class NativeReservationProvider implements provider.Provider {
  private readonly core = new Reservations();
  private readonly guard = new RefreshGuard();
  private config?: ConfigSource;

  constructor(readonly version: string) {}

  /** Called by the Configure RPC (see configuration.ts): the stack's `telnyx:*` settings. */
  async configure(config: ConfigSource): Promise<void> {
    this.config = config;
    this.core.configure(config);
  }

  async getSchema(): Promise<string> {
    return JSON.stringify(packageSchema(this.version));
  }

  async check(urn: string, olds: any, news: any): Promise<provider.CheckResult> {
    resourceType(urn);
    const checked = this.core.check(olds, news);
    if (checked.failures.length === 0) this.guard.checkedOk(checked.inputs);
    return checked;
  }

  async diff(id: string, urn: string, olds: any, news: any): Promise<provider.DiffResult> {
    resourceType(urn);
    return this.guard.engineDiff(news, await this.core.diff(id, olds as ReservationOutputs, news as ReservationInputs));
  }

  async create(urn: string, inputs: any): Promise<provider.CreateResult> {
    resourceType(urn);
    const outs = await this.core.create(inputs as ReservationInputs);
    return { id: outs.reservationId, outs: plain(outs) };
  }

  /**
   * Refresh, and `pulumi import` (state empty: the core answers with the
   * inputs Telnyx holds, so the engine can write the declaration).
   */
  async read(id: string, urn: string, props?: any): Promise<provider.ReadResult> {
    resourceType(urn);
    const known = props && Object.keys(props).length > 0 ? (props as ReservationOutputs) : undefined;
    const result = await this.core.read(id, known);
    // Gone at Telnyx: an empty id drops it from state (the server cannot encode undefined props).
    if (!("props" in result)) return { id: "", props: {} };
    return { id: result.id, props: plain(result.props), inputs: plain(result.inputs) };
  }

  async update(id: string, urn: string, olds: any, news: any): Promise<provider.UpdateResult> {
    resourceType(urn);
    return { outs: plain(await this.core.update(id, olds as ReservationOutputs, news as ReservationInputs)) };
  }

  async delete(id: string, urn: string, props: any): Promise<void> {
    resourceType(urn);
    await this.core.delete(id, props as ReservationOutputs);
  }

  async invoke(token: string, args: any): Promise<provider.InvokeResult> {
    const client = new TelnyxClient(clientOptionsFromConfig(this.config));
    try {
      // The lookups check their own arguments (a TelnyxInputError naming the argument), as for programs.
      if (token === GET_TOKEN) return { outputs: plain(await lookupReservation(client, args?.id)) };
      if (token === LIST_TOKEN) {
        return { outputs: { reservations: plain(await listReservations(client, args as ListNumberReservationsArgs)) } };
      }
      if (token === SEARCH_TOKEN) {
        const { numbers } = await searchNumbers(client, args as SearchAvailablePhoneNumbersArgs);
        return { outputs: { numbers: plain(numbers) } };
      }
      throw new Error(`unknown function ${token}: this provider has ${GET_TOKEN}, ${LIST_TOKEN} and ${SEARCH_TOKEN}`);
    } finally {
      client.close();
    }
  }
}

/** The resource type in a URN; only NumberReservation exists. */
function resourceType(urn: string): void {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== RESOURCE_TOKEN) throw new Error(`unknown resource type ${type}: this provider has ${RESOURCE_TOKEN}`);
}

/** Without `undefined` fields: protobuf's Struct cannot encode them. */
function plain<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
