/**
 * What each speed measure is worth, measured in one process so that a busy machine affects every setting
 * alike: for each measure, compiling the configuration (measures of src/core) or building the dv stack
 * (measures of src/synth) is timed with the measure on and off in turn, several rounds, and the medians
 * of the CPU time are compared (the heap after compiling too, for the memory measures). Nothing is
 * written. Run with `--expose-gc` for the heap figures:
 *
 *   npm run build && npm run build:tools && node --expose-gc dist-tools/bench/ablation.js --n 5000 --rounds 3
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateProject } from '../api';
import type { Project } from '../core/project';
import { SPEED_MEASURES, setAllSpeedMeasures, setSpeedMeasure, type SpeedMeasure } from '../core/speed';
import { buildStacks } from '../synth/build-stacks';
import { generateConfiguration } from './generate';
import { median } from './report';

const ROOT = path.resolve(__dirname, '..', '..');
const ENVIRONMENTS = path.join(ROOT, 'environments');

/** Measures that act while compiling; the others act while building a stack. */
const COMPILE_MEASURES: readonly SpeedMeasure[] = ['SORTED_LISTS', 'LAZY_NAMES', 'COMPACT_FILES', 'SHARED_RESOLVED', 'FAST_TEMPLATES', 'PARALLEL_READS'];

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const heapMb = (): number | undefined => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  return process.memoryUsage().heapUsed / 1024 ** 2;
};

/** One compile: its CPU time and the heap the compiled project holds (with --expose-gc). */
async function compile(configDir: string): Promise<{ cpu: number; heap?: number; project: Project }> {
  const before = heapMb();
  const start = process.cpuUsage();
  const r = await validateProject({ configDir, environmentsDir: ENVIRONMENTS, sqlCheck: false });
  const cpu = cpuSeconds(start);
  const after = heapMb();
  return { cpu, heap: before === undefined || after === undefined ? undefined : after - before, project: r.project! };
}

function build(project: Project, outdir: string): number {
  fs.rmSync(outdir, { recursive: true, force: true });
  const start = process.cpuUsage();
  buildStacks(project, ['dv'], outdir);
  return cpuSeconds(start);
}

async function main(argv: readonly string[]): Promise<void> {
  const value = (name: string, fallback: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const n = Number(value('--n', '5000'));
  const rounds = Number(value('--rounds', '3'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-ablation-'));
  try {
    const configDir = generateConfiguration(path.join(dir, 'configuration'), n).configDir;
    const out = path.join(dir, 'out');
    setAllSpeedMeasures(true);
    const warm = await compile(configDir);
    build(warm.project, out);
    const lines = [
      `N = ${n.toLocaleString('en-US')}: CPU seconds of one compile (4 environments) or one dv stack build, median of ${rounds} rounds, the measure on and off in turn`,
      '',
      '| measure | acts on | CPU s on | CPU s off | off − on | project heap MB on → off |',
      '|---|---|---:|---:|---:|---:|',
    ];
    for (const measure of Object.keys(SPEED_MEASURES) as SpeedMeasure[]) {
      const onCompile = COMPILE_MEASURES.includes(measure);
      const samples: Record<'on' | 'off', number[]> = { on: [], off: [] };
      const heaps: Record<'on' | 'off', number[]> = { on: [], off: [] };
      for (let r = 0; r < rounds; r++) {
        for (const setting of r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
          setAllSpeedMeasures(true);
          setSpeedMeasure(measure, setting === 'on');
          if (onCompile) {
            const c = await compile(configDir);
            samples[setting].push(c.cpu);
            if (c.heap !== undefined) heaps[setting].push(c.heap);
          } else {
            samples[setting].push(build(warm.project, out));
          }
        }
      }
      const on = median(samples.on);
      const off = median(samples.off);
      const heap = heaps.on.length > 0 ? `${median(heaps.on).toFixed(0)} → ${median(heaps.off).toFixed(0)}` : '';
      const line = `| ${measure} | ${onCompile ? 'compile' : 'dv stack'} | ${on.toFixed(2)} | ${off.toFixed(2)} | ${(off - on).toFixed(2)} | ${heap} |`;
      lines.push(line);
      process.stdout.write(`${line}\n`);
    }
    setAllSpeedMeasures(undefined);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    setAllSpeedMeasures(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`ablation: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
