/**
 * Derives the compact {@link ProviderSchema} of the Terraform types gdp uses from the provider bindings'
 * jsii assembly (`node_modules/@cdktf/provider-google/.jsii`, one 95 MB JSON document: parse it once, at
 * derivation time, never during a synth). Run by scripts/derive-provider-schema.ts and re-checked by
 * test/synth/provider-schema.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA_SOURCE_TYPES, PROVIDER_PACKAGE, RESOURCE_TYPES } from '../cdk/provider-types';
import type { BlockSchema, NestedBlockSchema, ProviderSchema, ProviderSchemaFile } from './schema-types';

interface JsiiTypeRef {
  readonly fqn?: string;
  readonly primitive?: string;
  readonly collection?: { readonly kind: string; readonly elementtype: JsiiTypeRef };
  readonly union?: { readonly types: readonly JsiiTypeRef[] };
}

interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly type: JsiiTypeRef;
  readonly docs?: { readonly summary?: string; readonly remarks?: string };
}

interface JsiiType {
  readonly fqn: string;
  readonly kind: string;
  readonly datatype?: boolean;
  readonly base?: string;
  readonly interfaces?: readonly string[];
  readonly docs?: { readonly summary?: string };
  readonly initializer?: { readonly parameters?: readonly { readonly type: JsiiTypeRef }[] };
  readonly properties?: readonly JsiiProperty[];
}

interface JsiiAssembly {
  readonly name: string;
  readonly version: string;
  readonly types: Readonly<Record<string, JsiiType>>;
}

/** `{@link https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/x google_x}` */
const CLASS_LINK = /\{@link https:\/\/registry\.terraform\.io\/providers\/([\w-]+\/[\w-]+)\/([\d.]+)\/docs\/(resources|data-sources)\/\w+ (\w+)\}/;
/** `{@link https://…/bigquery_table#time_partitioning BigqueryTable#time_partitioning}` */
const ATTRIBUTE_ANCHOR = /#(\w+) \w+#\w+\}/;
const POSSIBLE_VALUES = /Possible values: (\[[^\]]*\])/;

/** Reads the jsii assembly of the installed provider bindings (wherever npm installed them). */
export function readProviderAssembly(): JsiiAssembly {
  const file = path.join(path.dirname(require.resolve(`${PROVIDER_PACKAGE}/package.json`)), '.jsii');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JsiiAssembly;
}

/** Terraform types to derive the schema of. */
export interface DerivedTypes {
  readonly resources: readonly string[];
  readonly dataSources: readonly string[];
}

/**
 * The compact schema of the given types (default: the ones the core and the built-in module types create),
 * keyed by the bindings' package version.
 */
export function deriveProviderSchema(assembly: JsiiAssembly, types: DerivedTypes = { resources: RESOURCE_TYPES, dataSources: DATA_SOURCE_TYPES }): ProviderSchemaFile {
  const classes = new Map<string, { kind: string; config: string; provider: string }>();
  for (const t of Object.values(assembly.types)) {
    if (t.kind !== 'class') continue;
    const m = CLASS_LINK.exec(t.docs?.summary ?? '');
    const config = t.initializer?.parameters?.[2]?.type.fqn;
    if (!m || !config) continue;
    classes.set(`${m[3]}:${m[4]}`, { kind: m[3], config, provider: `${m[1]} ${m[2]}` });
  }
  const pick = (kind: string, names: readonly string[]): Record<string, BlockSchema> => {
    const out: Record<string, BlockSchema> = {};
    for (const name of [...names].sort()) {
      const c = classes.get(`${kind}:${name}`);
      if (!c) throw new Error(`${PROVIDER_PACKAGE} ${assembly.version} has no ${kind} class for ${name}`);
      out[name] = deriveBlock(assembly, c.config, new Set());
    }
    return out;
  };
  const resources = pick('resources', types.resources);
  const dataSources = pick('data-sources', types.dataSources);
  const providers = new Set([...classes.values()].map((c) => c.provider));
  const schema: ProviderSchema = { terraformProvider: [...providers].sort().join(', '), resources, dataSources };
  return { [assembly.version]: schema };
}

function providerStruct(assembly: JsiiAssembly, ref: JsiiTypeRef | undefined): string | undefined {
  const fqn = ref?.fqn;
  if (!fqn || !fqn.startsWith(`${assembly.name}.`)) return undefined;
  const t = assembly.types[fqn];
  return t && t.kind === 'interface' && t.datatype ? fqn : undefined;
}

/** Whether a property is a nested block, and how it is synthesized. */
function blockOf(assembly: JsiiAssembly, type: JsiiTypeRef): { fqn: string; nesting: 'single' | 'list' } | undefined {
  const single = providerStruct(assembly, type);
  if (single) return { fqn: single, nesting: 'single' };
  const candidates = [type, ...(type.union?.types ?? [])];
  for (const c of candidates) {
    const element = providerStruct(assembly, c.collection?.elementtype);
    if (element) return { fqn: element, nesting: 'list' };
  }
  return undefined;
}

function propertiesOf(assembly: JsiiAssembly, fqn: string, seen = new Set<string>()): JsiiProperty[] {
  if (seen.has(fqn)) return [];
  seen.add(fqn);
  const t = assembly.types[fqn];
  if (!t) return [];
  const inherited = (t.interfaces ?? []).filter((i) => i.startsWith(`${assembly.name}.`)).flatMap((i) => propertiesOf(assembly, i, seen));
  return [...inherited, ...(t.properties ?? []).filter((p) => !p.static)];
}

function deriveBlock(assembly: JsiiAssembly, fqn: string, path: Set<string>): BlockSchema {
  if (path.has(fqn)) throw new Error(`recursive block type ${fqn}`);
  const inner = new Set(path).add(fqn);
  const attributes: string[] = [];
  const required: string[] = [];
  const enums: Record<string, string[]> = {};
  const blocks: Record<string, NestedBlockSchema> = {};
  for (const p of propertiesOf(assembly, fqn)) {
    const docs = `${p.docs?.summary ?? ''}\n${p.docs?.remarks ?? ''}`;
    const anchor = ATTRIBUTE_ANCHOR.exec(docs);
    if (!anchor) continue; // cdktf meta-arguments carry no registry anchor
    const name = anchor[1];
    if (!p.optional) required.push(name);
    const block = blockOf(assembly, p.type);
    if (block) {
      blocks[name] = { nesting: block.nesting, ...deriveBlock(assembly, block.fqn, inner) };
      continue;
    }
    attributes.push(name);
    const values = POSSIBLE_VALUES.exec(docs);
    if (values) enums[name] = JSON.parse(values[1]) as string[];
  }
  return {
    attributes: attributes.sort(),
    ...(required.length > 0 ? { required: required.sort() } : {}),
    ...(Object.keys(enums).length > 0 ? { enums: sortKeys(enums) } : {}),
    ...(Object.keys(blocks).length > 0 ? { blocks: sortKeys(blocks) } : {}),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** The committed file's text for a schema: sorted as derived, one-space indent, string lists on one line. */
export function formatProviderSchema(file: ProviderSchemaFile): string {
  const text = JSON.stringify(file, null, 1).replace(/\[\n\s*("(?:[^"\\]|\\.)*"(?:,\n\s*"(?:[^"\\]|\\.)*")*)\n\s*\]/g, (_m, items: string) =>
    `[${items.split(/,\n\s*/).join(', ')}]`,
  );
  return `${text}\n`;
}
