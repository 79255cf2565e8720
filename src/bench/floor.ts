/**
 * The floors the benchmark compares gdp with, run as their own process like every step:
 *
 * - `node dist-tools/bench/floor.js parse <configDir>`: read and parse every YAML file with gdp's own parser
 *   (src/core/source.ts parseSource), nothing else;
 * - `node dist-tools/bench/floor.js write <outDir> <copyDir>`: read the cdk.tf.json files gdp wrote (not
 *   timed), then `JSON.stringify` and write the same objects (timed).
 *
 * Prints one JSON line: `{ "files", "parse_s" }` or `{ "stacks", "bytes", "write_s" }`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticBag } from '../core/diagnostics';
import { isYamlFile } from '../core/loader';
import { parseSource } from '../core/source';

/** Every file under a folder, sorted. */
export function filesUnder(dir: string, keep: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (keep(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

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

/** Reads every cdk.tf.json under `outDir` (not timed), then times stringify + write into `copyDir`. */
export function writeFloor(outDir: string, copyDir: string): { stacks: number; bytes: number; writeS: number } {
  const stacks = filesUnder(outDir, (n) => n === 'cdk.tf.json').map((f, i) => ({ i, value: JSON.parse(fs.readFileSync(f, 'utf8')) as unknown }));
  fs.mkdirSync(copyDir, { recursive: true });
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (const s of stacks) {
    const text = JSON.stringify(s.value, null, 2);
    bytes += text.length;
    fs.writeFileSync(path.join(copyDir, `stack-${s.i}.tf.json`), text);
  }
  return { stacks: stacks.length, bytes, writeS: Number(process.hrtime.bigint() - started) / 1e9 };
}

if (require.main === module) {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'parse' && a) {
    const r = parseFloor(a);
    process.stdout.write(`${JSON.stringify({ files: r.files, parse_s: r.parseS })}\n`);
  } else if (mode === 'write' && a && b) {
    const r = writeFloor(a, b);
    process.stdout.write(`${JSON.stringify({ stacks: r.stacks, bytes: r.bytes, write_s: r.writeS })}\n`);
  } else {
    process.stderr.write('usage: floor.js parse <configDir> | floor.js write <outDir> <copyDir>\n');
    process.exitCode = 2;
  }
}
