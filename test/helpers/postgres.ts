/**
 * Jest fixture for engine tests on Pulumi's `postgres://` state backend: one PostgreSQL server
 * per test file (testing/postgres.ts), started in beforeAll and stopped in afterAll, also when
 * tests fail. Without PostgreSQL installed the file fails with what to install (never skips).
 */
import { PostgresServer, startPostgres } from "../../testing/postgres";

export function withPostgres(): { readonly url: string; readonly binDir: string } {
  let server: PostgresServer | undefined;
  const started = (): PostgresServer => {
    if (!server) throw new Error("withPostgres: the server is only available inside tests and hooks");
    return server;
  };
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => {
    server?.stop();
    server = undefined;
  });
  return {
    get url() {
      return started().url;
    },
    get binDir() {
      return started().binDir;
    },
  };
}
