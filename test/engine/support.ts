/** Shared pieces of the engine suites: stack config for the emulator, and emulator queries. */
import * as path from "path";
import { ConfigMap } from "@pulumi/pulumi/automation";
import { EmulatorFixture } from "../helpers/emulator";
import { ProjectOptions, TestProject } from "../../testing/harness";

export const EXAMPLES = path.resolve(__dirname, "../../examples");

/** Engine commands are slow; every engine test gets this long. */
jest.setTimeout(240_000);

/** Stack config pointing the provider at the emulator, the key as a secret. */
export function telnyxConfig(emulator: EmulatorFixture, extra: ConfigMap = {}): ConfigMap {
  return {
    "telnyx:apiKey": { value: emulator.apiKey, secret: true },
    "telnyx:baseUrl": { value: emulator.url },
    ...extra,
  };
}

/** Create a project and dispose of it after the current test. */
export function projects(): (options: ProjectOptions) => Promise<TestProject> {
  const made: TestProject[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((p) => p.dispose()));
  });
  return async (options) => {
    const project = await TestProject.create(options);
    made.push(project);
    return project;
  };
}

/** Ids of the reservations holding at least one number at the emulator's now. */
export async function liveReservations(emulator: EmulatorFixture): Promise<Array<{ id: string; numbers: string[]; reference?: string }>> {
  const now = Date.parse(await emulator.control.now());
  return (await emulator.control.reservations())
    .filter((r) => r.phone_numbers.some((n) => n.status !== "failure" && Date.parse(n.expired_at ?? "") > now))
    .map((r) => ({ id: r.id, numbers: r.phone_numbers.map((n) => n.phone_number).sort(), reference: r.customer_reference }));
}

/** "METHOD path" of every /v2 call the emulator served. */
export async function apiCalls(emulator: EmulatorFixture): Promise<string[]> {
  return (await emulator.control.requests()).map((r) => `${r.method} ${r.path}`);
}

export const json = (value: unknown) => ({ value: JSON.stringify(value) });

/** A reservation made outside Pulumi (the portal, a script), settled; returns its id. */
export async function madeElsewhere(fx: EmulatorFixture, numbers: string[], customerReference?: string): Promise<string> {
  const response = await fx.request("POST", "/number_reservations", {
    json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })), ...(customerReference ? { customer_reference: customerReference } : {}) },
  });
  const { data } = (await response.json()) as { data: { id: string } };
  await fx.control.advanceClock(1);
  return data.id;
}
