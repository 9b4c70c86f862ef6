#!/usr/bin/env node
/**
 * Entry of `npm run bench` (after `npm run build`). The bench is TypeScript and
 * reuses the engine test harness (testing/*.ts) as is, so this file only
 * teaches Node to load `.ts` files (transpile-only, with the repo's compiler
 * options) and runs bench/main.ts. Loading the sources in place, rather than
 * compiling them elsewhere, keeps `__dirname`-relative paths in the harness
 * (e.g. the repo root in testing/workspace.ts) pointing where they should.
 * Type-check with `npx tsc -p bench/tsconfig.json`.
 */
"use strict";
process.setSourceMapsEnabled(true);
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const root = path.resolve(__dirname, "..");
const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
// In place: no outDir/rootDir, so inline source maps name the files where they are.
const { outDir, rootDir, ...inPlace } = options;
const compilerOptions = { ...inPlace, declaration: false, sourceMap: false, inlineSourceMap: true, noEmit: false };

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

// Ctrl-C or a kill: exit normally, so the emulator child is stopped too (see bench/emulator.ts).
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(130));

require("./main.ts")
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code ?? 0),
    (err) => {
      console.error(err && err.stack ? err.stack : err);
      process.exit(1);
    },
  );
