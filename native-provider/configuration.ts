/**
 * Provider configuration over gRPC. `@pulumi/pulumi/provider`'s server (3.248)
 * answers `Configure` without passing the configuration on and leaves
 * `CheckConfig`/`DiffConfig` unimplemented (pulumi/pulumi#10915). Its server class
 * is not exported, so `withConfiguration` hooks the one `addService` call of `main()`:
 *
 *   CheckConfig  validates `apiKey` and `baseUrl`, naming the property
 *   DiffConfig   a changed setting updates the provider in place, never replaces it
 *   Configure    hands `telnyx:apiKey`/`telnyx:baseUrl` to the provider (environment
 *                fallbacks: provider/config.ts) and asks the engine for plain values
 *                (no secrets, outputs or resources)
 */
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { ConfigSource, CONFIG_KEYS } from "../provider/config";

/** What the handlers need from the provider. */
export interface Configurable {
  configure(config: ConfigSource): Promise<void>;
}

type Callback = (err: unknown, value?: unknown) => void;
type Call<T> = { request: T };

/** The `@grpc/grpc-js` that `@pulumi/pulumi`'s server uses (it may not be ours). */
function pulumiGrpc(): typeof grpcTypes {
  const server = require.resolve("@pulumi/pulumi/provider/server");
  return require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(server)] }));
}

/** Setting names (`apiKey`, `baseUrl`), from the `telnyx:` keys. */
const SETTINGS = Object.values(CONFIG_KEYS).map((key) => key.split(":")[1]);

/** Run `start` (which calls `main()`) with the handlers installed on the service it adds. */
export async function withConfiguration(provider: Configurable, start: () => Promise<void>): Promise<void> {
  const grpc = pulumiGrpc();
  const original = grpc.Server.prototype.addService;
  let installed = false;
  grpc.Server.prototype.addService = function (service, implementation) {
    grpc.Server.prototype.addService = original;
    Object.assign(implementation, handlers(provider, grpc));
    installed = true;
    return original.call(this, service, implementation);
  };
  try {
    await start();
  } finally {
    grpc.Server.prototype.addService = original;
  }
  if (!installed) throw new Error("@pulumi/pulumi's provider server did not start as expected: configuration cannot be read");
}

function handlers(provider: Configurable, grpc: typeof grpcTypes) {
  return {
    checkConfig(call: Call<provproto.CheckRequest>, callback: Callback) {
      const news = call.request.getNews()?.toJavaScript() ?? {};
      const response = new provproto.CheckResponse();
      response.setInputs(call.request.getNews());
      response.setFailuresList(configFailures(news));
      callback(undefined, response);
    },
    diffConfig(call: Call<provproto.DiffRequest>, callback: Callback) {
      const olds = call.request.getOldInputs()?.toJavaScript() ?? call.request.getOlds()?.toJavaScript() ?? {};
      const news = call.request.getNews()?.toJavaScript() ?? {};
      const changed = SETTINGS.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
      const response = new provproto.DiffResponse();
      response.setChanges(changed.length ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
      response.setDiffsList(changed);
      callback(undefined, response);
    },
    configure(call: Call<provproto.ConfigureRequest>, callback: Callback) {
      const variables = call.request.getVariablesMap();
      const args = call.request.getArgs()?.toJavaScript() ?? {};
      const source: ConfigSource = {
        get(key) {
          const name = key.split(":")[1];
          return variables.get(`telnyx:config:${name}`) ?? plainString(args[name]);
        },
      };
      provider.configure(source).then(
        () => {
          const response = new provproto.ConfigureResponse();
          response.setAcceptsecrets(false);
          response.setAcceptresources(false);
          response.setAcceptoutputs(false);
          response.setSupportspreview(false);
          callback(undefined, response);
        },
        (err: Error) => callback({ code: grpc.status.INVALID_ARGUMENT, details: err.message }),
      );
    },
  };
}

/** Bad settings, named; the engine shows them before any resource is touched. */
export function configFailures(news: Record<string, unknown>): provproto.CheckFailure[] {
  const failures: Array<[string, string]> = [];
  for (const key of SETTINGS) {
    const value = plainValue(news[key]);
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" || value.trim() === "") failures.push([key, "must be a non-empty string when set"]);
  }
  const baseUrl = plainValue(news.baseUrl);
  if (typeof baseUrl === "string" && baseUrl.trim() !== "" && !isHttpUrl(baseUrl)) {
    failures.push(["baseUrl", `must be an http(s) URL, e.g. https://api.telnyx.com/v2; got ${JSON.stringify(baseUrl)}`]);
  }
  return failures.map(([property, reason]) => {
    const failure = new provproto.CheckFailure();
    failure.setProperty(property);
    failure.setReason(reason);
    return failure;
  });
}

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The value inside Pulumi's secret wrapper, as it appears in a Struct. */
function plainValue(value: unknown): unknown {
  const wrapped = value as Record<string, unknown> | null;
  if (wrapped && typeof wrapped === "object" && wrapped[specialSigKey] === specialSecretSig) return wrapped.value;
  return value;
}

function plainString(value: unknown): string | undefined {
  const plain = plainValue(value);
  return typeof plain === "string" ? plain : undefined;
}
