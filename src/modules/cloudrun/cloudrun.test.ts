import { bundledEnvironments, compileFiles, errors, brief, rawFile } from '../../testing';
import type { Diagnostic } from '../../core/diagnostics';

const SERVICE = 'cloudrun/services/orders_api.yaml';
const JOB = 'cloudrun/jobs/orders_export.yaml';

/** A service file: an image line, then `extra` lines. */
const service = (extra = '', tag = '"1.4.2"'): string => `image:
  repository: europe-west4-docker.pkg.dev/\${project}/apps/orders-api
  tag: ${tag}
${extra}`;

const job = (extra = ''): string => `image:
  repository: europe-west4-docker.pkg.dev/\${project}/apps/orders-export
  tag: "2.0.1"
${extra}`;

const workflowCalling = (url: string, auth = '      auth: { type: OIDC }\n'): string => `workflow_name: enrich
steps:
  - name: score
    call: http.post
    args:
      url: ${url}
${auth}    result: r
  - name: done
    return: $\${r.body}
`;

const withCode = (ds: readonly Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);

describe('Cloud Run services and jobs: validation', () => {
  it('accepts a plain service and job in every environment', () => {
    const result = compileFiles({ [SERVICE]: service(), [JOB]: job() });
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a workflow calling an undeclared service once, at the reference', () => {
    const result = compileFiles({ [SERVICE]: service(), 'workflows/enrich.yaml': workflowCalling('${cloudrun_services["orders_apl"].url}/score') });
    const problems = errors(result);
    expect(problems).toHaveLength(1);
    expect(brief(problems)).toEqual([`${problems[0].code} configuration/workflows/enrich.yaml:6:12`]);
    expect(problems[0].message).toContain('orders_apl');
    expect(`${problems[0].message} ${problems[0].hint ?? ''}`).toContain('orders_api');
  });

  it('refuses the latest tag in np and pd with one error, and warns in dv and qa', () => {
    const result = compileFiles({ [SERVICE]: service('', 'latest') });
    const problems = errors(result);
    expect(brief(problems)).toEqual([`GDP711 configuration/${SERVICE}:3:8`]);
    expect(problems[0].environments).toEqual(['np', 'pd']);
    const warnings = withCode(result.diagnostics, 'GDP711').filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.environments)).toEqual([['dv', 'qa']]);
  });

  it('takes the tag of each environment from a per-environment map, with a default', () => {
    const result = compileFiles({ [SERVICE]: service('', '{ dv: latest, pd: latest, default: "1.4.2" }') });
    expect(errors(result).map((d) => [d.code, d.environments])).toEqual([['GDP711', ['pd']]]);
    const missing = compileFiles({ [SERVICE]: service('', '{ dv: "1.0.0" }') });
    expect(errors(missing).map((d) => [d.code, d.environments])).toEqual([['GDP712', ['qa', 'np', 'pd']]]);
  });

  it('reports 3 CPUs with 512 MiB once, at cpu', () => {
    const result = compileFiles({ [SERVICE]: service('cpu: 3\nmemory: 512Mi\n') });
    expect(brief(errors(result))).toEqual([`GDP713 configuration/${SERVICE}:4:6`]);
    expect(errors(result)[0].message).toContain('1, 2, 4, 6 or 8 CPUs');
  });

  it('checks memory against the CPU count and the fractional-CPU rules', () => {
    const cases: [string, string][] = [
      ['cpu: 4\nmemory: 1Gi\n', '4 CPUs take 2 GiB to 16 GiB'],
      ['cpu: 1\nmemory: 8Gi\n', '1 CPU takes 128 MiB to 4 GiB'],
      ['cpu: 0.25\nmemory: 1Gi\nconcurrency: 1\n', 'at most 512 MiB'],
      ['cpu: 0.5\nmemory: 512Mi\n', 'one request at a time'],
    ];
    for (const [extra, message] of cases) {
      const problems = errors(compileFiles({ [SERVICE]: service(extra) }));
      expect(problems.map((d) => d.code)).toEqual(['GDP713']);
      expect(problems[0].message).toContain(message);
    }
    expect(errors(compileFiles({ [SERVICE]: service('cpu: 0.5\nmemory: 1Gi\nconcurrency: 1\n') }))).toEqual([]);
    expect(errors(compileFiles({ [JOB]: job('memory: 256Mi\n') })).map((d) => d.message)).toEqual(['memory 256 MiB is below the 512 MiB a Cloud Run job needs']);
  });

  it('refuses reserved and malformed environment variable names and undeclared secrets, and warns about unused ones', () => {
    const text = service(`env:
  PORT: "9000"
  CLOUD_RUN_TASK_INDEX: "1"
  bad-name: x
  TOKEN: { secret: api_tokn }
secrets:
  api_token: { external: true }
`);
    const result = compileFiles({ [JOB]: job(), [SERVICE]: text });
    expect(brief(errors(result))).toEqual([
      `GDP715 configuration/${SERVICE}:5:3`,
      `GDP715 configuration/${SERVICE}:6:3`,
      `GDP714 configuration/${SERVICE}:7:3`,
      `GDP716 configuration/${SERVICE}:8:20`,
    ]);
    expect(errors(result)[3].message).toContain('Did you mean "api_token"');
    expect(brief(withCode(result.diagnostics, 'GDP717'))).toEqual([`GDP717 configuration/${SERVICE}:10:3`]);
  });

  it('refuses unauthenticated access to a service not declared public', () => {
    expect(brief(errors(compileFiles({ [SERVICE]: service('allow_unauthenticated: true\n') })))).toEqual([`GDP720 configuration/${SERVICE}:4:24`]);
    expect(errors(compileFiles({ [SERVICE]: service('public: true\ningress: all\nallow_unauthenticated: true\n') }))).toEqual([]);
  });

  it('refuses malformed image references', () => {
    const bad = `image:\n  repository: Europe-docker/Apps/API:1\n  digest: sha256:abc\n`;
    const result = compileFiles({ [SERVICE]: bad });
    expect(errors(result).map((d) => `${d.code} ${d.line}`)).toEqual(['GDP710 2', 'GDP710 3']);
  });

  it('checks scaling, timeouts, parallelism and VPC egress', () => {
    expect(errors(compileFiles({ [SERVICE]: service('min_instances: 5\nmax_instances: 2\ntimeout: 2h\n') })).map((d) => d.code)).toEqual(['GDP718', 'GDP719']);
    expect(errors(compileFiles({ [JOB]: job('task_count: 2\nparallelism: 3\ntask_timeout: 200h\n') })).map((d) => d.code)).toEqual(['GDP730', 'GDP719']);
    const vpc = 'vpc:\n  connector: projects/p/locations/europe-west4/connectors/c\n  network: default\n';
    expect(brief(errors(compileFiles({ [SERVICE]: service(vpc) })))).toEqual([`GDP722 configuration/${SERVICE}:5:3`]);
  });

  it('checks generated names against Cloud Run’s 49-character limit and the runtime account’s 30', () => {
    const name = 'cloudrun/services/a_very_long_service_name_for_orders_x.yaml';
    const problems = errors(compileFiles({ [name]: service() }));
    expect(problems.map((d) => d.code)).toEqual(['GDP403', 'GDP403']);
    expect(problems.map((d) => d.message.replace(/^.* long; /, ''))).toEqual(expect.arrayContaining(['the limit is 49 in dv, qa, np, pd', 'the limit is 30 in dv, qa, np, pd']));
    const given = service('service_account: orders@acme-shared.iam.gserviceaccount.com\n');
    expect(errors(compileFiles({ [name]: given })).map((d) => d.message.replace(/^.* long; /, ''))).toEqual(['the limit is 49 in dv, qa, np, pd']);
  });

  it('asks for the project number a service URL needs', () => {
    const environmentFiles = bundledEnvironments().map((f) =>
      f.relative === 'pd.json' ? rawFile(f.relative, Buffer.from(f.bytes).toString('utf8').replace(/\s*"project_number": "\d+",/, ''), 'environments') : f,
    );
    const problems = errors(compileFiles({ [SERVICE]: service() }, { environmentFiles }));
    expect(problems.map((d) => [d.code, d.environments])).toEqual([['GDP721', ['pd']]]);
  });

  it('refuses a workflow call of a private service without an OIDC token, and warns about a job run it cannot grant', () => {
    const result = compileFiles({ [SERVICE]: service(), 'workflows/enrich.yaml': workflowCalling('${cloudrun_services["orders_api"].url}/score', '') });
    expect(brief(errors(result))).toEqual(['GDP724 configuration/workflows/enrich.yaml:6:12']);
    const run = `workflow_name: export
steps:
  - name: run
    call: googleapis.run.v2.projects.locations.jobs.run
    args:
      name: projects/other/locations/europe-west4/jobs/x
`;
    expect(brief(withCode(compileFiles({ 'workflows/export.yaml': run }).diagnostics, 'GDP725'))).toEqual(['GDP725 configuration/workflows/export.yaml:4:11']);
  });

  it('refuses an Eventarc trigger with both or neither destination, or a path_pattern it cannot enforce for a service', () => {
    const trigger = (destination: string, extra = ''): string =>
      `name: up\nevent_type: google.cloud.storage.object.v1.finalized\nbucket: \${buckets.landing}\n${extra}destination:\n${destination}`;
    const landing = { 'buckets/landing.yaml': 'description: "Uploads"\nlocation: europe-west4\n' };
    const both = compileFiles({ ...landing, [SERVICE]: service(), 'triggers/eventarc/up.yaml': trigger('  cloudrun_service: orders_api\n  workflow: x\n') });
    expect(errors(both).map((d) => d.code)).toHaveLength(1);
    expect(errors(both)[0].message).toContain('exactly one of workflow or cloudrun_service');
    const pattern = compileFiles({ ...landing, [SERVICE]: service(), 'triggers/eventarc/up.yaml': trigger('  cloudrun_service: orders_api\n', 'path_pattern: "a/*.csv"\n') });
    expect(brief(errors(pattern))).toEqual(['GDP726 configuration/triggers/eventarc/up.yaml:4:15']);
    const missing = compileFiles({ ...landing, 'triggers/eventarc/up.yaml': trigger('  cloudrun_service: orders_apl\n') });
    expect(brief(errors(missing))).toEqual([`${errors(missing)[0].code} configuration/triggers/eventarc/up.yaml:5:21`]);
  });
});
