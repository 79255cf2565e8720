/** Temp tables a called procedure (or dynamic SQL) may create: a warning, not a "Table not found" error. */
import { checkProjectSql } from '../../src/sql/analyzer';
import { brief, bundledConfiguration, compileFiles, errors, useSqlService } from '../../src/testing';

const sqlService = useSqlService();

const FILE = 'configuration/sql-scripts/sprocs/p.yaml';

async function check(body: string): Promise<{ yaml: string; found: string[]; messages: string[] }> {
  const yaml = `routine_id: p\ndataset_id: sales\ndefinition_body: |-\n${body.replace(/^/gm, '  ')}\n`;
  const compiled = compileFiles({ 'sql-scripts/sprocs/p.yaml': yaml }, { base: bundledConfiguration(), environments: ['dv'] });
  expect(errors(compiled)).toEqual([]);
  const diagnostics = (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics.filter((d) => d.file === FILE);
  return { yaml, found: brief(diagnostics).map((b) => `${diagnostics.find((d) => b.startsWith(d.code))!.severity} ${b}`), messages: diagnostics.map((d) => d.message) };
}

function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('temp tables the checker cannot see', () => {
  it('after a CALL: one warning at the first read, later reads skipped', async () => {
    const { yaml, found, messages } = await check(
      'BEGIN\n  CALL ${procedures["load_transactions"].reference}(7);\n  SELECT * FROM staged_rows;\n  SELECT COUNT(*) FROM staged_rows;\nEND',
    );
    expect(found).toEqual([`warning GDP630 ${FILE}:${at(yaml, 'staged_rows')}`]);
    expect(messages[0]).toMatch(/^temp table staged_rows may be created by CALL .*load_transactions before it .*cannot be checked/);
  });

  it('after EXECUTE IMMEDIATE', async () => {
    const { found } = await check("BEGIN\n  EXECUTE IMMEDIATE 'CREATE TEMP TABLE t AS SELECT 1 AS x';\n  SELECT x FROM t;\nEND");
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['warning GDP630']);
  });

  it('without either, a missing temp table stays an error', async () => {
    const { found } = await check('BEGIN\n  SELECT * FROM staged_rows;\nEND');
    expect(found.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['error GDP620']);
  });
});
