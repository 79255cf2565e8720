'use strict';
// Lets plain `node` run gdp's TypeScript sources without a build: `node -r ./scripts/ts-register.js x.ts`.
// Each .ts file is transpiled on load with TypeScript's transpileModule (no type-check: the project is
// compiled with isolatedModules, so per-file transpilation gives the same JavaScript as tsc).
// Used for scripts/*.ts and for the synthesis worker processes started from jest.
const fs = require('node:fs');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
  inlineSources: false,
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
