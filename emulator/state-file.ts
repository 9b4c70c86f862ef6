/**
 * Optional persistence of an emulator's state to a JSON file, so that an emulator started later
 * (the demo's second `npm start`) still knows the reservations the first one made. Writes are
 * atomic (temp file + rename); a failed write removes its temp file, and a start removes the
 * temp files of emulators that died mid-write.
 */
import * as fs from "fs";
import * as path from "path";
import { checkStateFileContents, StateFileProblem, type StateFileContents } from "./state-file-check";
import type { EmulatorState } from "./emulator-state";

/** The temp file this process writes next to `file`. */
function tempFileOf(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Whether a process with this id is running (a signal-0 probe; EPERM means it runs as someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `<file>.<pid>.tmp` files whose writer is gone (or is this process). */
export function removeOrphanTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to clean
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith(".tmp") ? name.slice(prefix.length, -".tmp".length) : "";
    if (/^\d+$/.test(pid) && (Number(pid) === process.pid || !isRunning(Number(pid)))) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

/** Reads and checks `file`; undefined when it does not exist. Errors name the file and the bad entry. */
export function readStateFile(file: string): StateFileContents | undefined {
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`emulator state file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return checkStateFileContents(parsed);
  } catch (err) {
    const reason = (err as Error).message;
    throw new Error(err instanceof StateFileProblem ? `emulator state file ${file} is corrupt: ${reason}` : `emulator state file ${file} ${reason}`);
  }
}

/** The state as the text of a state file. */
export function serializeState(state: EmulatorState): string {
  const contents: StateFileContents = { version: 1, clockOffsetMs: state.clock.offset, ...state.store.snapshot() };
  return JSON.stringify(contents);
}

/** Replaces the persisted parts of `state` (reservations, unavailable numbers, clock offset). */
export function applyStateFile(contents: StateFileContents, state: EmulatorState): void {
  state.clock.offset = contents.clockOffsetMs;
  state.store.restore({ reservations: contents.reservations, unavailable: contents.unavailable });
}

/** Writes `text` to `file` atomically; on failure removes the temp file and rethrows. */
export function writeStateFile(file: string, text: string): void {
  const temp = tempFileOf(file);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
