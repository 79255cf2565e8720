/**
 * The bucket's resources in one environment: a `google_storage_bucket` with uniform bucket-level access
 * and public access prevention always on, gdp's labels, and — the provider having no deletion_protection
 * on buckets — `lifecycle.prevent_destroy` when protected. Objects are never deleted with the bucket
 * (`force_destroy = false`). An external bucket creates nothing.
 */
import type { SynthContext } from '../../core/synth-context';
import type { BucketConfig, LifecycleRuleConfig } from './schema';

/** Deep import path of the provider class (listed in the module's providerClasses). */
export const STORAGE_BUCKET = '@cdktf/provider-google/lib/storage-bucket';

const DAY_SECONDS = 86_400;

/** The fields of the provider's StorageBucketConfig gdp sets (provider types stay behind the adapter). */
interface StorageBucketArgs {
  readonly name: string;
  readonly project: string;
  readonly location: string;
  readonly storageClass: string;
  readonly uniformBucketLevelAccess: boolean;
  readonly publicAccessPrevention: string;
  readonly versioning: { readonly enabled: boolean };
  readonly lifecycleRule?: readonly LifecycleRuleArgs[];
  readonly retentionPolicy?: { readonly retentionPeriod: number };
  readonly labels: Record<string, string>;
  readonly forceDestroy: boolean;
}

/** The fields of the provider's StorageBucketLifecycleRule gdp sets. */
interface LifecycleRuleArgs {
  readonly action: { readonly type: string; readonly storageClass?: string };
  readonly condition: {
    readonly age?: number;
    readonly createdBefore?: string;
    readonly matchesPrefix?: string[];
    readonly matchesSuffix?: string[];
    readonly withState?: string;
    readonly numNewerVersions?: number;
    readonly daysSinceNoncurrentTime?: number;
    readonly sendAgeIfZero?: boolean;
  };
}

/** Provider `with_state` values of the written ones. */
const WITH_STATE: Readonly<Record<NonNullable<LifecycleRuleConfig['with_state']>, string>> = { live: 'LIVE', noncurrent: 'ARCHIVED', any: 'ANY' };

/** Provider action types of the written ones. */
const ACTION: Readonly<Record<LifecycleRuleConfig['action'], string>> = {
  delete: 'Delete',
  set_storage_class: 'SetStorageClass',
  abort_incomplete_upload: 'AbortIncompleteMultipartUpload',
};

function lifecycleRule(rule: LifecycleRuleConfig): LifecycleRuleArgs {
  return {
    action: { type: ACTION[rule.action], storageClass: rule.action === 'set_storage_class' ? rule.storage_class : undefined },
    condition: {
      age: rule.age_days,
      createdBefore: rule.created_before,
      matchesPrefix: rule.matches_prefix,
      matchesSuffix: rule.matches_suffix,
      withState: rule.with_state === undefined ? undefined : WITH_STATE[rule.with_state],
      numNewerVersions: rule.num_newer_versions,
      daysSinceNoncurrentTime: rule.days_since_noncurrent_time,
      // age 0 means "every object": the provider drops a zero age unless told to send it.
      sendAgeIfZero: rule.age_days === 0 ? true : undefined,
    },
  };
}

/** Creates the bucket; `ids` are its name and location in the environment (index.ts computes them). */
export function synthBucket(ctx: SynthContext<BucketConfig>, ids: { readonly name: string; readonly location: string }): void {
  const config = ctx.resolved;
  if (config.external) return;
  const protect = config.deletion_protection || ctx.env.options.force_deletion_protection;
  ctx.resource<StorageBucketArgs>(STORAGE_BUCKET, ctx.id(), {
    name: ids.name,
    project: ctx.env.project_id,
    location: ids.location,
    storageClass: config.storage_class,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    versioning: { enabled: config.versioning },
    lifecycleRule: config.lifecycle_rules.length === 0 ? undefined : config.lifecycle_rules.map(lifecycleRule),
    retentionPolicy: config.retention_days === undefined ? undefined : { retentionPeriod: config.retention_days * DAY_SECONDS },
    labels: ctx.labels(config.labels),
    forceDestroy: false,
    lifecycle: protect ? { preventDestroy: true } : undefined,
  });
}
