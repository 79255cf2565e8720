/**
 * Checks across every environment file present (not only the environments asked for): each environment
 * keeps its Terraform state apart, its BigQuery location exists, and files that are not an environment
 * are reported, not ignored.
 */
import { DiagnosticBag } from './diagnostics';
import { ENVIRONMENT_NAMES, EnvironmentSchema, type Environment } from './environment';
import { bigQueryLocations, BIGQUERY_LOCATIONS_SOURCE, isBigQueryLocation } from './limits/bigquery-locations';
import type { RawFile } from './loader';
import { parseSource, type SourceFile } from './source';
import { didYouMean } from './suggest';

/** The Terraform GCS backend of an environment: the prefix defaults to `gdp/<env>`, so it is never shared. */
export function stateBackend(env: Environment): { readonly bucket: string; readonly prefix: string } {
  return { bucket: env.state.bucket, prefix: env.state.prefix ?? `gdp/${env.name}` };
}

/** Reports environment files that share a backend and files of the environments folder gdp does not read. */
export function checkEnvironmentFiles(files: readonly RawFile[], bag: DiagnosticBag): void {
  const owners = new Map<string, { file: SourceFile; name: string }>();
  for (const raw of files) {
    const name = raw.relative.replace(/\.json$/, '');
    if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name) || raw.relative.includes('/')) {
      bag.add({
        code: 'GDP408',
        file: raw.display,
        message: `${raw.relative} is not an environment file and is ignored (environments are ${ENVIRONMENT_NAMES.map((e) => `${e}.json`).join(', ')})`,
      });
      continue;
    }
    // Problems of the file itself are reported when its environment is validated.
    const file = parseSource(raw.display, raw.bytes, new DiagnosticBag());
    const parsed = file && EnvironmentSchema.safeParse(file.value);
    if (!file || !parsed?.success) continue;
    const location = parsed.data.bigquery_location;
    if (!isBigQueryLocation(location)) {
      const at = file.locate(['bigquery_location']);
      const message = `bigquery_location "${location}" is not a BigQuery location (${BIGQUERY_LOCATIONS_SOURCE}).${didYouMean(location, bigQueryLocations())}`;
      bag.add({ code: 'GDP402', file: file.path, line: at.line, column: at.column, path: 'bigquery_location', message });
    }
    const { bucket, prefix } = stateBackend({ ...parsed.data, name: name as Environment['name'] });
    const key = `gs://${bucket}/${prefix.replace(/^\/+|\/+$/g, '')}`;
    const first = owners.get(key);
    if (!first) {
      owners.set(key, { file, name });
      continue;
    }
    const pos = file.locate(['state']);
    bag.add({
      code: 'GDP407',
      file: file.path,
      line: pos.line,
      column: pos.column,
      path: 'state',
      message: `${name} keeps its Terraform state in ${key}, like ${first.name} (${first.file.path}): applying one would plan against the other's state`,
    });
  }
}
