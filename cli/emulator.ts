/**
 * `emulator`: run the local Telnyx emulator in the foreground. The first stdout
 * line is exactly the API base URL, so a script can read it and export it as
 * TELNYX_BASE_URL; SIGINT or SIGTERM closes it cleanly (exit 0).
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../emulator";
import { UsageError, defineCommand } from "./flags";

export const DEFAULT_EMULATOR_PORT = 4010;

export const emulatorCommand = defineCommand({
  name: "emulator",
  summary: "Run the local Telnyx emulator until interrupted.",
  description:
    "Start the stateful Telnyx emulator on 127.0.0.1 and print its API base URL (ending in /v2) as the\n" +
    "first line on stdout. Runs until SIGINT (Ctrl-C) or SIGTERM, then closes and exits 0.\n" +
    "The control API for tests lives under /__emulator/ on the same origin (docs/emulator.md).",
  flags: {
    port: { type: "string", valueName: "N", description: `TCP port on 127.0.0.1; 0 picks a free one (default ${DEFAULT_EMULATOR_PORT}).` },
    "api-key": { type: "string", valueName: "key", description: "The only bearer token accepted (default: any non-empty token)." },
    "settle-delay-ms": { type: "string", valueName: "N", description: "How long a new reservation stays pending, in ms (default 1000)." },
    "state-file": { type: "string", valueName: "file", description: "Keep state in this JSON file across restarts (default: memory only)." },
  },
  examples: ["emulator", "emulator --port 0 --api-key test-key --settle-delay-ms 50", "emulator --state-file .emulator.json"],
  async run(flags, io) {
    const port = flags.port === undefined ? DEFAULT_EMULATOR_PORT : wholeNumber("--port", flags.port);
    const settleDelayMs = flags["settle-delay-ms"] === undefined ? undefined : wholeNumber("--settle-delay-ms", flags["settle-delay-ms"]);
    // Listen for signals before the URL goes out: a script may stop us as soon as it reads
    // the URL, and without a handler the signal would kill the process mid-way.
    const shutdown = shutdownSignal();
    try {
      const emulator = await start({ port, apiKey: flags["api-key"], settleDelayMs, stateFile: flags["state-file"] });
      io.stdout.write(`${emulator.url}\n`);
      const auth = flags["api-key"] ? "the key given by --api-key" : "any non-empty bearer token";
      io.stderr.write(`Telnyx emulator listening (accepts ${auth}); Ctrl-C to stop.\n`);
      const signal = await shutdown.received;
      await emulator.close();
      io.stderr.write(`Telnyx emulator stopped (${signal}).\n`);
    } finally {
      shutdown.stop();
    }
  },
});

/** `startEmulator`, with its failures phrased for the command line. */
async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  try {
    return await startEmulator(options);
  } catch (err) {
    // startEmulator rejects bad options with a RangeError naming the option: the command line's fault.
    if (err instanceof RangeError) throw new UsageError(err.message.replace(/^startEmulator: /, ""));
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") throw new Error(`port ${options.port} on 127.0.0.1 is already in use`);
    throw err;
  }
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** The first SIGINT or SIGTERM from now on; `stop()` restores the default handling. */
function shutdownSignal(): { received: Promise<NodeJS.Signals>; stop(): void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    received,
    stop() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
