/**
 * Run-time expressions: `$${...}` as written in a file, `${...}` once gdp has resolved the file for an
 * environment. Cloud Workflows limits each expression to 400 characters.
 */
import type { WorkflowCode } from './codes';
import type { Reporter } from '../../core/module-type';
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
  // Character codes, not one-character strings: every string of every workflow is scanned in every environment.
  let depth = 0;
  let quote = 0;
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (quote) {
      if (c === BACKSLASH) i++;
      else if (c === quote) quote = 0;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
    else if (c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACE) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Reports expressions longer than Cloud Workflows allows. `resolved` is the resolved configuration, `raw`
 * the configuration as written (to position the report on the k-th `$${` of the written string).
 */
export function checkExpressionLengths(resolved: unknown, raw: unknown, report: Reporter<WorkflowCode>): void {
  // One path, extended and shortened while walking; copied only for a report.
  const path: (string | number)[] = [];
  const walk = (value: unknown, written: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return;
      const expressions = runtimeExpressions(value);
      if (expressions.every((expr) => expr.text.length <= WORKFLOW_LIMITS.expressionLength)) return;
      const escapes = typeof written === 'string' ? offsetsOf(written, '$${') : [];
      expressions.forEach((expr, k) => {
        if (expr.text.length <= WORKFLOW_LIMITS.expressionLength) return;
        const preview = expr.text.length > 40 ? `${expr.text.slice(0, 37)}…` : expr.text;
        report(
          'GDP551',
          [...path],
          `expression $\${${preview}} is ${expr.text.length} characters long; Cloud Workflows allows at most ${WORKFLOW_LIMITS.expressionLength}`,
          { offset: escapes.length === expressions.length ? escapes[k] : undefined },
        );
      });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], Array.isArray(written) ? written[i] : undefined);
        path.pop();
      }
    } else if (isMapping(value)) {
      for (const [k, item] of Object.entries(value)) {
        path.push(k);
        walk(item, isMapping(written) ? written[k] : undefined);
        path.pop();
      }
    }
  };
  if (!isMapping(resolved) || !isMapping(raw)) return;
  for (const key of ['steps', 'subworkflows'] as const) {
    path.push(key);
    walk(resolved[key], raw[key]);
    path.pop();
  }
}

function offsetsOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}
