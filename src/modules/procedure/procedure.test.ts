import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { brief, compileFiles, errors, SEED_CONFIG } from '../../testing';
import type { Diagnostic } from '../../core/diagnostics';

const FILE = 'configuration/sql-scripts/sprocs/load_orders.yaml';
const DATASET = { 'datasets/sales.yaml': 'confidentiality: c2\n' };

/** Compiles one procedure file beside a dataset `sales`. */
function compileProcedure(yaml: string, extra: Record<string, string> = {}) {
  return compileFiles({ ...DATASET, ...extra, 'sql-scripts/sprocs/load_orders.yaml': yaml });
}

function ofFile(diagnostics: readonly Diagnostic[], file = FILE): Diagnostic[] {
  return diagnostics.filter((d) => d.file === file);
}

const head = 'routine_id: load_orders\ndataset_id: sales\n';
const body = 'definition_body: |-\n  BEGIN\n    SELECT 1;\n  END;\n';

describe('procedure module', () => {
  it('compiles the seed procedure unchanged, with its dataset and table', () => {
    // GIVEN the users' seed procedure, dataset and table files
    const seed = (rel: string) => readFileSync(path.join(SEED_CONFIG, rel));
    const result = compileFiles({
      'datasets/dataset.yaml': seed('datasets/dataset.yaml'),
      'tables/transactions_v1.yaml': seed('tables/transactions_v1.yaml'),
      'sql-scripts/sprocs/load_transactions.yaml': seed('sql-scripts/sprocs/load_transactions.yaml'),
    });
    // THEN nothing is reported (no error anywhere, nothing at all on the procedure), and the body is
    // resolved per environment
    expect(errors(result)).toEqual([]);
    expect(ofFile(result.diagnostics, 'configuration/sql-scripts/sprocs/load_transactions.yaml')).toEqual([]);
    const pd = result.project.environments.get('pd')!;
    const resolved = pd.resolved.get('procedures/load_transactions') as { definition_body: string };
    expect(resolved.definition_body).toContain('MERGE `acme-data-pd.acme_c2_dataset_eu_pd.transactions_v1` AS target');
    expect(resolved.definition_body).toContain('FROM `acme-data-pd.landing_external.transactions`');
    expect(result.project.graph.dependenciesOf('procedures/load_transactions')).toEqual(['datasets/dataset', 'tables/transactions_v1']);
  });

  it('exposes its attributes, which other files can reference', () => {
    const caller = 'routine_id: run_all\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    CALL ${procedures["load_orders"].reference}();\n  END;\n';
    const result = compileProcedure(head + body, { 'sql-scripts/sprocs/run_all.yaml': caller });
    expect(errors(result)).toEqual([]);
    const entity = result.project.lookup('procedures', 'load_orders')!;
    const qa = result.project.environments.get('qa')!;
    expect(result.project.moduleOf(entity).environment!.attributes!(entity, { env: qa.env, lookup: result.project.lookup, all: result.project.all })).toEqual({
      project: 'acme-data-qa',
      dataset_id: 'acme_c2_sales_eu_qa',
      routine_id: 'load_orders',
      reference: '`acme-data-qa.acme_c2_sales_eu_qa.load_orders`',
      id: 'projects/acme-data-qa/datasets/acme_c2_sales_eu_qa/routines/load_orders',
    });
    const resolved = qa.resolved.get('procedures/run_all') as { definition_body: string };
    expect(resolved.definition_body).toContain('CALL `acme-data-qa.acme_c2_sales_eu_qa.load_orders`();');
  });

  it('reports an undeclared dataset once, with a suggestion', () => {
    const result = compileProcedure('routine_id: load_orders\ndataset_id: sale\n' + body);
    expect(brief(result.diagnostics)).toEqual([`GDP308 ${FILE}:2:13`]);
    expect(result.diagnostics[0].message).toMatch(/no dataset is named "sale"\. Did you mean "sales"\?/);
  });

  it('rejects an illegal routine id', () => {
    const result = compileProcedure('routine_id: load-orders\ndataset_id: sales\n' + body);
    expect(brief(result.diagnostics)).toEqual([`GDP530 ${FILE}:1:13`]);
    expect(result.diagnostics[0].message).toMatch(/routine id "load-orders" may only contain letters, digits and "_"/);
  });

  it('rejects a routine id longer than 256 characters', () => {
    const result = compileProcedure(`routine_id: ${'r'.repeat(257)}\ndataset_id: sales\n` + body);
    expect(brief(result.diagnostics)).toEqual([`GDP530 ${FILE}:1:13`]);
    expect(result.diagnostics[0].message).toMatch(/257 characters long; the limit is 256/);
  });

  it('rejects an empty body', () => {
    const result = compileProcedure(head + 'definition_body: "  "\n');
    expect(brief(result.diagnostics)).toEqual([`GDP531 ${FILE}:3:18`]);
  });

  it('reports the same routine id declared twice', () => {
    const result = compileProcedure(head + body, { 'sql-scripts/sprocs/again.yaml': head + body });
    expect(brief(errors(result))).toEqual([`GDP304 ${FILE}:1:13`]);
  });

  it('accepts SQL only as language', () => {
    const js = compileProcedure(head + body + 'language: JAVASCRIPT\n');
    expect(brief(js.diagnostics)).toEqual([`GDP532 ${FILE}:7:11`]);
    expect(js.diagnostics[0].hint).toMatch(/JavaScript only in functions/);
    const lower = compileProcedure(head + body + 'language: sql\n');
    expect(brief(lower.diagnostics)).toEqual([`GDP204 ${FILE}:7:11`]);
    expect(lower.diagnostics[0].message).toMatch(/Did you mean "SQL"\?/);
  });

  it('checks argument names: legal, not reserved, unique ignoring case', () => {
    const args = `arguments:
  - name: 1st
    data_type: INT64
  - name: select
    data_type: INT64
  - name: run_date
    data_type: DATE
  - name: RUN_DATE
    data_type: DATE
    mode: OUT
`;
    const result = compileProcedure(head + body + args);
    expect(brief(result.diagnostics)).toEqual([`GDP533 ${FILE}:8:11`, `GDP533 ${FILE}:10:11`, `GDP534 ${FILE}:14:11`]);
    expect(result.diagnostics[1].message).toMatch(/"select" is a reserved GoogleSQL keyword/);
    expect(result.diagnostics[2].message).toMatch(/argument "RUN_DATE" is declared twice \(first as arguments\[2\], "run_date"\)/);
  });

  it('points at the exact character of a bad data type, plain or quoted', () => {
    const args = `arguments:
  - name: ids
    data_type: ARRAY<STRNG>
  - name: s
    data_type: "STRUCT<a INT64, b ARRAY<ARRAY<DATE>>>"
  - {name: mode_less, data_type: FLOAT}
`;
    const result = compileProcedure(head + body + args);
    expect(brief(result.diagnostics)).toEqual([`GDP535 ${FILE}:9:22`, `GDP535 ${FILE}:11:41`, `GDP535 ${FILE}:12:34`]);
    expect(result.diagnostics[0].message).toBe('data_type "ARRAY<STRNG>": unknown type "STRNG". Did you mean "STRING"?');
    expect(result.diagnostics[1].message).toMatch(/cannot hold ARRAYs directly/);
    expect(result.diagnostics[2].hint).toBe('Write FLOAT64.');
  });

  it('notes that type parameters are not kept by the routine', () => {
    const args = 'arguments:\n  - name: amount\n    data_type: NUMERIC(18,2)\n    mode: INOUT\n';
    const result = compileProcedure(head + body + args);
    expect(errors(result)).toEqual([]);
    expect(brief(result.diagnostics)).toEqual([`GDP536 ${FILE}:9:16`]);
    expect(result.diagnostics[0].severity).toBe('info');
    expect(result.diagnostics[0].message).toMatch(/keep the type NUMERIC, not the parameters of NUMERIC\(18,2\)/);
  });

  it('warns when the body is not a BEGIN … END block, at its first statement', () => {
    const result = compileProcedure(head + 'definition_body: |-\n  -- load\n  MERGE t USING s ON TRUE\n  WHEN MATCHED THEN DELETE;\n');
    expect(brief(ofFile(result.diagnostics))).toEqual([`GDP537 ${FILE}:5:3`]);
    expect(result.diagnostics[0].severity).toBe('warning');
    expect(result.diagnostics[0].message).toMatch(/starts with "MERGE", not BEGIN; BigQuery stores a procedure body as one BEGIN … END block/);
  });

  it('warns when the opening BEGIN has no END, at the BEGIN', () => {
    const result = compileProcedure(head + 'definition_body: |-\n  BEGIN\n    IF TRUE THEN SELECT 1; END IF;\n');
    expect(brief(result.diagnostics)).toEqual([`GDP538 ${FILE}:4:3`]);
  });

  it('warns about statements after the closing END, at the first of them', () => {
    const result = compileProcedure(head + 'definition_body: |-\n  BEGIN\n    SELECT 1;\n  END;\n  SELECT 2;\n');
    expect(brief(result.diagnostics)).toEqual([`GDP539 ${FILE}:7:3`]);
  });
});
