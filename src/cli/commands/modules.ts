/** `gdp modules`: every registered module type with its folder, namespace, codes and origin. */
import type { Argv } from 'yargs';
import { lineSource, listModules } from '../../api';
import { formatText } from '../../core/format';

/** Registers the command. */
export function registerModules<T>(y: Argv<T>, setExit: (code: number) => void): void {
  y.command(
    'modules',
    'List the module types of this project (built in and from plugins in gdp.config.yaml)',
    (c) => c.option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' }),
    (args) => {
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
      setExit(diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    },
  );
}

/** `GDP510–GDP529 (20)`, one code as it is, or `-`. */
function codeSpan(codes: readonly string[]): string {
  if (codes.length === 0) return '-';
  return codes.length === 1 ? codes[0] : `${codes[0]}–${codes[codes.length - 1]} (${codes.length})`;
}
