import { compileClean, SALES, synthOne } from './helpers';

const TABLE = (extra = ''): string =>
  [
    'table_id: orders',
    'dataset: sales',
    'version: 1',
    'schema:',
    '  - { name: order_id, type: STRING, mode: REQUIRED, max_length: 36 }',
    '  - { name: line_no, type: INT64, mode: REQUIRED }',
    '  - { name: order_date, type: DATE }',
    '  - { name: customer_id, type: STRING }',
    '  - { name: amount, type: DECIMAL, precision: 18, scale: 2, description: "EUR $${x} %{y}" }',
    '  - { name: addr, type: STRUCT, fields: [{ name: city, type: STRING }] }',
    extra,
  ].join('\n');

function table(extra = '', env: 'dv' | 'pd' = 'dv'): Record<string, unknown> {
  const stack = synthOne(compileClean({ 'datasets/sales.yaml': SALES, 'tables/orders_v1.yaml': TABLE(extra) }), env);
  return stack.resource!.google_bigquery_table.table_orders_v1;
}

describe('table synthesis', () => {
  it('names the dataset and table literally and depends on the dataset', () => {
    expect(table()).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_dv',
      table_id: 'orders_v1',
      depends_on: ['google_bigquery_dataset.dataset_sales'],
    });
  });

  it('writes the API schema JSON: canonical types, defaulted modes, numeric options as strings, escaped text', () => {
    const schema = table().schema as string;
    expect(schema).toContain('EUR $${x} %%{y}');
    expect(JSON.parse(schema.replace('$${', '${').replace('%%{', '%{'))).toEqual([
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED', maxLength: '36' },
      { name: 'line_no', type: 'INTEGER', mode: 'REQUIRED' },
      { name: 'order_date', type: 'DATE', mode: 'NULLABLE' },
      { name: 'customer_id', type: 'STRING', mode: 'NULLABLE' },
      { name: 'amount', type: 'NUMERIC', mode: 'NULLABLE', description: 'EUR ${x} %{y}', precision: '18', scale: '2' },
      { name: 'addr', type: 'RECORD', mode: 'NULLABLE', fields: [{ name: 'city', type: 'STRING', mode: 'NULLABLE' }] },
    ]);
  });

  it('escapes the description and friendly name', () => {
    expect(table('description: "Orders $${day}"\nfriendly_name: "Orders %{x}"')).toMatchObject({
      description: 'Orders $${day}',
      friendly_name: 'Orders %%{x}',
    });
  });

  it('writes time partitioning and the top-level require_partition_filter', () => {
    const t = table('time_partitioning: { type: DAY, field: order_date, expiration_ms: 86400000 }\nrequire_partition_filter: true');
    expect(t.time_partitioning).toEqual({ type: 'DAY', field: 'order_date', expiration_ms: 86400000 });
    expect(t.require_partition_filter).toBe(true);
  });

  it('writes range partitioning', () => {
    const t = table('range_partitioning: { field: line_no, start: 0, end: 100, interval: 10 }');
    expect(t.range_partitioning).toEqual({ field: 'line_no', range: { start: 0, end: 100, interval: 10 } });
    expect(t).not.toHaveProperty('time_partitioning');
  });

  it('writes clustering columns in order', () => {
    expect(table('clustering: { fields: [customer_id, order_date] }').clustering).toEqual(['customer_id', 'order_date']);
  });

  it('writes a declared primary key as a table constraint, and none otherwise', () => {
    expect(table('primary_key: [order_id, line_no]').table_constraints).toEqual({ primary_key: { columns: ['order_id', 'line_no'] } });
    expect(table()).not.toHaveProperty('table_constraints');
  });

  it('protects the table by default, honours false, and forces protection where the environment says so', () => {
    expect(table().deletion_protection).toBe(true);
    expect(table('deletion_protection: false', 'dv').deletion_protection).toBe(false);
    expect(table('deletion_protection: false', 'pd').deletion_protection).toBe(true);
  });

  it('writes labels with gdp labels winning, and the expiration time', () => {
    const t = table('labels: { domain: sales, env: mine }\nexpiration_time: 4102444800000');
    expect(t.labels).toMatchObject({ domain: 'sales', env: 'dv', app: 'acme', 'managed-by': 'gdp' });
    expect(t.expiration_time).toBe(4102444800000);
  });
});
