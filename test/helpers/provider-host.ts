/**
 * Drives the provider exactly as the Pulumi engine does, without the engine:
 * every call goes over gRPC to `@pulumi/pulumi`'s own dynamic-provider host
 * process, which loads the provider from the `__provider` text the SDK writes
 * from this checkout (a `require` of dist/provider/instance.js). A stand-in
 * engine records the `Log` calls the provider makes, so tests can assert what
 * a user would see. Used by the smoke tests (test/provider/host.test.ts); the
 * other provider tests call the same object in-process (in-process-provider.ts).
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { LoggedMessage, Props, ProviderCallError, sent, strip } from "./provider-calls";

export { LoggedMessage, Props, ProviderCallError } from "./provider-calls";

const ROOT = path.resolve(__dirname, "../..");
const URN = "urn:pulumi:test::project::pulumi-nodejs:dynamic/telnyx:NumberReservation::res";

export class ProviderHost {
  private constructor(
    /** Every `Log` call the provider made to the engine. */
    readonly logs: LoggedMessage[],
    private readonly child: ChildProcess,
    private readonly engine: grpc.Server,
    private readonly client: providerRpc.ResourceProviderClient,
  ) {}

  /** Start a provider host configured with stack config `config` (e.g. `telnyx:apiKey`). */
  static async start(config: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ProviderHost> {
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
    const host = new ProviderHost(logs, child, engine, client);
    const request = new providerProto.ConfigureRequest();
    request.setArgs(Struct.fromJavaScript(config));
    await host.call("configure", request);
    return host;
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
    return Struct.fromJavaScript(sent(props) as never);
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
