/**
 * The core's diagnostic codes. Codes are stable: never renumber one, only add. Module types, the SQL
 * analyzer and the plan declare their own tables; the registry's {@link CodeCatalog} joins them and refuses
 * a code two owners declare.
 *
 * Grouped by stage: loading and YAML, file shape (schemas), references and graph, environments and naming,
 * synthesis output, internal errors.
 */
import type { CodeTable } from './code-table';

/** Codes the core reports; module types may report them too (shape, references, names). */
export const CORE_CODES = {
  // loading and YAML
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
  GDP114: { severity: 'error', title: 'Nesting too deep', hint: 'Flatten the file: configuration values nest at most 64 levels deep.' },
  GDP115: { severity: 'error', title: 'File skipped', hint: 'Replace it with a regular file, or move it out of the configuration folder.' },
  GDP116: { severity: 'error', title: 'Symbolic link loop', hint: 'Remove the link that points back to a folder that contains it.' },
  GDP117: { severity: 'error', title: 'Control character in a value', hint: 'Remove the character, or write it as text (Google APIs refuse control characters other than tab and line breaks).' },
  GDP121: { severity: 'error', title: 'Plugin cannot be loaded', hint: 'Install the package (`npm install -D <name>`) or fix the path; a path plugin must be built (its package.json `main` must exist).' },
  GDP122: { severity: 'error', title: 'Plugin exports no module type', hint: 'Export the module types as `modules` (an array of defineModule(...) values) or as the default export.' },
  GDP123: { severity: 'error', title: 'Plugin conflicts with another module type', hint: 'Rename the plugin module type’s kind, folder, namespace or codes; each may be claimed by one module type only.' },
  // file shape
  GDP201: { severity: 'error', title: 'Unknown field', hint: 'Remove the field or fix its spelling.' },
  GDP202: { severity: 'error', title: 'Missing required field', hint: 'Add the field.' },
  GDP203: { severity: 'error', title: 'Wrong type', hint: 'Change the value to the expected type.' },
  GDP204: { severity: 'error', title: 'Value not allowed', hint: 'Use one of the allowed values.' },
  GDP205: { severity: 'error', title: 'Value out of range', hint: 'Use a value inside the allowed range.' },
  GDP206: { severity: 'error', title: 'Invalid format', hint: 'Change the value to the expected format.' },
  GDP207: { severity: 'error', title: 'Invalid value', hint: 'Change the value as described.' },
  GDP208: { severity: 'error', title: 'Exceeds a Google Cloud limit', hint: 'Stay within the limit named in the message (its Google source is given).' },
  // references and graph
  GDP301: { severity: 'error', title: 'Unknown reference', hint: 'Use one of the names that exist.' },
  GDP302: { severity: 'error', title: 'Malformed reference', hint: 'Write references as ${name}, ${kind["logical_name"].attribute} or ${kind.name.attribute}; write $${...} for a value evaluated at run time.' },
  GDP303: { severity: 'error', title: 'Unknown attribute of a reference', hint: 'Use one of the attributes listed.' },
  GDP304: { severity: 'error', title: 'Duplicate logical name', hint: 'Give each file a unique logical name.' },
  GDP305: { severity: 'error', title: 'Two files produce the same resource', hint: 'Rename one of them.' },
  GDP306: { severity: 'error', title: 'Dependency cycle', hint: 'Break the cycle: a resource cannot depend on itself through references.' },
  GDP307: { severity: 'error', title: 'Reference not allowed here', hint: 'Move the value where the reference is allowed, or use a literal.' },
  GDP308: { severity: 'error', title: 'Unknown module', hint: 'Reference a module that is declared in the configuration.' },
  // environments and naming
  GDP401: { severity: 'error', title: 'Environment file missing', hint: 'Create environments/<env>.json (see the README’s Environments section).' },
  GDP402: { severity: 'error', title: 'Invalid environment file', hint: 'Fix the environment file as described.' },
  GDP403: { severity: 'error', title: 'Generated name breaks a GCP limit', hint: 'Shorten the logical name or the app name.' },
  GDP404: { severity: 'error', title: 'Unknown environment', hint: 'Use one of dv, qa, np, pd, or all.' },
  GDP405: { severity: 'error', title: 'Environment name mismatch', hint: 'Make `name` in the file equal to the file name.' },
  GDP406: { severity: 'error', title: 'Two resources get the same generated name', hint: 'Rename one of the logical names.' },
  GDP407: { severity: 'error', title: 'Two environments share a Terraform state', hint: 'Give each environment its own state bucket or prefix (the default prefix is `gdp/<env>`).' },
  GDP408: { severity: 'warning', title: 'Environment file ignored', hint: 'Name environment files dv.json, qa.json, np.json or pd.json, or move the file out of the environments folder.' },
  GDP409: { severity: 'error', title: 'Invalid command line', hint: 'Run gdp --help for the commands and their options.' },
  // synthesis output
  GDP701: { severity: 'error', title: 'Output folder holds files gdp did not write', hint: 'Pass --out with an empty or new folder, or one gdp synthesized into before; gdp never deletes files it did not write.' },
  GDP702: { severity: 'error', title: 'Output folder cannot be written', hint: 'Pass --out with a folder path you can write to (not an existing file).' },
  // internal
  GDP900: { severity: 'error', title: 'Internal error', hint: 'This is a bug in gdp: please report it with the stack trace shown.' },
} as const satisfies CodeTable;

/** A code the core owns. */
export type CoreCode = keyof typeof CORE_CODES;

/**
 * A diagnostic code: a core code, or a code a registered owner declares. Plain text at this level;
 * reporters handed to module types only accept the module's own codes and the core's.
 */
export type DiagnosticCode = string;
