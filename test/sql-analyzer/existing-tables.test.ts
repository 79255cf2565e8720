/** Tables that exist outside gdp: declared with their real names and columns, checked, never created. */
import { checkProjectSql } from '../../src/sql/analyzer';
import { brief, bundledConfiguration, compileFiles, errors, useSqlService } from '../../src/testing';
import { compileClean, synthOne } from '../synth/helpers';

const sqlService = useSqlService();

const BILLING = [
  'project: acme-billing',
  'dataset: billing_export',
  'table: gcp_billing_export_v1_0123AB',
  'description: "Cloud Billing export, owned by FinOps"',
  'schema:',
  '  - name: billing_account_id',
  '    type: STRING',
  '  - { "name": "cost", "type": "FLOAT", "mode": "NULLABLE", "policyTags": { "names": [] } }',
  '  - name: usage_start_time',
  '    type: TIMESTAMP',
].join('\n');

const PROC_FILE = 'configuration/sql-scripts/sprocs/p.yaml';

function procedure(sql: string): string {
  return `routine_id: p\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    ${sql};\n  END\n`;
}

function files(sql: string): Record<string, string> {
  return { 'existing-tables/billing_export.yaml': BILLING, 'sql-scripts/sprocs/p.yaml': procedure(sql) };
}

async function sqlFindings(sql: string): Promise<string[]> {
  const compiled = compileFiles(files(sql), { base: bundledConfiguration(), environments: ['dv'] });
  expect(errors(compiled)).toEqual([]);
  const diagnostics = (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics.filter((d) => d.file === PROC_FILE);
  return diagnostics.map((d) => `${d.code} ${d.message}`);
}

describe('existing tables (configuration/existing-tables/)', () => {
  it('are checked by their columns, by reference or by their real name', async () => {
    expect(await sqlFindings('SELECT billing_account_id, SUM(cost) FROM ${existing_tables.billing_export.reference} GROUP BY 1')).toEqual([]);
    expect(await sqlFindings('SELECT cost FROM `acme-billing.billing_export.gcp_billing_export_v1_0123AB`')).toEqual([]);
    expect(await sqlFindings('SELECT costs FROM ${existing_tables.billing_export.reference}')).toEqual(['GDP620 Unrecognized name: costs; Did you mean cost?']);
  });

  it('are dependencies of what uses them, and create nothing', () => {
    const project = compileClean(files('SELECT cost FROM ${existing_tables.billing_export.reference}'), { base: bundledConfiguration(), environments: ['dv'] });
    expect(project.graph.dependenciesOf('procedures/p')).toContain('existing_tables/billing_export');
    const stack = JSON.stringify(synthOne(project, 'dv').resource);
    expect(stack).toContain('acme-billing.billing_export.gcp_billing_export_v1_0123AB');
    expect(stack.match(/gcp_billing_export_v1_0123AB/g)).toHaveLength(1); // only in the procedure's body
  });

  it('take their project from the environment when told', () => {
    const result = compileFiles({ 'existing-tables/audit.yaml': 'project: ${project}\ndataset: audit_logs\ntable: cloudaudit_googleapis_com_activity\nschema:\n  - { name: timestamp, type: TIMESTAMP }\n' });
    expect(errors(result)).toEqual([]);
    const attrs = result.project.environments.get('qa')!.attributesOf('existing_tables', 'audit')!;
    expect(attrs.reference).toBe('`acme-data-qa.audit_logs.cloudaudit_googleapis_com_activity`');
  });

  it('take the output of bq show --schema --format=prettyjson pasted as it is', async () => {
    const pasted = [
      'project: acme-billing',
      'dataset: billing_export',
      'table: gcp_billing_export_v1_0123AB',
      'schema: [',
      '  {',
      '    "mode": "NULLABLE",',
      '    "name": "cost",',
      '    "type": "FLOAT"',
      '  },',
      '  {',
      '    "fields": [',
      '      {',
      '        "name": "key",',
      '        "type": "STRING"',
      '      }',
      '    ],',
      '    "mode": "REPEATED",',
      '    "name": "labels",',
      '    "type": "RECORD"',
      '  }',
      ']',
    ].join('\n');
    const compiled = compileFiles(
      { 'existing-tables/billing_export.yaml': pasted, 'sql-scripts/sprocs/p.yaml': procedure('SELECT l.key, cost FROM ${existing_tables.billing_export.reference}, UNNEST(labels) AS l') },
      { base: bundledConfiguration(), environments: ['dv'] },
    );
    expect(errors(compiled)).toEqual([]);
    expect((await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics.filter((d) => d.file === PROC_FILE)).toEqual([]);
  });

  it('report bad column types at their place', () => {
    const result = compileFiles({ 'existing-tables/bad.yaml': 'project: p\ndataset: d\ntable: t\nschema:\n  - { name: x, type: STRNG }\n' });
    expect(brief(errors(result))).toEqual([expect.stringMatching(/^GDP5\d\d configuration\/existing-tables\/bad\.yaml:5:/)]);
  });
});
