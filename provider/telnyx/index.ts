/** The Telnyx client: one module per concern, re-exported here. */
export * from "./types";
export * from "./errors";
export { TelnyxClient, TelnyxClientOptions, DEFAULT_BASE_URL, MAX_LIST_BYTES, MAX_LIST_PAGES } from "./client";
export { MAX_RESPONSE_BYTES, MAX_TRUSTED_CLOCK_SKEW_MS } from "./transport";
export { RetryPolicy, DEFAULT_RETRY_POLICY, sleep } from "./retry";
