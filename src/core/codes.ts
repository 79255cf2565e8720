/**
 * The catalog of every diagnostic code gdp emits. Codes are stable: never renumber one, only add.
 *
 * Ranges: 1xx loading and YAML, 2xx file shape (schemas), 3xx references and graph, 4xx environments
 * and naming, 5xx module rules (each module type owns a decade or two in its folder's `codes.ts`),
 * 6xx SQL analysis, 7xx synthesis, 8xx plan, 9xx internal.
 */
import type { CodeInfo, CodeTable } from './code-table';
import { MODULE_CODES } from '../modules/codes';
import { SQL_ANALYZER_CODES } from '../sql/analyzer/codes';
import { PLAN_CODES } from '../plan/codes';
import { DRIFT_CODES } from '../drift/codes';
import { VERIFY_CODES } from '../verify/codes';

const CORE_CODES = {
  // 1xx: loading and YAML
  GDP100: { severity: 'error', title: 'Folder not found', hint: 'Pass --config/--environments with an existing folder.' },
  GDP101: { severity: 'error', title: 'YAML syntax error', hint: 'Fix the YAML syntax at the position shown.' },
  GDP102: { severity: 'error', title: 'Empty file', hint: 'Add the module’s fields, or delete the file.' },
  GDP103: { severity: 'error', title: 'Duplicate key', hint: 'Remove one of the two keys: YAML keeps only one value per key.' },
  GDP104: { severity: 'error', title: 'File is not valid UTF-8', hint: 'Save the file as UTF-8.' },
  GDP105: { severity: 'error', title: 'Too many YAML aliases', hint: 'Expand the aliases by hand; gdp refuses alias expansion that could explode in size.' },
  GDP106: { severity: 'error', title: 'Forbidden key', hint: 'Rename the key: `__proto__`, `constructor` and `prototype` are reserved in JavaScript objects.' },
  GDP107: { severity: 'error', title: 'File too large', hint: 'Split the file: configuration files are limited to 1 MiB.' },
  GDP108: { severity: 'error', title: 'Unknown folder', hint: 'Move the file into a folder of a known module type, or remove it.' },
  GDP109: { severity: 'error', title: 'More than one YAML document', hint: 'Keep one document per file (remove `---`), or split it into several files.' },
  GDP110: { severity: 'error', title: 'Top level is not a mapping', hint: 'Each configuration file is a mapping of field names to values.' },
  GDP111: { severity: 'warning', title: 'File ignored', hint: 'Only .yaml and .yml files are read; rename the file or move it out of the configuration folder.' },
  GDP112: { severity: 'error', title: 'Unreadable file', hint: 'Check the file’s permissions.' },
  GDP113: { severity: 'error', title: 'YAML tag not allowed', hint: 'Remove the tag: configuration values are plain strings, numbers, booleans, lists and mappings.' },
  // 2xx: file shape
  GDP201: { severity: 'error', title: 'Unknown field', hint: 'Remove the field or fix its spelling.' },
  GDP202: { severity: 'error', title: 'Missing required field', hint: 'Add the field.' },
  GDP203: { severity: 'error', title: 'Wrong type', hint: 'Change the value to the expected type.' },
  GDP204: { severity: 'error', title: 'Value not allowed', hint: 'Use one of the allowed values.' },
  GDP205: { severity: 'error', title: 'Value out of range', hint: 'Use a value inside the allowed range.' },
  GDP206: { severity: 'error', title: 'Invalid format', hint: 'Change the value to the expected format.' },
  GDP207: { severity: 'error', title: 'Invalid value', hint: 'Change the value as described.' },
  // 3xx: references and graph
  GDP301: { severity: 'error', title: 'Unknown reference', hint: 'Use one of the names that exist.' },
  GDP302: { severity: 'error', title: 'Malformed reference', hint: 'Write references as ${name}, ${kind["logical_name"].attribute} or ${kind.name.attribute}; write $${...} for a value evaluated at run time.' },
  GDP303: { severity: 'error', title: 'Unknown attribute of a reference', hint: 'Use one of the attributes listed.' },
  GDP304: { severity: 'error', title: 'Duplicate logical name', hint: 'Give each file a unique logical name.' },
  GDP305: { severity: 'error', title: 'Two files produce the same resource', hint: 'Rename one of them.' },
  GDP306: { severity: 'error', title: 'Dependency cycle', hint: 'Break the cycle: a resource cannot depend on itself through references.' },
  GDP307: { severity: 'error', title: 'Reference not allowed here', hint: 'Move the value where the reference is allowed, or use a literal.' },
  GDP308: { severity: 'error', title: 'Unknown module', hint: 'Reference a module that is declared in the configuration.' },
  // 4xx: environments and naming
  GDP401: { severity: 'error', title: 'Environment file missing', hint: 'Create environments/<env>.json (see the README’s Environments section).' },
  GDP402: { severity: 'error', title: 'Invalid environment file', hint: 'Fix the environment file as described.' },
  GDP403: { severity: 'error', title: 'Generated name breaks a GCP limit', hint: 'Shorten the logical name or the app name.' },
  GDP404: { severity: 'error', title: 'Unknown environment', hint: 'Use one of dv, qa, np, pd, or all.' },
  GDP405: { severity: 'error', title: 'Environment name mismatch', hint: 'Make `name` in the file equal to the file name.' },
  GDP406: { severity: 'error', title: 'Two resources get the same generated name', hint: 'Rename one of the logical names.' },
  // 9xx: internal
  GDP900: { severity: 'error', title: 'Internal error', hint: 'This is a bug in gdp: please report it with the stack trace shown.' },
} as const satisfies CodeTable;

/** Every code gdp can emit. */
export const CODES = { ...CORE_CODES, ...MODULE_CODES, ...SQL_ANALYZER_CODES, ...PLAN_CODES, ...DRIFT_CODES, ...VERIFY_CODES } as const satisfies CodeTable;

/** A code gdp can emit. */
export type DiagnosticCode = keyof typeof CODES;

/** Looks up a code's catalog entry. */
export function codeInfo(code: DiagnosticCode): CodeInfo {
  return CODES[code];
}
