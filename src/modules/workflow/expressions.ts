/**
 * Run-time expressions: `$${...}` as written in a file, `${...}` once gdp has resolved the file for an
 * environment. Cloud Workflows limits each expression to 400 characters.
 */
import type { WorkflowCode } from './codes';
import type { Reporter } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { WORKFLOW_LIMITS } from './step-checks';
import { isMapping } from './step-shape';

/** One run-time expression inside a resolved string. */
export interface RuntimeExpression {
  /** Offset of `${` in the string. */
  readonly start: number;
  /** The text between `${` and its closing `}`. */
  readonly text: string;
}

/** The run-time expressions of a resolved string (braces inside quotes and nested maps are skipped). */
export function runtimeExpressions(value: string): RuntimeExpression[] {
  const found: RuntimeExpression[] = [];
  let i = value.indexOf('${');
  while (i >= 0) {
    const end = closingBrace(value, i + 2);
    if (end < 0) break;
    found.push({ start: i, text: value.slice(i + 2, end) });
    i = value.indexOf('${', end + 1);
  }
  return found;
}

function closingBrace(value: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Reports expressions longer than Cloud Workflows allows. `resolved` is the resolved configuration, `raw`
 * the configuration as written (to position the report on the k-th `$${` of the written string).
 */
export function checkExpressionLengths(resolved: unknown, raw: unknown, report: Reporter<WorkflowCode>): void {
  const walk = (value: unknown, written: unknown, path: ValuePath): void => {
    if (typeof value === 'string') {
      const escapes = typeof written === 'string' ? offsetsOf(written, '$${') : [];
      runtimeExpressions(value).forEach((expr, k) => {
        if (expr.text.length <= WORKFLOW_LIMITS.expressionLength) return;
        const preview = expr.text.length > 40 ? `${expr.text.slice(0, 37)}…` : expr.text;
        report(
          'GDP551',
          path,
          `expression $\${${preview}} is ${expr.text.length} characters long; Cloud Workflows allows at most ${WORKFLOW_LIMITS.expressionLength}`,
          { offset: escapes.length === runtimeExpressions(value).length ? escapes[k] : undefined },
        );
      });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, Array.isArray(written) ? written[i] : undefined, [...path, i]));
    } else if (isMapping(value)) {
      for (const [k, item] of Object.entries(value)) walk(item, isMapping(written) ? written[k] : undefined, [...path, k]);
    }
  };
  if (!isMapping(resolved) || !isMapping(raw)) return;
  walk(resolved.steps, raw.steps, ['steps']);
  walk(resolved.subworkflows, raw.subworkflows, ['subworkflows']);
}

function offsetsOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}
