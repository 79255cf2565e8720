/** Test support for the trigger modules: the seed files a trigger or scheduler job depends on. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledEnvironments, rawFile, SEED_CONFIG } from '../../../testing';
import { ENVIRONMENT_NAMES } from '../../../core/environment';
import { compileProject, type CompileResult } from '../../../core/project';
import { createRegistry } from '../../../api';

/** A seed file's text, by path under the seed configuration folder. */
export function seedText(relative: string): string {
  return readFileSync(path.join(SEED_CONFIG, relative), 'utf8');
}

/** The seed's dataset and workflow files, which the trigger seeds depend on, and a gdp bucket `landing`. */
export function seedCompanions(): Record<string, string> {
  return {
    'buckets/landing.yaml': 'description: "Files partners upload"\n',
    'datasets/dataset.yaml': seedText('datasets/dataset.yaml'),
    'workflows/process_transactions.yaml': seedText('workflows/process_transactions.yaml'),
  };
}

/** Compiles in-memory files (paths under configuration/) with the built-in module types. */
export function compileWithCompanions(files: Record<string, string>): CompileResult {
  return compileProject({
    registry: createRegistry(),
    configFiles: Object.entries(files)
      .map(([rel, text]) => rawFile(rel, text))
      .sort((a, b) => a.relative.localeCompare(b.relative)),
    environmentFiles: bundledEnvironments(),
    environments: ENVIRONMENT_NAMES,
  });
}
