/**
 * The README's main job, `npm start` (demo/main-job.js), end to end: a real
 * `pulumi up` of the root project against the embedded emulator; safe to run
 * twice; refresh, extend and destroy.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mainJob } from "./support";

let demoDir: string;

beforeAll(() => {
  demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "main-job-"));
});
afterAll(() => fs.rmSync(demoDir, { recursive: true, force: true }));

const run = (...args: string[]) => mainJob(demoDir, args);

it("holds the demo numbers, changes nothing the second time, and refreshes, extends and destroys", async () => {
  const first = await run();
  expect(first).toContain("(embedded emulator)");
  expect(first).toMatch(/\+ 3 created/);
  expect(first).toMatch(/RESERVATION\s+NUMBERS\s+STATUS\s+EXPIRES/);
  expect(first).toMatch(/[0-9a-f-]{36}\s+\+19705555098 \+19705555099\s+success\s+\d{4}-/);
  expect(first).toContain("npm start -- refresh");
  expect(fs.readdirSync(path.join(demoDir, "state"))).toContain(".pulumi"); // the file backend, by default

  const second = await run();
  expect(second).toMatch(/3 unchanged/);
  expect(second).not.toMatch(/created|updated|replaced/);

  expect(await run("refresh")).toMatch(/3 unchanged/);
  expect(await run("extend")).toMatch(/~ 2 updated/);
  const destroyed = await run("destroy");
  expect(destroyed).toMatch(/- 3 deleted/);
  expect(destroyed).toContain("Telnyx has no call to release it");
  expect(destroyed).toContain("No reservations in the stack.");
});
