/**
 * Everything one emulator instance remembers, gathered so that the API, the control API and
 * `reset` all act on the same objects.
 */

import { EmulatorClock } from "./clock";
import { FaultInjector } from "./fault-injector";
import { RateLimiter } from "./rate-limiter";
import { RequestLog } from "./request-log";
import { ReservationStore } from "./reservation-store";
import type { EmulatorSettings } from "./types";

/** The state of one running emulator. */
export class EmulatorState {
  /** The clock every time-dependent rule reads. */
  readonly clock = new EmulatorClock();
  /** Reservations and unavailable numbers. */
  readonly store = new ReservationStore();
  /** Active fault rules. */
  readonly faults = new FaultInjector();
  /** The optional /v2 rate limit. */
  readonly rateLimiter = new RateLimiter();
  /** Log of /v2 requests. */
  readonly requestLog = new RequestLog();
  /** Current timing settings. */
  settings: EmulatorSettings;

  /**
   * @param initialSettings settings at start, restored by {@link reset}
   * @param apiKey the only accepted bearer token, or undefined to accept any non-empty one
   */
  constructor(
    private readonly initialSettings: EmulatorSettings,
    readonly apiKey: string | undefined,
  ) {
    this.settings = { ...initialSettings };
  }

  /** Back to the state right after start: no reservations, faults, limit or log; real time. */
  reset(): void {
    this.clock.reset();
    this.store.reset();
    this.faults.clear();
    this.rateLimiter.set(0);
    this.requestLog.clear();
    this.settings = { ...this.initialSettings };
  }
}
