/**
 * The SQL analysis cost, split into starting the ZetaSQL server and checking the bodies, measured in the
 * benchmark's own process on a project compiled without SQL checks (the step `gdp validate` measures
 * the same work end to end, as a user sees it).
 */
import { validateProject } from '../api';
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

/** Compiles the configuration, starts one server, checks every body, stops the server. */
export async function measureSql(configDir: string, environmentsDir: string): Promise<SqlTimingResult> {
  const compiled = await validateProject({ configDir, environmentsDir, sqlCheck: false });
  if (!compiled.project) throw new Error('the generated configuration did not compile');
  const t0 = process.hrtime.bigint();
  const service = await SqlService.start();
  const startS = Number(process.hrtime.bigint() - t0) / 1e9;
  try {
    const t1 = process.hrtime.bigint();
    const r = await checkProjectSql(compiled.project, { service });
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
