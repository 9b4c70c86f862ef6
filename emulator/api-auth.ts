/**
 * Bearer authentication of /v2 requests, answering failures the way Telnyx does
 * (401, code 10009 "Authentication failed").
 */

import { ApiError } from "./api-errors";

/**
 * Checks the `Authorization` header. With `apiKey` set only that token is accepted; without it
 * any non-empty bearer token is, so the emulator can be tried without inventing a key.
 */
export function authenticate(header: string | undefined, apiKey: string | undefined): void {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  const token = match?.[1].trim();
  if (!token) {
    throw ApiError.of(401, "authenticationFailed", "Missing credentials: send 'Authorization: Bearer <API key>'.");
  }
  if (apiKey !== undefined && token !== apiKey) {
    throw ApiError.of(401, "authenticationFailed", "Could not understand the provided credentials.");
  }
}
