/**
 * The log of /v2 requests, in arrival order, that tests read to count API calls. Each entry is
 * added when the request arrives and completed with its status once answered (0 if dropped).
 */

import type { RequestLogEntry } from "./types";

/** Append-only (until cleared) list of served /v2 requests. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  /** Records an arriving request; returns the entry so its status can be filled in later. */
  start(entry: Omit<RequestLogEntry, "status">): RequestLogEntry {
    const logged: RequestLogEntry = { ...entry, status: null };
    this.entries.push(logged);
    return logged;
  }

  /** Copies of all entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  /** Forgets every entry; requests still in flight complete their detached entries harmlessly. */
  clear(): void {
    this.entries = [];
  }
}
