/**
 * Checks synthesized stacks against the provider schema (src/synth/provider-schema.json) and gdp's own
 * output rules. Any violation is a bug in gdp (or in a module's synth), never a user mistake: the user's
 * configuration was validated before synthesis.
 */
import * as fs from 'node:fs';
import schemaFile from '../provider-schema.json';
import { PROVIDER_PACKAGE } from '../cdk/provider-types';
import type { BlockSchema, ProviderSchema, ProviderSchemaFile } from './schema-types';
import { unescapedTemplate } from './templates';

/** One problem in a synthesized stack. */
export interface OutputViolation {
  /** Terraform address (`google_bigquery_table.table_x`) or stack part. */
  readonly address: string;
  /** Path inside the resource (`time_partitioning.type`), empty for the resource itself. */
  readonly path: string;
  readonly message: string;
}

/** Thrown when synthesized output breaks the provider schema: a bug in gdp, reported as GDP900. */
export class SynthOutputError extends Error {
  constructor(
    readonly stackName: string,
    readonly violations: readonly OutputViolation[],
  ) {
    super(
      `synthesized stack "${stackName}" does not match the provider schema (a bug in gdp, not in your configuration):\n` +
        violations.map((v) => `  ${v.address}${v.path ? ` ${v.path}` : ''}: ${v.message}`).join('\n'),
    );
    this.name = 'SynthOutputError';
  }
}

/**
 * Terraform's built-in data sources gdp writes (no provider): the remote-state reads of split stacks
 * (https://developer.hashicorp.com/terraform/language/state/remote-state-data).
 */
export const BUILTIN_DATA_SOURCES: Readonly<Record<string, BlockSchema>> = {
  terraform_remote_state: { attributes: ['backend', 'config', 'defaults', 'workspace'], required: ['backend'] },
};

/** Keys Terraform accepts on every resource or data source besides the schema's attributes. */
const META_ARGUMENTS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

/** The version of the installed provider bindings. */
export function installedProviderVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${PROVIDER_PACKAGE}/package.json`), 'utf8')) as { version: string }).version;
}

/** The committed schema for the installed provider bindings. */
export function installedProviderSchema(): ProviderSchema {
  const version = installedProviderVersion();
  const schema = (schemaFile as ProviderSchemaFile)[version];
  if (!schema) {
    throw new Error(
      `src/synth/provider-schema.json has no schema for ${PROVIDER_PACKAGE} ${version} (it has ${Object.keys(schemaFile).join(', ')}): ` +
        'run `node -r ./scripts/ts-register.js scripts/derive-provider-schema.ts`',
    );
  }
  return schema;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every violation in one synthesized stack (the parsed cdk.tf.json). */
export function checkStack(stack: unknown, schema: ProviderSchema): OutputViolation[] {
  const out: OutputViolation[] = [];
  if (!isObject(stack)) return [{ address: '(stack)', path: '', message: 'the stack is not a JSON object' }];
  const addresses = new Set<string>();
  const elements: { address: string; body: Json; schema: BlockSchema | undefined; type: string }[] = [];
  for (const [section, prefix, schemas] of [
    ['resource', '', schema.resources],
    ['data', 'data.', schema.dataSources],
  ] as const) {
    const byType = stack[section];
    if (byType === undefined) continue;
    if (!isObject(byType)) {
      out.push({ address: section, path: '', message: `"${section}" is not an object` });
      continue;
    }
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        const address = `${prefix}${type}.${name}`;
        addresses.add(address);
        elements.push({ address, body, schema: schemas[type] ?? (section === 'data' ? BUILTIN_DATA_SOURCES[type] : undefined), type });
      }
    }
  }
  for (const e of elements) {
    if (!e.schema) {
      out.push({ address: e.address, path: '', message: `gdp does not create ${e.type} (not in the provider schema of the types gdp uses)` });
      continue;
    }
    if (!isObject(e.body)) {
      out.push({ address: e.address, path: '', message: 'the resource body is not an object' });
      continue;
    }
    checkBlock(e.body, e.schema, e.address, '', out, true);
    const dependsOn = e.body.depends_on;
    for (const d of Array.isArray(dependsOn) ? dependsOn : []) {
      if (typeof d === 'string' && !addresses.has(d)) out.push({ address: e.address, path: 'depends_on', message: `depends on ${d}, which is not in the stack` });
    }
  }
  return out;
}

function checkBlock(body: Record<string, Json>, schema: BlockSchema, address: string, path: string, out: OutputViolation[], top: boolean): void {
  const at = (key: string): string => (path ? `${path}.${key}` : key);
  for (const name of schema.required ?? []) {
    if (body[name] === undefined) out.push({ address, path: at(name), message: `required ${schema.blocks?.[name] ? 'block' : 'attribute'} "${name}" is missing` });
  }
  for (const [key, value] of Object.entries(body)) {
    if (top && META_ARGUMENTS.has(key)) continue;
    const block = schema.blocks?.[key];
    if (block) {
      const items = block.nesting === 'list' ? value : [value];
      if (!Array.isArray(items) || (block.nesting === 'single' && Array.isArray(value))) {
        out.push({ address, path: at(key), message: `block "${key}" must be ${block.nesting === 'list' ? 'a list of objects' : 'one object'}` });
        continue;
      }
      items.forEach((item, i) => {
        const itemPath = block.nesting === 'list' ? `${at(key)}[${i}]` : at(key);
        if (!isObject(item)) out.push({ address, path: itemPath, message: `block "${key}" must hold objects` });
        else checkBlock(item, block, address, itemPath, out, false);
      });
      continue;
    }
    if (!schema.attributes.includes(key)) {
      out.push({ address, path: at(key), message: `unknown attribute "${key}"` });
      continue;
    }
    const allowed = schema.enums?.[key];
    if (allowed && typeof value === 'string' && !value.includes('${') && !allowed.includes(value)) {
      out.push({ address, path: at(key), message: `"${value}" is not one of the documented values ${allowed.join(', ')}` });
    }
    checkTemplates(value, address, at(key), out);
  }
}

function checkTemplates(value: Json, address: string, path: string, out: OutputViolation[]): void {
  if (typeof value === 'string') {
    const found = unescapedTemplate(value);
    if (found) out.push({ address, path, message: `literal text "${found}" would be evaluated by Terraform: escape it with escapeTerraformTemplate` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkTemplates(v, address, `${path}[${i}]`, out));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) checkTemplates(v, address, `${path}.${k}`, out);
  }
}
