/**
 * The log of /v2 requests, in arrival order, that tests read to count API calls. Each entry is
 * added when the request arrives and completed with its status once answered (0 if dropped).
 * It keeps the last {@link REQUEST_LOG_SIZE} entries, so a long-running emulator's memory and
 * `GET /__emulator/requests` stay bounded; `dropped` says how many older ones were let go.
 */

import type { RequestLogEntry } from "./types";

/** How many entries the log keeps (docs/emulator.md, "Limits"). */
export const REQUEST_LOG_SIZE = 1000;

/** The last {@link REQUEST_LOG_SIZE} served /v2 requests (until cleared). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private droppedCount = 0;

  /** Records an arriving request; returns the entry so its status can be filled in later. */
  start(entry: Omit<RequestLogEntry, "status">): RequestLogEntry {
    const logged: RequestLogEntry = { ...entry, status: null };
    this.entries.push(logged);
    if (this.entries.length > REQUEST_LOG_SIZE) {
      this.entries.shift();
      this.droppedCount += 1;
    }
    return logged;
  }

  /** Copies of the kept entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  /** How many entries were let go to keep the size, since the last clear. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Forgets every entry; requests still in flight complete their detached entries harmlessly. */
  clear(): void {
    this.entries = [];
    this.droppedCount = 0;
  }
}
