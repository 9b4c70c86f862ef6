/**
 * Drives the provider exactly as the Pulumi engine does, without the engine:
 * the provider is serialized to its `__provider` text (as `dynamic.Resource`
 * does), and every call goes over gRPC to `@pulumi/pulumi`'s own
 * dynamic-provider host process, which rehydrates that text. A closure that
 * does not survive serialization fails here. A stand-in engine records the
 * `Log` calls the provider makes, so tests can assert what a user would see.
 */
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

const ROOT = path.resolve(__dirname, "../..");
const URN = "urn:pulumi:test::project::pulumi-nodejs:dynamic/telnyx:NumberReservation::res";

export type Props = Record<string, unknown>;

/** A failed provider call: the message, and the init failure when the engine would keep the resource. */
export class ProviderCallError extends Error {
  constructor(
    message: string,
    readonly initFailed?: { id: string; properties: Props; reasons: string[] },
  ) {
    super(message);
  }
}

export interface LoggedMessage {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
}

let cachedText: string | undefined;

/** The `__provider` text of the built provider (dist/provider/instance.js), serialized by value. */
export function serializedProvider(): string {
  if (cachedText) return cachedText;
  const modulePath = path.join(ROOT, "dist/provider/instance.js");
  if (!fs.existsSync(modulePath)) throw new Error("dist/ is missing: run `npm run build` (npm test does) first");
  cachedText = execFileSync(process.execPath, [path.join(__dirname, "serialize-provider.js"), modulePath], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return cachedText;
}

export class ProviderHost {
  private constructor(
    /** Every `Log` call the provider made to the engine. */
    readonly logs: LoggedMessage[],
    private readonly child: ChildProcess,
    private readonly engine: grpc.Server,
    private readonly client: providerRpc.ResourceProviderClient,
    private readonly provider: string,
  ) {}

  /** Start a provider host configured with stack config `config` (e.g. `telnyx:apiKey`). */
  static async start(config: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ProviderHost> {
    const provider = serializedProvider();
    const logs: LoggedMessage[] = [];
    const engine = new grpc.Server();
    const severities = ["debug", "info", "warning", "error"] as const;
    engine.addService(engineRpc.EngineService, {
      log: (call: grpc.ServerUnaryCall<any, any>, done: grpc.sendUnaryData<Empty>) => {
        logs.push({ severity: severities[call.request.getSeverity()], message: call.request.getMessage() });
        done(null, new Empty());
      },
    } as never);
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    // Only the stack config passed here may configure the provider.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, TELNYX_API_KEY: "", TELNYX_BASE_URL: "", ...env };
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"), `127.0.0.1:${enginePort}`],
      { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d) => {
        out += d;
        const line = out.split("\n")[0].trim();
        if (/^\d+$/.test(line) && out.includes("\n")) resolve(line);
      });
      child.on("exit", (code) => reject(new Error(`provider host exited with ${code}: ${stderr}`)));
    });
    // The engine (gRPC-Go) accepts 16 MiB of metadata; an init failure carries the whole state,
    // `__provider` included, in its status details, so allow as much here.
    const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_metadata_size": 16 * 1024 * 1024,
    });
    const host = new ProviderHost(logs, child, engine, client, provider);
    const request = new providerProto.ConfigureRequest();
    request.setArgs(Struct.fromJavaScript(config));
    await host.call("configure", request);
    return host;
  }

  /** Serialized provider text size in bytes. */
  get providerBytes(): number {
    return Buffer.byteLength(this.provider);
  }

  async check(news: Props, olds: Props = {}): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }> {
    const request = new providerProto.CheckRequest();
    request.setUrn(URN);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.call<providerProto.CheckResponse>("check", request);
    return {
      inputs: strip(response.getInputs()!.toJavaScript()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, olds: Props, news: Props): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[] }> {
    const request = new providerProto.DiffRequest();
    request.setId(id);
    request.setUrn(URN);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.call<providerProto.DiffResponse>("diff", request);
    const changes = (["unknown", "none", "some"] as const)[response.getChanges()];
    return { changes, replaces: response.getReplacesList() };
  }

  async create(inputs: Props): Promise<{ id: string; outs: Props }> {
    const request = new providerProto.CreateRequest();
    request.setUrn(URN);
    request.setProperties(this.struct(inputs));
    const response = await this.call<providerProto.CreateResponse>("create", request);
    return { id: response.getId(), outs: strip(response.getProperties()!.toJavaScript()) };
  }

  async read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
    const request = new providerProto.ReadRequest();
    request.setId(id);
    request.setUrn(URN);
    request.setProperties(this.struct(props));
    const response = await this.call<providerProto.ReadResponse>("read", request);
    const inputs = response.getInputs()?.toJavaScript();
    return { id: response.getId(), props: strip(response.getProperties()?.toJavaScript() ?? {}), inputs: inputs && strip(inputs) };
  }

  async update(id: string, olds: Props, news: Props): Promise<Props> {
    const request = new providerProto.UpdateRequest();
    request.setId(id);
    request.setUrn(URN);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.call<providerProto.UpdateResponse>("update", request);
    return strip(response.getProperties()!.toJavaScript());
  }

  async delete(id: string, props: Props): Promise<void> {
    const request = new providerProto.DeleteRequest();
    request.setId(id);
    request.setUrn(URN);
    request.setProperties(this.struct(props));
    await this.call("delete", request);
  }

  /** check then create, as the engine does for a new resource. */
  async checkAndCreate(news: Props): Promise<{ id: string; outs: Props }> {
    const { inputs, failures } = await this.check(news);
    if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
    return this.create(inputs);
  }

  async close(): Promise<void> {
    this.client.close();
    this.child.kill();
    await new Promise<void>((resolve) => this.engine.tryShutdown(() => resolve()));
  }

  private struct(props: Props): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify({ ...props, __provider: this.provider })));
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      (this.client as any)[method](request, (error: grpc.ServiceError | null, response: T) => {
        if (error) reject(toCallError(error));
        else resolve(response);
      });
    });
  }
}

function strip(props: Props): Props {
  const { __provider, ...rest } = props;
  void __provider;
  return rest;
}

function toCallError(error: grpc.ServiceError): ProviderCallError {
  const details = error.metadata?.get("grpc-status-details-bin")?.[0];
  if (details) {
    const status = Status.deserializeBinary(new Uint8Array(details as Buffer));
    for (const any of status.getDetailsList()) {
      const init = any.unpack(providerProto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
      if (init) {
        return new ProviderCallError(error.details || status.getMessage(), {
          id: init.getId(),
          properties: strip(init.getProperties()?.toJavaScript() ?? {}),
          reasons: init.getReasonsList(),
        });
      }
    }
  }
  return new ProviderCallError(error.details ?? error.message);
}
