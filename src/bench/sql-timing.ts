/**
 * The SQL check's cost, two ways:
 *
 * - {@link countBodies} (run by the bench as a child process, untimed): how many SQL bodies a configuration
 *   has, each counted once whatever the number of environments (a procedure's body; a load's generated
 *   SQL). The bench's SQL cost per body is the CPU of `gdp validate` minus that of
 *   `gdp validate --no-sql-check` on the same project, divided by this count: what the check costs a user,
 *   server start, server CPU and catalog building included.
 * - {@link measureSql} (`--sql-timing-max-n`, off by default): in the bench's own process, the split between
 *   starting the ZetaSQL server and checking the bodies (wall time), to tell where the cost is.
 *
 *   node dist-tools/bench/sql-timing.js count <configDir> <environmentsDir>   # prints { "bodies": … }
 */
import { validateProject } from '../api';
import { nodeKey } from '../core/graph';
import type { Project } from '../core/project';
import { checkProjectSql, SqlService } from '../sql/analyzer';

/** Server start and check times of one configuration. */
export interface SqlTimingResult {
  readonly start_s: number;
  readonly check_s: number;
  /** SQL bodies checked (one per group of environments with the same SQL). */
  readonly bodies: number;
  readonly ms_per_body: number;
  /** Diagnostics the check produced (a valid generated configuration gives none). */
  readonly findings: number;
}

async function compiled(configDir: string, environmentsDir: string): Promise<Project> {
  const result = await validateProject({ configDir, environmentsDir, sqlCheck: false });
  if (!result.project) throw new Error('the generated configuration did not compile');
  return result.project;
}

/** SQL bodies of a compiled project, each (file, YAML path, kind) once over every environment. */
export function bodiesOf(project: Project): number {
  const seen = new Set<string>();
  for (const [, model] of project.environments) {
    for (const entity of project.entities) {
      const module = project.moduleOf(entity);
      const sqlBodies = module.environment?.sqlBodies;
      const resolved = model.resolved.get(nodeKey(module.namespace, entity.name));
      if (!sqlBodies || resolved === undefined) continue;
      for (const body of sqlBodies(entity, { env: model.env, resolved, lookup: project.lookup, all: project.all })) {
        seen.add([entity.file.path, body.path.join('.'), body.kind].join('\u0000'));
      }
    }
  }
  return seen.size;
}

/** Compiles the configuration (no SQL check) and counts its SQL bodies. */
export async function countBodies(configDir: string, environmentsDir: string): Promise<number> {
  return bodiesOf(await compiled(configDir, environmentsDir));
}

/** Compiles the configuration, starts one server, checks every body, stops the server. */
export async function measureSql(configDir: string, environmentsDir: string): Promise<SqlTimingResult> {
  const project = await compiled(configDir, environmentsDir);
  const t0 = process.hrtime.bigint();
  const service = await SqlService.start();
  const startS = Number(process.hrtime.bigint() - t0) / 1e9;
  try {
    const t1 = process.hrtime.bigint();
    const r = await checkProjectSql(project, { service });
    const checkS = Number(process.hrtime.bigint() - t1) / 1e9;
    return {
      start_s: Number(startS.toFixed(3)),
      check_s: Number(checkS.toFixed(3)),
      bodies: r.checked,
      ms_per_body: Number(((checkS * 1000) / Math.max(1, r.checked)).toFixed(2)),
      findings: r.diagnostics.length,
    };
  } finally {
    await service.close();
  }
}

if (require.main === module) {
  const [mode, configDir, environmentsDir] = process.argv.slice(2);
  if (mode === 'count' && configDir && environmentsDir) {
    countBodies(configDir, environmentsDir).then(
      (bodies) => process.stdout.write(`${JSON.stringify({ bodies })}\n`),
      (e: unknown) => {
        process.stderr.write(`sql-timing: ${(e as Error).message}\n`);
        process.exitCode = 1;
      },
    );
  } else {
    process.stderr.write('usage: sql-timing.js count <configDir> <environmentsDir>\n');
    process.exitCode = 2;
  }
}
