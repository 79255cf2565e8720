/**
 * SQL analysis of procedure bodies against a real ZetaSQL server (one for the file). Each case compiles
 * the bundled example configuration plus one procedure and asserts the SQL diagnostics: code, file,
 * line and column inside `definition_body`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics';
import { ENVIRONMENT_NAMES } from '../../src/core/environment';
import { checkProjectSql } from '../../src/sql/analyzer';
import { brief, bundledConfiguration, bundledEnvironments, compileFiles, errors, rawFile, readFolder, SEED_CONFIG, useSqlService } from '../../src/testing';

const sqlService = useSqlService();

const FILE = 'configuration/sql-scripts/sprocs/p.yaml';

/** A procedure `p` in dataset `sales` with the given body (indented under `definition_body: |-`). */
function procedure(body: string, args = '  - name: lookback_days\n    data_type: INT64\n  - name: loaded\n    data_type: INT64\n    mode: OUT\n'): string {
  return `routine_id: p\ndataset_id: sales\narguments:\n${args}definition_body: |-\n${body.replace(/^\n/, '').replace(/^/gm, '  ')}\n`;
}

/** `line:column` of the n-th occurrence of `needle` in a text (1-based, as diagnostics are). */
function at(text: string, needle: string, nth = 1): string {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** The SQL diagnostics of the bundled configuration plus the given files. */
async function sqlDiagnostics(files: Record<string, string>, environmentFiles = bundledEnvironments()): Promise<Diagnostic[]> {
  const compiled = compileFiles(files, { base: bundledConfiguration(), environmentFiles });
  expect(errors(compiled)).toEqual([]);
  return (await checkProjectSql(compiled.project, { service: sqlService() })).diagnostics;
}

async function checkBody(body: string, args?: string): Promise<{ yaml: string; diagnostics: Diagnostic[] }> {
  const yaml = procedure(body, args);
  return { yaml, diagnostics: await sqlDiagnostics({ 'sql-scripts/sprocs/p.yaml': yaml }) };
}

const T = '${tables["transactions_v1"].reference}';
const LANDING = '${tables["transactions_landing_v1"].reference}';

describe('procedure bodies', () => {
  it('reports a misspelled column once, inside definition_body, for every environment', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  MERGE ${T} AS t
  USING (SELECT transaction_id, amount FROM ${LANDING} WHERE transaction_date >= CURRENT_DATE()) AS s
  ON t.transaction_id = s.transaction_id AND t.transaction_date >= CURRENT_DATE()
  WHEN MATCHED THEN UPDATE SET amount = s.amout;
END;`);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, 'amout')}`]);
    expect(diagnostics[0].message).toBe('Name amout not found inside s');
    expect(diagnostics[0].environments).toEqual([...ENVIRONMENT_NAMES]);
    expect(diagnostics[0].path).toBe('definition_body');
  });

  it('passes a correct body that uses arguments, variables, temp tables, control flow and system variables', async () => {
    const { diagnostics } = await checkBody(`
BEGIN
  DECLARE since DATE DEFAULT DATE_SUB(CURRENT_DATE(), INTERVAL lookback_days DAY);
  DECLARE rows_merged, attempts INT64 DEFAULT 0;
  DECLARE note DEFAULT 'started';
  DECLARE window_end DATETIME DEFAULT DATETIME(since) + INTERVAL 1 DAY;
  CREATE TEMP TABLE _stage AS
    SELECT transaction_id, customer_id, transaction_date, amount, product_category
    FROM ${LANDING}
    WHERE transaction_date >= since
    QUALIFY ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY transaction_date DESC) = 1;
  IF (SELECT COUNT(*) FROM _stage) = 0 THEN
    SET loaded = 0;
    RETURN;
  ELSEIF note IS NULL THEN
    SET note = 'odd';
  END IF;
  BEGIN TRANSACTION;
  MERGE ${T} AS t
  USING _stage AS s
  ON t.transaction_id = s.transaction_id AND t.transaction_date >= since
  WHEN MATCHED THEN UPDATE SET amount = s.amount
  WHEN NOT MATCHED THEN INSERT (transaction_id, customer_id, transaction_date, amount, product_category, updated_at)
    VALUES (s.transaction_id, s.customer_id, s.transaction_date, s.amount, s.product_category, CURRENT_TIMESTAMP());
  SET rows_merged = @@row_count;
  COMMIT TRANSACTION;
  WHILE attempts < 3 DO
    SET attempts = attempts + 1;
  END WHILE;
  FOR r IN (SELECT transaction_id AS id, amount FROM _stage) DO
    SET note = CONCAT(note, r.id, CAST(r.amount AS STRING));
  END FOR;
  BEGIN
    SELECT 1 / 0;
  EXCEPTION WHEN ERROR THEN
    SELECT @@error.message, @@error.statement_text;
  END;
  SET loaded = rows_merged;
END;`);
    expect(diagnostics).toEqual([]);
  });

  it('reports a syntax error once, where ZetaSQL stops', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  SELECT transaction_id FROM ${T}
  WHERE transaction_date = CURRENT_DATE() AND;
END;`);
    expect(brief(diagnostics)).toEqual([`GDP621 ${FILE}:${at(yaml, ';', 1)}`]);
    expect(diagnostics[0].message).toBe('Syntax error: Unexpected ";"');
  });

  it('reports a table missing from a gdp dataset as an error with a suggestion', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  SELECT COUNT(*) FROM \`\${project}.\${datasets["sales"].dataset_id}.transactions_v2\`;
END;`);
    expect(brief(diagnostics)).toEqual([`GDP622 ${FILE}:${at(yaml, '`${project}')}`]);
    expect(diagnostics[0].message).toMatch(/^Table not found: `acme-data-dv\.acme_c2_sales_eu_dv\.transactions_v2`; Did you mean acme-data-dv\.acme_c2_sales_eu_dv\.transactions_v1\?$/);
    expect(diagnostics[0].hint).toMatch(/^Tables declared in dataset sales: .*transactions_v1\./);
  });

  it('warns once about a table outside gdp datasets and skips the statements that read it', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  SELECT amout FROM \`\${project}.partner_share.events\`;
  DELETE FROM \`\${project}.partner_share.events\` WHERE nonsense_column = 1;
  SELECT amout FROM ${T} WHERE transaction_date = CURRENT_DATE();
END;`);
    expect(brief(diagnostics)).toEqual([`GDP623 ${FILE}:${at(yaml, '`${project}')}`, `GDP620 ${FILE}:${at(yaml, 'amout', 2)}`]);
    expect(diagnostics[0].severity).toBe('warning');
    expect(diagnostics[0].message).toBe('table acme-data-dv.partner_share.events is not declared: columns not checked; statements reading it were skipped');
  });

  it('does not follow SET @@dataset_id: one-part table names after it are warned about, not errors', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  SET @@dataset_id = '\${datasets["sales"].dataset_id}';
  SELECT amout FROM transactions_v1;
END;`);
    expect(brief(diagnostics)).toEqual([`GDP623 ${FILE}:${at(yaml, 'transactions_v1;')}`]);
  });

  it('checks types: inserted values, assigned variables, conditions and operators', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  DECLARE n INT64 DEFAULT 0;
  INSERT INTO ${T} (transaction_id, amount) VALUES ('a', 'ten');
  SET n = 'many';
  IF n THEN SELECT 1; END IF;
  SELECT transaction_id FROM ${T} WHERE transaction_date = 5;
END;`);
    expect(brief(diagnostics)).toEqual([
      `GDP620 ${FILE}:${at(yaml, "'ten'")}`,
      `GDP625 ${FILE}:${at(yaml, "'many'")}`,
      `GDP625 ${FILE}:${at(yaml, 'n THEN')}`,
      `GDP620 ${FILE}:${at(yaml, 'transaction_date = 5')}`,
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Value has type STRING which cannot be inserted into column amount, which has type NUMERIC',
      'a value of type STRING cannot be assigned to n, which has type INT64',
      'the IF condition has type INT64; it must be BOOL',
      'No matching signature for operator = for argument types: DATE, INT64. Supported signature: ANY = ANY',
    ]);
  });

  it('knows DECLAREd variables and arguments, and reports misspelled ones', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  DECLARE since DATE DEFAULT DATE_SUB(CURRENT_DATE(), INTERVAL lookback_days DAY);
  DECLARE rows_merged INT64;
  SELECT COUNT(*) FROM ${T} WHERE transaction_date >= sinse;
  SET rows_mergd = 1;
  SET loaded = lookback_dayz;
END;`);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, 'sinse')}`, `GDP624 ${FILE}:${at(yaml, 'rows_mergd')}`, `GDP620 ${FILE}:${at(yaml, 'lookback_dayz')}`]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Unrecognized name: sinse; Did you mean since?',
      'variable rows_mergd is not declared. Did you mean "rows_merged"?',
      'Unrecognized name: lookback_dayz; Did you mean lookback_days?',
    ]);
  });

  it('adds temp tables as they are created, and reports a failed one once (no follow-up errors)', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  CREATE TEMP TABLE _ok AS SELECT transaction_id, amount FROM ${LANDING};
  SELECT amount * 2 FROM _ok;
  SELECT amont FROM _ok;
  SELECT * FROM _okk;
  CREATE TEMP TABLE _broken AS SELECT amout FROM ${LANDING};
  SELECT * FROM _broken;
END;`);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, 'amont')}`, `GDP620 ${FILE}:${at(yaml, '_okk')}`, `GDP620 ${FILE}:${at(yaml, 'amout')}`]);
    expect(diagnostics[1].message).toBe('Table not found: _okk; Did you mean _ok?');
  });

  it('checks the statements inside every control-flow construct', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  DECLARE i INT64 DEFAULT 0;
  IF i = 0 THEN SELECT bad1 FROM ${T}; ELSEIF i = 1 THEN SELECT bad2 FROM ${T}; ELSE SELECT bad3 FROM ${T}; END IF;
  WHILE i < 1 DO SELECT bad4 FROM ${T}; SET i = i + 1; END WHILE;
  LOOP SELECT bad5 FROM ${T}; LEAVE; END LOOP;
  REPEAT SELECT bad6 FROM ${T}; UNTIL TRUE END REPEAT;
  FOR r IN (SELECT 1 AS x) DO SELECT bad7 FROM ${T}; END FOR;
  CASE i WHEN 0 THEN SELECT bad8 FROM ${T}; ELSE SELECT bad9 FROM ${T}; END CASE;
  BEGIN SELECT bad10 FROM ${T}; EXCEPTION WHEN ERROR THEN SELECT bad11 FROM ${T}; END;
  BEGIN TRANSACTION; DELETE FROM ${T} WHERE bad12; COMMIT TRANSACTION;
END;`);
    const expected = Array.from({ length: 12 }, (_, k) => `GDP620 ${FILE}:${at(yaml, `bad${k + 1} `.replace('bad12 ', 'bad12;'))}`);
    expect(brief(diagnostics)).toEqual(expected);
  });

  it('checks CALLs against the declared procedures', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  CALL \${procedures["load_transactions"].reference}(7);
  CALL \${procedures["load_transactions"].reference}('seven');
  CALL \`\${project}.\${datasets["sales"].dataset_id}.load_everything\`();
  CALL \`\${project}.partner_share.refresh\`();
  CALL BQ.REFRESH_MATERIALIZED_VIEW('p.d.mv');
END;`);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, '${procedures', 2)}`, `GDP626 ${FILE}:${at(yaml, '`${project}')}`, `GDP627 ${FILE}:${at(yaml, '`${project}', 2)}`]);
    expect(diagnostics[0].message).toMatch(/^No matching signature for procedure `acme-data-dv\.acme_c2_sales_eu_dv\.load_transactions` for argument types: STRING\. Supported signature: .*load_transactions\(INT64\)$/);
    expect(diagnostics[2].severity).toBe('warning');
  });

  it('warns about functions ZetaSQL does not know, and reports misspelled ones', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  SELECT * FROM ML.PREDICT(MODEL \`m\`, (SELECT 1 AS x));
  SELECT CURRENT_DATEE();
END;`);
    expect(brief(diagnostics)).toEqual([`GDP628 ${FILE}:${at(yaml, 'ML.PREDICT')}`, `GDP620 ${FILE}:${at(yaml, 'CURRENT_DATEE')}`]);
    expect(diagnostics[1].message).toBe('Function not found: CURRENT_DATEE; Did you mean current_date?');
  });

  it('places positions right after multi-byte characters and $${...} escapes', async () => {
    const { yaml, diagnostics } = await checkBody(`
BEGIN
  SELECT 'café 😀', '$\${not_a_reference}', amout FROM ${T};
END;`);
    expect(brief(diagnostics)).toEqual([`GDP620 ${FILE}:${at(yaml, 'amout')}`]);
  });

  it('checks each environment whose SQL differs beyond names on its own', async () => {
    // In pd, ${external_table_reference} names a declared table: its columns are checked there only.
    const environmentFiles = bundledEnvironments().map((f) => {
      if (f.relative !== 'pd.json') return f;
      const env = JSON.parse(Buffer.from(f.bytes).toString('utf8'));
      env.variables.external_table_reference = '${tables["transactions_landing_v1"].reference}';
      return rawFile(f.relative, JSON.stringify(env), 'environments');
    });
    const yaml = procedure(`
BEGIN
  SELECT amout FROM \${external_table_reference};
END;`);
    const diagnostics = await sqlDiagnostics({ 'sql-scripts/sprocs/p.yaml': yaml }, environmentFiles);
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.environments?.join(',')}`)).toEqual([
      `GDP620 ${at(yaml, 'amout')} pd`,
      `GDP623 ${at(yaml, '${external')} dv,qa,np`,
    ]);
  });
});

describe('example configurations', () => {
  it('the bundled configuration has no SQL findings', async () => {
    const compiled = compileFiles({}, { base: bundledConfiguration() });
    const result = await checkProjectSql(compiled.project, { service: sqlService() });
    expect(result.diagnostics).toEqual([]);
    expect(result.checked).toBeGreaterThan(0);
  });

  it('the seed procedure passes, with a warning for its undeclared external table', async () => {
    const seed = readFolder(SEED_CONFIG, 'configuration').filter((f) => /^(datasets|tables|sql-scripts)\//.test(f.relative));
    const compiled = compileFiles({}, { base: seed });
    expect(errors(compiled)).toEqual([]);
    const { diagnostics } = await checkProjectSql(compiled.project, { service: sqlService() });
    const text = readFileSync(path.join(SEED_CONFIG, 'sql-scripts/sprocs/load_transactions.yaml'), 'utf8');
    expect(brief(diagnostics)).toEqual([`GDP623 configuration/sql-scripts/sprocs/load_transactions.yaml:${at(text, '${external_table_reference}')}`]);
    expect(diagnostics[0].message).toBe('table acme-data-dv.landing_external.transactions is not declared: columns not checked; statements reading it were skipped');
  });
});
