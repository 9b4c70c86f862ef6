/**
 * A throwaway PostgreSQL server for engine tests of Pulumi's `postgres://` state backend (a
 * team's shared state): `initdb` in a temporary folder with trust auth, `pg_ctl start` on a free
 * loopback port (as the `postgres` user when running as root: initdb refuses root), one database.
 * Its URL is what PULUMI_BACKEND_URL takes; `stop()` ends the server and removes the folder.
 * No test framework here: test/helpers/postgres.ts wraps it in jest hooks.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

/** Where to look for initdb and pg_ctl besides $PG_BIN: Debian's versioned folders, newest first, then PATH. */
const DEBIAN_ROOT = "/usr/lib/postgresql";

export const POSTGRES_MISSING = [
  "PostgreSQL is not installed: the team-state engine tests (test/engine/teams.test.ts) start their own",
  "server with initdb and pg_ctl. Install it (Debian/Ubuntu: `sudo apt-get install postgresql`;",
  "macOS: `brew install postgresql@15`), or set PG_BIN to the folder holding initdb and pg_ctl.",
].join(" ");

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/DB?sslmode=disable`, for PULUMI_BACKEND_URL. */
  readonly url: string;
  /** Folder of the server's binaries (psql is there too). */
  readonly binDir: string;
  /** Stops the server (immediately: nothing in it is kept) and removes its folder; safe to call twice. */
  stop(): void;
}

/** Where {@link postgresBinDir} looks: $PG_BIN, Debian's folders under `debianRoot`, then $PATH. */
export interface PostgresSearch {
  env: NodeJS.ProcessEnv;
  debianRoot: string;
}

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function postgresBinDir({ env, debianRoot }: PostgresSearch = { env: process.env, debianRoot: DEBIAN_ROOT }): string | undefined {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  if (fs.existsSync(debianRoot)) {
    const versions = fs.readdirSync(debianRoot).filter((v) => /^\d+$/.test(v));
    candidates.push(...versions.sort((a, b) => Number(b) - Number(a)).map((v) => path.join(debianRoot, v, "bin")));
  }
  candidates.push(...(env.PATH ?? "").split(path.delimiter).filter(Boolean));
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")));
}

/** Starts a server with one database named `database`; throws {@link POSTGRES_MISSING} when there is no PostgreSQL. */
export async function startPostgres(database = "pulumi", search?: PostgresSearch): Promise<PostgresServer> {
  const binDir = postgresBinDir(search);
  if (!binDir) throw new Error(POSTGRES_MISSING);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-telnyx-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const asRoot = process.getuid?.() === 0;
  // The server's files must belong to the user it runs as.
  if (asRoot) execFileSync("chown", ["postgres:", dir]);
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(binDir, tool), ...args]] : [path.join(binDir, tool), args];
    execFileSync(file, argv, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  };
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]);
      } catch {
        // already gone (killed with its test run): only the folder is left
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    process.removeListener("exit", stop);
  };
  // A jest run that ends without its afterAll (a crash) must not leave a server behind.
  process.on("exit", stop);
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    const port = await freePort();
    // fsync off: the data is thrown away; the socket in our folder, not /var/run/postgresql.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
    started = true;
    run("pg_ctl", ["start", "-D", data, "-l", log, "-w", "-t", "60", "-o", options]);
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", database]);
    return { url: `postgres://postgres@127.0.0.1:${port}/${database}?sslmode=disable`, binDir, stop };
  } catch (err) {
    const error = err as Error & { stderr?: string };
    const serverLog = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
    stop();
    throw new Error(`could not start PostgreSQL from ${binDir}: ${error.message}\n${error.stderr ?? ""}\n${serverLog}`);
  }
}

/** A loopback port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
