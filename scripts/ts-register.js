'use strict';
// Lets plain `node` run gdp's TypeScript sources without a build: `node -r ./scripts/ts-register.js x.ts`.
// Each .ts file is transpiled on load with TypeScript's transpileModule (no type-check: the project is
// compiled with isolatedModules, so per-file transpilation gives the same JavaScript as tsc). Results are
// cached by content hash in the OS temp folder, so repeated runs (jest's synthesis worker processes) skip
// loading the compiler. Used for scripts/*.ts and for the synthesis workers started from jest.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CACHE_DIR = path.join(os.tmpdir(), 'gdp-ts-register-cache');
let ts;

function transpile(source, filename) {
  ts = ts || require('typescript');
  const options = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    resolveJsonModule: true,
    inlineSourceMap: true,
  };
  return ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
}

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(`${require('typescript/package.json').version}\0${filename}\0${source}`).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = transpile(source, filename);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const temp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(temp, output);
      fs.renameSync(temp, cached);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
  module._compile(output, filename);
};
