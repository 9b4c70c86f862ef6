/**
 * What the provider tests see of a provider call, whichever way it is made: in this process
 * (in-process-provider.ts) or over gRPC through Pulumi's dynamic-provider host
 * (provider-host.ts). Both add `__provider` to what they send and strip it from what comes back,
 * as the host does, and turn an error carrying `id` into the engine's init failure.
 */
import * as path from "path";
import { providerText } from "../../sdk/provider-text";

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

/** The `__provider` text a program run from this checkout stores (the SDK's own). */
export function checkoutProviderText(): string {
  return providerText(path.join(__dirname, "../../sdk/provider-text.ts"));
}

/** Props as they cross the wire: JSON, with the checkout's `__provider`. */
export function sent(props: Props): Props {
  return JSON.parse(JSON.stringify({ ...props, __provider: checkoutProviderText() }));
}

/** Props as a test sees them: without `__provider`. */
export function strip(props: Props): Props {
  const { __provider, ...rest } = props;
  void __provider;
  return rest;
}
