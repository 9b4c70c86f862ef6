/**
 * Shared set-up of the provider tests: an emulator per file, and per test a provider object
 * called in this process (test/helpers/in-process-provider.ts). test/provider/host.test.ts
 * makes one call per verb through Pulumi's real dynamic-provider host.
 */
import { InProcessProvider } from "../helpers/in-process-provider";
import { EmulatorFixture, TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { advanceProcessClock, resetProcessClock } from "../helpers/process-clock";

export interface ProviderFixture {
  emulator: EmulatorFixture;
  /** The provider of the current test. */
  provider(): InProcessProvider;
  /**
   * Another provider, as the next `pulumi` command would start: it learns
   * Telnyx's clock afresh, and settle times anew.
   */
  freshProvider(): Promise<InProcessProvider>;
  /** Time passes for everyone (Telnyx, the runner, every provider): holds lapse, windows open. */
  advanceClock(seconds: number): void;
}

export function withProvider(): ProviderFixture {
  const emulator = withEmulator();
  let current: InProcessProvider | undefined;
  const start = () => InProcessProvider.start({ "telnyx:apiKey": TEST_API_KEY, "telnyx:baseUrl": emulator.url });
  beforeEach(async () => {
    current = await start();
  });
  afterEach(() => {
    current = undefined;
    resetProcessClock();
  });
  return {
    emulator,
    provider: () => {
      if (!current) throw new Error("the provider is only available inside tests");
      return current;
    },
    freshProvider: start,
    advanceClock: advanceProcessClock,
  };
}

/** The /v2 calls the emulator served, as "METHOD path" strings. */
export async function apiCalls(emulator: EmulatorFixture): Promise<string[]> {
  return (await emulator.control.requests()).map((r) => `${r.method} ${r.path}`);
}
