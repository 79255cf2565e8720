import { parse, stringify } from 'yaml';
import type { Reporter } from '../../core/module-type';
import { runtimeExpressions } from '../workflow/expressions';
import { checkStepList, WORKFLOW_LIMITS } from '../workflow/step-checks';
import { isMapping } from '../workflow/step-shape';
import { sourceObjectGuardSteps, sourceObjectPattern } from './source-guard';

const SEED_OBJECT = { bucket: 'transaction-data-bucket', prefix: 'daily/', suffix: '.csv' };

describe('sourceObjectPattern', () => {
  it('matches <bucket>/<name> with the exact bucket, the prefix and the suffix', () => {
    const pattern = sourceObjectPattern(SEED_OBJECT);
    expect(pattern).toBe('^transaction-data-bucket/daily/.*\\.csv$');
    const re = new RegExp(pattern);
    expect(re.test('transaction-data-bucket/daily/2024-01-31.csv')).toBe(true);
    expect(re.test('transaction-data-bucket/daily/2024-01-31.json')).toBe(false);
    expect(re.test('transaction-data-bucket/daily/2024-01-31xcsv')).toBe(false);
    expect(re.test('transaction-data-bucket/monthly/2024-01.csv')).toBe(false);
    expect(re.test('transaction-data-bucket-old/daily/a.csv')).toBe(false);
    expect(re.test('other-bucket/daily/a.csv')).toBe(false);
  });

  it('matches any object of the bucket when there is no prefix or suffix', () => {
    const re = new RegExp(sourceObjectPattern({ bucket: 'b.example.com' }));
    expect(re.test('b.example.com/any/thing')).toBe(true);
    expect(re.test('bxexample.com/any/thing')).toBe(false);
  });

  it('escapes regex characters in the bucket, prefix and suffix', () => {
    const re = new RegExp(sourceObjectPattern({ bucket: 'b', prefix: 'in (1)+[x]/', suffix: '$.*' }));
    expect(re.test('b/in (1)+[x]/file$.*')).toBe(true);
    expect(re.test('b/in 1+x/file$.*')).toBe(false);
    expect(re.test('b/in (1)+[x]/file$xx')).toBe(false);
  });

  it('accepts names where the prefix and the suffix overlap', () => {
    const re = new RegExp(sourceObjectPattern({ bucket: 'b', prefix: 'report.csv', suffix: '.csv' }));
    expect(re.test('b/report.csv')).toBe(true);
    expect(re.test('b/report.csv.bak')).toBe(false);
    expect(re.test('b/report.csv/part.csv')).toBe(true);
    const reAb = new RegExp(sourceObjectPattern({ bucket: 'b', prefix: 'ab', suffix: 'bc' }));
    expect(reAb.test('b/abc')).toBe(true);
    expect(reAb.test('b/ac')).toBe(false);
  });
});

// A small interpreter for the Cloud Workflows subset the guard uses, to check what it does at run time.
type Vars = Record<string, unknown>;
type Outcome = { kind: 'continue' } | { kind: 'break' } | { kind: 'return'; value: unknown };

const runtime = {
  get_type: (v: unknown): string =>
    v === null || v === undefined ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'map' : typeof v === 'number' ? 'double' : typeof v,
  map_get: (m: unknown, key: string): unknown => {
    if (!isMapping(m)) throw new TypeError('map.get on a value that is not a map');
    return m[key] ?? null;
  },
  match_regex: (s: string, pattern: string): boolean => new RegExp(pattern).test(s),
};

function evaluate(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string' && value.startsWith('${') && value.endsWith('}')) {
    const js = value.slice(2, -1).replace(/\band\b/g, '&&').replace(/map\.get/g, 'map_get').replace(/text\.match_regex/g, 'match_regex');
    const names = [...Object.keys(runtime), ...Object.keys(vars)];
    return new Function(...names, `return (${js});`)(...Object.values(runtime), ...Object.values(vars));
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, vars));
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, vars)]));
  return value;
}

function run(steps: unknown[], vars: Vars): Outcome {
  for (const step of steps as Record<string, Record<string, unknown>>[]) {
    const body = Object.values(step)[0];
    let outcome: Outcome = { kind: 'continue' };
    if (body.assign) for (const a of body.assign as Vars[]) for (const [k, v] of Object.entries(a)) vars[k] = evaluate(v, vars);
    if (body.return !== undefined) return { kind: 'return', value: evaluate(body.return, vars) };
    if (body.steps) outcome = run(body.steps as unknown[], vars);
    if (body.switch) {
      const branch = (body.switch as Record<string, unknown>[]).find((c) => evaluate(c.condition, vars) === true);
      if (branch?.steps) outcome = run(branch.steps as unknown[], vars);
    }
    if (body.for) {
      const loop = body.for as { value: string; in: unknown[]; steps: unknown[] };
      for (const item of loop.in) {
        vars[loop.value] = item;
        const r = run(loop.steps, vars);
        if (r.kind === 'break') break;
        if (r.kind === 'return') return r;
      }
    }
    if (outcome.kind !== 'continue') return outcome;
    if (body.next === 'break') return { kind: 'break' };
  }
  return { kind: 'continue' };
}

describe('sourceObjectGuardSteps', () => {
  const objects = [SEED_OBJECT, { bucket: 'archive', suffix: '.parquet' }];
  const guard = sourceObjectGuardSteps(objects, 'event');
  const execute = (event: unknown): Outcome => run(guard, { event });

  it('lets through Cloud Storage events whose object matches one of the source objects', () => {
    expect(execute({ data: { bucket: 'transaction-data-bucket', name: 'daily/2024-01-31.csv' } })).toEqual({ kind: 'continue' });
    expect(execute({ data: { bucket: 'archive', name: 'x/y.parquet' } })).toEqual({ kind: 'continue' });
  });

  it('ends the execution with a small "skipped" result for an object that matches none', () => {
    expect(execute({ data: { bucket: 'transaction-data-bucket', name: 'daily/readme.txt' } })).toEqual({
      kind: 'return',
      value: {
        skipped: true,
        reason: 'the object matches none of the source_objects of this workflow',
        object: 'transaction-data-bucket/daily/readme.txt',
      },
    });
  });

  it('lets through executions that carry no Cloud Storage event', () => {
    for (const argument of [null, { run_date: '2024-01-31' }, { data: 'text' }, { data: { bucket: 'archive' } }, ['a']]) {
      expect(execute(argument)).toEqual({ kind: 'continue' });
    }
  });

  it('reads the event from the given parameter, with text.match_regex and map.get', () => {
    const text = JSON.stringify(guard);
    expect(text).toContain('map.get(event, \\"data\\")');
    expect(text).toContain('text.match_regex(gdp_source_object, gdp_source_pattern)');
    expect(Object.keys(guard[0])).toEqual(['gdp_source_guard']);
  });

  it('passes the workflow step checks, with every expression within the length limit', () => {
    const reports: string[] = [];
    const report: Reporter = (code, path, message) => reports.push(`${code} ${path.join('.')} ${message}`);
    checkStepList(guard, ['steps'], report, []);
    expect(reports).toEqual([]);
    const strings = JSON.stringify(guard).match(/"\$\{(?:[^"\\]|\\.)*"/g) ?? [];
    for (const s of strings) for (const e of runtimeExpressions(JSON.parse(s) as string)) expect(e.text.length).toBeLessThanOrEqual(WORKFLOW_LIMITS.expressionLength);
  });

  it('keeps the patterns intact through YAML serialization', () => {
    const yaml = stringify({ main: { params: ['event'], steps: guard } });
    expect(parse(yaml)).toEqual({ main: { params: ['event'], steps: guard } });
    expect(JSON.stringify(parse(yaml))).toContain(JSON.stringify(sourceObjectPattern(SEED_OBJECT)));
  });

  it('adds nothing when there are no source objects', () => {
    expect(sourceObjectGuardSteps([], 'event')).toEqual([]);
  });
});
