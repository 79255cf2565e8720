/**
 * Splits one environment's synthesized stack (the object cdk.tf.json holds) into one stack per part, with
 * explicit cross-stack references in the form cdktf writes them: the stack that holds a resource exports
 * an output (`cross-stack-output-…`), and a stack that uses it reads that output through a
 * `terraform_remote_state` data source (`cross-stack-reference-input-<stack>`) configured with the first
 * stack's GCS backend.
 *
 * - A `${address.attribute}` expression that names a resource of another stack becomes
 *   `${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.cross-stack-output-…}`.
 * - A `depends_on` on a resource of another stack (Terraform cannot depend on what another state holds)
 *   becomes a `depends_on` on that stack's remote state, which reads the output that stack exports for the
 *   resource (its `id`): applying in the manifest's order guarantees the resource exists.
 * - A resource that belongs to no entity (stack-level: grants, service accounts) goes with the entity
 *   resources it waits for when they are all in one part (a dataset grant goes with its dataset), else
 *   to the `base` part.
 *
 * Pure data: no cdktf here, so the split stacks are exactly the unsplit one's resources, moved.
 */
import { BASE_PART, partCycles, partPrefix, SHARED_PART, stackNameOf } from './partition';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A Terraform GCS backend. */
export interface GcsBackendConfig {
  readonly bucket: string;
  readonly prefix: string;
}

/** One stack of a split environment. */
export interface SplitStack {
  /** `<env>-<part>`. */
  readonly name: string;
  readonly part: string;
  readonly backend: GcsBackendConfig;
  /** Stacks whose outputs this one reads (sorted). */
  readonly dependsOn: readonly string[];
  /** The stack's cdk.tf.json content. */
  readonly tf: JsonObject;
  /** Resources and data sources of the configuration (remote-state reads not counted). */
  readonly resources: number;
}

/** An environment split into stacks. */
export interface SplitEnvironment {
  /** By name. */
  readonly stacks: readonly SplitStack[];
  /** Stacks that can be applied together, in order: every stack's dependencies are in earlier waves. */
  readonly waves: readonly (readonly string[])[];
}

/** What {@link splitStack} needs. */
export interface SplitInput {
  readonly env: string;
  /** The environment's backend; each part's state gets its own prefix below it. */
  readonly backend: GcsBackendConfig;
  /** Part of each resource an entity created, by address (`google_bigquery_table.table_x`). */
  readonly owners: ReadonlyMap<string, string>;
  /**
   * Keep each stack's state in `<localStateDir>/<stack>.tfstate` (Terraform's local backend) instead of
   * GCS: for offline runs of the real terraform binary (tests, measurements), never for deployments.
   */
  readonly localStateDir?: string;
}

/** Prefix of the remote-state data sources (cdktf's). */
export const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';
/** Prefix of the exported outputs (cdktf's). */
export const OUTPUT_PREFIX = 'cross-stack-output-';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An unescaped `${…}` template expression (gdp's expressions hold no braces); `$${` is an escape. */
const EXPRESSION = /(?<!\$)\$\{([^{}]*)\}/g;
/** A traversal `address.attribute` inside an expression. */
const TRAVERSAL = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g;

interface Element {
  readonly section: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: JsonObject;
}

function elementsOf(tf: JsonObject): Element[] {
  const out: Element[] = [];
  for (const section of ['resource', 'data'] as const) {
    const byType = tf[section];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        if (isObject(body)) out.push({ section, type, name, address: `${section === 'data' ? 'data.' : ''}${type}.${name}`, body });
      }
    }
  }
  return out;
}

/** Addresses a body refers to: its `depends_on` and the traversals of its expressions. */
function referencesOf(body: Json, known: ReadonlySet<string>, into = new Set<string>()): Set<string> {
  if (typeof body === 'string') {
    for (const [, expression] of body.matchAll(EXPRESSION)) {
      for (const [, address] of expression.matchAll(TRAVERSAL)) if (known.has(address)) into.add(address);
    }
  } else if (Array.isArray(body)) {
    for (const v of body) referencesOf(v, known, into);
  } else if (isObject(body)) {
    for (const [k, v] of Object.entries(body)) {
      if (k === '//') continue;
      if (k === 'depends_on' && Array.isArray(v)) v.forEach((d) => typeof d === 'string' && known.has(d) && into.add(d));
      else referencesOf(v, known, into);
    }
  }
  return into;
}

/** The part of every element: its owner's; for a stack-level element the one part it waits for, base for none, shared for several. */
function partsOf(elements: readonly Element[], owners: ReadonlyMap<string, string>): Map<string, string> {
  const known = new Set(elements.map((e) => e.address));
  const parts = new Map<string, string>();
  for (const e of elements) {
    const owner = owners.get(e.address);
    if (owner !== undefined) {
      parts.set(e.address, owner);
      continue;
    }
    const waitsFor = new Set([...referencesOf(e.body, known)].map((a) => owners.get(a)).filter((p): p is string => p !== undefined));
    // Waiting for several parts, it goes where it is applied after all of them: base would depend on them.
    parts.set(e.address, waitsFor.size === 0 ? BASE_PART : waitsFor.size === 1 ? [...waitsFor][0] : SHARED_PART);
  }
  return parts;
}

/** The output name a stack exports for `address.attribute` (Terraform names allow letters, digits, `_`, `-`). */
function outputName(address: string, attribute: string): string {
  return `${OUTPUT_PREFIX}${address.replace(/\./g, '-')}-${attribute}`;
}

/** Splits `tf` into one stack per part. Throws (a gdp bug) when the parts depend on each other in a cycle. */
export function splitStack(tf: JsonObject, input: SplitInput): SplitEnvironment {
  const elements = elementsOf(tf);
  const parts = partsOf(elements, input.owners);
  const stackOf = (address: string): string => stackNameOf(input.env, parts.get(address)!);
  const backendOf = (part: string): GcsBackendConfig => ({ bucket: input.backend.bucket, prefix: partPrefix(input.backend.prefix, part) });
  const partNames = [...new Set(parts.values())].sort();
  const outputs = new Map<string, Map<string, string>>(partNames.map((p) => [stackNameOf(input.env, p), new Map()]));
  const reads = new Map<string, Set<string>>(partNames.map((p) => [stackNameOf(input.env, p), new Set()]));
  const remoteState = (stack: string): string => `data.terraform_remote_state.${REMOTE_STATE_PREFIX}${stack}`;
  const stateOf = (stack: string, gcs: GcsBackendConfig): StateBackend =>
    input.localStateDir === undefined ? { type: 'gcs', config: { ...gcs } } : { type: 'local', config: { path: `${input.localStateDir}/${stack}.tfstate` } };

  /** `address.attribute` seen from `reader`: itself in the same stack, else the other stack's output. */
  const crossReference = (reader: string, address: string, attribute: string): string => {
    const origin = stackOf(address);
    if (origin === reader) return `${address}.${attribute}`;
    const name = outputName(address, attribute);
    outputs.get(origin)!.set(name, `\${${address}.${attribute}}`);
    reads.get(reader)!.add(origin);
    return `${remoteState(origin)}.outputs.${name}`;
  };
  const known = new Set(elements.map((e) => e.address));
  const rewrite = (value: Json, reader: string): Json => {
    if (typeof value === 'string') {
      return value.replace(EXPRESSION, (_all, expression: string) => {
        const replaced = expression.replace(TRAVERSAL, (match, address: string, attribute: string) => (known.has(address) ? crossReference(reader, address, attribute) : match));
        return `\${${replaced}}`;
      });
    }
    if (Array.isArray(value)) return value.map((v) => rewrite(v, reader));
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '//') out[k] = v;
      else if (k === 'depends_on' && Array.isArray(v)) out[k] = rewriteDependsOn(v, reader);
      else out[k] = rewrite(v, reader);
    }
    return out;
  };
  const rewriteDependsOn = (list: Json[], reader: string): Json[] => {
    const out: string[] = [];
    for (const d of list) {
      if (typeof d !== 'string' || !known.has(d) || stackOf(d) === reader) {
        if (typeof d === 'string' && !out.includes(d)) out.push(d);
        continue;
      }
      crossReference(reader, d, 'id');
      const read = remoteState(stackOf(d));
      if (!out.includes(read)) out.push(read);
    }
    return out;
  };

  const bodies = new Map<string, Map<Element, JsonObject>>();
  for (const e of elements) {
    const stack = stackOf(e.address);
    const body = rewrite(e.body, stack) as JsonObject;
    const meta = body['//'];
    if (isObject(meta) && isObject(meta.metadata) && typeof meta.metadata.path === 'string') {
      // The construct path names the stack first (`dv/table_x` → `dv-sales/table_x`).
      body['//'] = { ...meta, metadata: { ...meta.metadata, path: meta.metadata.path.replace(/^[^/]*/, stack) } };
    }
    const inStack = bodies.get(stack) ?? new Map<Element, JsonObject>();
    inStack.set(e, body);
    bodies.set(stack, inStack);
  }

  const stacks = partNames.map((part): SplitStack => {
    const name = stackNameOf(input.env, part);
    const dependsOn = [...reads.get(name)!].sort();
    const own = bodies.get(name) ?? new Map<Element, JsonObject>();
    const stackTf = stackSkeleton(tf, name, stateOf(name, backendOf(part)));
    for (const [e, body] of own) place(stackTf, e.section, e.type, e.name, body);
    for (const origin of dependsOn) {
      const state = stateOf(origin, backendOf(partOfStack(origin, input.env)));
      place(stackTf, 'data', 'terraform_remote_state', `${REMOTE_STATE_PREFIX}${origin}`, { backend: state.type, config: { ...state.config } });
    }
    const exported = [...outputs.get(name)!.entries()].sort(([a], [b]) => a.localeCompare(b));
    if (exported.length > 0) {
      stackTf.output = Object.fromEntries(exported.map(([k, value]) => [k, { value }]));
      const meta = stackTf['//'] as JsonObject;
      meta.outputs = { [name]: Object.fromEntries(exported.map(([k]) => [k, k])) };
    }
    return { name, part, backend: backendOf(part), dependsOn, tf: stackTf, resources: own.size };
  });
  return { stacks, waves: wavesOf(stacks) };
}

/** The part of a stack name of this environment (`dv-sales` → `sales`). */
function partOfStack(stack: string, env: string): string {
  return stack.slice(env.length + 1);
}

/** A Terraform backend block: type and settings. */
interface StateBackend {
  readonly type: 'gcs' | 'local';
  readonly config: Readonly<Record<string, string>>;
}

/** A stack with the unsplit one's provider, settings and metadata, its own name and backend, no resources. */
function stackSkeleton(tf: JsonObject, name: string, backend: StateBackend): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(tf)) {
    if (k === 'resource' || k === 'data' || k === 'output') continue;
    out[k] = structuredClone(v);
  }
  const meta = isObject(out['//']) ? out['//'] : {};
  out['//'] = { ...meta, metadata: { ...(isObject(meta.metadata) ? meta.metadata : {}), stackName: name }, outputs: {} };
  const terraform = isObject(out.terraform) ? out.terraform : {};
  out.terraform = { ...terraform, backend: { [backend.type]: { ...backend.config } } };
  return out;
}

function place(tf: JsonObject, section: 'resource' | 'data', type: string, name: string, body: Json): void {
  const bySection = (isObject(tf[section]) ? tf[section] : (tf[section] = {})) as JsonObject;
  const byType = (isObject(bySection[type]) ? bySection[type] : (bySection[type] = {})) as JsonObject;
  byType[name] = body;
}

/** Kahn's levels over the stacks' dependencies; a cycle is a gdp bug here (checked before building). */
function wavesOf(stacks: readonly SplitStack[]): string[][] {
  const pending = new Map(stacks.map((s) => [s.name, new Set(s.dependsOn)]));
  const waves: string[][] = [];
  while (pending.size > 0) {
    const ready = [...pending.keys()].filter((n) => [...pending.get(n)!].every((d) => !pending.has(d))).sort();
    if (ready.length === 0) {
      const edges = new Map([...pending].map(([n, deps]) => [n, new Map([...deps].map((d) => [d, true]))]));
      throw new Error(`gdp: the split stacks depend on each other: ${partCycles(edges).map((c) => c.join(' → ')).join('; ')}`);
    }
    waves.push(ready);
    ready.forEach((n) => pending.delete(n));
  }
  return waves;
}
