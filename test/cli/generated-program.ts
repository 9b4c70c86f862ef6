/**
 * Reading back what `import` generated, through TypeScript itself: the declarations
 * as values (so escaping is checked by the real parser, not by regexes), and a real
 * `tsc --noEmit` run against the repo's SDK.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "./support";

/** One `export const x = new NumberReservation(name, args[, { import }])` as values. */
export interface Declaration {
  identifier: string;
  name: string;
  phoneNumbers: string[];
  customerReference?: string;
  /** The `import` option, when the declaration has options (`search` programs have none). */
  importId?: string;
}

/** The declarations of a generated program; throws on a syntax error or any other statement shape. */
export function readDeclarations(program: string): Declaration[] {
  const { diagnostics } = ts.transpileModule(program, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  if (diagnostics?.length) throw new Error(`syntax errors: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
  const source = ts.createSourceFile("program.ts", program, ts.ScriptTarget.ES2022, true);
  const declarations: Declaration[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const [declaration] = statement.declarationList.declarations;
    const call = declaration.initializer;
    if (!call || !ts.isNewExpression(call) || call.expression.getText() !== "NumberReservation") throw new Error(`unexpected: ${statement.getText()}`);
    const [name, args, options] = call.arguments ?? [];
    const props = objectValues(args);
    declarations.push({
      identifier: declaration.name.getText(),
      name: stringValue(name),
      phoneNumbers: (props.phoneNumbers as ts.ArrayLiteralExpression).elements.map(stringValue),
      ...(props.customerReference ? { customerReference: stringValue(props.customerReference) } : {}),
      ...(options ? { importId: stringValue(objectValues(options).import) } : {}),
    });
  }
  return declarations;
}

function objectValues(node: ts.Node | undefined): Record<string, ts.Expression> {
  if (!node || !ts.isObjectLiteralExpression(node)) throw new Error(`expected an object literal, got ${node?.getText()}`);
  return Object.fromEntries(
    node.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(), p.initializer]),
  );
}

function stringValue(node: ts.Node | undefined): string {
  if (!node || !ts.isStringLiteral(node)) throw new Error(`expected a string literal, got ${node?.getText()}`);
  return node.text;
}

export interface TypeCheckResult {
  /** tsc's exit code. */
  code: number | null;
  /** Diagnostics, one string per line of tsc output. */
  output: string[];
}

/**
 * `tsc --noEmit` over `files` (name → source) in a temporary project whose
 * `pulumi-telnyx-reservations` resolves to this repo's `sdk/index.ts`, with the
 * repo's strictness. The directory is removed afterwards.
 */
export function typeCheck(files: Record<string, string>): TypeCheckResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-import-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        lib: ["ES2022"],
        module: "commonjs",
        moduleResolution: "node",
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [path.join(REPO_ROOT, "node_modules/@types")],
        baseUrl: ".",
        paths: { "pulumi-telnyx-reservations": [path.join(REPO_ROOT, "sdk/index.ts")] },
      },
      files: Object.keys(files),
    };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8" });
    return { code: run.status, output: `${run.stdout}${run.stderr}`.split("\n").filter(Boolean) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
