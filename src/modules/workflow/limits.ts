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

/** The workflow's deployed source must fit the source code size limit. */
export function checkWorkflowLimits(_entity: Entity<WorkflowConfig>, ctx: EnvCheckContext<WorkflowConfig, WorkflowCode>): void {
  const source = definitionYaml(definitionWithPrologue(ctx.resolved, () => []));
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_SOURCE_BYTES) {
    ctx.report('GDP208', ['steps'], `the workflow's source is ${bytes.toLocaleString('en-US')} bytes; Cloud Workflows accepts at most ${MAX_SOURCE_BYTES.toLocaleString('en-US')} (source code size, ${SOURCE})`, {
      hint: 'Split the workflow into subworkflows in separate workflows, or move large literals into environment variables or files.',
    });
  }
}
