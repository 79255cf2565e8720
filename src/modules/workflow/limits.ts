/**
 * Limits of Cloud Workflows, as data, each with its Google source. Source: Google Cloud documentation,
 * "Workflows quotas and limits" (https://cloud.google.com/workflows/quotas), "Source code size: 128 KB".
 */
import type { WorkflowCode } from './codes';
import type { Entity, EnvCheckContext } from '../../core/module-type';
import type { WorkflowConfig } from './schema';
import { definitionWithPrologue, definitionYaml } from './synth';

/** Largest workflow definition (source_contents) Workflows accepts, bytes. */
export const MAX_SOURCE_BYTES = 128 * 1024;
const SOURCE = 'Workflows quotas and limits, https://cloud.google.com/workflows/quotas';

/**
 * An upper bound of the UTF-8 bytes of {@link definitionYaml}'s text for a value at nesting `depth`: every
 * line's indentation, indicators and line break are counted generously, every character of a scalar as 6
 * bytes (its longest escape, `\uXXXX`, is longer than its UTF-8 form) and every line of a multi-line
 * string as a line of its own. Only used to skip writing the YAML when even the bound fits the limit.
 */
export function yamlBytesBound(value: unknown, depth = 0): number {
  const line = 4 * (depth + 1) + 16;
  if (typeof value === 'string') return 6 * value.length + (value.split('\n').length + 1) * line;
  if (Array.isArray(value)) return line + value.reduce((n: number, item) => n + line + yamlBytesBound(item, depth + 1), 0);
  if (value !== null && typeof value === 'object') {
    return line + Object.entries(value).reduce((n, [k, v]) => n + line + yamlBytesBound(k, depth) + yamlBytesBound(v, depth + 1), 0);
  }
  return line + 64;
}

/** The workflow's deployed source must fit the source code size limit. */
export function checkWorkflowLimits(_entity: Entity<WorkflowConfig>, ctx: EnvCheckContext<WorkflowConfig, WorkflowCode>): void {
  const definition = definitionWithPrologue(ctx.resolved, () => []);
  // Writing the YAML costs more than every other check of the workflow: only when it may not fit.
  if (yamlBytesBound(definition) <= MAX_SOURCE_BYTES) return;
  const source = definitionYaml(definition);
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_SOURCE_BYTES) {
    ctx.report('GDP208', ['steps'], `the workflow's source is ${bytes.toLocaleString('en-US')} bytes; Cloud Workflows accepts at most ${MAX_SOURCE_BYTES.toLocaleString('en-US')} (source code size, ${SOURCE})`, {
      hint: 'Split the workflow into subworkflows in separate workflows, or move large literals into environment variables or files.',
    });
  }
}
