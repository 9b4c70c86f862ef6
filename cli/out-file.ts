/**
 * The file `import --out` writes. A user's `index.ts` is not overwritten by
 * accident: an existing file is refused unless `--force`, checked before any
 * API work (so a refusal costs nothing) and again when writing (`wx`: a file
 * created meanwhile is not clobbered either). Messages name the flag.
 */
import * as fs from "fs";
import * as path from "path";
import { printable } from "./output";

/** Throws, naming --out, when `file` cannot or must not be written. */
export function checkOutFile(file: string, force: boolean): void {
  const stat = statOrUndefined(file);
  if (stat?.isDirectory()) throw new Error(`--out ${printable(file)} is a directory, not a file`);
  if (stat && !force) throw alreadyExists(file);
  const directory = path.dirname(path.resolve(file));
  if (!statOrUndefined(directory)?.isDirectory()) {
    throw new Error(`--out ${printable(file)}: the directory ${printable(directory)} does not exist`);
  }
}

/** Write `text` to `file`; without `force`, only if it still does not exist. */
export function writeOutFile(file: string, text: string, force: boolean): void {
  try {
    fs.writeFileSync(file, text, { flag: force ? "w" : "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw alreadyExists(file);
    throw err;
  }
}

function alreadyExists(file: string): Error {
  return new Error(`--out ${printable(file)} already exists; pass --force to overwrite it`);
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
