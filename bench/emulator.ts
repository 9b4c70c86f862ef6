/**
 * The emulator for the bench, in its own process (`telnyx-reservations
 * emulator` from dist/), so the bench's own work (sampling /proc, reading
 * state) never delays its answers; driven through the tests' control client.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { EmulatorControl } from "../testing/emulator-control";
import type { NumberReservation, RequestLogEntry } from "../emulator";
import { cpuMsOf } from "./processes";

export const BENCH_API_KEY = "bench-key";

export class BenchEmulator {
  readonly control: EmulatorControl;
  /** The key the emulator accepts. */
  readonly apiKey = BENCH_API_KEY;

  private constructor(
    private readonly child: ChildProcess,
    /** API base URL (ends in /v2). */
    readonly url: string,
  ) {
    this.control = new EmulatorControl(new URL(url).origin);
  }

  static async start(root: string): Promise<BenchEmulator> {
    const child = spawn(
      process.execPath,
      [path.join(root, "dist/cli/main.js"), "emulator", "--port", "0", "--api-key", BENCH_API_KEY],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    // Never outlive the bench, even when it fails or is interrupted (run.js turns signals into exit).
    const kill = () => child.kill();
    process.once("exit", kill);
    child.once("exit", () => process.removeListener("exit", kill));
    let errors = "";
    child.stderr!.on("data", (d) => (errors += d));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d) => {
        out += d;
        const nl = out.indexOf("\n");
        if (nl >= 0) resolve(out.slice(0, nl).trim());
      });
      child.on("exit", (code) => reject(new Error(`emulator exited ${code}: ${errors}`)));
    });
    return new BenchEmulator(child, url);
  }

  /** Forget everything, then apply the settle delay (and a rate limit, 0 = none). */
  async reset(settleDelayMs: number, requestsPerSecond = 0): Promise<void> {
    await this.control.reset();
    await this.control.settings({ settleDelayMs });
    if (requestsPerSecond) await this.control.setRateLimit(requestsPerSecond);
  }

  /** The request log, and how many older requests it no longer holds (it keeps the last 1000). */
  async requests(): Promise<RequestLog> {
    const response = await fetch(`${new URL(this.url).origin}/__emulator/requests`);
    if (!response.ok) throw new Error(`request log: HTTP ${response.status}`);
    const { data, dropped } = (await response.json()) as { data: RequestLogEntry[]; dropped: number };
    return Object.assign(data, { dropped });
  }

  /** Create a reservation through the API (not the provider), as the portal or a script would. */
  async reserve(phoneNumber: string, customerReference: string): Promise<NumberReservation> {
    const response = await fetch(`${this.url}/number_reservations`, {
      method: "POST",
      headers: { authorization: `Bearer ${BENCH_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ phone_numbers: [{ phone_number: phoneNumber }], customer_reference: customerReference }),
    });
    if (!response.ok) throw new Error(`create ${phoneNumber}: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: NumberReservation }).data;
  }

  /** CPU time the emulator process has used so far, ms. */
  cpuMs(): number {
    return this.child.pid ? cpuMsOf(this.child.pid) : 0;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.on("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}

/** What a request was, for counting: create, get, list, extend (or method + path). */
export function callKind(entry: RequestLogEntry): string {
  if (entry.status === 429) return "429";
  if (entry.method === "POST" && entry.path === "/v2/number_reservations") return "create";
  if (entry.method === "POST" && entry.path.endsWith("/actions/extend")) return "extend";
  if (entry.method === "GET" && entry.path === "/v2/number_reservations") {
    return entry.query["page[size]"] === "1" && Object.keys(entry.query).every((k) => k.startsWith("page[")) ? "clock" : "list";
  }
  if (entry.method === "GET" && entry.path === "/v2/available_phone_numbers") return "search";
  if (entry.method === "GET") return "get";
  return `${entry.method} ${entry.path}`;
}

/** The emulator's request log: its entries, and how many older ones it dropped. */
export type RequestLog = RequestLogEntry[] & { dropped?: number };

/** Count of each kind of call; calls the log no longer holds are counted as "unlogged" (a run of more than 1000 calls). */
export function countCalls(entries: RequestLog): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) counts[callKind(e)] = (counts[callKind(e)] ?? 0) + 1;
  if (entries.dropped) counts.unlogged = entries.dropped;
  return counts;
}
