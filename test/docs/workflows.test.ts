/**
 * Every GitHub Actions workflow the repository ships or shows: the workflow
 * files (examples' `.github/workflows/`) and every YAML block of a Markdown
 * page that uses an action or declares jobs. GitHub's runners stopped running
 * actions on Node.js 20 (2026-09-16), so an action major that still runs on it
 * fails here; so does a scheduled workflow without `permissions:` (the default
 * token can write to the repository, which a keep-alive job never needs).
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

const ROOT = path.resolve(__dirname, "../..");
const SKIP = new Set(["node_modules", ".git", "dist", ".demo"]);

/**
 * The first major of each action that runs on Node.js 24. An action not listed
 * fails the test: look up the major that moved it off Node.js 20, then add it.
 */
const NODE24_MAJORS: Record<string, number> = {
  "actions/checkout": 6,
  "actions/setup-node": 6,
  "pulumi/actions": 7,
};

interface Workflow {
  /** Where it is: a file, or `page.md:line` for a Markdown block. */
  where: string;
  text: string;
}

function walk(dir: string, keep: (file: string) => boolean, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, keep, found);
    else if (keep(full)) found.push(full);
  }
  return found;
}

const relative = (file: string) => path.relative(ROOT, file);

function workflowFiles(): Workflow[] {
  return walk(ROOT, (f) => /\/\.github\/workflows\/[^/]+\.ya?ml$/.test(f)).map((f) => ({ where: relative(f), text: fs.readFileSync(f, "utf8") }));
}

/** YAML blocks of Markdown pages that are (parts of) workflows: they use an action, or declare jobs, steps or a schedule. */
function markdownWorkflows(): Workflow[] {
  const blocks: Workflow[] = [];
  for (const page of walk(ROOT, (f) => f.endsWith(".md"))) {
    const text = fs.readFileSync(page, "utf8");
    for (const match of text.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)) {
      if (!/^\s*(-\s+)?(uses|jobs|steps|schedule):/m.test(match[1])) continue;
      const line = text.slice(0, match.index).split("\n").length;
      blocks.push({ where: `${relative(page)}:${line}`, text: match[1] });
    }
  }
  return blocks;
}

/** Every value of a `uses` key anywhere in the document. */
function actionsUsed(doc: unknown, found: string[] = []): string[] {
  if (Array.isArray(doc)) doc.forEach((item) => actionsUsed(item, found));
  else if (doc && typeof doc === "object") {
    for (const [key, value] of Object.entries(doc)) {
      if (key === "uses" && typeof value === "string") found.push(value);
      else actionsUsed(value, found);
    }
  }
  return found;
}

/** What is wrong with one `uses:` value, or undefined. */
function staleAction(uses: string): string | undefined {
  if (uses.startsWith("./") || uses.startsWith("docker://")) return undefined;
  const [path, ref = ""] = uses.split("@");
  const name = path.split("/").slice(0, 2).join("/"); // owner/repo of owner/repo/sub/folder
  const first = NODE24_MAJORS[name];
  if (first === undefined) return `${uses}: an action this test does not know; add the first major of ${name} that runs on Node.js 24`;
  const major = /^v(\d+)/.exec(ref);
  if (!major) return `${uses}: pin a major (@v${first} or later)`;
  if (Number(major[1]) < first) return `${uses}: runs on Node.js 20, which GitHub's runners no longer run; use @v${first} or later`;
  return undefined;
}

/** A scheduled workflow must say what its token may do, at the top or on every job. */
function missingPermissions(doc: Record<string, any>): string | undefined {
  const on = doc.on;
  const scheduled = on && typeof on === "object" && !Array.isArray(on) && "schedule" in on;
  if (!scheduled) return undefined;
  if (doc.permissions !== undefined) return undefined;
  const jobs = Object.entries((doc.jobs ?? {}) as Record<string, any>);
  if (jobs.length > 0 && jobs.every(([, job]) => job?.permissions !== undefined)) return undefined;
  return "a scheduled workflow without permissions: (set at least `permissions: { contents: read }`)";
}

function problems(workflow: Workflow): string[] {
  let doc: unknown;
  try {
    doc = yaml.load(workflow.text);
  } catch (err) {
    return [`${workflow.where}: not valid YAML: ${(err as Error).message.split("\n")[0]}`];
  }
  const found = actionsUsed(doc)
    .map(staleAction)
    .filter((p): p is string => p !== undefined);
  const permissions = doc && typeof doc === "object" && !Array.isArray(doc) ? missingPermissions(doc as Record<string, any>) : undefined;
  return [...found, ...(permissions ? [permissions] : [])].map((p) => `${workflow.where}: ${p}`);
}

const all = [...workflowFiles(), ...markdownWorkflows()];

it("finds the workflows it checks (the keep-alive example and the docs' snippets)", () => {
  const where = all.map((w) => w.where);
  expect(where).toContain("examples/keep-alive/.github/workflows/keep-alive.yml");
  for (const page of ["docs/ci.md", "docs/policy.md"]) expect(where.some((w) => w.startsWith(`${page}:`))).toBe(true);
  expect(all.flatMap((w) => actionsUsed(yaml.load(w.text))).length).toBeGreaterThanOrEqual(8);
});

it("uses no action major that runs on Node.js 20, and every scheduled workflow sets permissions", () => {
  expect(all.flatMap(problems)).toEqual([]);
});

it("the checks themselves: a stale major, an unknown action and a scheduled workflow without permissions are caught", () => {
  const sample: Workflow = {
    where: "sample.yml",
    text: [
      "on: { schedule: [{ cron: '*/10 * * * *' }] }",
      "jobs:",
      "  up:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - uses: actions/setup-node@v6",
      "      - uses: pulumi/actions@v6",
      "      - uses: someone/else@v1",
    ].join("\n"),
  };
  expect(problems(sample)).toEqual([
    "sample.yml: actions/checkout@v4: runs on Node.js 20, which GitHub's runners no longer run; use @v6 or later",
    "sample.yml: pulumi/actions@v6: runs on Node.js 20, which GitHub's runners no longer run; use @v7 or later",
    "sample.yml: someone/else@v1: an action this test does not know; add the first major of someone/else that runs on Node.js 24",
    "sample.yml: a scheduled workflow without permissions: (set at least `permissions: { contents: read }`)",
  ]);
  expect(problems({ where: "s", text: sample.text.replace("jobs:", "permissions: { contents: read }\njobs:") })).not.toContainEqual(
    expect.stringContaining("permissions"),
  );
});
