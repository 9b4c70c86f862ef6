/**
 * Keeps the state file in step with memory, one request at a time: after a request is handled
 * and before it is answered, a change to the persisted parts (reservations, unavailable numbers,
 * clock offset) is written. Nothing changed, nothing is written. When the write fails, the change
 * is rolled back in memory to the last saved state, so memory and file agree, and the request is
 * answered with a Telnyx-shaped 500 instead of a 200 whose effect would be lost on restart.
 */

import { ApiError } from "./api-errors";
import type { EmulatorState } from "./emulator-state";
import type { HttpResult } from "./http-io";
import { errorResult } from "./http-io";
import { applyStateFile, readStateFile, removeOrphanTempFiles, serializeState, writeStateFile } from "./state-file";
import { checkStateFileContents } from "./state-file-check";

/** The state file of one emulator (or none). */
export class StatePersistence {
  private savedText = "";
  private savedMark = "";

  constructor(
    private readonly file: string | undefined,
    private readonly state: EmulatorState,
  ) {}

  /** Loads the file into the state, if there is one; throws an Error naming the file and any bad entry. */
  load(): void {
    if (this.file === undefined) return;
    removeOrphanTempFiles(this.file);
    const contents = readStateFile(this.file);
    if (contents) applyStateFile(contents, this.state);
    this.remember(serializeState(this.state));
  }

  /**
   * Saves any change since the last save and returns `result`, or, when saving fails, rolls the
   * change back and returns the 500 to answer instead.
   */
  commit(result: HttpResult): HttpResult {
    if (this.file === undefined || this.mark() === this.savedMark) return result;
    const text = serializeState(this.state);
    if (text === this.savedText) {
      this.savedMark = this.mark();
      return result;
    }
    try {
      writeStateFile(this.file, text);
    } catch (err) {
      applyStateFile(checkStateFileContents(JSON.parse(this.savedText)), this.state);
      this.savedMark = this.mark();
      const reason = err instanceof Error ? err.message : String(err);
      return errorResult(
        ApiError.of(
          500,
          "unexpected",
          `The emulator could not save the state file ${this.file} (${reason}); its changes to reservations, unavailable numbers and the clock were undone.`,
        ),
      );
    }
    this.remember(text);
    return result;
  }

  private remember(text: string): void {
    this.savedText = text;
    this.savedMark = this.mark();
  }

  /** Cheap fingerprint of the persisted parts: equal marks mean nothing changed. */
  private mark(): string {
    return `${this.state.store.revision}:${this.state.clock.offset}`;
  }
}
