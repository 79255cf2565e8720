/**
 * A body is checked once per group of environments whose SQL and catalog objects are the same up to
 * generated names, against catalogs whose shared part is encoded once: no finding may be lost or leak
 * from one environment, or one body, to another.
 */
import { checkProjectSql } from '../../src/sql/analyzer';
import { bundledConfiguration, compileFiles, errors, useSqlService } from '../../src/testing';

const sqlService = useSqlService();

/** A table that exists outside gdp, in pd's project only (the other environments have no such table). */
const PD_ONLY = 'project: acme-data-pd\ndataset: audit_logs\ntable: activity\nschema:\n  - { name: logged_at, type: TIMESTAMP }\n';

function procedure(name: string, sql: string): string {
  return `routine_id: ${name}\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    ${sql.split('\n').join('\n    ')}\n  END\n`;
}

async function findings(files: Record<string, string>): Promise<string[]> {
  const compiled = compileFiles(files, { base: bundledConfiguration() });
  expect(errors(compiled)).toEqual([]);
  const paths = new Set(Object.keys(files).map((f) => `configuration/${f}`));
  const r = await checkProjectSql(compiled.project, { service: sqlService() });
  return r.diagnostics.filter((d) => paths.has(d.file)).map((d) => `${d.file.split('/').pop()}:${d.line}:${d.column} ${d.code} ${d.message} [${(d.environments ?? []).join(', ')}]`);
}

describe('SQL checked once per group of environments', () => {
  it('finds an error only pd has, once, and keeps the other environments’ finding apart', async () => {
    const found = await findings({
      'existing-tables/activity.yaml': PD_ONLY,
      'sql-scripts/sprocs/p.yaml': procedure('p', 'SELECT logged_att FROM `${project}.audit_logs.activity`;'),
    });
    expect(found).toEqual([
      expect.stringMatching(/^p\.yaml:5:12 GDP620 Unrecognized name: logged_att; Did you mean logged_at\? \[pd\]$/),
      expect.stringMatching(/^p\.yaml:5:\d+ GDP623 table acme-data-(dv|qa|np)\.audit_logs\.activity is not declared.* \[dv, qa, np\]$/),
    ]);
  });

  it('reports a mistake of a body the same in four environments once, listing them', async () => {
    const found = await findings({ 'sql-scripts/sprocs/p.yaml': procedure('p', 'DECLARE n INT64 DEFAULT 1;\nSET n = "x";') });
    expect(found).toEqual([expect.stringMatching(/^p\.yaml:6:13 GDP625 a value of type STRING cannot be assigned to n, which has type INT64 \[dv, qa, np, pd\]$/)]);
  });

  it('does not let one body see the temp tables or variables of another', async () => {
    const found = await findings({
      'sql-scripts/sprocs/a.yaml': procedure('a', 'DECLARE since DATE DEFAULT CURRENT_DATE();\nCREATE TEMP TABLE scratch AS SELECT 1 AS x;\nSELECT x FROM scratch WHERE since IS NOT NULL;'),
      'sql-scripts/sprocs/b.yaml': procedure('b', 'SELECT x FROM scratch;\nSELECT since;'),
    });
    expect(found).toEqual([
      expect.stringMatching(/^b\.yaml:5:19 GDP620 Table not found: scratch .*\[dv, qa, np, pd\]$/),
      expect.stringMatching(/^b\.yaml:6:12 GDP620 Unrecognized name: since \[dv, qa, np, pd\]$/),
    ]);
  });
});
