import { parse } from 'yaml';
import { cloudRunCalls } from './cloud-run-calls';

describe('cloudRunCalls', () => {
  it('finds service calls and job runs in both step forms and in subworkflows, with their auth and overrides', () => {
    const config = parse(`
workflow_name: w
steps:
  - name: score
    call: http.post
    args:
      url: \${cloudrun_services["api"].url}/score
      auth: { type: OIDC }
  - parallel_part:
      call: googleapis.run.v2.projects.locations.jobs.run
      args:
        name: \${cloudrun_jobs["export"].id}
        body:
          overrides: { taskCount: 1 }
  - name: log
    call: sys.log
    args:
      data: \${cloudrun_services["api"].url}
subworkflows:
  helper:
    steps:
      - name: kick
        call: http.post
        args:
          url: \${cloudrun_jobs["cleanup"].run_url}
          auth: { type: OAuth2 }
      - name: other
        call: googleapis.run.v2.projects.locations.jobs.run
        args: { name: projects/p/locations/r/jobs/x }
`) as unknown;
    expect(cloudRunCalls(config).map((c) => [c.kind, c.name, c.path.join('.'), c.oidc, c.overrides])).toEqual([
      ['service', 'api', 'steps.0', true, false],
      ['job', 'export', 'steps.1.parallel_part', false, true],
      ['job', 'cleanup', 'subworkflows.helper.steps.0', false, false],
      ['job', undefined, 'subworkflows.helper.steps.1', false, false],
    ]);
  });
});
