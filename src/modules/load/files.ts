/**
 * Rules on a files source once references are resolved: Cloud Storage URIs LOAD DATA accepts, and a
 * trigger that watches the bucket the files come from.
 */
import { NAME_RULES } from '../../core/naming';
import type { LoadCode } from './codes';
import type { Reporter } from '../../core/module-type';
import { nameViolation } from '../../core/naming';
import type { LoadConfig } from './schema';

const GS_URI = /^gs:\/\/([^/]+)\/(.+)$/;

/** Why a URI cannot be read by LOAD DATA (`ofValue`: only its resolved value shows it), or undefined. */
export function uriProblem(uri: string): { readonly text: string; readonly ofValue: boolean } | undefined {
  if (!uri.startsWith('gs://')) return { text: 'does not start with gs://', ofValue: false };
  const m = GS_URI.exec(uri);
  if (!m) return { text: 'is not gs://<bucket>/<object path>', ofValue: false };
  const stars = (m[2].match(/\*/g) ?? []).length;
  if (stars > 1) return { text: `holds ${stars} "*" wildcards; BigQuery allows one per URI`, ofValue: false };
  const bucket = nameViolation(NAME_RULES.bucket, m[1]);
  if (bucket) return { text: `names no legal bucket: ${bucket}`, ofValue: true };
  return undefined;
}

/** The bucket of a gs:// URI (undefined when the URI is not gs://<bucket>/<path>). */
export function bucketOf(uri: string): string | undefined {
  return GS_URI.exec(uri)?.[1];
}

/** Checks the files source and the trigger of a load; `written` is the file's config, `resolved` this environment's. */
export function checkFiles(written: LoadConfig, resolved: LoadConfig, report: Reporter<LoadCode>): void {
  const files = resolved.source.files;
  if (!files) return;
  files.uris.forEach((uri, i) => {
    const problem = uriProblem(uri);
    if (!problem) return;
    // The written text shows most problems (one diagnostic for every environment); a bucket's name needs its value.
    const text = written.source.files?.uris[i] ?? uri;
    const shown = problem.ofValue && text !== uri ? `"${text}" ("${uri}")` : `"${text}"`;
    report('GDP599', ['source', 'files', 'uris', i], `uri ${shown} ${problem.text}`);
  });
  const bucket = resolved.workflow?.trigger?.bucket;
  if (bucket === undefined) return;
  const buckets = [...new Set(files.uris.map(bucketOf).filter((b): b is string => b !== undefined))];
  if (buckets.length > 0 && !buckets.includes(bucket)) {
    // Written forms, so that every environment gives the same message.
    const writtenBuckets = [...new Set((written.source.files?.uris ?? []).map(bucketOf).filter((b): b is string => b !== undefined))];
    report(
      'GDP606',
      ['workflow', 'trigger', 'bucket'],
      `the trigger watches bucket "${written.workflow?.trigger?.bucket}", but the files are read from ${writtenBuckets.map((b) => `"${b}"`).join(', ')}; new files would start a load that does not read them`,
    );
  }
}
