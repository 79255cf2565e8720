/**
 * Faster synthesis of gdp's stacks, with byte-identical output (test/bench/identity.test.ts).
 *
 * cdktf resolves every stack three times: `prepareStack` resolves each element (only to discover
 * cross-stack references), `toTerraform` resolves each element again, then resolves the merged tree a
 * third time. gdp's apps hold one stack and never reference another stack, and a resolved tree resolves
 * to itself, so one pass is enough. That pass only needs cdktf's resolver where a value holds a token;
 * plain data is copied. The stack is then written in pieces rather than as one string (stable-json.ts).
 * test/synth/fast-resolve.test.ts compares the pass with cdktf's resolver, and
 * test/synth/cdktf-version.test.ts fails when cdktf is not the version these internals were read from.
 */
import * as path from 'node:path';
import { TerraformElement, TerraformOutput, TerraformStack, Tokenization, type ISynthesisSession } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { TokenMap } from 'cdktf/lib/tokens/private/token-map';
import { deepMerge } from 'cdktf/lib/util';
import { writeStableJson } from './stable-json';

/** The members of TerraformStack that cdktf keeps private but the single pass needs. */
interface StackInternals {
  readonly rawOverrides: Record<string, unknown>;
  readonly cdktfVersion: string;
}

/** Marks of cdktf's encoded tokens in strings: `${TfToken[`, `#{TfToken[` (lists), `&{TfToken[` (maps). */
const TOKEN_MARK = 'TfToken[';

/** Every Terraform element of a stack, in cdktf's order (depth first, not into nested stacks). */
function terraformElements(node: { node: { children: readonly unknown[] } }, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (TerraformStack.isStack(child)) continue;
    terraformElements(child as { node: { children: readonly unknown[] } }, into);
  }
  return into;
}

/** Whether cdktf's resolver could change this value itself (a token, or something it rejects). */
function needsResolver(value: unknown, numberTokens: boolean): boolean {
  switch (typeof value) {
    case 'string':
      // Number tokens can hide in strings too; only possible when number tokens exist at all.
      return value.includes(TOKEN_MARK) || (numberTokens && /\de/.test(value));
    case 'number':
      return numberTokens;
    case 'function':
    case 'symbol':
    case 'bigint':
      return true;
    case 'object':
      if (value === null || Array.isArray(value)) return false;
      return (
        Tokenization.isResolvable(value) ||
        value instanceof Date ||
        // a construct: cdktf refuses it with a clear error
        ('_children' in value && '_metadata' in value) ||
        Object.keys(value).some((k) => k.includes(TOKEN_MARK))
      );
    default:
      return false;
  }
}

/**
 * cdktf's `resolve` for one stack, except that values without tokens are copied instead of passing
 * through the resolver: the result is the same (undefined values are dropped, everything else kept as
 * is), because a value without a token resolves to itself. Arrays holding a token go to the resolver
 * whole, since list tokens are resolved at the array level.
 */
export function resolveFast(stack: TerraformStack, value: unknown): unknown {
  const numberTokens = (TokenMap.instance() as unknown as { numberTokenMap: Map<unknown, unknown> }).numberTokenMap.size > 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (v === undefined || v === null || typeof v === 'boolean') return v;
    // Deep nesting (cdktf refuses beyond 200 levels) and anything unusual: cdktf decides.
    if (depth > 100 || needsResolver(v, numberTokens)) return resolve(stack, v);
    if (typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x !== 'object' && needsResolver(x, numberTokens))) return resolve(stack, v);
      const out: unknown[] = [];
      for (const x of v) {
        const r = walk(x, depth + 1);
        if (r !== undefined) out.push(r);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const r = walk((v as Record<string, unknown>)[key], depth + 1);
      if (r !== undefined) out[key] = r;
    }
    return out;
  };
  return walk(value, 0);
}

/** cdktf's TerraformStack.toTerraform with one resolve per element and none of the merged tree. */
function singlePassToTerraform(stack: TerraformStack): Record<string, unknown> {
  const { rawOverrides, cdktfVersion } = stack as unknown as StackInternals;
  const resolveElement = (v: unknown): unknown => resolveFast(stack, v);
  const tf: Record<string, unknown> = {};
  const metadata: Record<string, unknown> = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    cloud: undefined,
    ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
  };
  const elements = terraformElements(stack);
  for (const e of elements) deepMerge(metadata, resolve(stack, e.toMetadata()));
  const outputs: Record<string, unknown> = {};
  for (const item of elements) {
    if (!TerraformOutput.isTerraformOutput(item)) continue;
    const nested = item.node.path.split('/').reduceRight<Record<string, unknown>>((inner, part) => (Object.keys(inner).length === 0 ? { [part]: item.friendlyUniqueId } : { [part]: inner }), {});
    deepMerge(outputs, nested);
  }
  tf['//'] = { metadata, outputs };
  for (const e of elements) deepMerge(tf, resolveElement(e.toTerraform()));
  if (Object.keys(rawOverrides).length > 0) {
    // Stack-level overrides are raw values: they get cdktf's full last pass, as without the measure.
    deepMerge(tf, rawOverrides);
    return resolve(stack, tf) as Record<string, unknown>;
  }
  tf['//'] = resolve(stack, tf['//']);
  return tf;
}

/** What the stack's last toTerraform() returned (read by the output check instead of the written file). */
const lastOutput = new WeakMap<TerraformStack, Record<string, unknown>>();

/** The object a stack was last synthesized to, when the single pass produced it. */
export function synthesizedObject(stack: TerraformStack): Record<string, unknown> | undefined {
  return lastOutput.get(stack);
}

/** Installs the single resolve pass on a stack of a one-stack app (other apps keep cdktf's own methods). */
export function installSinglePass(stack: TerraformStack): void {
  const proto = TerraformStack.prototype;
  const alone = (): boolean => stack.node.scope?.node.children.filter((c) => TerraformStack.isStack(c)).length === 1;
  stack.prepareStack = function prepareStack(this: TerraformStack): void {
    if (!alone()) return proto.prepareStack.call(this);
    // The preparing pass only discovers cross-stack references: none in a one-stack app.
    this.ensureBackendExists();
  };
  stack.toTerraform = function toTerraform(this: TerraformStack): Record<string, unknown> {
    lastOutput.delete(this);
    if (!alone()) return proto.toTerraform.call(this) as Record<string, unknown>;
    const tf = singlePassToTerraform(this);
    lastOutput.set(this, tf);
    return tf;
  };
  const cdktfSynthesizer = stack.synthesizer;
  stack.synthesizer = {
    synthesize(session: ISynthesisSession): void {
      if (!alone()) return cdktfSynthesizer.synthesize(session);
      // cdktf's synthesizer does everything but the writing of cdk.tf.json: there it gets an empty object,
      // and the stack is then written in pieces (see stable-json.ts), with the same bytes.
      const own = stack.toTerraform;
      let asked = false;
      stack.toTerraform = () => {
        asked = true;
        return {};
      };
      try {
        cdktfSynthesizer.synthesize(session);
      } finally {
        stack.toTerraform = own;
      }
      // Not asked: cdktf wrote HCL (`cdktf synth --hcl`), from toHclTerraform.
      if (asked) writeStableJson(path.join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath), stack.toTerraform());
    },
  };
}
