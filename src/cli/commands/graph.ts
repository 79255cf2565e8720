/** `gdp graph`: the lineage of one environment as Mermaid, DOT, SVG or JSON. */
import { writeFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { CommandAction } from '../options';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../core/environment';
import { formatText } from '../../core/format';
import { didYouMean } from '../../core/suggest';
import type { FocusOptions, Lineage } from '../../graph';

const FORMATS = ['mermaid', 'dot', 'svg', 'json'] as const;

/** Registers the command. */
export function registerGraph<T>(y: Argv<T>, defer: (run: CommandAction) => void): void {
  y.command(
    'graph',
    'Draw what feeds what in one environment: tables, procedures and loads (from their SQL), workflows and what starts them',
    (c) =>
      c
        .option('config', { type: 'string', default: './configuration', describe: 'Configuration folder' })
        .option('environments', { type: 'string', default: './environments', describe: 'Environments folder' })
        .option('env', { type: 'string', choices: [...ENVIRONMENT_NAMES], default: 'dv', describe: 'Environment to draw' })
        .option('format', { type: 'string', choices: [...FORMATS], default: 'mermaid', describe: 'Output format' })
        .option('focus', { type: 'string', describe: 'Only this entity (logical name, e.g. transactions_v1, or tables/transactions_v1) and its neighbours' })
        .option('upstream', { type: 'string', describe: 'With --focus: what feeds it, [depth] steps (default all)' })
        .option('downstream', { type: 'string', describe: 'With --focus: what it feeds, [depth] steps (default all)' })
        .option('out', { type: 'string', describe: 'Write to this file instead of standard output' }),
    (args) =>
      defer(async () => {
        const focus = parseFocus(args.focus, args.upstream, args.downstream);
        if (typeof focus === 'string') return usage(focus);
        const env = args.env as EnvironmentName;
        const { lineageProject } = await import('../../api');
        const { findNodes, focusLineage, renderDot, renderMermaid, renderSvg } = await import('../../graph');
        const result = await lineageProject({ configDir: args.config, environmentsDir: args.environments, environments: [env] });
        const hasErrors = result.diagnostics.some((d) => d.severity === 'error');
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) process.stderr.write(formatText(errors, result.lines, { color: process.stderr.isTTY === true }) + '\n');
        if (hasErrors) return 1;
        if (result.sqlUnavailable) process.stderr.write(`gdp: warning: SQL not analysed (${result.sqlUnavailable}); procedures and loads are linked to what they reference\n`);
        let lineage: Lineage = result.lineages.get(env)!;
        let highlight: Set<string> | undefined;
        if (focus) {
          const found = findNodes(lineage, focus.name);
          if (found.length !== 1) {
            const names = lineage.nodes.map((n) => n.label);
            return usage(
              found.length === 0
                ? `--focus: nothing in ${env} is named "${focus.name}".${didYouMean(focus.name, names)}`
                : `--focus: "${focus.name}" names ${found.length} things (${found.map((n) => n.id).join(', ')}); write one of those ids`,
            );
          }
          lineage = focusLineage(lineage, found[0].id, focus.options);
          highlight = new Set([found[0].id]);
        }
        const text =
          args.format === 'json'
            ? JSON.stringify(lineage, null, 2) + '\n'
            : args.format === 'dot'
              ? renderDot(lineage, { highlight })
              : args.format === 'svg'
                ? await renderSvg(lineage, { highlight })
                : renderMermaid(lineage, { highlight });
        if (args.out) writeFileSync(args.out, text);
        else process.stdout.write(text);
        return 0;
      }),
  );
}

/** --focus and its direction options, or a usage message. */
function parseFocus(name: string | undefined, upstream: string | undefined, downstream: string | undefined): { name: string; options: FocusOptions } | string | undefined {
  if (name === undefined) {
    if (upstream !== undefined || downstream !== undefined) return '--upstream and --downstream need --focus <entity>';
    return undefined;
  }
  const depth = (flag: string, v: string | undefined): { depth?: number } | string | undefined => {
    if (v === undefined) return undefined;
    if (v === '') return {};
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 ? { depth: n } : `--${flag} takes a depth of 1 or more (or nothing for all), not "${v}"`;
  };
  const up = depth('upstream', upstream);
  const down = depth('downstream', downstream);
  if (typeof up === 'string') return up;
  if (typeof down === 'string') return down;
  return { name, options: { upstream: up, downstream: down } };
}

/** Prints a usage error; returns its exit code. */
function usage(message: string): number {
  process.stderr.write(`gdp: ${message}\n`);
  return 2;
}
