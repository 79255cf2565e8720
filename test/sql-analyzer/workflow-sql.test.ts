/**
 * SQL inside workflow steps (BigQuery connector calls) against a real ZetaSQL server: analyzed like
 * procedure bodies, positioned at the YAML line, with run-time parts as placeholders.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics';
import { ENVIRONMENT_NAMES } from '../../src/core/environment';
import { importNativeWorkflow } from '../../src/modules/workflow/import-native';
import { checkProjectSql } from '../../src/sql/analyzer';
import { brief, bundledConfiguration, bundledEnvironments, compileFiles, errors, useSqlService } from '../../src/testing';

const sqlService = useSqlService();

const FILE = 'configuration/workflows/wf.yaml';
const T = '${tables["transactions_v1"].reference}';

/** A workflow with one jobs.insert step whose query is `query` (a YAML scalar as written). */
function workflow(query: string, call = 'googleapis.bigquery.v2.jobs.insert'): string {
  const body =
    call === 'googleapis.bigquery.v2.jobs.query'
      ? ['      body:', `        query: ${query}`, '        useLegacySql: false']
      : ['      body:', '        configuration:', '          query:', `            query: ${query}`, '            useLegacySql: false'];
  return ['workflow_name: wf', 'steps:', '  - run:', `      call: ${call}`, '      args:', '        projectId: ${project}', ...body.map((l) => `  ${l}`), '      result: job'].join('\n');
}

/** `line:column` of the first occurrence of `needle`. */
function at(text: string, needle: string): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

async function sqlDiagnostics(yaml: string): Promise<Diagnostic[]> {
  const compiled = compileFiles({ 'workflows/wf.yaml': yaml }, { base: bundledConfiguration(), environmentFiles: bundledEnvironments() });
  expect(errors(compiled)).toEqual([]);
  return (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics.filter((d) => d.file === FILE);
}

describe('SQL in workflow steps', () => {
  it('finds nothing wrong in the corpus file whose steps run BigQuery queries', async () => {
    const text = readFileSync(path.join(__dirname, '../corpus/native-workflows/bigquery_connector.yaml'), 'utf8');
    const imported = importNativeWorkflow('bigquery_connector.yaml', text, 'wf', FILE);
    expect(await sqlDiagnostics(imported.text!)).toEqual([]);
  });

  it('reports a misspelled column in a jobs.insert query once, at its YAML line, for every environment', async () => {
    const yaml = workflow(`SELECT transaction_id, amout FROM ${T}`);
    const diagnostics = await sqlDiagnostics(yaml);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, 'amout')}`]);
    expect(diagnostics[0].message).toMatch(/^Unrecognized name: amout/);
    expect(diagnostics[0].environments).toEqual([...ENVIRONMENT_NAMES]);
  });

  it('checks a CALL of a gdp procedure against its arguments (jobs.query body)', async () => {
    const yaml = workflow('CALL ${procedures["load_transactions"].reference}("seven")', 'googleapis.bigquery.v2.jobs.query');
    const diagnostics = (await sqlDiagnostics(yaml)).filter((d) => d.severity === 'error');
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, '${procedures')}`]);
    expect(diagnostics[0].message).toMatch(/load_transactions/);
    expect(diagnostics[0].message).toMatch(/STRING/);
  });

  it('accepts a correct CALL, and quotes a dashed project path written without backticks (info)', async () => {
    const yaml = workflow('CALL ${project}.${datasets["sales"].dataset_id}.load_transactions(7)');
    expect(await sqlDiagnostics(yaml)).toEqual([]);
    const compiled = compileFiles({ 'workflows/wf.yaml': yaml }, { base: bundledConfiguration() });
    expect(compiled.diagnostics.filter((d) => d.file === FILE).map((d) => `${d.severity} ${d.code}`)).toEqual(['info GDP555']);
  });

  it('treats run-time parts of a query expression as placeholders: text inside quotes, typed values elsewhere', async () => {
    const good = workflow(`'$\${"SELECT transaction_id FROM ${T} WHERE product_category = \\"" + args.category + "\\" LIMIT " + string(args.n)}'`);
    expect(await sqlDiagnostics(good)).toEqual([]);
    const bad = workflow(`'$\${"SELECT transaction_idd FROM ${T} WHERE amount > " + string(args.min)}'`);
    const diagnostics = await sqlDiagnostics(bad);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(bad, 'transaction_idd')}`]);
  });
});
