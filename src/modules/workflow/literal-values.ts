/**
 * Values of other entities' files in the environment being synthesized. The synthesis context gives the
 * resolved configuration of the entity being synthesized only, so the references that the files this
 * workflow depends on can hold (built-ins, environment variables, buckets, service accounts, attributes
 * of entities) are evaluated here the way the resolver does; anything else is kept as written.
 */
import { SERVICE_ACCOUNT_PURPOSES } from '../../core/environment';
import { serviceAccountEmail } from '../../core/naming';
import { parseTemplate, type RefExpr } from '../../core/references';
import type { SynthContext } from '../../core/synth-context';

/** What {@link literalValue} reads. */
export type LiteralContext = Pick<SynthContext, 'env' | 'attributesOf'>;

/** The value of a string of another entity's file in this environment (`$${x}` becomes `${x}`). */
export function literalValue(text: string, ctx: LiteralContext, depth = 0): string {
  let out = '';
  for (const seg of parseTemplate(text)) {
    if (seg.type === 'text') out += seg.text;
    else if (seg.type === 'bad') out += seg.source;
    else out += refValue(seg.expr, ctx, depth) ?? seg.source;
  }
  return out;
}

function refValue(expr: RefExpr, ctx: LiteralContext, depth: number): string | undefined {
  const { env } = ctx;
  const { head, keys } = expr;
  if (keys.length === 0) {
    const scalars: Record<string, string> = { project: env.project_id, region: env.region, location: env.bigquery_location, env: env.name, app_name: env.app_name };
    if (Object.prototype.hasOwnProperty.call(scalars, head)) return scalars[head];
    const variable = env.variables[head];
    return variable !== undefined && depth < 5 ? literalValue(String(variable), ctx, depth + 1) : undefined;
  }
  if (keys.length === 1 && head === 'variables') return refValue({ head: keys[0], keys: [] }, ctx, depth);
  if (keys.length === 1 && head === 'buckets') return ctx.attributesOf('buckets', keys[0])?.name;
  if (keys.length === 1 && head === 'service_accounts' && (SERVICE_ACCOUNT_PURPOSES as readonly string[]).includes(keys[0])) {
    return serviceAccountEmail(env, keys[0]);
  }
  return keys.length === 2 ? ctx.attributesOf(head, keys[0])?.[keys[1]] : undefined;
}
