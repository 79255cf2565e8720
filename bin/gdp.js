#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ (run `npm run build` first; `npm start` does it).
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
