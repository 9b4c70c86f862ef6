/**
 * A Pulumi project driven through the Automation API by the real engine,
 * against the emulator: a file backend and PULUMI_HOME in a temporary folder,
 * a passphrase, no update checks, no plugin downloads. Every command's output
 * is kept, and a failing command's error carries it, so the reason shows.
 */
import * as fs from "fs";
import * as path from "path";
import {
  ConfigMap,
  DestroyResult,
  LocalWorkspace,
  OutputMap,
  PreviewResult,
  PulumiCommand,
  RefreshResult,
  Stack,
  UpResult,
} from "@pulumi/pulumi/automation";
import { RESERVATION_TOKENS } from "../provider/type-tokens";
import { engineWorkspace } from "./workspace";
import { clockEnv, emulatorOffset } from "./world-clock";

export const PASSPHRASE = "engine-tests";

export interface ProjectOptions {
  /** Copy Pulumi.yaml, *.ts and *.py from this folder (e.g. `examples/basic`). */
  from?: string;
  /** Files to write (name → content), after copying. */
  files?: Record<string, string>;
  /** Stack config; `telnyx:*` is usually set here. */
  config?: ConfigMap;
  /** Object-valued stack config (e.g. a list for a YAML program's typed `array` config). */
  objectConfig?: Record<string, unknown>;
  /** Extra environment for the engine and the program. */
  env?: Record<string, string>;
  /**
   * A folder with node_modules to put the program in (a sub-folder of it), for tests that
   * install packages their own way; default: the shared engine workspace.
   */
  root?: string;
  /** Stack name (default `test`): stacks of one project share a backend (e.g. PULUMI_BACKEND_URL in `env`). */
  stack?: string;
}

let counter = 0;

/**
 * The environment of an offline `pulumi` run: the CLI first on PATH, a file backend and
 * PULUMI_HOME in `scratch` (made here), a passphrase, no update checks, no plugin downloads.
 */
export function offlineEngineEnv(cliRoot: string, scratch: string): Record<string, string> {
  fs.mkdirSync(path.join(scratch, "state"), { recursive: true });
  fs.mkdirSync(path.join(scratch, "home"), { recursive: true });
  return {
    PATH: `${path.join(cliRoot, "bin")}:${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${path.join(scratch, "state")}`,
    PULUMI_HOME: path.join(scratch, "home"),
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

export class TestProject {
  /** Text of the last command (all output lines). */
  lastOutput = "";

  private constructor(
    readonly dir: string,
    readonly stack: Stack,
    private readonly scratch: string,
    /** Origin of the emulator the project talks to: its clock is every command's clock. */
    private readonly emulatorOrigin?: string,
  ) {}

  static async create(options: ProjectOptions): Promise<TestProject> {
    const ws = engineWorkspace();
    const name = `p${process.pid}-${Date.now()}-${counter++}`;
    const root = options.root ?? ws.dir;
    const dir = path.join(root, name);
    const scratch = fs.mkdtempSync(path.join(root, `.${name}-`));
    fs.mkdirSync(dir);
    if (options.from) {
      for (const file of fs.readdirSync(options.from)) {
        if (file === "Pulumi.yaml" || /\.(ts|py)$/.test(file)) fs.copyFileSync(path.join(options.from, file), path.join(dir, file));
      }
    }
    for (const [file, content] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    // YAML and Python programs load the plugin from ./node_modules (as examples/yaml and examples/python do);
    // Node programs find the parent's.
    if (/^runtime:\s*(yaml|python)\s*$/m.test(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))) {
      fs.symlinkSync(path.join(ws.dir, "node_modules"), path.join(dir, "node_modules"));
    }
    const pulumiCommand = await PulumiCommand.get({ root: ws.cliRoot, skipVersionCheck: true });
    const envVars: Record<string, string> = {
      ...offlineEngineEnv(ws.cliRoot, scratch),
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      TELNYX_API_KEY: "",
      TELNYX_BASE_URL: "",
      ...options.env,
    };
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: options.stack ?? "test", workDir: dir }, { pulumiCommand, envVars });
    if (options.config) await stack.setAllConfig(options.config);
    const baseUrl = (options.config?.["telnyx:baseUrl"]?.value as string | undefined) ?? options.env?.TELNYX_BASE_URL;
    const project = new TestProject(dir, stack, scratch, baseUrl ? new URL(baseUrl).origin : undefined);
    if (options.objectConfig) await project.setObjectConfig(options.objectConfig);
    return project;
  }

  /**
   * Set object-valued config as `pulumi config set-all --json` does. `setConfig` stores
   * strings only, and `--path` would read "+19705550000" as a number.
   */
  async setObjectConfig(values: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(values).map(([key, v]) => [key, { value: JSON.stringify(v), objectValue: v, secret: false }]);
    await (this.stack.workspace as LocalWorkspace).setAllConfigJson(this.stack.name, JSON.stringify(Object.fromEntries(entries)));
  }

  async up(opts: Parameters<Stack["up"]>[0] = {}): Promise<UpResult> {
    return this.run(() => this.stack.up({ ...opts, onOutput: this.collect() }));
  }

  async preview(opts: Parameters<Stack["preview"]>[0] = {}): Promise<PreviewResult> {
    return this.run(() => this.stack.preview({ ...opts, onOutput: this.collect() }));
  }

  async refresh(opts: Parameters<Stack["refresh"]>[0] = {}): Promise<RefreshResult> {
    return this.run(() => this.stack.refresh({ ...opts, onOutput: this.collect() }));
  }

  async destroy(opts: Parameters<Stack["destroy"]>[0] = {}): Promise<DestroyResult> {
    return this.run(() => this.stack.destroy({ ...opts, onOutput: this.collect() }));
  }

  async outputs(): Promise<Record<string, unknown>> {
    const out: OutputMap = await this.stack.outputs();
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]));
  }

  /** `pulumi stack export --show-secrets`, as text. */
  async exportedState(): Promise<string> {
    return JSON.stringify(await this.stack.exportStack());
  }

  /** The NumberReservation resources in state, with their outputs. */
  async reservations(): Promise<Array<{ urn: string; id: string; outputs: Record<string, any> }>> {
    const state = JSON.parse(await this.exportedState());
    return (state.deployment.resources ?? [])
      .filter((r: { type: string }) => RESERVATION_TOKENS.includes(r.type))
      .map((r: { urn: string; id: string; outputs: Record<string, unknown> }) => ({ urn: r.urn, id: r.id, outputs: r.outputs }));
  }

  /** The environment every command of this project runs with. */
  get env(): Record<string, string> {
    return (this.stack.workspace as LocalWorkspace).envVars;
  }

  /** The Pulumi CLI path, for running it directly (e.g. to kill it mid-update). */
  get pulumiBinary(): string {
    return path.join(engineWorkspace().cliRoot, "bin/pulumi");
  }

  /**
   * Kill processes still working in this project's folder. A killed `pulumi` leaves its
   * language host and provider processes running (the engine is what stops them).
   */
  killStrays(): void {
    for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      let cwd: string;
      try {
        cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        continue; // gone, or not ours to inspect
      }
      if (cwd === this.dir || cwd.startsWith(`${this.dir}/`) || cwd.startsWith(`${this.dir} `)) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // already exited
        }
      }
    }
  }

  async dispose(): Promise<void> {
    this.killStrays();
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  private collect() {
    this.lastOutput = "";
    return (line: string) => {
      this.lastOutput += line;
    };
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    // A test that moved the emulator's clock moved time for the program and provider too.
    if (this.emulatorOrigin) Object.assign(this.env, clockEnv(await emulatorOffset(this.emulatorOrigin)));
    try {
      return await command();
    } catch (err) {
      const error = err as Error;
      error.message = `${error.message}\n--- engine output ---\n${this.lastOutput}`;
      throw error;
    }
  }
}
