/**
 * Optional persistence of an emulator's state to a JSON file, so that an
 * emulator started later (the demo's second `npm start`) still knows the
 * reservations the first one made. Writes are atomic (temp file + rename).
 */
import * as fs from "fs";
import * as path from "path";
import type { EmulatorState } from "./emulator-state";
import type { StoredReservation } from "./reservation-store";

interface StateFileContents {
  version: 1;
  clockOffsetMs: number;
  reservations: StoredReservation[];
  unavailable: string[];
}

/** Load `file` into `state` if it exists; a file that is not ours is an error naming it. */
export function loadStateFile(file: string, state: EmulatorState): void {
  if (!fs.existsSync(file)) return;
  let contents: StateFileContents;
  try {
    contents = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`emulator state file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (contents?.version !== 1 || !Array.isArray(contents.reservations)) {
    throw new Error(`emulator state file ${file} was not written by this emulator`);
  }
  state.clock.offset = contents.clockOffsetMs ?? 0;
  state.store.restore({ reservations: contents.reservations, unavailable: contents.unavailable ?? [] });
}

/** Write `state` to `file`. */
export function saveStateFile(file: string, state: EmulatorState): void {
  const contents: StateFileContents = { version: 1, clockOffsetMs: state.clock.offset, ...state.store.snapshot() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(contents));
  fs.renameSync(temp, file);
}
