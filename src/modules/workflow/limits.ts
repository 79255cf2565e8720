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
  // Loops rather than split/entries/reduce: every workflow is measured in every environment.
  const line = 4 * (depth + 1) + 16;
  if (typeof value === 'string') return 6 * value.length + (lineCount(value) + 1) * line;
  let bytes = line;
  if (Array.isArray(value)) {
    for (const item of value) bytes += line + yamlBytesBound(item, depth + 1);
    return bytes;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) bytes += line + yamlBytesBound(key, depth) + yamlBytesBound((value as Record<string, unknown>)[key], depth + 1);
    return bytes;
  }
  return line + 64;
}

/** Lines of a string (line breaks + 1). */
function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
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
