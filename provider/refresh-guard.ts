/**
 * The engine's `pulumi refresh` also calls `diff`, with the old inputs and
 * without `check`, only to show drift: a refusal there would fail the refresh
 * that is a way out. So an adapter refuses only plans the engine is about to
 * carry out, recognised by inputs its own `check` returned in this process. A
 * workaround for an engine behaviour both adapters meet, kept out of the core.
 */
import { DiffAnswer } from "./reservations";
import { ReservationInputs } from "./inputs";

/** `diff`'s answer in the engine's terms (the dynamic and the native `DiffResult` agree). */
export interface EngineDiff {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

export class RefreshGuard {
  /** Inputs `check` returned (canonical JSON): a plain object, which survives serialization by value. */
  private readonly checked: Record<string, true> = {};

  /** Remember inputs that passed `check`. */
  checkedOk(inputs: ReservationInputs): void {
    this.checked[canonical(inputs)] = true;
  }

  /** The engine's diff for `answer`; a refusal throws, unless `news` never passed `check` here (a refresh's drift display). */
  engineDiff(news: ReservationInputs, answer: DiffAnswer): EngineDiff {
    if ("refused" in answer) {
      if (!this.checked[canonical(news)]) return { changes: true };
      throw new Error(answer.refused);
    }
    if (!answer.changes) return { changes: false };
    return answer.replaces.length ? { changes: true, replaces: answer.replaces, deleteBeforeReplace: false } : { changes: true };
  }
}

/** JSON with sorted keys and no `__provider`: the same inputs give the same text whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) =>
    key === "__provider"
      ? undefined
      : v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
        : v,
  );
}
