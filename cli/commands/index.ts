/** Every command, in the order `--help` lists them. */
import { Command } from "../command";
import { emulatorCommand } from "./emulator";
import { importCommand } from "./import";
import { listCommand } from "./list";

export const COMMANDS: readonly Command[] = [listCommand, importCommand, emulatorCommand];
