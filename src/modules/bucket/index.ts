/**
 * Module type `bucket`: `configuration/buckets/<purpose>.yaml` → a Cloud Storage bucket named
 * `<app>-gcs-<purpose>-<location code>-<env>`, or an existing bucket gdp only refers to (`external: true`).
 * Other files write `${buckets.<purpose>}` (or `${buckets["<purpose>"].name}`) for its name; an
 * undeclared purpose is an unknown reference.
 */
import type { Environment } from '../../core/environment';
import { defineModule, type CheckContext, type Entity, type EnvCheckContext } from '../../core/module-type';
import { locationCode, NAME_RULES } from '../../core/naming';
import { parseTemplate } from '../../core/references';
import { BUCKET_CODES, type BucketCode } from './codes';
import { BucketSchema, type BucketConfig } from './schema';
import { STORAGE_BUCKET, synthBucket } from './synth';

type BucketEntity = Entity<BucketConfig>;

/** The bucket's location in an environment as Cloud Storage spells it (multi- and dual-regions upper-cased). */
export function bucketLocation(config: BucketConfig, env: Environment): string | undefined {
  const loc = config.location ?? (config.external ? undefined : env.bigquery_location);
  if (loc === undefined) return undefined;
  return /^[a-z]+-[a-z]+[0-9]$/.test(loc) ? loc : loc.toUpperCase();
}

/** The bucket's name in an environment; undefined for an external bucket with no name for it. */
export function bucketNameFor(purpose: string, config: BucketConfig, env: Environment): string | undefined {
  if (config.external || config.name !== undefined) {
    return typeof config.name === 'string' ? config.name : config.name?.[env.name];
  }
  return `${env.app_name}-gcs-${purpose.replace(/_/g, '-')}-${locationCode(bucketLocation(config, env)!)}-${env.name}`;
}

/**
 * Whether BigQuery loads files from a bucket in `bucket` into a dataset in `dataset`: any bucket for the
 * US multi-region, else the same region or a location inside the same multi-region (Google Cloud docs
 * "Loading data from Cloud Storage", Limitations; "BigQuery locations").
 */
export function bucketServesDataset(bucket: string, dataset: string): boolean {
  const b = bucket.toLowerCase();
  const d = dataset.toLowerCase();
  if (d === 'us' || b === d) return true;
  if (d === 'eu') return b.startsWith('europe-') || /^eur\d$/.test(b);
  if (d === 'asia') return b.startsWith('asia-') || /^asia\d$/.test(b);
  return false;
}

/** Purposes of the buckets a text names with `${buckets.<purpose>}` or `${buckets["<purpose>"].…}`. */
export function referencedBuckets(text: string): string[] {
  return parseTemplate(text).flatMap((seg) => (seg.type === 'ref' && seg.expr.head === 'buckets' && seg.expr.keys.length > 0 ? [seg.expr.keys[0]] : []));
}

/** Fields of a bucket gdp manages; an external bucket takes none of them. */
const MANAGED_FIELDS = ['storage_class', 'versioning', 'lifecycle_rules', 'retention_days', 'labels'] as const;

function checkExternal(entity: BucketEntity, ctx: CheckContext<BucketCode>): void {
  const { config } = entity;
  const written = (entity.file.value ?? {}) as Record<string, unknown>;
  if (config.external) {
    if (config.name === undefined) ctx.report('GDP641', ['external'], `external bucket "${entity.name}" needs its real name: add name: <bucket name> (or one per environment)`);
    for (const field of MANAGED_FIELDS) {
      if (written[field] !== undefined) ctx.report('GDP641', [field], `${field} is managed by the bucket’s owner: gdp never changes an external bucket`, { key: true });
    }
  } else if (config.name !== undefined) {
    ctx.report('GDP641', ['name'], `a bucket gdp creates is named by convention (<app>-gcs-${entity.name.replace(/_/g, '-')}-<location code>-<env>); name is for external buckets`, {
      key: true,
      hint: 'Remove name, or add external: true if the bucket exists already and is not gdp’s.',
    });
  }
}

function checkLifecycle(config: BucketConfig, ctx: CheckContext<BucketCode>): void {
  config.lifecycle_rules.forEach((rule, i) => {
    const at = ['lifecycle_rules', i];
    if (rule.action === 'set_storage_class' && rule.storage_class === undefined) {
      ctx.report('GDP643', [...at, 'action'], 'set_storage_class needs storage_class (NEARLINE, COLDLINE, ARCHIVE or STANDARD)');
    }
    if (rule.action !== 'set_storage_class' && rule.storage_class !== undefined) {
      ctx.report('GDP643', [...at, 'storage_class'], `storage_class only goes with action set_storage_class, not ${rule.action}`, { key: true });
    }
    const conditions = ['age_days', 'created_before', 'matches_prefix', 'matches_suffix', 'with_state', 'num_newer_versions', 'days_since_noncurrent_time'] as const;
    if (!conditions.some((c) => rule[c] !== undefined)) {
      ctx.report('GDP643', at, `lifecycle rule ${i + 1} has no condition, so it would apply to every object at once`, { hint: 'Add a condition such as age_days: 30 (age_days: 0 for every object, on purpose).' });
    }
    if (!config.versioning && (rule.num_newer_versions !== undefined || rule.days_since_noncurrent_time !== undefined || rule.with_state === 'noncurrent')) {
      ctx.report('GDP645', at, `lifecycle rule ${i + 1} matches noncurrent versions, but versioning is off, so no object ever has one`);
    }
  });
}

function checkBucket(entity: BucketEntity, ctx: CheckContext<BucketCode>): void {
  const { config } = entity;
  if (!/^[a-z][a-z0-9_]*$/.test(entity.name)) {
    ctx.report('GDP640', [], `bucket file name "${entity.name}" must be lowercase letters, digits and "_", starting with a letter`);
  }
  checkExternal(entity, ctx);
  checkLifecycle(config, ctx);
  if (config.retention_days !== undefined && config.versioning) {
    // Cloud Storage docs, "Bucket Lock": a bucket cannot have both a retention policy and Object Versioning.
    ctx.report('GDP644', ['retention_days'], 'a bucket with a retention policy cannot have Object Versioning enabled; Cloud Storage refuses the combination', { key: true });
  }
}

/** What {@link checkLoadLocations} reads of a load. */
interface LoadFiles {
  readonly target?: string;
  readonly source?: { readonly files?: { readonly uris?: readonly string[] } };
}

/** The buckets a load's file URIs name, by load: every bucket asks about every load, in every environment. */
const bucketsByLoad = new WeakMap<LoadFiles, ReadonlySet<string>>();

function bucketsLoadedBy(load: LoadFiles): ReadonlySet<string> {
  let buckets = bucketsByLoad.get(load);
  if (!buckets) bucketsByLoad.set(load, (buckets = new Set((load.source?.files?.uris ?? []).flatMap(referencedBuckets))));
  return buckets;
}

/** Loads that read files of this bucket must load into a dataset the bucket's location serves. */
function checkLoadLocations(entity: BucketEntity, ctx: EnvCheckContext<BucketConfig, BucketCode>): void {
  const location = bucketLocation(ctx.resolved, ctx.env);
  if (location === undefined) return;
  for (const load of ctx.all<LoadFiles>('loads')) {
    if (!bucketsLoadedBy(load.config).has(entity.name)) continue;
    const dataset = load.config.target === undefined ? undefined : ctx.lookup<{ dataset?: string }>('tables', load.config.target)?.config.dataset;
    const datasetLocation = dataset === undefined ? undefined : ctx.attributesOf('datasets', dataset)?.location;
    if (datasetLocation === undefined || bucketServesDataset(location, datasetLocation)) continue;
    ctx.report(
      'GDP642',
      entity.config.location === undefined ? [] : ['location'],
      `bucket ${entity.name} is in ${location}, but load "${load.name}" (${load.file.path}) loads its files into dataset ${dataset}, in ${datasetLocation}; BigQuery reads files only from a bucket in the dataset’s region or multi-region`,
    );
  }
}

/** The bucket module type. */
export const bucketModule = defineModule({
  kind: 'bucket',
  title: 'Cloud Storage bucket',
  folder: 'buckets',
  namespace: 'buckets',
  noun: 'bucket',
  defaultAttribute: 'name',
  schema: BucketSchema,
  codes: BUCKET_CODES,
  providerClasses: [STORAGE_BUCKET],
  synth(entity, ctx) {
    const name = bucketNameFor(entity.name, ctx.resolved, ctx.env);
    const location = bucketLocation(ctx.resolved, ctx.env);
    if (name !== undefined && location !== undefined) synthBucket(ctx, { name, location });
  },
  compile: {
    logicalName: (_config, baseName) => baseName,
    check: checkBucket,
  },
  environment: {
    attributes(entity, { env }) {
      const name = bucketNameFor(entity.name, entity.config, env) ?? '';
      const location = bucketLocation(entity.config, env);
      return { name, url: `gs://${name}`, ...(location === undefined ? {} : { location }) };
    },
    generatedNames(entity, { env }) {
      const name = bucketNameFor(entity.name, entity.config, env);
      if (name === undefined) return [];
      return [{ rule: NAME_RULES.bucket, value: name, path: entity.config.name === undefined ? [] : ['name'] }];
    },
    check(entity, ctx) {
      if (entity.config.external && entity.config.name !== undefined && bucketNameFor(entity.name, entity.config, ctx.env) === undefined) {
        const named = Object.keys(entity.config.name as Record<string, string>).join(', ');
        ctx.report('GDP641', ['name'], `external bucket "${entity.name}" has a name for ${named} only; every environment needs one`, {
          hint: 'Add the missing environments under name (dv, qa, np, pd), or give one name for all.',
        });
      }
      checkLoadLocations(entity, ctx);
    },
  },
  example: `# configuration/buckets/landing.yaml   -> \${buckets.landing} in other files
description: "Files partners upload; loaded into the landing dataset"
location: eu                  # default: the environment's bigquery_location
storage_class: STANDARD
versioning: false
lifecycle_rules:
  - action: delete
    age_days: 30              # loaded files are kept 30 days
deletion_protection: true

# configuration/buckets/partner_archive.yaml: a bucket that exists already (gdp never creates it)
# external: true
# name: { dv: acme-partner-archive-dev, qa: acme-partner-archive-dev, np: acme-partner-archive, pd: acme-partner-archive }
# location: eu
`,
});
