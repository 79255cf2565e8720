/**
 * Reads a Terraform state in either form users have at hand: the output of `terraform show -json`
 * (`values.root_module.resources[]`, nested `child_modules`) or the state file itself (version 4:
 * `resources[].instances[].attributes`). Only managed resources count; data sources are not drift.
 */
import { z } from 'zod';
import type { Values } from '../plan/model';

/** One resource instance of a state, by Terraform address. */
export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Values;
}

/** Why a file is not a state (the CLI prints it with GDP830). */
export class StateReadError extends Error {}

const ShowModule: z.ZodType<{ resources?: unknown[]; child_modules?: unknown[] }> = z.lazy(() =>
  z.looseObject({ resources: z.array(ShowResource).optional(), child_modules: z.array(ShowModule).optional() }),
);
const ShowResource = z.looseObject({ address: z.string(), mode: z.string(), type: z.string(), name: z.string(), values: z.record(z.string(), z.unknown()).nullish() });
const ShowJson = z.looseObject({ format_version: z.string(), values: z.looseObject({ root_module: ShowModule }).optional() });
const RawState = z.looseObject({
  version: z.number(),
  resources: z
    .array(
      z.looseObject({
        module: z.string().optional(),
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        instances: z.array(z.looseObject({ index_key: z.union([z.string(), z.number()]).optional(), attributes: z.record(z.string(), z.unknown()).nullish() })),
      }),
    )
    .default([]),
});

/** Parses state text; throws {@link StateReadError} saying what is wrong. */
export function readState(file: string, text: string): StateResource[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StateReadError(`${file} is not JSON (${(e as Error).message})`);
  }
  const show = ShowJson.safeParse(json);
  if (show.success) return fromShow(show.data.values?.root_module);
  const raw = RawState.safeParse(json);
  if (raw.success) return fromRaw(raw.data);
  throw new StateReadError(`${file} is neither \`terraform show -json\` output (no format_version) nor a state file (no version and resources)`);
}

function fromShow(module: z.infer<typeof ShowModule> | undefined): StateResource[] {
  if (!module) return [];
  const out: StateResource[] = [];
  for (const r of (module.resources ?? []) as z.infer<typeof ShowResource>[]) {
    if (r.mode === 'managed') out.push({ address: r.address, type: r.type, name: r.name, values: r.values ?? {} });
  }
  for (const child of module.child_modules ?? []) out.push(...fromShow(child as z.infer<typeof ShowModule>));
  return out;
}

function fromRaw(state: z.infer<typeof RawState>): StateResource[] {
  const out: StateResource[] = [];
  for (const r of state.resources) {
    if (r.mode !== 'managed') continue;
    const base = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`;
    for (const i of r.instances) {
      const index = i.index_key === undefined ? '' : typeof i.index_key === 'number' ? `[${i.index_key}]` : `["${i.index_key}"]`;
      out.push({ address: base + index, type: r.type, name: r.name, values: i.attributes ?? {} });
    }
  }
  return out;
}
