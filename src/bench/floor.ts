/**
 * gdp's own-parser floor, run as its own process like every step:
 * `node dist-tools/bench/floor.js parse <configDir>` reads and parses every YAML file with gdp's own
 * parser (src/core/source.ts parseSource), nothing else, and prints `{ "files", "parse_s" }`.
 * Reported beside the independent floor (independent-floor.ts), which the targets use: this one tells
 * how much of gdp's distance to the independent floor is its YAML parser.
 */
import * as fs from 'node:fs';
import { DiagnosticBag } from '../core/diagnostics';
import { isYamlFile } from '../core/loader';
import { parseSource } from '../core/source';
import { filesUnder } from './independent-floor';

/** Reads and parses every YAML file of a configuration folder; returns the count and the seconds spent. */
export function parseFloor(configDir: string): { files: number; parseS: number } {
  const started = process.hrtime.bigint();
  const bag = new DiagnosticBag();
  const files = filesUnder(configDir, isYamlFile);
  for (const f of files) {
    if (!parseSource(f, fs.readFileSync(f), bag)) throw new Error(`floor: ${f} does not parse`);
  }
  return { files: files.length, parseS: Number(process.hrtime.bigint() - started) / 1e9 };
}

if (require.main === module) {
  const [mode, a] = process.argv.slice(2);
  if (mode === 'parse' && a) {
    const r = parseFloor(a);
    process.stdout.write(`${JSON.stringify({ files: r.files, parse_s: r.parseS })}\n`);
  } else {
    process.stderr.write('usage: floor.js parse <configDir>\n');
    process.exitCode = 2;
  }
}
