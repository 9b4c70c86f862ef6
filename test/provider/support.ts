/** Shared set-up of the provider tests: an emulator per file and a provider host per test. */
import { ProviderHost } from "../helpers/provider-host";
import { EmulatorFixture, TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { clockEnv } from "../../testing/world-clock";

export interface ProviderFixture {
  emulator: EmulatorFixture;
  /** The provider host of the current test. */
  host(): ProviderHost;
  /**
   * Start another provider process, as the next `pulumi` command would: it
   * learns Telnyx's clock afresh (needed after moving the emulator clock).
   */
  freshHost(): Promise<ProviderHost>;
}

export function withProvider(): ProviderFixture {
  const emulator = withEmulator();
  let host: ProviderHost | undefined;
  const extra: ProviderHost[] = [];
  // Each provider process runs on the emulator's clock at its start, as the next `pulumi` command would.
  const start = async () =>
    ProviderHost.start(
      { "telnyx:apiKey": TEST_API_KEY, "telnyx:baseUrl": emulator.url },
      clockEnv(Date.parse(await emulator.control.now()) - Date.now()),
    );
  beforeEach(async () => {
    host = await start();
  });
  afterEach(async () => {
    await Promise.all([host, ...extra.splice(0)].map((h) => h?.close()));
  });
  return {
    emulator,
    host: () => {
      if (!host) throw new Error("provider host is only available inside tests");
      return host;
    },
    freshHost: async () => {
      const next = await start();
      extra.push(next);
      return next;
    },
  };
}

/** The /v2 calls the emulator served, as "METHOD path" strings. */
export async function apiCalls(emulator: EmulatorFixture): Promise<string[]> {
  return (await emulator.control.requests()).map((r) => `${r.method} ${r.path}`);
}
