/**
 * Generated parts of the README (error codes, module field references), kept true by a test that
 * compares them with the README's marked sections. Regenerate with `npm run docs`.
 */
import { z } from 'zod';
import { EnvironmentSchema } from '../core/environment';
import type { ModuleType } from '../core/module-type';
import type { ModuleRegistry } from '../core/registry';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  additionalProperties?: JsonSchemaNode | boolean;
  const?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchemaNode>;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function typeOf(node: JsonSchemaNode): string {
  if (node.$ref) return node.$ref.replace(/^#\/\$defs\//, '');
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.anyOf) return [...new Set(node.anyOf.map(typeOf))].join(' or ');
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items) : 'values'}`;
  if (node.type === 'object') return node.properties ? 'mapping' : 'map';
  if (Array.isArray(node.type)) return node.type.join(' or ');
  return node.type ?? 'any';
}

/** Markdown table of a schema's top-level fields (nested mappings listed with dotted names). */
export function fieldTable(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const rows: string[] = ['| field | type | required | description |', '|---|---|---|---|'];
  const walk = (node: JsonSchemaNode, prefix: string, depth: number): void => {
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (key === '$schema') continue;
      const name = `${prefix}${key}`;
      const def = child.default !== undefined ? ` Default: \`${JSON.stringify(child.default)}\`.` : '';
      rows.push(`| \`${name}\` | ${cell(typeOf(child))} | ${required.has(key) && child.default === undefined ? 'yes' : ''} | ${cell((child.description ?? '') + def)} |`);
      if (depth < 2 && child.type === 'object' && child.properties) walk(child, `${name}.`, depth + 1);
    }
  };
  walk(json, '', 0);
  // Recursive shapes (e.g. a table column's nested `fields`) are named definitions: list their fields too.
  for (const [name, def] of Object.entries(json.$defs ?? {})) walk(def, `${name}.`, 1);
  return rows.join('\n');
}

/** Markdown reference of one module type: folder, example and fields. */
export function moduleSection(module: ModuleType): string {
  return [
    `### \`${module.kind}\` — ${module.title}`,
    '',
    `Folder: \`configuration/${module.folder}/\` · references: \`\${${module.namespace}["<name>"].<attribute>}\`` +
      (module.defaultAttribute === undefined ? '' : `, or \`\${${module.namespace}.<name>}\` for its \`${module.defaultAttribute}\``),
    '',
    '```yaml',
    module.example.trimEnd(),
    '```',
    '',
    fieldTable(module.schema),
  ].join('\n');
}

/** Markdown reference of every registered module type. */
export function modulesReference(registry: ModuleRegistry): string {
  return registry.all().map(moduleSection).join('\n\n');
}

/** Markdown table of the environment file's fields. */
export function environmentReference(): string {
  return fieldTable(EnvironmentSchema);
}

/** Markdown table of every diagnostic code. */
export function codesTable(registry: ModuleRegistry): string {
  const rows = ['| code | severity | meaning | usual fix |', '|---|---|---|---|'];
  for (const info of registry.codes.all()) {
    rows.push(`| ${info.code} | ${info.severity} | ${cell(info.title)} | ${cell(info.hint ?? '')} |`);
  }
  return rows.join('\n');
}

/** The README's generated sections, by marker name; `extra` adds sections computed elsewhere. */
export function generatedSections(registry: ModuleRegistry, extra: Record<string, string> = {}): Record<string, string> {
  return { modules: modulesReference(registry), environment: environmentReference(), codes: codesTable(registry), ...extra };
}

/** Replaces every `<!-- gdp:NAME:start -->…<!-- gdp:NAME:end -->` section of a text. */
export function fillSections(text: string, sections: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- gdp:${name}:start -->)[\\s\\S]*?(<!-- gdp:${name}:end -->)`);
    out = out.replace(re, (_m, start: string, end: string) => `${start}\n${body}\n${end}`);
  }
  return out;
}
