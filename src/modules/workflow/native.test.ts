import { parse, stringify } from 'yaml';
import { compileFiles, errors } from '../../testing';
import { toNativeDefinition } from './native';

describe('toNativeDefinition', () => {
  it('turns users’-form steps into one-key mappings, keeping key order and values', () => {
    // GIVEN steps in the users' form WHEN converted
    const native = toNativeDefinition({
      params: ['args'],
      steps: [
        { name: 'get', call: 'http.get', args: { url: 'https://x' }, result: 'r' },
        { name: 'done', return: '${r.body}' },
      ],
    });
    // THEN each step is `{name: {fields}}` in the same order, and main keeps its params
    expect(native).toEqual({
      main: {
        params: ['args'],
        steps: [{ get: { call: 'http.get', args: { url: 'https://x' }, result: 'r' } }, { done: { return: '${r.body}' } }],
      },
    });
    expect(Object.keys((native.main.steps[0] as { get: object }).get)).toEqual(['call', 'args', 'result']);
  });

  it('leaves native steps as they are and omits params when there are none', () => {
    const steps = [{ init: { assign: [{ x: 1 }], next: 'done' } }, { done: { return: '${x}' } }];
    expect(toNativeDefinition({ steps })).toEqual({ main: { steps } });
  });

  it('converts nested steps in try, except, for, parallel branches and for, switch and steps blocks', () => {
    const native = toNativeDefinition({
      steps: [
        {
          name: 'guarded',
          try: { steps: [{ name: 't1', call: 'sys.log', args: { data: 1 } }] },
          retry: '${http.default_retry}',
          except: { as: 'e', steps: [{ name: 'e1', raise: '${e}' }] },
        },
        { name: 'loop', for: { value: 'v', in: [1, 2], steps: [{ name: 'l1', assign: [{ y: '${v}' }] }] } },
        {
          name: 'fan',
          parallel: {
            shared: ['y'],
            branches: [{ name: 'b1', steps: [{ name: 'b1s', return: 1 }] }, { b2: { steps: [{ b2s: { return: 2 } }] } }],
          },
        },
        { name: 'fan_for', parallel: { for: { value: 'v', in: [1], steps: [{ name: 'pf', return: '${v}' }] } } },
        { name: 'pick', switch: [{ condition: true, steps: [{ name: 's1', next: 'end' }] }], next: 'end' },
        { name: 'group', steps: [{ name: 'g1', return: 0 }] },
      ],
    });
    expect(native.main.steps).toEqual([
      {
        guarded: {
          try: { steps: [{ t1: { call: 'sys.log', args: { data: 1 } } }] },
          retry: '${http.default_retry}',
          except: { as: 'e', steps: [{ e1: { raise: '${e}' } }] },
        },
      },
      { loop: { for: { value: 'v', in: [1, 2], steps: [{ l1: { assign: [{ y: '${v}' }] } }] } } },
      { fan: { parallel: { shared: ['y'], branches: [{ b1: { steps: [{ b1s: { return: 1 } }] } }, { b2: { steps: [{ b2s: { return: 2 } }] } }] } } },
      { fan_for: { parallel: { for: { value: 'v', in: [1], steps: [{ pf: { return: '${v}' } }] } } } },
      { pick: { switch: [{ condition: true, steps: [{ s1: { next: 'end' } }] }], next: 'end' } },
      { group: { steps: [{ g1: { return: 0 } }] } },
    ]);
  });

  it('does not mistake a step’s data for steps (an args value named steps stays as written)', () => {
    const native = toNativeDefinition({ steps: [{ name: 'post', call: 'http.post', args: { body: { steps: [{ name: 'x' }] } } }] });
    expect(native.main.steps).toEqual([{ post: { call: 'http.post', args: { body: { steps: [{ name: 'x' }] } } } }]);
  });

  it('puts main first, then the subworkflows with their params', () => {
    const native = toNativeDefinition({
      steps: [{ name: 'a', call: 'add', args: { x: 1 }, result: 'r' }],
      subworkflows: { add: { params: ['x', { y: 2 }], steps: [{ name: 'sum', return: '${x + y}' }] } },
    });
    expect(Object.keys(native)).toEqual(['main', 'add']);
    expect(native.add).toEqual({ params: ['x', { y: 2 }], steps: [{ sum: { return: '${x + y}' } }] });
  });

  it('converts a resolved seed-style workflow into YAML that Cloud Workflows reads', () => {
    // GIVEN a workflow compiled for dv (references resolved, $${} turned into ${})
    const result = compileFiles({
      'workflows/wf.yaml': `workflow_name: wf
steps:
  - name: check
    call: http.get
    args:
      url: https://api.example.com/status
    result: status
  - name: branch
    switch:
      - condition: $\${status.body.ready}
        next: done
    next: end
  - name: done
    return: \${project}
`,
    });
    expect(errors(result)).toEqual([]);
    const resolved = result.project.environments.get('dv')!.resolved.get('workflows/wf') as Parameters<typeof toNativeDefinition>[0];
    // WHEN converted and serialized THEN the YAML reads back as the native structure
    const yaml = stringify(toNativeDefinition(resolved));
    expect(parse(yaml)).toEqual({
      main: {
        steps: [
          { check: { call: 'http.get', args: { url: 'https://api.example.com/status' }, result: 'status' } },
          { branch: { switch: [{ condition: '${status.body.ready}', next: 'done' }], next: 'end' } },
          { done: { return: 'acme-data-dv' } },
        ],
      },
    });
  });
});
