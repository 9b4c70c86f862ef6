/**
 * The built provider object (dist/provider/instance.js) called in this process, translated
 * the way Pulumi's dynamic-provider host translates gRPC (what crosses the wire is JSON with
 * `__provider`; an error carrying `id` is an init failure; `diff`'s answer is none, some or
 * unknown), so a test reads the same as through the host (provider-host.ts) but starts no
 * process. Each {@link InProcessProvider.start} is a new provider object, as each `pulumi`
 * command starts a new provider process: its own client, clock reading and settle learning.
 *
 * What the provider tells the user goes through provider/notices.ts, which outside an engine
 * writes `warning: …` to stderr; those writes are captured into `logs` of the provider whose
 * call is running.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { LoggedMessage, Props, ProviderCallError, sent, strip } from "./provider-calls";

const INSTANCE = path.resolve(__dirname, "../../dist/provider/instance.js");

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** The provider whose call is running: stderr writes of notices are its logs. */
let running: InProcessProvider | undefined;
let capturing = false;

function captureNotices(): void {
  if (capturing) return;
  capturing = true;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const notice = running && typeof chunk === "string" ? /^(info|warning): ([\s\S]*)\n$/.exec(chunk) : null;
    if (!notice) return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    running!.logs.push({ severity: notice[1] as LoggedMessage["severity"], message: notice[2] });
    return true;
  }) as typeof process.stderr.write;
}

export class InProcessProvider {
  /** What the provider told the user (the engine's diagnostics, when run by the engine). */
  readonly logs: LoggedMessage[] = [];

  private constructor(
    private readonly provider: Provider,
    /** The environment the provider's process would have: TELNYX_* blanked unless given. */
    private readonly env: Record<string, string>,
  ) {}

  /** A new provider object configured with stack config `config` (e.g. `telnyx:apiKey`), as a new process. */
  static async start(config: Record<string, string>, env: Record<string, string> = {}): Promise<InProcessProvider> {
    if (!fs.existsSync(INSTANCE)) throw new Error("dist/ is missing: run `npm run build` (npm test does) first");
    const instance = require(INSTANCE) as Provider;
    const fresh = new (instance.constructor as new () => Provider)();
    const provider = new InProcessProvider(fresh, { TELNYX_API_KEY: "", TELNYX_BASE_URL: "", ...env });
    await provider.call(() => fresh.configure({ config: { get: (key: string) => config[key] } } as never));
    captureNotices();
    return provider;
  }

  async check(news: Props, olds: Props = {}): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }> {
    const result = await this.call(() => this.provider.check(sent(olds), sent(news)));
    return { inputs: strip(wire(result.inputs ?? sent(news))), failures: wire(result.failures ?? []) };
  }

  async diff(id: string, olds: Props, news: Props): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[] }> {
    const result = await this.call(() => this.provider.diff(id, sent(olds), sent(news)));
    return { changes: result.changes === true ? "some" : result.changes === false ? "none" : "unknown", replaces: result.replaces ?? [] };
  }

  async create(inputs: Props): Promise<{ id: string; outs: Props }> {
    const result = await this.call(() => this.provider.create(sent(inputs)));
    return { id: result.id, outs: strip(wire(result.outs ?? {})) };
  }

  async read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
    const result = await this.call(() => this.provider.read(id, sent(props)));
    return { id: result.id ?? "", props: strip(wire(result.props ?? {})), inputs: result.inputs && strip(wire(result.inputs)) };
  }

  async update(id: string, olds: Props, news: Props): Promise<Props> {
    const result = await this.call(() => this.provider.update(id, sent(olds), sent(news)));
    return strip(wire(result.outs ?? {}));
  }

  async delete(id: string, props: Props): Promise<void> {
    await this.call(() => this.provider.delete(id, sent(props)));
  }

  /** check then create, as the engine does for a new resource. */
  async checkAndCreate(news: Props): Promise<{ id: string; outs: Props }> {
    const { inputs, failures } = await this.check(news);
    if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
    return this.create(inputs);
  }

  /** Nothing to stop: the object is dropped with the test (same API as the host). */
  async close(): Promise<void> {}

  /** Runs one verb as this provider's process would: its environment, its notices, errors as the host reports them. */
  private async call<T>(verb: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(this.env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, this.env);
    running = this;
    try {
      return await verb();
    } catch (err) {
      const e = err as { message?: string; id?: string; properties?: Props; reasons?: string[] };
      const initFailed = e.id ? { id: e.id, properties: strip(wire(e.properties ?? {})), reasons: e.reasons ?? [] } : undefined;
      throw new ProviderCallError(e.message ?? String(err), initFailed);
    } finally {
      running = undefined;
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }
}

/** A value as it arrives through gRPC's Struct: JSON. */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
