/**
 * What each speed measure is worth: runs `gdp validate --no-sql-check` and `gdp synth --env dv` on a
 * generated configuration with every measure on, with each measure off alone (`GDP_SPEED_<NAME>=0`),
 * and with all of them off (`GDP_SPEED=0`), and prints the medians. Nothing is written.
 *
 *   npm run build && node dist/bench/ablation.js --n 5000 --reps 2
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SPEED_ENV, SPEED_MEASURES, speedEnvVariable, type SpeedMeasure } from '../core/speed';
import { generateConfiguration } from './generate';
import { measureNode } from './measure';
import { median } from './report';

const ROOT = path.resolve(__dirname, '..', '..');
const GDP = path.join(ROOT, 'bin', 'gdp.js');

interface Row {
  readonly setting: string;
  readonly wall: Record<string, number>;
  readonly cpu: Record<string, number>;
  readonly rss: Record<string, number>;
}

async function main(argv: readonly string[]): Promise<void> {
  const value = (name: string, fallback: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const n = Number(value('--n', '5000'));
  const reps = Number(value('--reps', '2'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-ablation-'));
  try {
    generateConfiguration(path.join(dir, 'configuration'), n);
    const common = ['--config', 'configuration', '--environments', path.join(ROOT, 'environments'), '--no-sql-check'];
    const steps: Record<string, string[]> = {
      'validate-nosql': [GDP, 'validate', ...common],
      'synth-dv': [GDP, 'synth', ...common, '--env', 'dv', '--out', 'out'],
    };
    const settings: [string, NodeJS.ProcessEnv][] = [
      ['all on', {}],
      ...(Object.keys(SPEED_MEASURES) as SpeedMeasure[]).map((m): [string, NodeJS.ProcessEnv] => [`${m} off`, { [speedEnvVariable(m)]: '0' }]),
      ['all off', { [SPEED_ENV]: '0' }],
    ];
    const rows: Row[] = [];
    for (const [setting, extra] of settings) {
      const row: Row = { setting, wall: {}, cpu: {}, rss: {} };
      for (const [step, args] of Object.entries(steps)) {
        const samples = [];
        for (let r = 0; r < reps; r++) samples.push(await measureNode(args, dir, { ...process.env, ...extra }));
        row.wall[step] = median(samples.map((s) => s.wallS));
        row.cpu[step] = median(samples.map((s) => s.cpuS ?? Number.NaN));
        row.rss[step] = Math.max(...samples.map((s) => s.rssMb ?? Number.NaN));
      }
      rows.push(row);
      process.stdout.write(`${setting}: ${Object.keys(steps).map((s) => `${s} ${row.wall[s].toFixed(2)} s / ${row.cpu[s].toFixed(2)} s CPU / ${row.rss[s].toFixed(0)} MB`).join(', ')}\n`);
    }
    const base = rows[0];
    const lines = [`N = ${n.toLocaleString('en-US')}, median of ${reps}`, '', '| setting | validate CPU s | Δ vs all on | synth dv CPU s | Δ vs all on | synth dv wall s | synth dv RSS MB |', '|---|---:|---:|---:|---:|---:|---:|'];
    const delta = (x: number, b: number): string => `${x >= b ? '+' : ''}${(x - b).toFixed(2)}`;
    for (const r of rows) {
      lines.push(
        `| ${r.setting} | ${r.cpu['validate-nosql'].toFixed(2)} | ${delta(r.cpu['validate-nosql'], base.cpu['validate-nosql'])} | ${r.cpu['synth-dv'].toFixed(2)} | ${delta(r.cpu['synth-dv'], base.cpu['synth-dv'])} | ${r.wall['synth-dv'].toFixed(2)} | ${r.rss['synth-dv'].toFixed(0)} |`,
      );
    }
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`ablation: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
