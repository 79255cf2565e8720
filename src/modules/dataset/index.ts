/**
 * Module type `dataset`: `configuration/datasets/<name>.yaml` → a BigQuery dataset named
 * `<app>_<confidentiality>_<name>_<location code>_<env>`.
 */
import { NAME_RULES } from '../../core/naming';
import { DATASET_CODES } from './codes';
import { defineModule } from '../../core/module-type';
import { checkDatasetLimits } from './limits';
import { datasetId } from '../../core/naming';
import type { Environment } from '../../core/environment';
import { DatasetSchema, type DatasetConfig } from './schema';
import { synthDataset } from './synth';

/** The dataset's BigQuery location in an environment, upper-cased for multi-regions. */
export function datasetLocation(config: DatasetConfig, env: Environment): string {
  const loc = config.location ?? env.bigquery_location;
  return /^(eu|us)$/i.test(loc) ? loc.toUpperCase() : loc;
}

/** The dataset id in an environment. */
export function datasetIdFor(name: string, config: DatasetConfig, env: Environment): string {
  return datasetId(env, name, config.confidentiality, datasetLocation(config, env));
}

/** The dataset module type. */
export const datasetModule = defineModule({
  kind: 'dataset',
  title: 'BigQuery dataset',
  folder: 'datasets',
  namespace: 'datasets',
  noun: 'dataset',
  schema: DatasetSchema,
  codes: DATASET_CODES,
  synth(entity, ctx) {
    const config = ctx.resolved;
    synthDataset(ctx, { datasetId: datasetIdFor(entity.name, config, ctx.env), location: datasetLocation(config, ctx.env) });
  },
  owningDataset: (entity) => entity.name,
  compile: {
    logicalName: (_config, baseName) => baseName,
    check(entity, ctx) {
      if (!/^[a-z][a-z0-9_]*$/.test(entity.name)) {
        ctx.report('GDP500', [], `dataset file name "${entity.name}" must be lowercase letters, digits and "_", starting with a letter`);
      }
      checkDatasetLimits(entity, ctx);
    },
  },
  environment: {
    attributes(entity, { env }) {
      const id = datasetIdFor(entity.name, entity.config, env);
      return {
        project: env.project_id,
        dataset_id: id,
        location: datasetLocation(entity.config, env),
        reference: `\`${env.project_id}.${id}\``,
        id: `projects/${env.project_id}/datasets/${id}`,
      };
    },
    generatedNames(entity, { env }) {
      return [{ rule: NAME_RULES.dataset, value: datasetIdFor(entity.name, entity.config, env), path: [] }];
    },
  },
  example: `# configuration/datasets/sales.yaml
description: "Orders and customers"
confidentiality: c2          # c1 public, c2 internal, c3 restricted
location: eu                 # default: the environment's bigquery_location
deletion_protection: true
default_table_expiration_ms: 7776000000   # 90 days (at least 1 hour)
`,
});
