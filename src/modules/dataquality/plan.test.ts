import { compareResource } from '../../plan/classify';

describe('gdp plan on data quality scans', () => {
  const scan = {
    data_scan_id: 'acme-dq-orders-ew4-dv',
    location: 'europe-west4',
    data: { resource: '//bigquery.googleapis.com/projects/p/datasets/d/tables/orders_v1' },
    data_quality_spec: { rules: [{ name: 'non-null-order-id', column: 'order_id', non_null_expectation: {} }] },
    execution_spec: { trigger: { on_demand: {} } },
  };

  it('replaces the scan when the scanned table, id or location change', () => {
    expect(compareResource('google_dataplex_datascan', 's', scan, { ...scan, data: { resource: '//bigquery.googleapis.com/projects/p/datasets/d/tables/orders_v2' } }).action).toBe('replace');
    expect(compareResource('google_dataplex_datascan', 's', scan, { ...scan, data_scan_id: 'acme-dq-orders2-ew4-dv' }).action).toBe('replace');
    expect(compareResource('google_dataplex_datascan', 's', scan, { ...scan, location: 'europe-west1' }).action).toBe('replace');
  });

  it('updates rules and schedule in place', () => {
    const rules = { rules: [{ name: 'non-null-order-id', column: 'order_id', non_null_expectation: {}, threshold: 0.9 }] };
    expect(compareResource('google_dataplex_datascan', 's', scan, { ...scan, data_quality_spec: rules }).action).toBe('update');
    expect(compareResource('google_dataplex_datascan', 's', scan, { ...scan, execution_spec: { trigger: { schedule: { cron: 'TZ=Etc/UTC 0 5 * * *' } } } }).action).toBe('update');
  });

  it('replaces a table grant on any change', () => {
    const grant = { dataset_id: 'd', table_id: 't', role: 'roles/bigquery.dataViewer', member: 'serviceAccount:x' };
    expect(compareResource('google_bigquery_table_iam_member', 'g', grant, { ...grant, table_id: 'u' }).action).toBe('replace');
  });
});
