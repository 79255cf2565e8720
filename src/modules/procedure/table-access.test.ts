import { datasetAccess } from './table-access';

const IDS = new Map([
  ['acme_c2_sales_eu_dv', 'sales'],
  ['acme_c3_customer_eu_dv', 'customer'],
  ['acme_c2_landing_eu_dv', 'landing'],
]);

describe('datasetAccess', () => {
  it('tells the datasets a script writes from the ones it only reads', () => {
    const sql = `BEGIN
      -- acme_c2_landing_eu_dv.x is only mentioned in a comment
      CREATE TEMP TABLE t AS SELECT * FROM \`acme-data-dv.acme_c3_customer_eu_dv.customers_v1\` AS c;
      MERGE \`acme-data-dv\`.\`acme_c2_sales_eu_dv\`.\`orders_v1\` AS o USING t ON o.id = t.id
      WHEN MATCHED THEN UPDATE SET o.x = t.x;
      SELECT 'acme_c2_landing_eu_dv.y' AS s;
    END`;
    expect(datasetAccess(sql, IDS)).toEqual({ reads: ['customer'], writes: ['sales'] });
  });

  it('recognizes every kind of write', () => {
    const writes = (stmt: string): readonly string[] | undefined => datasetAccess(stmt, IDS)?.writes;
    expect(writes('INSERT INTO acme_c2_sales_eu_dv.a SELECT 1')).toEqual(['sales']);
    expect(writes('INSERT acme_c2_sales_eu_dv.a (x) VALUES (1)')).toEqual(['sales']);
    expect(writes('UPDATE acme_c2_sales_eu_dv.a SET x = 1 WHERE TRUE')).toEqual(['sales']);
    expect(writes('DELETE FROM acme_c2_sales_eu_dv.a WHERE TRUE')).toEqual(['sales']);
    expect(writes('TRUNCATE TABLE acme_c2_sales_eu_dv.a')).toEqual(['sales']);
    expect(writes('CREATE OR REPLACE TABLE acme_c2_sales_eu_dv.a AS SELECT 1')).toEqual(['sales']);
    expect(writes('CREATE TABLE IF NOT EXISTS acme_c2_sales_eu_dv.a (x INT64)')).toEqual(['sales']);
    expect(writes('DROP TABLE IF EXISTS acme_c2_sales_eu_dv.a')).toEqual(['sales']);
    expect(writes('LOAD DATA INTO acme_c2_sales_eu_dv.a FROM FILES (uris = ["gs://b/x"])')).toEqual(['sales']);
  });

  it('counts a read of a dataset that is also written as a write only', () => {
    expect(datasetAccess('INSERT INTO acme_c2_sales_eu_dv.a SELECT * FROM acme_c2_sales_eu_dv.b JOIN acme_c2_landing_eu_dv.c USING (id)', IDS)).toEqual({
      reads: ['landing'],
      writes: ['sales'],
    });
  });

  it('treats a CALL as a read of the procedure’s dataset, and ignores undeclared datasets', () => {
    expect(datasetAccess('CALL `acme-data-dv.acme_c2_sales_eu_dv.p`(); SELECT * FROM other_ds.t', IDS)).toEqual({ reads: ['sales'], writes: [] });
  });
});
