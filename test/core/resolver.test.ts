import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EnvironmentSchema } from '../../src/core/environment';
import type { ModuleType } from '../../src/core/module-type';
import { formatExpr, parseTemplate } from '../../src/core/references';
import { Resolver, resolveValue, type SymbolSource } from '../../src/core/resolver';
import { brief, compileFiles, rawFile, ROOT } from '../../src/testing';

const DATASET = 'configuration/datasets/sales.yaml';

/** The bundled dv environment as JSON, with other variables. */
function dvWithVariables(variables: Record<string, string>) {
  const dv = JSON.parse(readFileSync(path.join(ROOT, 'environments/dv.json'), 'utf8')) as Record<string, unknown>;
  return [rawFile('dv.json', JSON.stringify({ ...dv, variables }), 'environments')];
}

/** Compiles a dataset whose description is `description` (YAML text after `description: `). */
function compileDescription(description: string, options: Parameters<typeof compileFiles>[1] = { environments: ['dv'] }) {
  return compileFiles({ 'datasets/sales.yaml': `confidentiality: c1\ndescription: ${description}\n`, 'buckets/landing.yaml': 'description: "Files"\n' }, options);
}

function resolvedDescription(result: ReturnType<typeof compileFiles>, env: 'dv' | 'pd' = 'dv'): string {
  return (result.project.environments.get(env)!.resolved.get('datasets/sales') as { description: string }).description;
}

describe('parseTemplate', () => {
  it('turns $${ into a literal ${ (a run-time expression)', () => {
    expect(parseTemplate('a $${b} c')).toEqual([{ type: 'text', text: 'a ${b} c' }]);
    expect(parseTemplate('$${a')).toEqual([{ type: 'text', text: '${a' }]);
  });

  it('splits text and references, with offsets', () => {
    expect(parseTemplate('x ${a} $${b} ${ c . d }')).toEqual([
      { type: 'text', text: 'x ' },
      { type: 'ref', expr: { head: 'a', keys: [] }, source: '${a}', offset: 2, length: 4 },
      { type: 'text', text: ' ${b} ' },
      { type: 'ref', expr: { head: 'c', keys: ['d'] }, source: '${ c . d }', offset: 13, length: 10 },
    ]);
  });

  it('reads bracketed keys in either quote, and formats them back', () => {
    const [seg] = parseTemplate(`\${tables["my table"]['ref']}`);
    expect(seg).toMatchObject({ type: 'ref', expr: { head: 'tables', keys: ['my table', 'ref'] } });
    expect(seg.type === 'ref' && formatExpr(seg.expr)).toBe('tables["my table"].ref');
  });

  it.each([
    ['${}', 0, '"" does not start with a name'],
    ['${1a}', 0, '"1a" does not start with a name'],
    ['${a[x]}', 0, 'unexpected "[x]" after "a"; references are names joined by . or ["..."]'],
    ['${a.b c}', 0, 'unexpected "c" after "a.b"; references are names joined by . or ["..."]'],
  ])('marks %j as malformed', (value, offset, reason) => {
    expect(parseTemplate(value)).toEqual([{ type: 'bad', source: value, offset, reason }]);
  });

  it('marks an unclosed reference, also one broken by a line end', () => {
    expect(parseTemplate('x ${a} ${b')).toEqual([
      { type: 'text', text: 'x ' },
      { type: 'ref', expr: { head: 'a', keys: [] }, source: '${a}', offset: 2, length: 4 },
      { type: 'text', text: ' ' },
      { type: 'bad', source: '${b', offset: 7, reason: 'the reference is not closed with "}"' },
    ]);
    expect(parseTemplate('${a\n}')).toEqual([{ type: 'bad', source: '${a\n}', offset: 0, reason: 'the reference is not closed with "}"' }]);
  });
});

describe('resolution through compileFiles', () => {
  it('resolves built-ins, service accounts, buckets and environment variables per environment', () => {
    // GIVEN references to every kind of built-in value
    const result = compileDescription(
      '"p=${project} sa=${service_accounts.workflows} b=${buckets.landing} v=${external_table_reference} keep=$${run.time}"',
      { environments: ['dv', 'pd'] },
    );
    // THEN each environment gets its own values, and $${...} stays a literal ${...}
    expect(result.diagnostics).toEqual([]);
    expect(resolvedDescription(result)).toBe(
      'p=acme-data-dv sa=acme-sa-workflows-dv@acme-data-dv.iam.gserviceaccount.com b=acme-gcs-landing-eu-dv ' +
        'v=`acme-data-dv.landing_external.transactions` keep=${run.time}',
    );
    expect(resolvedDescription(result, 'pd')).toMatch(/^p=acme-data-pd sa=acme-sa-workflows-pd@acme-data-pd\.iam\.gserviceaccount\.com /);
  });

  it('resolves an environment variable that references another module, and records the dependency', () => {
    const result = compileFiles(
      { 'datasets/raw.yaml': 'confidentiality: c1\n', 'datasets/sales.yaml': 'confidentiality: c1\ndescription: "copy of ${src}"\n' },
      { environments: ['dv'], environmentFiles: dvWithVariables({ src: '${datasets["raw"].reference}' }) },
    );
    expect(result.diagnostics).toEqual([]);
    expect(resolvedDescription(result)).toBe('copy of `acme-data-dv.acme_c1_raw_eu_dv`');
    expect(result.project.graph.dependenciesOf('datasets/sales')).toEqual(['datasets/raw']);
  });

  it('reports an unknown name at its ${, with a suggestion and the names that exist', () => {
    const result = compileDescription('"x ${projct}"');
    expect(brief(result.diagnostics)).toEqual([`GDP301 ${DATASET}:2:17`]);
    const [d] = result.diagnostics;
    expect(d.message).toBe('unknown reference ${projct}: nothing is called "projct". Did you mean "project"?');
    expect(d.hint).toMatch(/^Known names: .*external_table_reference.*project.*service_accounts/);
    expect(d.environments).toEqual(['dv']);
  });

  it('reports an unknown name once for every environment where it is unknown', () => {
    const result = compileDescription('"x ${projct}"', { environments: ['dv', 'qa', 'np', 'pd'] });
    expect(brief(result.diagnostics)).toEqual([`GDP301 ${DATASET}:2:17`]);
    expect(result.diagnostics[0].environments).toEqual(['dv', 'qa', 'np', 'pd']);
  });

  it('suggests service accounts, declared names and attributes', () => {
    const result = compileDescription('"${service_accounts.workflow} ${datasets.salse.reference} ${datasets.sales.referense}"');
    expect(brief(result.diagnostics)).toEqual([`GDP301 ${DATASET}:2:15`, `GDP301 ${DATASET}:2:44`, `GDP303 ${DATASET}:2:72`]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'unknown reference ${service_accounts.workflow}: "workflow" is not one of workflows, triggers, schedulers. Did you mean "workflows"?',
      'unknown reference ${datasets.salse.reference}: no dataset is named "salse". Did you mean "sales"?',
      'dataset "sales" has no attribute "referense". Did you mean "reference"?',
    ]);
  });

  it('refuses ${date} outside scheduler bodies, at its position in a block scalar', () => {
    const result = compileDescription('|-\n  line one\n  then ${date} here');
    expect(brief(result.diagnostics)).toEqual([`GDP307 ${DATASET}:4:8`]);
    expect(result.diagnostics[0].message).toMatch(/only available in a scheduler body/);
  });

  it('reports a malformed or unclosed reference at its ${', () => {
    expect(brief(compileDescription('"${a b}"').diagnostics)).toEqual([`GDP302 ${DATASET}:2:15`]);
    expect(brief(compileDescription('"ok ${unclosed"').diagnostics)).toEqual([`GDP302 ${DATASET}:2:18`]);
  });

  it('reports attributes asked of plain values', () => {
    const result = compileDescription('"${project.id} ${external_table_reference.x}"');
    expect(brief(result.diagnostics)).toEqual([`GDP303 ${DATASET}:2:15`, `GDP303 ${DATASET}:2:29`]);
  });

  it('reports a problem inside an environment variable at the reference that uses it', () => {
    const result = compileDescription('"from ${src}"', { environments: ['dv'], environmentFiles: dvWithVariables({ src: 'x ${nope}' }) });
    expect(brief(result.diagnostics)).toEqual([`GDP301 ${DATASET}:2:20`]);
    expect(result.diagnostics[0].message).toMatch(/^in environment variable src \(environments\/<env>\.json\): unknown reference \$\{nope\}/);
  });

  it('stops variables that reference each other', () => {
    const result = compileDescription('"${a}"', { environments: ['dv'], environmentFiles: dvWithVariables({ a: '${b}', b: '${a}' }) });
    expect(brief(result.diagnostics)).toEqual([`GDP306 ${DATASET}:2:15`]);
    expect(result.diagnostics[0].message).toMatch(/refers to itself through other variables$/);
  });
});

describe('Resolver', () => {
  // A project with one table, seen through a hand-made symbol source.
  const dv = EnvironmentSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'environments/dv.json'), 'utf8')));
  const tables = { kind: 'table', namespace: 'tables', noun: 'table' } as unknown as ModuleType;
  const symbols = (variables: Record<string, string>): SymbolSource => ({
    env: { ...dv, variables },
    moduleFor: (ns) => (ns === 'tables' ? tables : undefined),
    namespaces: () => ['tables'],
    entity: (ns, name) => (ns === 'tables' && name === 'orders_v1' ? ({ kind: 'table', name } as never) : undefined),
    names: () => ['orders_v1'],
    attributes: () => ({ reference: '`acme-data-dv.sales.orders_v1`' }),
  });

  it('resolves a variable that references a table, with the table as a dependency', () => {
    const r = new Resolver(symbols({ src: '${tables["orders_v1"].reference}' })).resolveString('FROM ${src} WHERE 1');
    expect(r).toEqual({ value: 'FROM `acme-data-dv.sales.orders_v1` WHERE 1', dependencies: [{ namespace: 'tables', name: 'orders_v1' }], errors: [] });
  });

  it('gives errors inside a variable the offset of the reference to the variable', () => {
    const r = new Resolver(symbols({ src: '${tables.orders_v2.reference}' })).resolveString('ab ${src}');
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'GDP301', offset: 3, message: expect.stringMatching(/no table is named "orders_v2"\. Did you mean "orders_v1"\?$/) }),
    ]);
  });

  it('uses local symbols (a scheduler’s ${date}) only where they are given', () => {
    const resolver = new Resolver(symbols({}));
    expect(resolver.resolveString('day=${date}', { date: '2024-01-31' }).value).toBe('day=2024-01-31');
    expect(resolver.resolveString('day=${date}').errors.map((e) => e.code)).toEqual(['GDP307']);
  });

  it('resolves a value once per environment: each gets its own strings, unchanged parts are shared, errors keep their paths', () => {
    // GIVEN one configuration value, with references deep in a list and a mapping, resolved in two environments
    const config = {
      name: 'plain',
      columns: [{ name: 'id', description: 'no reference' }, { name: 'src', description: 'from ${src}', tags: ['${src}', 'x', '${nope}'] }],
      options: { expiry: 1, nested: { a: 'a', b: '${src}' } },
      untouched: { list: ['a', 'b'] },
    };
    const resolve = (src: string) => resolveValue(new Resolver(symbols({ src })), config);
    for (const src of ['one', 'two', 'one']) {
      // WHEN resolved
      const r = resolve(src);
      // THEN the strings with references are this environment's, in the order of the value, and the rest is the configuration's own
      expect(r.value).toEqual({
        name: 'plain',
        columns: [{ name: 'id', description: 'no reference' }, { name: 'src', description: `from ${src}`, tags: [src, 'x', '${nope}'] }],
        options: { expiry: 1, nested: { a: 'a', b: src } },
        untouched: { list: ['a', 'b'] },
      });
      const value = r.value as typeof config;
      expect(Object.keys(value)).toEqual(Object.keys(config));
      expect(value.columns[0]).toBe(config.columns[0]);
      expect(value.untouched).toBe(config.untouched);
      expect(value.columns[1]).not.toBe(config.columns[1]);
      expect(r.errors.map((e) => [e.code, e.path])).toEqual([['GDP301', ['columns', 1, 'tags', 2]]]);
    }
    // AND the configuration itself is unchanged
    expect(config.columns[1].tags).toEqual(['${src}', 'x', '${nope}']);
    expect(config.options.nested.b).toBe('${src}');
  });

  it('gives back a value without references as it is', () => {
    const config = { a: ['x', { b: 1, c: null }], d: 'no ${ here' };
    const r = resolveValue(new Resolver(symbols({})), config);
    expect(r.value).toBe(config);
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([['GDP302', ['d']]]);
    expect(resolveValue(new Resolver(symbols({})), 'plain').value).toBe('plain');
    expect(resolveValue(new Resolver(symbols({ v: 'x' })), '${v}').value).toBe('x');
  });
});
