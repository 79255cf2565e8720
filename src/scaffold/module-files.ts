/**
 * The files of a new module type (`gdp new module <kind>`): a schema with `.meta` descriptions, its codes,
 * one check, the synthesis of one resource (a Pub/Sub topic, by deep import path), an example file and a
 * test. In the tree they import gdp's sources; as a package they import `gdp`.
 */

/** Names derived from the kind (`data_contract` → folder `data_contracts`, namespace `data_contracts`). */
export interface ScaffoldNames {
  readonly kind: string;
  /** `dataContract`. */
  readonly camel: string;
  /** `DATA_CONTRACT`. */
  readonly upper: string;
  readonly folder: string;
  readonly namespace: string;
  /** The module's first code (`GDP610` in the tree, `DATACONTRACT001` in a package). */
  readonly firstCode: string;
}

/** Where the module's code imports gdp from. */
interface Imports {
  readonly gdp: string;
  readonly naming: string;
  readonly providerType: string;
}

const TREE: Imports = { gdp: '../../core/module-type', naming: '../../core/naming', providerType: '@cdktf/provider-google/lib/pubsub-topic' };
const PACKAGE: Imports = { gdp: 'gdp', naming: 'gdp', providerType: '@cdktf/provider-google/lib/pubsub-topic' };

/** The module definition (index.ts). */
export function moduleSource(n: ScaffoldNames, inTree: boolean): string {
  const i = inTree ? TREE : PACKAGE;
  const imports = inTree
    ? `import { z } from 'zod';\nimport { defineModule } from '${i.gdp}';\nimport { regionalResourceName, type NameRule } from '${i.naming}';`
    : `import { defineModule, regionalResourceName, z, type NameRule } from 'gdp';`;
  return `/**
 * Module type \`${n.kind}\`: \`configuration/${n.folder}/<name>.yaml\` → a Pub/Sub topic named
 * \`<app>-${abbreviation(n.kind)}-<name>-<region code>-<env>\`. Replace the resource with the one your module manages.
 */
${imports}
import type { PubsubTopicConfig } from '${i.providerType}';

const TOPIC = '${i.providerType}';

/** Topic names: 3–255 characters, starting with a letter (Pub/Sub resource names). */
const NAME_RULE: NameRule = {
  title: 'Pub/Sub topic name',
  pattern: /^[A-Za-z][A-Za-z0-9._~+%-]*$/,
  patternText: 'letters, digits and - _ . ~ + %, starting with a letter',
  min: 3,
  max: 255,
};

const ${n.upper}_SCHEMA = z.strictObject({
  description: z.string().max(300).optional().meta({ description: 'What this ${n.kind} is for.' }),
  retention_hours: z.number().int().default(24).meta({ description: 'How long messages are kept, 1–744 hours.' }),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'Extra labels.' }),
});

/** The name of the ${n.kind}'s topic in an environment. */
function resourceName(env: Parameters<typeof regionalResourceName>[0], name: string): string {
  return regionalResourceName(env, '${abbreviation(n.kind)}', name);
}

/** The \`${n.kind}\` module type. */
export const ${n.camel}Module = defineModule({
  kind: '${n.kind}',
  title: '${title(n.kind)}',
  folder: '${n.folder}',
  namespace: '${n.namespace}',
  noun: '${n.kind.replace(/_/g, ' ')}',
  schema: ${n.upper}_SCHEMA,
  codes: {
    ${n.firstCode}: { severity: 'error', title: 'Retention out of range', hint: 'Use 1 to 744 hours (Pub/Sub keeps messages 10 minutes to 31 days).' },
  },
  providerClasses: [TOPIC],
  compile: {
    logicalName: (_config, baseName) => baseName,
    check(entity, ctx) {
      const hours = entity.config.retention_hours;
      if (hours < 1 || hours > 744) ctx.report('${n.firstCode}', ['retention_hours'], \`retention_hours is \${hours}; use 1 to 744\`);
    },
  },
  environment: {
    attributes: (entity, { env }) => ({ name: resourceName(env, entity.name), id: \`projects/\${env.project_id}/topics/\${resourceName(env, entity.name)}\` }),
    generatedNames: (entity, { env }) => [{ rule: NAME_RULE, value: resourceName(env, entity.name), path: [] }],
  },
  synth(entity, ctx) {
    ctx.resource<PubsubTopicConfig>(TOPIC, ctx.id(), {
      name: resourceName(ctx.env, entity.name),
      project: ctx.env.project_id,
      messageRetentionDuration: \`\${ctx.resolved.retention_hours * 3600}s\`,
      labels: ctx.labels(ctx.resolved.labels),
    });
  },
  example: \`${exampleYaml(n)}\`,
});
${inTree ? '' : `\n/** The module types of this package (gdp loads \`modules\`). */\nexport const modules = [${n.camel}Module];\n`}`;
}

/** The example configuration file. */
export function exampleYaml(n: ScaffoldNames): string {
  return `# configuration/${n.folder}/example.yaml
description: "An example ${n.kind.replace(/_/g, ' ')}"
retention_hours: 48
`;
}

/** The in-tree jest test. */
export function treeTestSource(n: ScaffoldNames): string {
  return `import { compileFiles, errors, synthFiles } from '../../testing';

describe('${n.kind} module', () => {
  it('validates and synthesizes its example in every environment', () => {
    const result = compileFiles({ '${n.folder}/example.yaml': ${JSON.stringify(exampleYaml(n))} });
    expect(errors(result)).toEqual([]);
    const stack = synthFiles({ '${n.folder}/example.yaml': ${JSON.stringify(exampleYaml(n))} }, 'dv');
    expect(stack.resource?.google_pubsub_topic?.${n.kind}_example).toMatchObject({ message_retention_duration: '172800s' });
  });

  it('reports a retention out of range at its line', () => {
    const result = compileFiles({ '${n.folder}/example.yaml': 'retention_hours: 0\\n' });
    expect(errors(result).map((d) => \`\${d.code} \${d.line}\`)).toEqual(['${n.firstCode} 1']);
  });
});
`;
}

/** The package's test (node:test, run after the build with \`npm test\`). */
export function packageTestSource(n: ScaffoldNames): string {
  return `import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createRegistry, synthesize, validateProject } from 'gdp';
import { modules } from './index';

const example = path.join(__dirname, '..', 'example');

function registry(): ReturnType<typeof createRegistry> {
  const r = createRegistry();
  for (const m of modules) r.register(m, { source: 'plugin', name: 'this package' });
  return r;
}

test('the example validates and synthesizes in every environment', async () => {
  const result = await validateProject({ configDir: path.join(example, 'configuration'), environmentsDir: path.join(example, 'environments'), registry: registry(), sqlCheck: false });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), '${n.kind}-'));
  try {
    await synthesize({ project: result.project!, environments: ['dv', 'qa', 'np', 'pd'], outdir, inProcess: true });
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'dv', 'cdk.tf.json'), 'utf8'));
    assert.equal(stack.resource.google_pubsub_topic.${n.kind}_example.message_retention_duration, '172800s');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
`;
}

/** package.json of a module package. */
export function packageJson(n: ScaffoldNames, gdpVersion: string): string {
  return `${JSON.stringify(
    {
      name: `gdp-plugin-${n.kind.replace(/_/g, '-')}`,
      version: '0.1.0',
      description: `gdp module type ${n.kind}`,
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      files: ['dist'],
      scripts: { build: 'tsc -p .', test: 'tsc -p . && node --test dist/' },
      peerDependencies: { gdp: `>=${gdpVersion}` },
      devDependencies: { typescript: '~5.9.3', '@types/node': '^20.19.0' },
    },
    null,
    2,
  )}\n`;
}

/** tsconfig.json of a module package. */
export const PACKAGE_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node', strict: true, declaration: true, outDir: 'dist', rootDir: 'src', esModuleInterop: true, skipLibCheck: true },
    include: ['src'],
  },
  null,
  2,
)}\n`;

/** An environment file for the package's example (distinct state per environment). */
export function exampleEnvironment(env: string): string {
  return `${JSON.stringify(
    {
      name: env,
      project_id: `example-${env}`,
      region: 'europe-west4',
      bigquery_location: 'EU',
      app_name: 'example',
      state: { bucket: `example-tfstate-${env}`, prefix: `gdp/${env}` },
    },
    null,
    2,
  )}\n`;
}

function abbreviation(kind: string): string {
  return kind.replace(/[^a-z0-9]/g, '').slice(0, 3);
}

function title(kind: string): string {
  return kind.replace(/[_-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
