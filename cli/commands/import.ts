/**
 * `import`: write a Pulumi program that adopts the account's existing
 * reservations (see `import-program.ts`), to a file or to stdout.
 */
import * as fs from "fs";
import { defineCommand } from "../command";
import { CONNECTION_FLAGS, clientFromFlags } from "../connection-flags";
import { fetchReservations } from "../fetch-reservations";
import { FILTER_FLAGS, filtersFromFlags } from "../filter-flags";
import { renderImportProgram } from "../import-program";
import { selectImportable } from "../importable";
import { printable } from "../terminal-text";

export const importCommand = defineCommand({
  name: "import",
  summary: "Write a Pulumi program adopting existing reservations.",
  description:
    "List reservations (same filters as `list`) and write a TypeScript Pulumi program declaring each\n" +
    "as a NumberReservation with the `import` option, so one `pulumi up` brings them under management\n" +
    "and creates nothing. Only numbers still held (or pending) are declared; reservations holding\n" +
    "none are skipped with a note on stderr. Names come from the customer reference, else the number.",
  flags: {
    ...FILTER_FLAGS,
    out: { type: "string", valueName: "file.ts", description: "Write the program to this file instead of stdout." },
    ...CONNECTION_FLAGS,
  },
  examples: ["import --out index.ts", "import --customer-reference support > reservations.ts"],
  async run(flags, io) {
    const filters = filtersFromFlags(flags);
    const client = clientFromFlags(flags, io);
    try {
      const records = await fetchReservations(client, filters, io.stderr);
      const { summaries, notes } = selectImportable(records, client.serverNow());
      for (const note of notes) io.stderr.write(`${printable(note)}\n`);
      const program = renderImportProgram(summaries);
      if (flags.out === undefined) io.stdout.write(program);
      else fs.writeFileSync(flags.out, program);
      const count = `${summaries.length} reservation${summaries.length === 1 ? "" : "s"}`;
      io.stderr.write(`declared ${count}${flags.out === undefined ? "" : ` in ${printable(flags.out)}`}\n`);
    } finally {
      client.close();
    }
  },
});
