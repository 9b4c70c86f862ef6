/**
 * Without PostgreSQL, the team-state engine tests fail (never skip) with what to install:
 * a person running `npm test` learns the missing prerequisite from the first line.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { postgresBinDir, startPostgres } from "../testing/postgres";

it("fails naming the package to install when no initdb/pg_ctl is found, and finds Debian's when present", async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-postgres-"));
  try {
    const nowhere = { env: { PATH: empty }, debianRoot: path.join(empty, "none") };
    expect(postgresBinDir(nowhere)).toBeUndefined();
    await expect(startPostgres("pulumi", nowhere)).rejects.toThrow(/PostgreSQL is not installed.*apt-get install postgresql/);

    // A Debian-style layout: /usr/lib/postgresql/<major>/bin, the newest major wins.
    for (const major of ["13", "15"]) {
      fs.mkdirSync(path.join(empty, "lib", major, "bin"), { recursive: true });
      for (const tool of ["initdb", "pg_ctl"]) fs.writeFileSync(path.join(empty, "lib", major, "bin", tool), "");
    }
    expect(postgresBinDir({ env: { PATH: empty }, debianRoot: path.join(empty, "lib") })).toBe(path.join(empty, "lib", "15", "bin"));
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
