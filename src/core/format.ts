/**
 * Renders diagnostics for people (with the source line and a caret) and for machines (JSON).
 */
import { countBySeverity, type Diagnostic } from './diagnostics';

/** Gives the text of a line of a file, for excerpts. */
export type LineSource = (file: string, line: number) => string | undefined;

/** Options for {@link formatText}. */
export interface TextOptions {
  readonly color?: boolean;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** `file:line:col: error GDP201: message`, the source line with a caret, then the hint. */
export function formatText(diagnostics: readonly Diagnostic[], lines: LineSource, options: TextOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  for (const d of diagnostics) {
    const sev = d.severity === 'error' ? paint(color, '31;1', 'error') : d.severity === 'warning' ? paint(color, '33;1', 'warning') : paint(color, '36', 'info');
    const envs = d.environments && d.environments.length > 0 ? ` [${d.environments.join(', ')}]` : '';
    out.push(`${paint(color, '1', visible(`${d.file}:${d.line}:${d.column}`))}: ${sev} ${d.code}: ${visible(d.message)}${envs}`);
    const text = lines(d.file, d.line);
    if (text !== undefined && text.trim().length > 0) {
      const gutter = String(d.line).length;
      const width = d.endLine === d.line && d.endColumn !== undefined && d.endColumn > d.column ? d.endColumn - d.column : 1;
      const shown = visible(text.replace(/\t/g, ' '));
      out.push(`  ${String(d.line)} | ${shown}`);
      out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, d.column - 1))}${paint(color, '32;1', '^'.repeat(Math.max(1, Math.min(width, shown.length - d.column + 1))))}`);
    }
    if (d.hint) out.push(`  hint: ${visible(d.hint)}`);
  }
  const { errors, warnings } = countBySeverity(diagnostics);
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return out.join('\n');
}

/** The same data as JSON, one object with a `diagnostics` list and counts. */
export function formatJson(diagnostics: readonly Diagnostic[], extra: Record<string, unknown> = {}): string {
  const counts = countBySeverity(diagnostics);
  return JSON.stringify({ ...extra, ...counts, diagnostics }, null, 2);
}

/**
 * Text from a user's file made safe for a terminal: control characters (ESC sequences could recolour or
 * rewrite the terminal; line feeds stay) become their Unicode control pictures (ESC → ␛), one character each, so the caret
 * under an excerpt stays aligned.
 */
export function visible(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const picture = c === 0x0a ? undefined : c < 0x20 ? 0x2400 + c : c === 0x7f ? 0x2421 : c >= 0x80 && c <= 0x9f ? 0xfffd : undefined;
    if (picture === undefined) continue;
    out += text.slice(start, i) + String.fromCharCode(picture);
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}
