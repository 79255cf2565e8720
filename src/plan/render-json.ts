/**
 * The plan as JSON for machines: the plan itself (values as synthesized or planned, not shortened), the
 * diagnostics and the exit code. Stable keys; `schema` holds the column-level analysis of tables.
 */
import type { Diagnostic } from '../core/diagnostics';
import type { Plan } from './model';

/** Version of the JSON layout; bumped when a field changes meaning or disappears. */
export const PLAN_JSON_VERSION = 1;

/** Renders the plan (or only the diagnostics, when a side was invalid) as JSON. */
export function renderJson(plan: Plan | undefined, diagnostics: readonly Diagnostic[], exitCode: number): string {
  return `${JSON.stringify({ version: PLAN_JSON_VERSION, exitCode, ...(plan ? { plan } : {}), diagnostics }, null, 2)}\n`;
}
