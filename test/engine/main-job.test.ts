/**
 * The README's main job, `npm start` (demo/main-job.js), end to end: a real
 * `pulumi up` of the root project against the embedded emulator; safe to run
 * twice; refresh, extend and destroy.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import "./support";

const ROOT = path.resolve(__dirname, "../..");
let demoDir: string;

beforeAll(() => {
  demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "main-job-"));
});
afterAll(() => fs.rmSync(demoDir, { recursive: true, force: true }));

async function mainJob(...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DIR: demoDir, PULUMI_CONFIG_PASSPHRASE: "" };
  delete env.TELNYX_API_KEY;
  delete env.TELNYX_BASE_URL;
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, "demo/main-job.js"), ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

it("holds the demo numbers, changes nothing the second time, and refreshes, extends and destroys", async () => {
  const first = await mainJob();
  expect(first).toContain("(embedded emulator)");
  expect(first).toMatch(/\+ 3 created/);
  expect(first).toMatch(/RESERVATION\s+NUMBERS\s+STATUS\s+EXPIRES/);
  expect(first).toMatch(/[0-9a-f-]{36}\s+\+19705555098 \+19705555099\s+success\s+\d{4}-/);
  expect(first).toContain("npm start -- refresh");

  const second = await mainJob();
  expect(second).toMatch(/3 unchanged/);
  expect(second).not.toMatch(/created|updated|replaced/);

  expect(await mainJob("refresh")).toMatch(/3 unchanged/);
  expect(await mainJob("extend")).toMatch(/~ 2 updated/);
  const destroyed = await mainJob("destroy");
  expect(destroyed).toMatch(/- 3 deleted/);
  expect(destroyed).toContain("Telnyx has no call to release it");
  expect(destroyed).toContain("No reservations in the stack.");
});
