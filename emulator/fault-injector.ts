/**
 * Injected faults for /v2 requests: answer a status, wait, or commit and then drop the
 * connection, for the next N matching requests (or a seeded random share of them). Rules are
 * tried in the order they were added; the first that matches and fires decides the request.
 */

import type { ActiveFaultRule, FaultRule } from "./types";

/** What a fired rule asks the request pipeline to do. */
export interface FaultAction {
  /** Wait this long first (real time). */
  delayMs?: number;
  /** Answer this status with a Telnyx-shaped error and commit nothing. */
  status?: number;
  /** `Retry-After` seconds to send with `status`. */
  retryAfterSeconds?: number;
  /** Process normally, then destroy the socket without answering. */
  dropAfterCommit?: boolean;
}

/** Default seed of the `ratio` draw, so that an unseeded rule is still reproducible. */
const DEFAULT_SEED = 1;

/** mulberry32: a tiny seeded generator; quality is ample for picking which requests fail. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LiveRule {
  rule: ActiveFaultRule;
  random: () => number;
}

/** The active fault rules. */
export class FaultInjector {
  private rules: LiveRule[] = [];
  private nextId = 1;

  /** Adds a rule (already validated) and returns it as it will be reported. */
  add(rule: FaultRule): ActiveFaultRule {
    const active: ActiveFaultRule = { ...rule, id: this.nextId++, remaining: rule.count };
    this.rules.push({ rule: active, random: seededRandom(rule.seed ?? DEFAULT_SEED) });
    return { ...active };
  }

  /** The rules that can still fire. */
  list(): ActiveFaultRule[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Finds the first rule that matches and fires for this request, consuming one of its faults. */
  take(method: string, path: string): FaultAction | undefined {
    for (const live of this.rules) {
      const { rule } = live;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !path.startsWith(rule.path)) continue;
      // Draw for every matching request, so the sequence of outcomes depends only on the seed.
      if (rule.ratio !== undefined && live.random() >= rule.ratio) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== live);
      return {
        delayMs: rule.delayMs,
        status: rule.status,
        retryAfterSeconds: rule.retryAfterSeconds,
        dropAfterCommit: rule.dropAfterCommit,
      };
    }
    return undefined;
  }
}
