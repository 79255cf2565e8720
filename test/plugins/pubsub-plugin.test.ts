/**
 * The example plugin package (examples/plugins/pubsub), built and loaded from a temporary project as a
 * platform team would: its module types validate, synthesize, are referenced from other files, appear in
 * `gdp schema` and `gdp modules`; a plugin that conflicts with a built-in is one clear error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../src/testing';
import { buildPlugin, gdp, pluginProject } from './project';

jest.setTimeout(240_000);

const PUBLISH_WORKFLOW = `workflow_name: announce_orders
service_account: announcer@acme-data-dv.iam.gserviceaccount.com
steps:
  - publish:
      call: googleapis.pubsub.v1.projects.topics.publish
      args:
        topic: \${topics["orders"].id}
        body:
          messages:
            - data: $\${base64.encode(text.encode("loaded"))}
`;

describe('the example Pub/Sub plugin in a project', () => {
  let project: string;

  beforeAll(() => {
    project = pluginProject();
    const plugin = buildPlugin(project, path.join(ROOT, 'examples', 'plugins', 'pubsub'), 'pubsub');
    fs.cpSync(path.join(plugin, 'example', 'configuration'), path.join(project, 'configuration'), { recursive: true });
    fs.writeFileSync(path.join(project, 'configuration', 'workflows', 'announce_orders.yaml'), PUBLISH_WORKFLOW);
    fs.writeFileSync(path.join(project, 'gdp.config.yaml'), 'plugins:\n  - ./plugins/pubsub\n');
  });

  it('validates and synthesizes every environment with the plugin’s resources', () => {
    // GIVEN the bundled example plus a topic, a subscription and a workflow publishing to the topic
    // WHEN validated and synthesized THEN both pass
    expect(gdp(project, 'validate', '--no-sql-check')).toMatchObject({ status: 0 });
    const synth = gdp(project, 'synth', '--env', 'all');
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    // THEN per-environment names come from the naming module, and references resolve
    for (const env of ['dv', 'pd']) {
      const stack = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'stacks', env, 'cdk.tf.json'), 'utf8')) as {
        resource: Record<string, Record<string, Record<string, unknown>>>;
      };
      const topicName = `acme-tpc-orders-ew4-${env}`;
      expect(stack.resource.google_pubsub_topic.topic_orders).toMatchObject({ name: topicName, message_retention_duration: '86400s' });
      expect(stack.resource.google_pubsub_subscription.subscription_orders_audit).toMatchObject({
        topic: `projects/acme-data-${env}/topics/${topicName}`,
        depends_on: ['google_pubsub_topic.topic_orders'],
      });
      expect(stack.resource.google_pubsub_topic_iam_member.topic_orders_publisher_workflows).toMatchObject({ role: 'roles/pubsub.publisher', topic: topicName });
      const source = String(stack.resource.google_workflows_workflow.workflow_announce_orders.source_contents);
      expect(source).toContain(`projects/acme-data-${env}/topics/${topicName}`);
    }
  });

  it('adds the plugin’s JSON Schemas and lists its module types with their origin', () => {
    // WHEN the schemas are written THEN the plugin's module types have one each
    expect(gdp(project, 'schema', '--out', 'schemas')).toMatchObject({ status: 0 });
    const topicSchema = JSON.parse(fs.readFileSync(path.join(project, 'schemas', 'topic.schema.json'), 'utf8')) as { properties: Record<string, { description?: string }> };
    expect(topicSchema.properties.publishers.description).toMatch(/may publish/);
    // WHEN the module types are listed THEN the plugin's say where they come from, with their codes
    const listed = JSON.parse(gdp(project, 'modules', '--format', 'json').stdout) as { modules: { kind: string; origin: string; codes: string[] }[] };
    expect(listed.modules.find((m) => m.kind === 'topic')).toMatchObject({ origin: 'plugin ./plugins/pubsub', codes: ['TOPIC001'] });
    expect(listed.modules.find((m) => m.kind === 'table')).toMatchObject({ origin: 'built-in' });
  });

  it('reports a plugin rule at its line with the plugin’s code', () => {
    // GIVEN a topic keeping messages longer than Pub/Sub allows
    const file = path.join(project, 'configuration', 'topics', 'orders.yaml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('86400', '9999999'));
    try {
      const run = gdp(project, 'validate', '--no-sql-check', '--format', 'json');
      // THEN one located error with the plugin's code
      const report = JSON.parse(run.stdout) as { diagnostics: { code: string; file: string; line: number }[] };
      expect(run.status).toBe(1);
      expect(report.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['TOPIC001 configuration/topics/orders.yaml:2']);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});

describe('a plugin that conflicts with a built-in module type', () => {
  it('is one clear error naming the plugin, without a stack trace', () => {
    // GIVEN a plugin whose module type reads the tables folder
    const project = pluginProject();
    const dir = path.join(project, 'plugins', 'clash');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'index.js'),
      `const { z } = require('gdp');\nexports.modules = [{ kind: 'view', title: 'View', folder: 'tables', namespace: 'views', noun: 'view', schema: z.object({}), codes: {}, compile: { logicalName: (_c, b) => b }, example: '' }];\n`,
    );
    fs.writeFileSync(path.join(project, 'gdp.config.yaml'), 'plugins:\n  - ./plugins/clash\n');
    // WHEN validated
    const run = gdp(project, 'validate', '--no-sql-check');
    // THEN exit 1 and one error at the plugin's entry, naming it and the built-in
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('gdp.config.yaml:2:5: error GDP123: plugin "./plugins/clash": folder "tables" of module type "view" of plugin "./plugins/clash" is already handled by module type "table"');
    expect(run.stderr).toContain('1 error, 0 warnings');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
