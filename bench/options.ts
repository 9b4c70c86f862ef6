/** The bench's command line: which mode, at which sizes, how many rounds. */
import * as path from "path";

export interface Options {
  /** `default`: every scenario at small N; `scale`: up and extend at hundreds to thousands (`--scale`). */
  mode: "default" | "scale";
  /** The repository root. */
  root: string;
  /** Timing rounds at N (each round runs every program once, back to back). */
  reps: (n: number) => number;
  sizes: number[];
  /** N of the adoption scenarios. */
  adoptN: number;
  /** N of the rate-limited scenario. */
  rateN: number;
  /** N of the "where the time goes" runs, and how many of each. */
  probeN: number;
  probeReps: number;
  /** Scale mode: also time the extend under this rate limit (requests/s; 0: no limited run). */
  extendRate: number;
  /** Scale mode: count every checkpoint write of the first updates (an extra copy per write: slower). */
  countCheckpoints: boolean;
  /** Scale mode: rounds of users' shape (its floor and the reservations, interleaved) at each N; 0 skips it. */
  usersReps: number;
  /** Scale mode: only users' shape (skips today's programs, updates and settings). */
  usersOnly: boolean;
  /** Scale mode: rounds of the reservations' up at the first N on the file backend and on PostgreSQL (0 skips). */
  backendReps: number;
  /** Scale mode: stacks in the keep-alive run on PostgreSQL (0 skips), and how many run at once. */
  stacks: number;
  stackParallel: number;
  /** Scale mode, users' shape: write the engine's Go CPU profile of each `up` under this folder (`--profiling`). */
  profileDir?: string;
}

export const USAGE = `npm run bench -- [options]
  --reps R         timing rounds per N (default 5 at N=50, the goal's N, 3 elsewhere; 1 with --scale)
  --sizes a,b,c    N values (default 10,50,100; 500,1000 with --scale)
  --quick          --reps 1 --sizes 10 and small scenarios: checks the bench runs
  --scale          up of N no-op / stand-in / reservations, the growth to 2N, where the time goes
                   (CPU per process, checkpoint writes), and an extend of every hold
  --extend-rate R  with --scale: also extend under a rate limit of R requests/s
  --count-checkpoints  with --scale: count and size every checkpoint write of the first floor
                   update and extend (PULUMI_RETAIN_CHECKPOINTS; those two runs are slower)
  --users-reps R   with --scale: rounds of users' shape at each N (default 3; 0 skips it): N reservations
                   with their own customer reference and keep-alive window, two exported arrays, one list
                   lookup, against a floor of N no-op resources exporting two arrays, interleaved
  --users-only     with --scale: only users' shape (median and best of --users-reps rounds), and
                   team state only when --backend-reps or --stacks is given
  --backend-reps R with --scale: rounds of the reservations' up at the first N on the file backend and
                   on PostgreSQL, back to back (default 1; 0 skips; needs PostgreSQL installed)
  --stacks M       with --scale: a scheduled keep-alive across M stacks sharing a PostgreSQL backend
                   (default 20; 0 skips), --stack-parallel P at a time (default 4)
  --profile DIR    with --scale: each up of users' shape also writes the engine's CPU profile,
                   DIR/<kind>-<N>-<round>.<pid>.cpu (pulumi --profiling; read with go tool pprof)`;

export function parseOptions(argv: string[]): Options {
  const options: Options = {
    mode: "default",
    root: path.resolve(__dirname, ".."),
    reps: (n) => (n === 50 ? 5 : 3),
    sizes: [10, 50, 100],
    adoptN: 20,
    rateN: 100,
    probeN: 50,
    probeReps: 2,
    extendRate: 0,
    countCheckpoints: false,
    usersReps: 0,
    usersOnly: false,
    backendReps: 0,
    stacks: 0,
    stackParallel: 4,
  };
  const teams: Partial<Pick<Options, "backendReps" | "stacks">> = {};
  let usersReps: number | undefined;
  let reps: number | undefined;
  let sizes: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") Object.assign(options, { reps: () => 1, sizes: [10], adoptN: 5, rateN: 30, probeN: 10, probeReps: 1 });
    else if (arg === "--scale") Object.assign(options, { mode: "scale", reps: () => 1, sizes: [500, 1000], usersReps: 3, backendReps: 1, stacks: 20 });
    else if (arg === "--reps") reps = positive(arg, argv[++i]);
    else if (arg === "--sizes") sizes = (argv[++i] ?? "").split(",").map((s) => positive(arg, s));
    else if (arg === "--extend-rate") options.extendRate = positive(arg, argv[++i]);
    else if (arg === "--count-checkpoints") options.countCheckpoints = true;
    else if (arg === "--users-reps") usersReps = whole(arg, argv[++i]);
    else if (arg === "--users-only") options.usersOnly = true;
    else if (arg === "--backend-reps") teams.backendReps = whole(arg, argv[++i]);
    else if (arg === "--stacks") teams.stacks = whole(arg, argv[++i]);
    else if (arg === "--stack-parallel") options.stackParallel = positive(arg, argv[++i]);
    else if (arg === "--profile") options.profileDir = path.resolve(text(arg, argv[++i]));
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (reps !== undefined) options.reps = () => reps;
  if (sizes) options.sizes = sizes;
  if (usersReps !== undefined) options.usersReps = usersReps;
  Object.assign(options, teams);
  if (options.usersOnly) Object.assign(options, { backendReps: 0, stacks: 0 }, teams);
  if (options.mode !== "scale" && (options.usersOnly || usersReps !== undefined || Object.keys(teams).length))
    throw new Error(`--users-reps, --users-only, --backend-reps and --stacks go with --scale\n${USAGE}`);
  if (options.profileDir !== undefined && (options.mode !== "scale" || !options.usersReps))
    throw new Error(`--profile profiles users' shape: it goes with --scale and --users-reps 1 or more\n${USAGE}`);
  if (options.usersOnly && !options.usersReps && !options.backendReps && !options.stacks)
    throw new Error(`--users-only with --users-reps 0 measures nothing: add --backend-reps or --stacks\n${USAGE}`);
  return options;
}

function text(option: string, value: string | undefined): string {
  if (!value || value.startsWith("--")) throw new Error(`${option} needs a value\n${USAGE}`);
  return value;
}

function whole(option: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${option} needs a whole number (0 or more), not ${JSON.stringify(text)}\n${USAGE}`);
  return value;
}

function positive(option: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${option} needs a positive whole number, not ${JSON.stringify(text)}\n${USAGE}`);
  return value;
}
