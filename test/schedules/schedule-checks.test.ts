import { compileFiles } from '../../src/testing';

const WORKFLOW = 'workflow_name: w\nsteps:\n  - name: a\n    return: 1\n';
const job = (name: string, schedule: string, zone: string, comment = ''): string =>
  `name: ${name}\nschedule: "${schedule}"${comment}\ntimezone: "${zone}"\nhttp_target:\n  uri: \${workflows.w.trigger_url}\n  http_method: POST\n`;
const codes = (files: Record<string, string>): string[] =>
  compileFiles({ 'workflows/w.yaml': WORKFLOW, ...files }, { environments: ['dv'] }).diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`);

describe('scheduler checks repeated over many files (each schedule and zone decided once per process)', () => {
  it('reports every file with the same bad schedule, zone or never-firing date, not only the first', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      files[`triggers/schedulers/bad_${i}.yaml`] = job(`bad_${i}`, '0 0 30 2 *', 'Europe/Paris');
      files[`triggers/schedulers/zone_${i}.yaml`] = job(`zone_${i}`, '0 1 * * *', 'europe/paris');
      files[`triggers/schedulers/ok_${i}.yaml`] = job(`ok_${i}`, '0 1 * * *', 'Europe/Paris');
    }
    expect(codes(files).sort()).toEqual([
      ...[0, 1, 2].map((i) => `GDP580 configuration/triggers/schedulers/bad_${i}.yaml:2`),
      ...[0, 1, 2].map((i) => `GDP581 configuration/triggers/schedulers/zone_${i}.yaml:3`),
    ]);
  });

  it('still reads the comment beside a schedule when the file has one (GDP582), and only then', () => {
    const files = {
      'triggers/schedulers/a.yaml': job('a', '0 6 * * *', 'Europe/Paris', '  # 06:00 UTC'),
      'triggers/schedulers/b.yaml': job('b', '0 6 * * *', 'Europe/Paris'),
      'triggers/schedulers/c.yaml': job('c', '0 6 * * *', 'Europe/Paris', '  # 06:00 Paris time'),
    };
    expect(codes(files)).toEqual(['GDP582 configuration/triggers/schedulers/a.yaml:2']);
  });
});
