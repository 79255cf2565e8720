/** Least privilege derived from SQL: the runner of a procedure or load may read what it reads and write what it writes. */
import { bundledConfiguration, compileFiles, errors, synthProject } from '../../src/testing';

/** Bundled example files by path under configuration/. */
function bundled(...paths: string[]): Record<string, string> {
  const all = new Map(bundledConfiguration().map((f) => [f.relative, Buffer.from(f.bytes).toString('utf8')]));
  return Object.fromEntries(paths.map((p) => [p, all.get(p)!]));
}

/** `dataset role` of every dataset grant of the workflows account. */
function workflowsDatasetGrants(stack: ReturnType<typeof synthProject>): string[] {
  return Object.values(stack.resource?.google_bigquery_dataset_iam_member ?? {})
    .filter((g) => String(g.member).includes('acme-sa-workflows-dv@'))
    .map((g) => `${String(g.dataset_id)} ${String(g.role)}`)
    .sort();
}

describe('least privilege derived from SQL', () => {
  it('gives the runner of a procedure that reads a second dataset dataViewer on that dataset alone', () => {
    // GIVEN the bundled load_transactions procedure, which MERGEs into sales and reads landing, with a third dataset it never names
    const files = bundled(
      'datasets/sales.yaml',
      'datasets/landing.yaml',
      'datasets/customer.yaml',
      'tables/transactions_v1.yaml',
      'tables/transactions_landing_v1.yaml',
      'tables/customers_v1.yaml',
      'sql-scripts/sprocs/load_transactions.yaml',
    );
    const result = compileFiles(files, { environments: ['dv'] });
    expect(errors(result)).toEqual([]);
    // WHEN the dv stack is synthesized
    const stack = synthProject(result.project, 'dv');
    // THEN the workflows account (which CALLs procedures) may write sales, read landing, and nothing on customer
    expect(workflowsDatasetGrants(stack)).toEqual(['acme_c2_landing_eu_dv roles/bigquery.dataViewer', 'acme_c2_sales_eu_dv roles/bigquery.dataEditor']);
  });

  it('grants on the datasets of each environment when one process synthesizes several environments', () => {
    // GIVEN the same procedure compiled for dv and pd (the dataset ids listed once per environment)
    const files = bundled(
      'datasets/sales.yaml',
      'datasets/landing.yaml',
      'tables/transactions_v1.yaml',
      'tables/transactions_landing_v1.yaml',
      'sql-scripts/sprocs/load_transactions.yaml',
    );
    const result = compileFiles(files, { environments: ['dv', 'pd'] });
    expect(errors(result)).toEqual([]);
    // WHEN both stacks are synthesized one after the other in this process
    const grants = (env: 'dv' | 'pd'): string[] =>
      Object.values(synthProject(result.project, env).resource?.google_bigquery_dataset_iam_member ?? {})
        .filter((g) => String(g.member).includes('-sa-workflows-'))
        .map((g) => `${String(g.dataset_id)} ${String(g.role)}`)
        .sort();
    // THEN each stack names its own environment's datasets
    expect(grants('dv')).toEqual(['acme_c2_landing_eu_dv roles/bigquery.dataViewer', 'acme_c2_sales_eu_dv roles/bigquery.dataEditor']);
    expect(grants('pd')).toEqual(['acme_c2_landing_eu_pd roles/bigquery.dataViewer', 'acme_c2_sales_eu_pd roles/bigquery.dataEditor']);
  });

  it('finds tables a procedure names literally, not only through ${tables[...]}', () => {
    const files = {
      ...bundled('datasets/sales.yaml', 'datasets/customer.yaml', 'tables/customers_v1.yaml'),
      'sql-scripts/sprocs/count_customers.yaml':
        'routine_id: count_customers\ndataset_id: sales\ndefinition_body: |-\n  BEGIN\n    SELECT COUNT(*) FROM `${project}.acme_c3_customer_eu_dv.customers_v1`;\n  END;\n',
    };
    const result = compileFiles(files, { environments: ['dv'] });
    expect(errors(result)).toEqual([]);
    expect(workflowsDatasetGrants(synthProject(result.project, 'dv'))).toEqual(['acme_c3_customer_eu_dv roles/bigquery.dataViewer']);
  });

  it('gives a load’s runner dataEditor on its target’s dataset and dataViewer on its source’s', () => {
    const files = bundled(
      'datasets/sales.yaml',
      'datasets/landing.yaml',
      'tables/transactions_v1.yaml',
      'tables/transactions_landing_v1.yaml',
      'loads/transactions_upsert.yaml',
    );
    const result = compileFiles(files, { environments: ['dv'] });
    expect(errors(result)).toEqual([]);
    expect(workflowsDatasetGrants(synthProject(result.project, 'dv'))).toEqual(['acme_c2_landing_eu_dv roles/bigquery.dataViewer', 'acme_c2_sales_eu_dv roles/bigquery.dataEditor']);
  });
});
