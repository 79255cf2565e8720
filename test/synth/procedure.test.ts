import { compileClean, SALES, synthOne, type StackJson } from './helpers';

const ORDERS = 'table_id: orders\ndataset: sales\nversion: 1\nschema:\n  - { name: order_id, type: STRING }\n';
const CUSTOMERS = 'table_id: customers\ndataset: sales\nversion: 1\nschema:\n  - { name: customer_id, type: STRING }\n';
const PROC = [
  'routine_id: load_orders',
  'dataset_id: sales',
  'description: "Load ${project} %{x}"',
  'arguments:',
  '  - { name: run_date, data_type: DATE }',
  '  - { name: ids, data_type: "ARRAY<STRING>" }',
  '  - { name: loaded, data_type: INT64, mode: OUT }',
  'definition_body: |-',
  '  BEGIN',
  '    INSERT INTO ${tables["orders_v1"].reference} SELECT * FROM ${tables["customers_v1"].reference};',
  '    SELECT "$${not_terraform}";',
  '    SET loaded = @@row_count;',
  '  END;',
].join('\n');

function synth(): StackJson {
  return synthOne(
    compileClean({
      'datasets/sales.yaml': SALES,
      'tables/orders_v1.yaml': ORDERS,
      'tables/customers_v1.yaml': CUSTOMERS,
      'sql-scripts/sprocs/load_orders.yaml': PROC,
    }),
    'dv',
  );
}

function routine(): Record<string, unknown> {
  return synth().resource!.google_bigquery_routine.procedure_load_orders;
}

describe('procedure synthesis', () => {
  it('creates a SQL PROCEDURE routine with literal dataset and routine ids', () => {
    expect(routine()).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_dv',
      routine_id: 'load_orders',
      routine_type: 'PROCEDURE',
      language: 'SQL',
    });
  });

  it('writes the resolved body, escaped for Terraform', () => {
    expect(routine().definition_body).toBe(
      [
        'BEGIN',
        '  INSERT INTO `acme-data-dv.acme_c2_sales_eu_dv.orders_v1` SELECT * FROM `acme-data-dv.acme_c2_sales_eu_dv.customers_v1`;',
        '  SELECT "$${not_terraform}";',
        '  SET loaded = @@row_count;',
        'END;',
      ].join('\n'),
    );
  });

  it('writes the arguments in order with their mode and StandardSqlDataType JSON', () => {
    expect(routine().arguments).toEqual([
      { name: 'run_date', mode: 'IN', data_type: '{"typeKind":"DATE"}' },
      { name: 'ids', mode: 'IN', data_type: '{"typeKind":"ARRAY","arrayElementType":{"typeKind":"STRING"}}' },
      { name: 'loaded', mode: 'OUT', data_type: '{"typeKind":"INT64"}' },
    ]);
  });

  it('writes the resolved description, escaped', () => {
    expect(routine().description).toBe('Load acme-data-dv %%{x}');
  });

  it('depends on the dataset and on every table its body references', () => {
    expect(routine().depends_on).toEqual(
      expect.arrayContaining([
        'google_bigquery_dataset.dataset_sales',
        'google_bigquery_table.table_orders_v1',
        'google_bigquery_table.table_customers_v1',
      ]),
    );
  });

  it('gives the workflows account dataEditor on the procedure dataset', () => {
    const grants = synth().resource!.google_bigquery_dataset_iam_member;
    expect(grants.iam_workflows_on_dataset_sales).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_dv',
      role: 'roles/bigquery.dataEditor',
      member: 'serviceAccount:acme-sa-workflows-dv@acme-data-dv.iam.gserviceaccount.com',
    });
  });
});
