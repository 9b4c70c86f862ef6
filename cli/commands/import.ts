/**
 * `import`: write a Pulumi program that adopts the account's existing
 * reservations (see `import-program.ts`), or with `--format pulumi-import` the
 * engine's `pulumi import --file` file for the native plugin
 * (`pulumi-import-file.ts`), to a file or to stdout.
 */
import * as fs from "fs";
import { defineCommand } from "../command";
import { CONNECTION_FLAGS, clientFromFlags } from "../connection-flags";
import { fetchReservations } from "../fetch-reservations";
import { FILTER_FLAGS, filtersFromFlags } from "../filter-flags";
import { renderImportProgram } from "../import-program";
import { selectImportable } from "../importable";
import { printable } from "../terminal-text";
import { renderPulumiImportFile } from "../pulumi-import-file";
import { UsageError } from "../cli-error";

const FORMATS = ["program", "pulumi-import"];

export const importCommand = defineCommand({
  name: "import",
  summary: "Write a Pulumi program adopting existing reservations.",
  description:
    "List reservations (same filters as `list`) and write a TypeScript Pulumi program declaring each\n" +
    "as a NumberReservation with the `import` option, so one `pulumi up` brings them under management\n" +
    "and creates nothing. Only numbers still held (or pending) are declared; reservations holding\n" +
    "none are skipped with a note on stderr. Names come from the customer reference, else the number.\n" +
    "With --format pulumi-import, write instead a `pulumi import --file` JSON file (native plugin\n" +
    "type telnyx:index:NumberReservation, by id): the engine reads each and generates the code.",
  flags: {
    ...FILTER_FLAGS,
    out: { type: "string", valueName: "file.ts", description: "Write the program to this file instead of stdout." },
    format: { type: "string", valueName: "program|pulumi-import", description: "What to write (default program: TypeScript)." },
    ...CONNECTION_FLAGS,
  },
  examples: [
    "import --out index.ts",
    "import --customer-reference support > reservations.ts",
    "import --format pulumi-import --out import.json   # then: pulumi import --file import.json",
  ],
  async run(flags, io) {
    const format = flags.format ?? "program";
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got "${format}"`);
    const filters = filtersFromFlags(flags);
    const client = clientFromFlags(flags, io);
    try {
      const records = await fetchReservations(client, filters, io.stderr);
      const { summaries, notes } = selectImportable(records, client.serverNow());
      for (const note of notes) io.stderr.write(`${printable(note)}\n`);
      const program = format === "pulumi-import" ? renderPulumiImportFile(summaries) : renderImportProgram(summaries);
      if (flags.out === undefined) io.stdout.write(program);
      else fs.writeFileSync(flags.out, program);
      const count = `${summaries.length} reservation${summaries.length === 1 ? "" : "s"}`;
      io.stderr.write(`declared ${count}${flags.out === undefined ? "" : ` in ${printable(flags.out)}`}\n`);
    } finally {
      client.close();
    }
  },
});
