/** The lineage of a compiled project for the environments it holds, with the SQL parsed by ZetaSQL. */
import type { EnvironmentName } from '../core/environment';
import type { Project } from '../core/project';
import { SqlServerUnavailable, SqlService } from '../sql/analyzer';
import { buildLineage } from './build';
import { collectSqlUse } from './collect-sql';
import type { Lineage } from './model';

/** Lineages per environment, and why the SQL was not analysed when it was not. */
export interface ProjectLineage {
  readonly lineages: ReadonlyMap<EnvironmentName, Lineage>;
  readonly sqlUnavailable?: string;
}

/** Options of {@link lineageOfProject}. */
export interface LineageOptions {
  /** A running service to parse with (kept running); default: one is started and stopped. */
  readonly sqlService?: SqlService;
  readonly sqlServerBinary?: string;
}

/** Builds each environment's lineage; without a SQL server, procedures and loads link to what they reference. */
export async function lineageOfProject(project: Project, options: LineageOptions = {}): Promise<ProjectLineage> {
  let service = options.sqlService;
  let sqlUnavailable: string | undefined;
  if (!service) {
    try {
      service = await SqlService.start({ binary: options.sqlServerBinary });
    } catch (e) {
      if (!(e instanceof SqlServerUnavailable)) throw e;
      sqlUnavailable = e.message;
    }
  }
  const lineages = new Map<EnvironmentName, Lineage>();
  try {
    for (const env of project.environments.keys()) {
      const use = service ? await collectSqlUse(project, env, service) : undefined;
      lineages.set(env, buildLineage(project, env, use));
    }
  } finally {
    if (service && !options.sqlService) await service.close();
  }
  return { lineages, sqlUnavailable };
}
