import { createRegistry } from '../../api';
import { examplePath } from '../../scaffold/init-files';
import { brief, bundledConfiguration, compileFiles, errors, synthFiles } from '../../testing';
import { permissionModule } from '.';

/** The files gdp init writes: one example per module type, which must hold together (as a repository). */
const EXAMPLES = Object.fromEntries(createRegistry().all().map((m) => [examplePath(m).replace(/^configuration\//, ''), m.example]));

const base = { base: bundledConfiguration() };
const FILE = 'configuration/permissions/team.yaml';

describe('permission module: confidentiality', () => {
  it('refuses a c3 dataset granted to allUsers, with one located error', () => {
    // GIVEN the bundled example, whose customer dataset is c3, and a file granting it to everyone
    const result = compileFiles({ 'permissions/team.yaml': 'all:\n  - members: [allUsers]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [customer]\n' }, base);
    // THEN one error, at the member, for every environment
    expect(brief(errors(result))).toEqual([`GDP653 ${FILE}:2:15`]);
    expect(errors(result)[0].message).toBe('allUsers cannot be granted a role on c3 dataset customer: c3 data goes to group, serviceAccount members only');
    expect(errors(result)[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
  });

  it('lets c3 data go to named groups only, c2 to anyone but the public, c1 to anyone', () => {
    const grant = (member: string, dataset: string): string => `  - members: ["${member}"]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [${dataset}]\n`;
    const result = compileFiles(
      {
        'datasets/open.yaml': 'confidentiality: c1\n',
        'permissions/team.yaml':
          'all:\n' +
          grant('group:crm@acme.com', 'customer') +
          grant('user:ann@acme.com', 'customer') +
          grant('domain:acme.com', 'customer') +
          grant('domain:acme.com', 'sales') +
          grant('allAuthenticatedUsers', 'sales') +
          grant('allUsers', 'open'),
      },
      base,
    );
    expect(brief(errors(result))).toEqual([`GDP653 ${FILE}:5:15`, `GDP653 ${FILE}:8:15`, `GDP653 ${FILE}:14:15`]);
  });

  it('applies a table’s dataset confidentiality to grants on the table', () => {
    const result = compileFiles({ 'permissions/team.yaml': 'pd:\n  - members: [domain:acme.com]\n    roles: [roles/bigquery.dataViewer]\n    tables: [customers_v1]\n' }, base);
    expect(brief(errors(result))).toEqual([`GDP653 ${FILE}:2:15`]);
    expect(errors(result)[0].environments).toEqual(['pd']);
  });
});

describe('permission module: grants', () => {
  it('checks members, roles, the role’s resource kind and that each grant names one kind of resource', () => {
    const result = compileFiles(
      {
        'permissions/team.yaml':
          'all:\n' +
          '  - members: [sales@acme.com]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [sales]\n' +
          '  - members: [group:a@acme.com]\n    roles: [bigquery.dataViewer, roles/storage.objectViewer]\n    datasets: [sales]\n' +
          '  - members: [group:a@acme.com]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [sales]\n    buckets: [landing]\n' +
          '  - members: [allUsers]\n    roles: [roles/storage.objectViewer]\n    buckets: [landing]\n',
      },
      base,
    );
    expect(brief(errors(result))).toEqual([
      `GDP650 ${FILE}:2:15`,
      `GDP651 ${FILE}:6:13`,
      `GDP652 ${FILE}:6:34`,
      `GDP657 ${FILE}:8:5`,
      `GDP652 ${FILE}:9:13`,
      `GDP654 ${FILE}:12:15`,
    ]);
  });

  it('reports a resource that is not declared where it is named', () => {
    const result = compileFiles({ 'permissions/team.yaml': 'all:\n  - members: [group:a@acme.com]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [sails]\n' }, base);
    expect(brief(errors(result))).toEqual([`GDP308 ${FILE}:4:16`]);
    expect(errors(result)[0].message).toMatch(/Did you mean "sales"\?/);
  });

  it('refuses an authoritative binding that shares its role and resource with another grant, and warns about binding gdp’s own roles', () => {
    const result = compileFiles(
      {
        'permissions/team.yaml': 'all:\n  - members: [group:a@acme.com]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [sales]\n    authoritative: true\n',
        'permissions/other.yaml': 'pd:\n  - members: [group:b@acme.com]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [sales]\n',
        'datasets/sales.yaml': 'confidentiality: c2\n',
      },
    );
    expect(brief(result.diagnostics.filter((d) => d.file === FILE))).toEqual([`GDP655 ${FILE}:5:20`, `GDP656 ${FILE}:5:20`]);
    expect(errors(result)[0].environments).toEqual(['pd']);
    expect(errors(result)[0].message).toBe(
      "this binding owns roles/bigquery.dataViewer on dataset sales, which configuration/permissions/other.yaml pd.0 also grants: each apply would remove the other's members",
    );
  });
});

describe('permission module: synthesis', () => {
  it('adds members additively, binds authoritatively on request, and grants workflows on the project with a condition', () => {
    const stack = synthFiles(
      {
        'permissions/team.yaml':
          'pd:\n' +
          '  - members: [group:a@acme.com, "serviceAccount:${service_accounts.workflows}"]\n    roles: [roles/bigquery.dataViewer]\n    datasets: [sales]\n' +
          '  - members: [group:owners@acme.com]\n    roles: [roles/bigquery.dataOwner]\n    tables: [transactions_v1]\n    authoritative: true\n' +
          '  - members: [group:oncall@acme.com]\n    roles: [roles/workflows.invoker]\n    workflows: [process_transactions]\n' +
          'dv:\n  - members: [group:dev@acme.com]\n    roles: [roles/viewer]\n    project: true\n',
      },
      'pd',
      base,
    );
    const r = stack.resource!;
    expect(r.google_bigquery_dataset_iam_member.permission_team_dataset_sales_bigquery_dataviewer_group_a_acme_com).toMatchObject({
      project: 'acme-data-pd',
      dataset_id: 'acme_c2_sales_eu_pd',
      role: 'roles/bigquery.dataViewer',
      member: 'group:a@acme.com',
    });
    expect(r.google_bigquery_dataset_iam_member.permission_team_dataset_sales_bigquery_dataviewer_serviceaccount_acme_sa_workflows_pd_acme_data_pd_iam_gserviceaccount_com.member).toBe(
      'serviceAccount:acme-sa-workflows-pd@acme-data-pd.iam.gserviceaccount.com',
    );
    expect(r.google_bigquery_table_iam_binding.permission_team_table_transactions_v1_bigquery_dataowner_binding).toMatchObject({
      dataset_id: 'acme_c2_sales_eu_pd',
      table_id: 'transactions_v1',
      members: ['group:owners@acme.com'],
    });
    expect(r.google_project_iam_member.permission_team_workflow_process_transactions_workflows_invoker_group_oncall_acme_com.condition).toEqual({
      title: 'gdp workflow process_transactions',
      description: 'Only on workflow acme-wkf-process_transactions-ew4-pd',
      expression: 'resource.name == "projects/acme-data-pd/locations/europe-west4/workflows/acme-wkf-process_transactions-ew4-pd"',
    });
    // the dv section makes nothing in pd
    expect(Object.values(r.google_project_iam_member).map((g) => g.role)).not.toContain('roles/viewer');
  });

  it('binds authoritatively on the project, a bucket and a workflow, each checked against the provider schema', () => {
    const stack = synthFiles(
      {
        'permissions/admins.yaml':
          'qa:\n' +
          '  - members: [group:admins@acme.com]\n    roles: [roles/bigquery.admin]\n    project: true\n    authoritative: true\n' +
          '  - members: [group:admins@acme.com]\n    roles: [roles/storage.admin]\n    buckets: [partner_drop]\n    authoritative: true\n' +
          '  - members: [group:admins@acme.com]\n    roles: [roles/workflows.admin]\n    workflows: [daily_orders]\n    authoritative: true\n',
      },
      'qa',
      base,
    );
    const r = stack.resource!;
    expect(r.google_project_iam_binding.permission_admins_project_bigquery_admin_binding).toMatchObject({ project: 'acme-data-qa', members: ['group:admins@acme.com'] });
    expect(r.google_storage_bucket_iam_binding.permission_admins_bucket_partner_drop_storage_admin_binding).toMatchObject({ bucket: 'acme-gcs-partner-drop-eu-qa' });
    expect(r.google_project_iam_binding.permission_admins_workflow_daily_orders_workflows_admin_binding.condition).toMatchObject({ title: 'gdp workflow daily_orders' });
  });

  it('accepts its own example, among the other module types’ examples', () => {
    expect(EXAMPLES['permissions/sales_analysts.yaml']).toBe(permissionModule.example);
    expect(errors(compileFiles(EXAMPLES))).toEqual([]);
  });
});
