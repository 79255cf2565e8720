/**
 * The benchmark's independent floor: what any tool must at least do to turn the configuration into the
 * stacks gdp writes, done the fastest plain way and WITHOUT any gdp code (this file imports only Node and
 * js-yaml; test/bench/independent-floor.test.ts keeps it so).
 *
 * - Parse: read every `.yaml`/`.yml` file of each configuration folder with js-yaml 4's `load` and its
 *   `CORE_SCHEMA` (the YAML 1.2 core schema: null, bool, int, float, str, seq, map; no timestamps, no
 *   merge keys, no binary or sets, duplicate keys rejected), the closest to what gdp accepts (the `yaml`
 *   package, YAML 1.2 core, unique keys, only those tags).
 * - Write (for the synthesis steps): the stacks gdp wrote (every cdk.tf.json under `--stacks`) are read
 *   back first, untimed, then each is written `--copies` times with `JSON.stringify` (2-space indent, as
 *   cdktf writes).
 *
 * Run as its own process, like every step, and measured from outside (GNU time). The read-back is not
 * part of the floor: the process reports its CPU and wall time so that the bench subtracts them.
 *
 *   node independent-floor.js --config <dir> [--config <dir>…] [--stacks <dir> --out <dir> [--copies K]]
 *
 * Prints one JSON line ({@link FloorReport}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';

/** What one run of the floor did, printed as one JSON line. */
export interface FloorReport {
  /** YAML files parsed (over every configuration folder). */
  readonly files: number;
  /** Stack files written (copies included). */
  readonly stacks: number;
  /** Characters of JSON written. */
  readonly bytes: number;
  readonly parse_s: number;
  readonly write_s: number;
  /** CPU (user + system) and wall seconds of the untimed read-back of gdp's stacks (the bench subtracts them). */
  readonly readback_cpu_s: number;
  readonly readback_wall_s: number;
}

/** Every file under a folder whose name passes `keep`, sorted (symbolic links are not followed). */
export function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && keep(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

/** Parses every YAML file of the folders; returns the parsed values, file by file. */
export function parseConfigurations(configDirs: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const dir of configDirs) {
    for (const file of filesUnder(dir, isYaml)) values.push(load(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA, filename: file }));
  }
  return values;
}

/** Reads back every cdk.tf.json under a folder (the read-back the floor does not count). */
export function readStacks(stacksDir: string): unknown[] {
  return filesUnder(stacksDir, (n) => n === 'cdk.tf.json').map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
}

/** Writes each stack `copies` times with JSON.stringify; returns files and characters written. */
export function writeStacks(stacks: readonly unknown[], outDir: string, copies: number): { files: number; bytes: number } {
  fs.mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  let files = 0;
  for (let c = 0; c < copies; c++) {
    stacks.forEach((stack, i) => {
      const text = JSON.stringify(stack, null, 2);
      fs.writeFileSync(path.join(outDir, `copy-${c}-stack-${i}.tf.json`), text);
      bytes += text.length;
      files++;
    });
  }
  return { files, bytes };
}

/** The floor's command line. */
export interface FloorArgs {
  readonly configs: readonly string[];
  readonly stacks?: string;
  readonly out?: string;
  readonly copies: number;
}

/** Reads the command line; throws with the usage when it is wrong. */
export function parseFloorArgs(argv: readonly string[]): FloorArgs {
  const configs: string[] = [];
  let stacks: string | undefined;
  let out: string | undefined;
  let copies = 1;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--config') configs.push(value);
    else if (flag === '--stacks') stacks = value;
    else if (flag === '--out') out = value;
    else if (flag === '--copies') copies = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  if (configs.length === 0) throw new Error('at least one --config is needed');
  if ((stacks === undefined) !== (out === undefined)) throw new Error('--stacks and --out go together');
  if (!Number.isInteger(copies) || copies < 1) throw new Error('--copies takes a positive integer');
  return { configs, stacks, out, copies };
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;

/** Runs the floor: parse (timed), read back (untimed, reported), write (timed). */
export function runFloor(args: FloorArgs): FloorReport {
  const parseStart = process.hrtime.bigint();
  const values = parseConfigurations(args.configs);
  const parseS = seconds(parseStart);
  if (args.stacks === undefined || args.out === undefined) {
    return { files: values.length, stacks: 0, bytes: 0, parse_s: parseS, write_s: 0, readback_cpu_s: 0, readback_wall_s: 0 };
  }
  const readStart = process.hrtime.bigint();
  const readCpu = process.cpuUsage();
  const stacks = readStacks(args.stacks);
  const readbackCpu = cpuSeconds(process.cpuUsage(readCpu));
  const readbackWall = seconds(readStart);
  const writeStart = process.hrtime.bigint();
  const written = writeStacks(stacks, args.out, args.copies);
  return {
    files: values.length,
    stacks: written.files,
    bytes: written.bytes,
    parse_s: parseS,
    write_s: seconds(writeStart),
    readback_cpu_s: readbackCpu,
    readback_wall_s: readbackWall,
  };
}

if (require.main === module) {
  try {
    process.stdout.write(`${JSON.stringify(runFloor(parseFloorArgs(process.argv.slice(2))))}\n`);
  } catch (e) {
    process.stderr.write(`independent-floor: ${(e as Error).message}\nusage: independent-floor.js --config <dir> [--config <dir>…] [--stacks <dir> --out <dir> [--copies K]]\n`);
    process.exitCode = 2;
  }
}
