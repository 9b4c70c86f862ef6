/**
 * Jest fixture for anything that talks to the local Telnyx emulator.
 *
 *   const emulator = withEmulator();            // one emulator per test file, reset before each test
 *   it("...", async () => {
 *     await emulator.control.markUnavailable(["+19705555098"]);
 *     const res = await emulator.request("POST", "/number_reservations", { json: {...} });
 *   });
 *
 * The control client itself is testing/emulator-control.ts.
 */

import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { ApiRequestOptions, EmulatorControl, apiRequest } from "../../testing/emulator-control";

export { ApiRequestOptions, EmulatorControl, EmulatorControlError } from "../../testing/emulator-control";

/** The API key {@link withEmulator} configures unless told otherwise. */
export const TEST_API_KEY = "test-api-key";

/** The emulator of the current test file, usable inside tests and hooks. */
export interface EmulatorFixture {
  /** Base URL of the Telnyx-compatible API (ends in `/v2`). */
  readonly url: string;
  /** Origin of the emulator (no path). */
  readonly origin: string;
  /** The API key the emulator accepts. */
  readonly apiKey: string;
  /** Control-API client. */
  readonly control: EmulatorControl;
  /** Sends a request to `url + path` (path starts with `/`, e.g. `/number_reservations`), authenticated by default. */
  request(method: string, path: string, options?: ApiRequestOptions): Promise<Response>;
}

/**
 * Registers jest hooks that start one emulator for the test file (beforeAll), reset it before
 * each test, and close it afterwards. Defaults: `apiKey` {@link TEST_API_KEY} and a 50 ms settle
 * delay so reservations settle quickly; any option can be overridden (reset restores these).
 */
export function withEmulator(options: EmulatorOptions = {}): EmulatorFixture {
  const effective: EmulatorOptions = { apiKey: TEST_API_KEY, settleDelayMs: 50, ...options };
  let running: RunningEmulator | undefined;
  let control: EmulatorControl | undefined;
  const started = (): RunningEmulator => {
    if (!running) throw new Error("withEmulator: the emulator is only available inside tests and hooks");
    return running;
  };

  beforeAll(async () => {
    running = await startEmulator(effective);
    control = new EmulatorControl(running.origin);
  });
  beforeEach(async () => {
    await control?.reset();
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });

  const apiKey = effective.apiKey ?? TEST_API_KEY;
  return {
    get url() {
      return started().url;
    },
    get origin() {
      return started().origin;
    },
    get control() {
      started();
      return control as EmulatorControl;
    },
    apiKey,
    request: (method, path, requestOptions) => apiRequest(started().url, apiKey, method, path, requestOptions),
  };
}
