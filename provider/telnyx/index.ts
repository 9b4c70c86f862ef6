/** The Telnyx client: one module per concern, re-exported here. */
export * from "./types";
export * from "./errors";
export { TelnyxClient, TelnyxClientOptions, DEFAULT_BASE_URL } from "./client";
export { RetryPolicy, DEFAULT_RETRY_POLICY, sleep } from "./retry";
