import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the bucket module. */
export const BUCKET_CODES = {
  GDP640: { severity: 'error', title: 'Invalid bucket purpose', hint: 'Name the file after the bucket’s purpose: lowercase letters, digits and "_", starting with a letter (e.g. landing.yaml).' },
  GDP641: {
    severity: 'error',
    title: 'External bucket settings',
    hint: 'An external bucket (external: true) needs its real `name` and takes no settings gdp would manage (storage_class, versioning, lifecycle_rules, retention_days, labels); a bucket gdp creates takes no `name`.',
  },
  GDP642: {
    severity: 'error',
    title: 'Bucket location does not serve a load’s dataset',
    hint: 'BigQuery loads files from a bucket in the dataset’s region or inside its multi-region (any bucket for US): move the bucket, or load into a dataset there.',
  },
  GDP643: { severity: 'error', title: 'Invalid lifecycle rule', hint: 'Give each rule an action (delete, set_storage_class with storage_class, abort_incomplete_upload) and at least one condition.' },
  GDP644: {
    severity: 'error',
    title: 'Retention policy with object versioning',
    hint: 'Cloud Storage refuses a retention policy on a bucket with Object Versioning: keep one of retention_days and versioning.',
  },
  GDP645: { severity: 'warning', title: 'Lifecycle condition for noncurrent versions without versioning', hint: 'Turn versioning on, or remove num_newer_versions / days_since_noncurrent_time (a bucket without versions never matches them).' },
} as const satisfies CodeTable;

/** A code of this module. */
export type BucketCode = keyof typeof BUCKET_CODES;
