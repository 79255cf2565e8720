/** `gdp modules`: every registered module type with its folder, namespace, codes and origin. */
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { formatText } from '../../core/format';

/** Registers the command. */
export function registerModules<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'modules',
    'List the module types of this project (built in and from plugins in gdp.config.yaml)',
    (c) => c.option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' }),
    (args) =>
      defer(async () => {
      const { lineSource, listModules } = await import('../../api');
      const { modules, diagnostics } = listModules(process.cwd());
      if (args.format === 'json') {
        process.stdout.write(`${JSON.stringify({ modules, diagnostics }, null, 2)}\n`);
      } else {
        if (diagnostics.length > 0) process.stderr.write(`${formatText(diagnostics, lineSource([]), { color: process.stderr.isTTY })}\n`);
        const rows = modules.map((m) => [m.kind, `configuration/${m.folder}/`, `\${${m.namespace}[...]}`, codeSpan(m.codes), m.origin]);
        const header = ['kind', 'folder', 'references', 'codes', 'from'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
        for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}\n`);
      }
      return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
      }),
  );
}

/** The codes as runs of consecutive numbers (`GDP540–GDP559, GDP610–GDP612`), or `-`. */
function codeSpan(codes: readonly string[]): string {
  if (codes.length === 0) return '-';
  const runs: string[][] = [];
  for (const code of codes) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (previous !== undefined && numberOf(code) === numberOf(previous) + 1 && prefixOf(code) === prefixOf(previous)) run.push(code);
    else runs.push([code]);
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]}–${r[r.length - 1]}`)).join(', ');
}

function numberOf(code: string): number {
  return Number(/\d+$/.exec(code)?.[0] ?? NaN);
}

function prefixOf(code: string): string {
  return code.replace(/\d+$/, '');
}
